package aidline.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.channel.telegram.FakeBotApi;
import aidline.channel.wechat.FakeWechatApi;
import aidline.channel.wechat.WechatPayloads;
import aidline.config.AppConfig;
import aidline.http.Json;
import aidline.testing.ChildServer;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real {@code serve} in a child JVM with the real answer engine over knowledge-base/, WeChat
 * pointed at a fake WeChat API and Telegram long-polling a fake Bot API; on SQLite and on PostgreSQL.
 */
class ChannelsFullAppIT {
  static final String TG_TOKEN = "123456:TEST-token";
  static final String AMOUNT_QUESTION = "岳阳市初中寄宿生每年有多少生活补助？";

  @TempDir Path dir;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  AppConfig.Storage storage;
  FakeWechatApi wechatApi;
  FakeBotApi botApi;
  Process child;
  int port;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void fakes() throws IOException {
    wechatApi = new FakeWechatApi();
    botApi = new FakeBotApi(TG_TOKEN);
  }

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    wechatApi.close();
    botApi.close();
  }

  void start() throws Exception {
    port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("aidline.Main");
    cmd.add("serve");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("AIDLINE_PORT", Integer.toString(port));
    env.put("AIDLINE_HOST", "127.0.0.1");
    ChildServer.putDatabase(env, storage);
    env.put("AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString());
    env.put("AIDLINE_KB_WATCH", "false");
    env.put("AIDLINE_WECHAT_TOKEN", WechatPayloads.TOKEN);
    env.put("AIDLINE_WECHAT_AES_KEY", WechatPayloads.AES_KEY);
    env.put("AIDLINE_WECHAT_APP_ID", WechatPayloads.APP_ID);
    env.put("AIDLINE_WECHAT_SECRET", "secret");
    env.put("AIDLINE_WECHAT_API_HOST", wechatApi.url());
    env.put("AIDLINE_TELEGRAM_TOKEN", TG_TOKEN);
    env.put("AIDLINE_TELEGRAM_API_URL", botApi.url());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.log").toFile()));
    child = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        if (send(HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(2)).build()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("serve never answered: " + Files.readString(dir.resolve("out.log")));
  }

  void restart() throws Exception {
    child.destroy(); // SIGTERM: graceful stop
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "did not stop");
    start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
    return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> wechat(String query, String body) throws Exception {
    return send(HttpRequest.newBuilder(uri("/wechat?" + query)).header("Content-Type", "text/xml")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
  }

  /** A callback's status and its reply, decrypted when it was encrypted. */
  record Res(int statusCode, String body) {}

  /**
   * As WeChat sends in 安全模式, which the server enforces because an AES key is configured: the
   * message encrypted, the reply decrypted here.
   */
  Res wechatSafe(String plainXml) throws Exception {
    WechatPayloads.Encrypted e = WechatPayloads.encrypt(plainXml);
    HttpResponse<String> r = wechat(e.query(), e.body());
    String body = r.body();
    return new Res(r.statusCode(), body != null && body.contains("<Encrypt>") ? WechatPayloads.decryptReply(body) : body);
  }

  JsonNode chat(String user, String text) throws Exception {
    String body = Json.mapper().writeValueAsString(Map.of("user", user, "text", text));
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/chat")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    assertEquals(200, r.statusCode(), r.body());
    return Json.mapper().readTree(r.body());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String signed() {
    return WechatPayloads.signedQuery(WechatPayloads.TOKEN, Long.toString(System.currentTimeMillis() / 1000), "n" + System.nanoTime());
  }

  /** Runs a CLI command in a child JVM with the same environment as serve. */
  int cli(String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("aidline.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    ChildServer.putDatabase(pb.environment(), storage);
    pb.environment().put("AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("cli.log").toFile()));
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return p.exitValue();
  }

  /** The database this test's server and CLI share: a SQLite file in the test's folder, or a fresh PostgreSQL database. */
  void use(Engine engine) throws IOException {
    Files.createDirectories(dir.resolve("db"));
    storage = engine == Engine.SQLITE ? new AppConfig.Storage(dir.resolve("db/aidline.db").toString(), "FULL", 5000) : dbs.storage(engine);
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void aWorkOrderFiledOnWechatIsOpenedAndItsDispatchReachesTheParentByKefuMessage(Engine engine) throws Exception {
    use(engine);
    assertEquals(0, cli("operator-pass-2026\n", "users", "add", "--username", "op1", "--role", "operator", "--password-stdin"),
        Files.exists(dir.resolve("cli.log")) ? Files.readString(dir.resolve("cli.log")) : "");
    start();
    String[] turns = {"补助一直没到账", "跳过", "13812345678", "岳阳", "是"};
    String last = null;
    for (int i = 0; i < turns.length; i++) {
      Res r = wechatSafe(WechatPayloads.text("oTicket", 910000 + i, turns[i]));
      assertEquals(200, r.statusCode());
      last = WechatPayloads.field(r.body(), "Content");
    }
    java.util.regex.Matcher no = java.util.regex.Pattern.compile("编号 (\\S+?)，").matcher(last);
    assertTrue(no.find(), last);
    String ticketNo = no.group(1);

    String status = WechatPayloads.field(wechatSafe(WechatPayloads.text("oTicket", 910010, "查询工单")).body(), "Content");
    assertTrue(status.contains(ticketNo) && status.contains("已受理"), status);

    HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/api/login")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"op1\",\"password\":\"operator-pass-2026\"}")).build());
    assertEquals(200, login.statusCode(), login.body());
    String token = Json.mapper().readTree(login.body()).get("token").asText();
    HttpResponse<String> dispatched = send(HttpRequest.newBuilder(uri("/api/tickets/" + ticketNo + "/actions"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"dispatch\"}")).build());
    assertEquals(200, dispatched.statusCode(), dispatched.body());

    for (int i = 0; i < 1500 && wechatApi.callsTo("/cgi-bin/message/custom/send").isEmpty(); i++) {
      Thread.sleep(20);
    }
    var sent = wechatApi.callsTo("/cgi-bin/message/custom/send");
    assertEquals(1, sent.size(), "calls: " + wechatApi.calls);
    JsonNode msg = Json.mapper().readTree(sent.get(0).body());
    assertEquals("oTicket", msg.get("touser").asText());
    assertTrue(msg.get("text").get("content").asText().contains(ticketNo), sent.get(0).body());
  }

  String login() throws Exception {
    HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/api/login")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"op1\",\"password\":\"operator-pass-2026\"}")).build());
    assertEquals(200, login.statusCode(), login.body());
    return Json.mapper().readTree(login.body()).get("token").asText();
  }

  void act(String token, String ticketNo, String body) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/tickets/" + ticketNo + "/actions"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    assertEquals(200, r.statusCode(), body + " → " + r.body());
  }

  /** The operator's way from 已受理 to 办理中 and then to 已办结, with a reply for the parent. */
  void workOn(String token, String ticketNo) throws Exception {
    act(token, ticketNo, "{\"action\":\"dispatch\"}");
    act(token, ticketNo, "{\"action\":\"accept\"}");
    act(token, ticketNo, "{\"action\":\"start\"}");
    act(token, ticketNo, "{\"action\":\"resolve\",\"note\":\"已核实，补发到一卡通\",\"parentReply\":\"补助已补发到一卡通，请查收。\"}");
  }

  JsonNode history(String user) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/chat/history?user=" + user)).GET().build());
    assertEquals(200, r.statusCode(), r.body());
    return Json.mapper().readTree(r.body()).get("messages");
  }

  static List<String> notices(JsonNode messages) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : messages) {
      if (m.get("role").asText().equals("notice")) {
        out.add(m.get("text").asText());
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void everyStatusChangeOfAnOrderFiledOnChatReachesTheParentOnWebChatHistoryAndWechat(Engine engine) throws Exception {
    use(engine);
    assertEquals(0, cli("operator-pass-2026\n", "users", "add", "--username", "op1", "--role", "operator", "--password-stdin"),
        Files.exists(dir.resolve("cli.log")) ? Files.readString(dir.resolve("cli.log")) : "");
    start();
    String filed = null;
    for (String turn : new String[] {"补助一直没到账", "跳过", "13812345678", "岳阳", "是"}) {
      filed = chat("web-parent-1", turn).path("ticketNo").textValue();
    }
    String webNo = filed;
    assertTrue(webNo != null && !webNo.isBlank());
    String wxLast = null;
    String[] turns = {"学校克扣营养餐补助", "跳过", "13912345678", "岳阳", "是"};
    for (int i = 0; i < turns.length; i++) {
      wxLast = WechatPayloads.field(wechatSafe(WechatPayloads.text("oNotice", 920000 + i, turns[i])).body(), "Content");
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("编号 (\\S+?)，").matcher(wxLast);
    assertTrue(m.find(), wxLast);
    String wxNo = m.group(1);

    String token = login();
    workOn(token, webNo);
    workOn(token, wxNo);

    // the web chat after a reload: its history holds the conversation and both changes
    List<String> web = List.of();
    for (int i = 0; i < 1500; i++) {
      web = notices(history("web-parent-1"));
      if (web.stream().anyMatch(t -> t.contains("已办结"))) {
        break;
      }
      Thread.sleep(20);
    }
    JsonNode all = history("web-parent-1");
    assertEquals("补助一直没到账", all.get(0).get("text").asText(), all.toString());
    assertTrue(all.toString().contains(webNo), all.toString());
    assertTrue(web.stream().anyMatch(t -> t.contains(webNo) && t.contains("办理中")), web.toString());
    assertTrue(web.stream().anyMatch(t -> t.contains(webNo) && t.contains("已办结") && t.contains("补助已补发到一卡通")), web.toString());
    assertFalse(web.toString().contains("已核实"), "an operator's note never reaches the parent: " + web);
    assertTrue(history("someone-else").isEmpty());

    // WeChat: the same two changes as 客服 messages to the parent who filed the order
    List<String> kefu = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      kefu.clear();
      for (FakeWechatApi.Call c : wechatApi.callsTo("/cgi-bin/message/custom/send")) {
        JsonNode msg = Json.mapper().readTree(c.body());
        if (msg.get("touser").asText().equals("oNotice")) {
          kefu.add(msg.get("text").get("content").asText());
        }
      }
      if (kefu.stream().anyMatch(t -> t.contains("已办结"))) {
        break;
      }
      Thread.sleep(20);
    }
    assertTrue(kefu.stream().anyMatch(t -> t.contains(wxNo) && t.contains("办理中")), kefu.toString());
    assertTrue(kefu.stream().anyMatch(t -> t.contains(wxNo) && t.contains("已办结")), kefu.toString());
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void wechatTelegramAndWebChatOnTheRealServer(Engine engine) throws Exception {
    use(engine);
    start();

    // with an AES key configured, a plaintext callback is refused (issue 15, H3)
    String body = WechatPayloads.text("oFull1", 900001, AMOUNT_QUESTION);
    assertEquals(403, wechat(signed(), body).statusCode());
    // WeChat safe mode: a correct XML reply with the amount and its source, the same for each retry
    List<String> replies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Res r = wechatSafe(body);
      assertEquals(200, r.statusCode());
      replies.add(r.body());
    }
    String content = WechatPayloads.field(replies.get(0), "Content");
    assertTrue(content.contains("1250") && content.contains("岳教体办通〔2016〕17号"), content);
    assertEquals("oFull1", WechatPayloads.field(replies.get(0), "ToUserName"));
    assertEquals(replies.get(0), replies.get(1), "a retry gets the same reply");
    assertEquals(replies.get(0), replies.get(2));

    // WeChat safe mode
    WechatPayloads.Encrypted e = WechatPayloads.encrypt(WechatPayloads.text("oFull2", 900002, AMOUNT_QUESTION));
    HttpResponse<String> aes = wechat(e.query(), e.body());
    assertEquals(200, aes.statusCode());
    assertFalse(aes.body().contains("1250"));
    assertTrue(WechatPayloads.field(WechatPayloads.decryptReply(aes.body()), "Content").contains("1250"));

    // forged signature: 403, and the message id is still unused afterwards
    String forgedBody = WechatPayloads.text("oFull3", 900003, AMOUNT_QUESTION);
    assertEquals(403, wechat(WechatPayloads.signedQuery("forged", Long.toString(System.currentTimeMillis() / 1000), "x"), forgedBody).statusCode());
    assertTrue(WechatPayloads.field(wechatSafe(forgedBody).body(), "Content").contains("1250"));

    // Telegram: the real client long-polls the fake Bot API and answers the update through it
    botApi.addTextUpdate(5001, 4242, AMOUNT_QUESTION);
    botApi.addTextUpdate(5002, 4243, "/start");
    for (int i = 0; i < 1500 && botApi.sent.size() < 2; i++) {
      Thread.sleep(20);
    }
    assertEquals(2, botApi.sent.size(), "sent: " + botApi.sent + " methods: " + botApi.methods);
    FakeBotApi.Sent answer = botApi.sent.stream().filter(s -> s.chatId().equals("4242")).findFirst().orElseThrow();
    assertTrue(answer.text().contains("1250"), answer.text());
    FakeBotApi.Sent welcome = botApi.sent.stream().filter(s -> s.chatId().equals("4243")).findFirst().orElseThrow();
    assertTrue(welcome.text().contains("您可以这样问"), welcome.text());
    assertTrue(botApi.methods.contains("getupdates"));

    // web chat: a clarifying question before a restart is answered after it
    JsonNode ask = chat("web-r1", "初中寄宿生每年有多少生活补助？");
    assertTrue(ask.get("clarify").isTextual(), ask.toString());
    assertTrue(ask.get("amounts").isEmpty());
    restart();
    JsonNode after = chat("web-r1", "岳阳");
    assertNull(after.get("clarify").textValue(), after.toString());
    boolean has1250 = false;
    for (JsonNode a : after.get("amounts")) {
      has1250 |= a.get("value").asInt() == 1250;
    }
    assertTrue(has1250, after.toString());
    assertEquals("岳教体办通〔2016〕17号", after.get("citations").get(0).get("docNumber").asText());

    // the same Telegram update is not answered again after the restart (durable dedupe)
    int before = botApi.sent.size();
    botApi.addTextUpdate(5003, 4244, "你好");
    for (int i = 0; i < 1500 && botApi.sent.size() < before + 1; i++) {
      Thread.sleep(20);
    }
    assertEquals(before + 1, botApi.sent.size(), "only the new update is answered: " + botApi.sent);
  }
}
