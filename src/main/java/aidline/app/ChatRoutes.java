package aidline.app;

import aidline.answer.Conversations;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/**
 * {@code POST /api/chat {"user","text"}} → the ask JSON. Per-user state lives in memory here; the
 * conversation feature replaces this route with its persisted bot.
 */
public final class ChatRoutes implements RouteModule {
  private static final int MAX_TEXT = 2000;

  private final Conversations conversations;

  public ChatRoutes(Conversations conversations) {
    this.conversations = conversations;
  }

  record ChatRequest(String user, String text, String region) {}

  @Override
  public void routes(RoutesConfig routes) {
    routes.post("/api/chat", this::chat);
  }

  private void chat(Context ctx) {
    ChatRequest req;
    try {
      req = ctx.bodyAsClass(ChatRequest.class);
    } catch (Exception e) {
      // Jackson's parse errors arrive unchecked through Javalin; all mean the body is not our JSON
      throw new BadRequestResponse("需要 JSON 对象 {\"user\",\"text\"}");
    }
    if (req == null || req.text() == null || req.text().isBlank()) {
      throw new BadRequestResponse("text 不能为空");
    }
    if (req.text().length() > MAX_TEXT) {
      throw new BadRequestResponse("text 过长（最多 " + MAX_TEXT + " 字）");
    }
    ctx.json(conversations.ask(req.user(), req.text(), req.region()));
  }
}
