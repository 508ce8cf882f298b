package aidline.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.conversation.Bot;
import aidline.conversation.ConversationStore;
import aidline.conversation.FakeEngine;
import aidline.conversation.FakeTicketDesk;
import aidline.conversation.InboundLedger;
import aidline.conversation.OutboxNotifier;
import aidline.conversation.TicketFormFlow;
import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.knowledge.Regions;
import aidline.storage.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.testtools.JavalinTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The /wechat callback with real WxJava payloads (signed, and AES-encrypted with WxJava's crypto),
 * real SQLite, and 客服 calls going through WxJava to a local fake WeChat API.
 */
class WechatRouteTest {
  static final Regions REGIONS = Regions.load(Path.of("knowledge-base/regions.yaml"));

  @TempDir Path dir;
  Database db;
  FakeWechatApi api;
  FakeEngine engine = new FakeEngine();
  OutboxNotifier outbox;
  WechatGateway gateway;
  InboundLedger ledger;
  ConversationStore store;
  Javalin app;

  @BeforeEach
  void setUp() throws Exception {
    db = Database.open(new AppConfig.Storage(dir.resolve("w.db").toString(), "FULL", 5000));
    api = new FakeWechatApi();
    start("");
  }

  /** Plaintext mode, or safe mode (plaintext then refused) when an AES key is given. */
  void start(String aesKey) {
    if (gateway != null) {
      gateway.close();
      outbox.close();
    }
    AppConfig.Wechat cfg =
        new AppConfig.Wechat(WechatPayloads.TOKEN, aesKey, WechatPayloads.APP_ID, "secret", api.url(), 4000, "");
    WechatChannel channel = new WechatChannel(cfg);
    store = new ConversationStore(db, Json.mapper(), Clock.systemUTC());
    ledger = new InboundLedger(db, Clock.systemUTC());
    outbox = new OutboxNotifier(db, Clock.systemUTC(),
        Map.of("wechat", channel.sender(u -> store.lastSeen("wechat", u), Clock.systemUTC())),
        new OutboxNotifier.Policy(Duration.ofMillis(20), Duration.ofMillis(100), 5, Duration.ofMillis(50)));
    outbox.start();
    Bot bot = new Bot(engine, new FakeTicketDesk(), store, new TicketFormFlow(REGIONS));
    gateway = channel.gateway(bot, ledger, outbox);
    gateway.start();
    app = HttpServer.create(new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(),
        new Health(db::reachable, () -> 0, "test"), List.of(new WechatModule(gateway, Context::ip)));
  }

  @AfterEach
  void tearDown() {
    engine.release();
    gateway.close();
    outbox.close();
    api.close();
    db.close();
  }

  record Res(int code, String body) {}

  static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

  static Res post(String base, String query, String body) throws Exception {
    var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/wechat?" + query))
        .header("Content-Type", "text/xml; charset=utf-8")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    var res = HTTP.send(req, java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Res(res.statusCode(), res.body());
  }

  static Res get(String base, String pathAndQuery) throws Exception {
    var res = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + pathAndQuery)).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Res(res.statusCode(), res.body());
  }

  static String now() {
    return Long.toString(System.currentTimeMillis() / 1000);
  }

  static String signed() {
    return WechatPayloads.signedQuery(WechatPayloads.TOKEN, now(), "n" + System.nanoTime());
  }

  @Test
  void urlVerificationEchoesOnlyWithTheRightSignature() {
    JavalinTest.test(app, (server, client) -> {
      var ok = get(client.getOrigin(), "/wechat?" + WechatPayloads.signedQuery(WechatPayloads.TOKEN, now(), "abc") + "&echostr=hello123");
      assertEquals(200, ok.code());
      assertEquals("hello123", ok.body());
      var bad = get(client.getOrigin(), "/wechat?" + WechatPayloads.signedQuery("wrong", "1700000000", "abc") + "&echostr=hello123");
      assertEquals(403, bad.code());
      assertFalse(bad.body().contains("hello123"));
    });
  }

  @Test
  void plaintextAmountQuestionGetsAnXmlReplyWithTheNumberAndSource() {
    JavalinTest.test(app, (server, client) -> {
      Res r = post(client.getOrigin(), signed(), WechatPayloads.text("oParent1", 1001, "岳阳市初中寄宿生每年有多少生活补助？"));
      assertEquals(200, r.code());
      String xml = r.body();
      assertEquals("text", WechatPayloads.field(xml, "MsgType"));
      assertEquals("oParent1", WechatPayloads.field(xml, "ToUserName"));
      assertEquals("gh_aidline", WechatPayloads.field(xml, "FromUserName"));
      String content = WechatPayloads.field(xml, "Content");
      assertTrue(content.contains("1250") && content.contains("岳教体办通〔2016〕17号"), content);
    });
  }

  @Test
  void aesMessageGetsAnEncryptedReplyThatDecryptsToTheAnswer() {
    start(WechatPayloads.AES_KEY);
    JavalinTest.test(app, (server, client) -> {
      WechatPayloads.Encrypted e = WechatPayloads.encrypt(WechatPayloads.text("oParent2", 2001, "岳阳初中寄宿生生活补助多少钱"));
      Res r = post(client.getOrigin(), e.query(), e.body());
      assertEquals(200, r.code());
      String envelope = r.body();
      assertNotNull(WechatPayloads.field(envelope, "Encrypt"), envelope);
      assertFalse(envelope.contains("1250"), "reply must be encrypted");
      String plain = WechatPayloads.decryptReply(envelope);
      assertTrue(WechatPayloads.field(plain, "Content").contains("1250"), plain);
      assertEquals("oParent2", WechatPayloads.field(plain, "ToUserName"));
    });
  }

  @Test
  void sameMsgIdThreeTimesIsProcessedOnceWithAnIdenticalReply() {
    JavalinTest.test(app, (server, client) -> {
      String body = WechatPayloads.text("oParent3", 3001, "岳阳市初中寄宿生每年有多少生活补助？");
      List<String> replies = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Res r = post(client.getOrigin(), signed(), body);
        assertEquals(200, r.code());
        replies.add(r.body());
      }
      assertEquals(1, engine.calls.get());
      assertEquals(replies.get(0), replies.get(1));
      assertEquals(replies.get(0), replies.get(2));
      assertTrue(replies.get(0).contains("1250"));
      assertEquals(1, ledger.count("wechat"));
    });
  }

  @Test
  void concurrentRetriesOfARunningMessageDoNotRunTheBotTwice() throws Exception {
    engine.hold();
    JavalinTest.test(app, (server, client) -> {
      String body = WechatPayloads.text("oParent4", 4001, "岳阳市初中寄宿生每年有多少生活补助？");
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<String>> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          Callable<String> c = () -> post(client.getOrigin(), signed(), body).body();
          out.add(pool.submit(c));
        }
        // every request has returned (the first with "success" after its budget) before the answer is released
        List<String> got = new ArrayList<>();
        for (Future<String> f : out) {
          got.add(f.get());
        }
        assertEquals(List.of("success", "success", "success"), got);
        engine.release();
        waitFor(() -> !api.callsTo("/cgi-bin/message/custom/send").isEmpty());
        assertEquals(1, engine.calls.get());
        assertEquals(1, api.callsTo("/cgi-bin/message/custom/send").size());
      } finally {
        pool.shutdownNow();
      }
    });
  }

  @Test
  void answerPastTheBudgetRepliesSuccessThenSendsAKefuMessage() {
    engine.hold();
    JavalinTest.test(app, (server, client) -> {
      Res r = post(client.getOrigin(), signed(), WechatPayloads.text("oSlow", 5001, "岳阳市初中寄宿生每年有多少生活补助？"));
      assertEquals("success", r.body());
      assertTrue(api.callsTo("/cgi-bin/message/custom/send").isEmpty());
      engine.release();
      waitFor(() -> !api.callsTo("/cgi-bin/message/custom/send").isEmpty());
      FakeWechatApi.Call sent = api.callsTo("/cgi-bin/message/custom/send").get(0);
      assertTrue(sent.query().contains("access_token=FAKE_TOKEN"), sent.query());
      var json = Json.mapper().readTree(sent.body());
      assertEquals("oSlow", json.get("touser").asText());
      assertEquals("text", json.get("msgtype").asText());
      assertTrue(json.get("text").get("content").asText().contains("1250"), sent.body());
      // a late retry of the same message gets "success" too: the answer already went by 客服 message
      Res retry = post(client.getOrigin(), signed(), WechatPayloads.text("oSlow", 5001, "岳阳市初中寄宿生每年有多少生活补助？"));
      assertEquals("success", retry.body());
      assertEquals(1, engine.calls.get());
    });
  }

  @Test
  void forgedOrMissingSignaturesAre403AndChangeNothing() {
    JavalinTest.test(app, (server, client) -> {
      String body = WechatPayloads.text("oEvil", 6001, "岳阳市初中寄宿生每年有多少生活补助？");
      Res forged = post(client.getOrigin(), WechatPayloads.signedQuery("not-the-token", now(), "n1"), body);
      assertEquals(403, forged.code());
      Res missing = post(client.getOrigin(), "timestamp=" + now() + "&nonce=n1", body);
      assertEquals(403, missing.code());
      // right plain signature but an AES message while no key is configured
      WechatPayloads.Encrypted e = WechatPayloads.encrypt(body);
      Res badAes = post(client.getOrigin(), e.query().replaceAll("msg_signature=[0-9a-f]+", "msg_signature=deadbeef"), e.body());
      assertEquals(403, badAes.code());
      assertEquals(0, engine.calls.get());
      assertEquals(0, ledger.count("wechat"));
      assertEquals(-1, store.lastSeen("wechat", "oEvil"));
      // and the genuine message afterwards is processed (the forgeries did not burn its MsgId)
      Res real = post(client.getOrigin(), signed(), body);
      assertTrue(real.body().contains("1250"));
    });
  }

  @Test
  void subscribeClickVoiceAndOtherTypes() {
    JavalinTest.test(app, (server, client) -> {
      String welcome = WechatPayloads.field(
          post(client.getOrigin(), signed(), WechatPayloads.event("oNew", 1700000100, "subscribe", null)).body(), "Content");
      assertTrue(welcome.contains("您可以这样问") && welcome.contains("寄宿生"), welcome);
      String click = WechatPayloads.field(
          post(client.getOrigin(), signed(), WechatPayloads.event("oNew", 1700000101, "CLICK", "ASK:岳阳市寄宿生生活补助多少")).body(), "Content");
      assertTrue(click.contains("1250"), click);
      String voice = WechatPayloads.field(
          post(client.getOrigin(), signed(), WechatPayloads.voice("oNew", 7001, "岳阳初中寄宿生生活补助是多少")).body(), "Content");
      assertTrue(voice.contains("1250"), voice);
      String image = WechatPayloads.field(
          post(client.getOrigin(), signed(), WechatPayloads.image("oNew", 7002)).body(), "Content");
      assertTrue(image.contains("文字"), image);
      assertEquals("success",
          post(client.getOrigin(), signed(), WechatPayloads.event("oNew", 1700000102, "unsubscribe", null)).body());
      assertEquals(2, engine.calls.get());
      Res garbage = post(client.getOrigin(), signed(), "not xml at all");
      assertEquals(400, garbage.code());
    });
  }

  @Test
  void longAnswersAreSplitUnderTheLimitAndTheRestGoesByKefu() {
    engine.replyWith("资助政策说明第一条内容较长。".repeat(200));
    JavalinTest.test(app, (server, client) -> {
      String xml = post(client.getOrigin(), signed(), WechatPayloads.text("oLong", 8001, "讲讲政策")).body();
      String content = WechatPayloads.field(xml, "Content");
      assertTrue(content.getBytes(StandardCharsets.UTF_8).length <= 2047, "" + content.getBytes(StandardCharsets.UTF_8).length);
      assertTrue(content.endsWith("。"));
      waitFor(() -> api.callsTo("/cgi-bin/message/custom/send").size() >= 3);
      assertEquals(3, api.callsTo("/cgi-bin/message/custom/send").size());
    });
  }

  static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    for (int i = 0; i < 1500 && !done.getAsBoolean(); i++) {
      Thread.sleep(20);
    }
  }
}
