package aidline.channel.web;

import aidline.conversation.Bot;
import aidline.conversation.InboundMessage;
import aidline.conversation.Reply;
import aidline.http.ErrorHandlers;
import aidline.http.JsonBody;
import aidline.http.RouteModule;
import aidline.answer.Amount;
import aidline.answer.Answer;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The web chat: the page at {@code /} (static, from the classpath, nothing fetched from elsewhere)
 * and {@code POST /api/chat {"user","text","region"?}}, which answers with the chat contract's JSON plus
 * {@code user} and {@code ticketNo}.
 */
public final class WebChatModule implements RouteModule {
  public static final String CHANNEL = "web";
  static final int MAX_TEXT = 2000;

  private final Bot bot;
  private final ObjectMapper json;
  private final byte[] page;
  private final String csp;
  private final Function<Context, String> clientIp;
  private final WebChatHistory history;
  private final ChatReplies replies;

  public WebChatModule(Bot bot, ObjectMapper json) {
    this(bot, json, Context::ip, null);
  }

  /**
   * @param clientIp the client's address (behind a trusted proxy, the one it forwards)
   * @param history where each browser's conversation and order notices are kept, or null (none kept)
   */
  public WebChatModule(Bot bot, ObjectMapper json, Function<Context, String> clientIp,
      WebChatHistory history) {
    this.clientIp = clientIp;
    this.history = history;
    this.bot = bot;
    this.json = json;
    this.replies = new ChatReplies(json);
    try (InputStream in = WebChatModule.class.getResourceAsStream("/aidline/web/index.html")) {
      this.page = in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("web chat page missing from the jar", e);
    }
    this.csp = PageSecurity.contentSecurityPolicy(new String(page, StandardCharsets.UTF_8));
  }

  @Override
  public void routes(RoutesConfig routes) {
    routes.get("/", ctx -> {
      ctx.header("Content-Security-Policy", csp);
      ctx.header("X-Frame-Options", "DENY");
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Referrer-Policy", "no-referrer");
      ctx.contentType("text/html; charset=utf-8").result(page);
    });
    routes.post("/api/chat", this::chat);
    routes.get("/api/chat/history", this::history);
  }

  /** {@code GET /api/chat/history?user=&after=}: the browser's conversation, oldest first (additive). */
  private void history(Context ctx) throws IOException {
    String user = ctx.queryParam("user") == null ? "" : ctx.queryParam("user").trim();
    if (user.isEmpty() || user.length() > 100) {
      throw new ChatRequestException("user 不能为空，最多 100 个字符");
    }
    long after;
    try {
      after = ctx.queryParam("after") == null ? 0 : Long.parseLong(ctx.queryParam("after"));
    } catch (NumberFormatException e) {
      throw new ChatRequestException("after 必须是数字");
    }
    ArrayNode list = json.createArrayNode();
    for (WebChatHistory.Entry e : history == null ? List.<WebChatHistory.Entry>of() : history.since(user, after)) {
      ObjectNode m = list.addObject();
      m.put("id", e.id());
      m.put("role", e.role());
      m.put("text", e.text());
      m.set("answer", e.answer() == null ? null : json.readTree(e.answer()));
      m.put("at", e.at());
    }
    ObjectNode out = json.createObjectNode();
    out.put("user", user);
    out.set("messages", list);
    ctx.json(out);
  }

  /**
   * One message: the state's write and the history's are queued for the same group commit and the
   * reply waits once for both (DESIGN.md, durability); the JSON is written once, for both uses, and
   * a repeated answer's part of it is remembered ({@link ChatReplies}).
   */
  private void chat(Context ctx) throws IOException {
    ChatRequest req = parse(ctx);
    Bot.Handled handled = bot.handleLater(new InboundMessage(CHANNEL, req.user(), null, req.text(), req.region(), clientIp.apply(ctx)));
    Reply reply = handled.reply();
    ChatReplies.Rendered rendered = replies.of(reply);
    String body = ChatReplies.body(rendered, req.user(), reply.ticketNo());
    if (history != null) {
      Bot.await(handled.saved(), history.turn(req.user(), req.text(), rendered.plainText(), body));
    } else {
      Bot.await(handled.saved());
    }
    ctx.contentType(ContentType.APPLICATION_JSON).result(body);
  }

  record ChatRequest(String user, String text, String region) {}

  /**
   * The reply as the contract has it, written in one pass: the answer's fields, then {@code user},
   * {@code ticketNo}, {@code choices}. Amounts are written as a JSON tree wrote them before (trailing
   * zeros stripped: 2400.50 as 2400.5), so the bytes stay the same.
   */
  record ChatResponse(@JsonUnwrapped Answer answer, String user, String ticketNo, List<String> choices) {
    static ChatResponse of(Reply reply, String user) {
      Answer a = reply.answer();
      if (a.amounts() != null && a.amounts().stream().anyMatch(m -> m.value() != null && !stripped(m.value()).equals(m.value()))) {
        List<Amount> plain = a.amounts().stream()
            .map(m -> m.value() == null ? m : new Amount(stripped(m.value()), m.unit(), m.item(), m.region())).toList();
        a = new Answer(a.reply(), a.intent(), plain, a.citations(), a.clarify(), a.handoff(), a.lead(), a.more());
      }
      return new ChatResponse(a, user, reply.ticketNo(), reply.choices());
    }

    private static BigDecimal stripped(BigDecimal v) {
      return v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
    }
  }

  private ChatRequest parse(Context ctx) {
    JsonNode n;
    try {
      n = JsonBody.tree(ctx, json); // the rate limiter before this route has parsed it already
    } catch (IOException e) {
      throw new ChatRequestException("请求必须是 JSON，例如 {\"user\":\"u1\",\"text\":\"你好\"}");
    }
    if (n == null || !n.isObject()) {
      throw new ChatRequestException("请求必须是 JSON 对象，例如 {\"user\":\"u1\",\"text\":\"你好\"}");
    }
    String text = n.path("text").isTextual() ? n.get("text").asText().trim() : "";
    if (text.isEmpty()) {
      throw new ChatRequestException("text 不能为空");
    }
    if (text.length() > MAX_TEXT) {
      throw new ChatRequestException("问题太长了，请控制在 " + MAX_TEXT + " 字以内");
    }
    String user = n.path("user").isTextual() ? n.get("user").asText().trim() : "";
    if (user.length() > 100) {
      throw new ChatRequestException("user 过长（最多 100 个字符）");
    }
    // without a user there is no conversation to continue: a fresh id, returned so the caller can reuse it
    String region = n.path("region").isTextual() ? n.get("region").asText().trim() : null;
    return new ChatRequest(user.isEmpty() ? "anon-" + UUID.randomUUID() : user, text, region);
  }

  @Override
  public void errors(ErrorHandlers errors) {
    errors.map(ChatRequestException.class, 400, "bad_chat_request");
  }
}
