package aidline.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import aidline.storage.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, H3 and M5: what the /wechat callback refuses before the bot runs. */
class WechatGuardsTest {
  @TempDir Path dir;
  Database db;
  FakeWechatApi api;
  FakeEngine engine = new FakeEngine();
  OutboxNotifier outbox;
  WechatGateway gateway;
  Javalin app;

  void start(String aesKey, boolean allowlist) throws Exception {
    db = Database.open(new AppConfig.Storage(dir.resolve("g.db").toString(), "FULL", 5000));
    api = new FakeWechatApi();
    // the defaults (300 s window, 20 messages a minute) except for the allowlist test
    AppConfig.Wechat cfg = new AppConfig.Wechat(WechatPayloads.TOKEN, aesKey, WechatPayloads.APP_ID, "secret", api.url(), 4000, "");
    WechatChannel channel = new WechatChannel(allowlist ? withAllowlist(cfg) : cfg);
    ConversationStore store = new ConversationStore(db, Json.mapper(), Clock.systemUTC());
    outbox = new OutboxNotifier(db, Clock.systemUTC(), Map.of(), OutboxNotifier.Policy.defaults());
    outbox.start();
    // the guards' clock stands still: a per-openid bucket must not refill a token while a busy
    // machine takes more than three seconds over 25 messages (the counts below are exact)
    Clock frozen = Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC);
    gateway = channel.gateway(new Bot(engine, new FakeTicketDesk(), store, new TicketFormFlow(WechatRouteTest.REGIONS)),
        new InboundLedger(db, Clock.systemUTC()), outbox, frozen);
    gateway.start();
    app = HttpServer.create(new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(),
        new Health(db::reachable, () -> 0, "test"), List.of(new WechatModule(gateway, Context::ip)));
  }

  static AppConfig.Wechat withAllowlist(AppConfig.Wechat c) {
    return new AppConfig.Wechat(c.token(), c.aesKey(), c.appId(), c.secret(), c.apiHost(), c.replyBudgetMillis(), c.templateId(),
        300, 20, true);
  }

  @AfterEach
  void tearDown() {
    engine.release();
    gateway.close();
    outbox.close();
    api.close();
    db.close();
  }

  static String at(long epochSeconds, String nonce) {
    return WechatPayloads.signedQuery(WechatPayloads.TOKEN, Long.toString(epochSeconds), nonce);
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  static WechatRouteTest.Res post(String base, String query, String body) throws Exception {
    return WechatRouteTest.post(base, query, body);
  }

  @Test
  void timestampsOutsideFiveMinutesAreRefusedEitherWay() throws Exception {
    start("", false);
    JavalinTest.test(app, (server, client) -> {
      String q = "岳阳市初中寄宿生每年有多少生活补助？";
      assertEquals(403, post(client.getOrigin(), at(now() - 86_400, "a"), WechatPayloads.text("oA", 1, q)).code());
      assertEquals(403, post(client.getOrigin(), at(now() - 365L * 86_400, "b"), WechatPayloads.text("oA", 2, q)).code());
      assertEquals(403, post(client.getOrigin(), at(now() + 3_600, "c"), WechatPayloads.text("oA", 3, q)).code());
      assertEquals(403, WechatRouteTest.get(client.getOrigin(), "/wechat?" + at(now() - 86_400, "d") + "&echostr=e").code());
      assertEquals(0, engine.calls.get());
      assertEquals(200, post(client.getOrigin(), at(now() - 200, "e"), WechatPayloads.text("oA", 4, q)).code());
      assertEquals(1, engine.calls.get());
    });
  }

  @Test
  void oneCapturedSignatureCarriesOnlyItsOwnMessageAndItsRetries() throws Exception {
    start("", false);
    JavalinTest.test(app, (server, client) -> {
      String query = at(now(), "captured");
      String genuine = WechatPayloads.text("oB", 100, "岳阳市初中寄宿生每年有多少生活补助？");
      WechatRouteTest.Res first = post(client.getOrigin(), query, genuine);
      assertEquals(200, first.code());
      int refused = 0;
      for (int i = 0; i < 150; i++) {
        WechatRouteTest.Res forged = post(client.getOrigin(), query, WechatPayloads.text("oEvil" + i, 200 + i, "伪造的消息"));
        refused += forged.code() == 403 ? 1 : 0;
      }
      assertEquals(150, refused);
      // WeChat's own retry with the same query and MsgId gets the stored reply
      WechatRouteTest.Res retry = post(client.getOrigin(), query, genuine);
      assertEquals(200, retry.code());
      assertEquals(first.body(), retry.body());
      assertEquals(1, engine.calls.get());
    });
  }

  @Test
  void withAnAesKeyPlaintextAndOtherAppIdsAreRefused() throws Exception {
    start(WechatPayloads.AES_KEY, false);
    JavalinTest.test(app, (server, client) -> {
      String body = WechatPayloads.text("oC", 300, "岳阳市初中寄宿生每年有多少生活补助？");
      assertEquals(403, post(client.getOrigin(), at(now(), "p1"), body).code());
      // encrypted with our key but for another 公众号
      WxCryptUtil other = new WxCryptUtil(WechatPayloads.TOKEN, WechatPayloads.AES_KEY, "wxOTHERAPP00000000");
      WxCryptUtil.EncryptContext ctx = other.encryptContext(body);
      String q = WechatPayloads.signedQuery(WechatPayloads.TOKEN, ctx.getTimeStamp(), ctx.getNonce())
          + "&encrypt_type=aes&msg_signature=" + SHA1.gen(WechatPayloads.TOKEN, ctx.getTimeStamp(), ctx.getNonce(), ctx.getEncrypt());
      String envelope = "<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[" + ctx.getEncrypt() + "]]></Encrypt></xml>";
      assertEquals(403, post(client.getOrigin(), q, envelope).code());
      // a forged msg_signature on our own ciphertext
      WechatPayloads.Encrypted e = WechatPayloads.encrypt(body);
      assertEquals(403, post(client.getOrigin(), e.query().replaceAll("msg_signature=[0-9a-f]+", "msg_signature=deadbeef"), e.body()).code());
      assertEquals(0, engine.calls.get());
      WechatPayloads.Encrypted ok = WechatPayloads.encrypt(body);
      assertEquals(200, post(client.getOrigin(), ok.query(), ok.body()).code());
      assertEquals(1, engine.calls.get());
    });
  }

  @Test
  void oneFollowerIsRateLimitedButOthersOnTheSameServerAreNot() throws Exception {
    start("", false);
    JavalinTest.test(app, (server, client) -> {
      int slowed = 0;
      for (int i = 0; i < 25; i++) {
        String reply = post(client.getOrigin(), at(now(), "r" + i), WechatPayloads.text("oFlood", 400 + i, "你好")).body();
        slowed += reply.contains("太快") ? 1 : 0;
      }
      assertEquals(5, slowed);
      assertEquals(20, engine.calls.get());
      String other = post(client.getOrigin(), at(now(), "other"), WechatPayloads.text("oCalm", 500, "你好")).body();
      assertTrue(!other.contains("太快"), other);
    });
  }

  @Test
  void retriesAndReplaysSpendNoTokenAndAreToldApartOverTheRateToo() throws Exception {
    start("", false);
    JavalinTest.test(app, (server, client) -> {
      String query = at(now(), "first");
      String genuine = WechatPayloads.text("oR", 700, "你好");
      String reply = post(client.getOrigin(), query, genuine).body();
      for (int i = 0; i < 5; i++) {
        assertEquals(reply, post(client.getOrigin(), query, genuine).body(), "a retry gets the stored reply");
        assertEquals(403, post(client.getOrigin(), query, WechatPayloads.text("oR", 800 + i, "伪造")).code());
      }
      // none of the ten above counted: 19 more messages are answered, the 21st is slowed
      for (int i = 0; i < 19; i++) {
        String r = post(client.getOrigin(), at(now(), "n" + i), WechatPayloads.text("oR", 900 + i, "你好")).body();
        assertFalse(r.contains("太快"), "message " + i + ": " + r);
      }
      assertTrue(post(client.getOrigin(), at(now(), "over"), WechatPayloads.text("oR", 999, "你好")).body().contains("太快"));
      assertEquals(20, engine.calls.get());
      // over the rate, a retry still gets its reply and a replay is still refused (the reads decide)
      assertEquals(reply, post(client.getOrigin(), query, genuine).body());
      assertEquals(403, post(client.getOrigin(), query, WechatPayloads.text("oR", 1000, "伪造")).code());
    });
  }

  @Test
  void deepOrHugeBodiesAreA400AndLongTextsAreAskedToBeShortened() throws Exception {
    start("", false);
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    root.addAppender(logged);
    JavalinTest.test(app, (server, client) -> {
      String deep = "<xml>" + "<a>".repeat(50_000) + "x" + "</a>".repeat(50_000) + "</xml>";
      assertEquals(400, post(client.getOrigin(), at(now(), "d1"), deep).code());
      // one line for the refusal, no stack trace (the access log line is at INFO and not counted)
      List<ch.qos.logback.classic.spi.ILoggingEvent> warnings = logged.list.stream()
          .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)).toList();
      assertEquals(1, warnings.size(), warnings.toString());
      assertEquals(null, warnings.get(0).getThrowableProxy());
      root.detachAppender(logged);
      String huge = WechatPayloads.text("oD", 600, "资".repeat(300_000));
      assertEquals(400, post(client.getOrigin(), at(now(), "d2"), huge).code());
      String dtd = "<!DOCTYPE xml [<!ENTITY a \"aaaa\">]>" + WechatPayloads.text("oD", 601, "&a;");
      assertEquals(400, post(client.getOrigin(), at(now(), "d3"), dtd).code());
      String longText = post(client.getOrigin(), at(now(), "d4"), WechatPayloads.text("oD", 602, "资助".repeat(1_100))).body();
      assertTrue(WechatPayloads.field(longText, "Content").contains("请精简问题"), longText);
      assertEquals(0, engine.calls.get());
    });
  }

  @Test
  void withTheAllowlistOnlyWechatsCallbackAddressesAreHeard() throws Exception {
    start("", true);
    JavalinTest.test(app, (server, client) -> {
      // the fake lists only 101.226.103.0; this test calls from 127.0.0.1
      Thread.sleep(300);
      assertEquals(403, post(client.getOrigin(), at(now(), "ip1"), WechatPayloads.text("oE", 700, "你好")).code());
      api.callbackIps = List.of("127.0.0.1");
      gateway.refreshCallbackIps();
      assertEquals(200, post(client.getOrigin(), at(now(), "ip2"), WechatPayloads.text("oE", 701, "你好")).code());
      assertTrue(!api.callsTo("/cgi-bin/getcallbackip").isEmpty());
    });
  }
}
