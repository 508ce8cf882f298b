package aidline.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.http.Json;
import aidline.config.AppConfig;
import aidline.conversation.Bot;
import aidline.conversation.ConversationStore;
import aidline.conversation.FakeEngine;
import aidline.conversation.FakeTicketDesk;
import aidline.conversation.InboundLedger;
import aidline.conversation.OutboxNotifier;
import aidline.conversation.TicketFormFlow;
import aidline.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 15, M5/H3: random and mutated WeChat bodies through the real pre-check and the real
 * gateway. Every outcome is a reply or one of the two refusal exceptions (a 400/403) — never a
 * StackOverflowError, a RuntimeException from WxJava, or the bot run for a refused body. The
 * counts are printed.
 */
class WechatInputPropertyTest {
  static Path dir;
  static Database db;
  static OutboxNotifier outbox;
  static WechatGateway gateway;
  static final FakeEngine ENGINE = new FakeEngine();
  static final AtomicInteger TRIED = new AtomicInteger();
  static final AtomicInteger REFUSED = new AtomicInteger();

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("aidline-wxprop");
    db = Database.open(new AppConfig.Storage(dir.resolve("p.db").toString(), "FULL", 5000));
    AppConfig.Wechat cfg = new AppConfig.Wechat(WechatPayloads.TOKEN, "", WechatPayloads.APP_ID, "s", "http://127.0.0.1:9",
        4000, "", 300, 1_000_000, false);
    ConversationStore store = new ConversationStore(db, Json.mapper(), Clock.systemUTC());
    outbox = new OutboxNotifier(db, Clock.systemUTC(), Map.of(), OutboxNotifier.Policy.defaults());
    gateway = new WechatChannel(cfg).gateway(new Bot(ENGINE, new FakeTicketDesk(), store, new TicketFormFlow(WechatRouteTest.REGIONS)),
        new InboundLedger(db, Clock.systemUTC()), outbox, Clock.systemUTC());
    outbox.start();
    gateway.start();
  }

  @AfterContainer
  static void stop() {
    System.err.println("WechatInputPropertyTest: " + TRIED.get() + " inputs tried, " + REFUSED.get() + " refused (400/403)");
    gateway.close();
    outbox.close();
    db.close();
  }

  static String now() {
    return Long.toString(System.currentTimeMillis() / 1000);
  }

  /** Receives through the gateway as /wechat would; a refusal counts, anything else thrown fails. */
  static String receive(String body) {
    TRIED.incrementAndGet();
    String ts = now();
    String nonce = "n" + System.nanoTime();
    String sig = me.chanjar.weixin.common.util.crypto.SHA1.gen(WechatPayloads.TOKEN, ts, nonce);
    try {
      return gateway.receive(sig, ts, nonce, null, null, body);
    } catch (WechatMessageException | WechatSignatureException refused) {
      REFUSED.incrementAndGet();
      return null;
    }
  }

  @Provide
  Arbitrary<String> mutatedMessages() {
    Arbitrary<String> content = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings().withChars("<>&;]]![CDATA[/\"'岳阳补助 \u0000").ofMaxLength(80),
        Arbitraries.of("]]><MsgType>event</MsgType><![CDATA[", "&xxe;", "<!ENTITY a 'b'>", "\uFFFF", "😀"));
    Arbitrary<Integer> cut = Arbitraries.integers().between(0, 400);
    return Combinators.combine(content, cut, Arbitraries.integers().between(0, 5)).as((c, at, mode) -> {
      String xml = WechatPayloads.text("oProp", Math.abs(c.hashCode()) + 1L, c);
      return switch (mode) {
        case 0 -> xml.substring(0, Math.min(at, xml.length())); // truncated
        case 1 -> xml.replace("<MsgType>", "<MsgType><x>"); // broken nesting
        case 2 -> "<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + xml.replace(c, "&e;");
        case 3 -> xml.replace("<xml>", "<xml>" + "<a>".repeat(at)).replace("</xml>", "</a>".repeat(at) + "</xml>");
        default -> xml;
      };
    });
  }

  @Property(tries = 200)
  void mutatedBodiesAreAnsweredOrRefusedNeverCrash(@ForAll("mutatedMessages") String body) {
    String out = receive(body);
    assertTrue(out == null || out.equals("success") || out.startsWith("<xml>"), String.valueOf(out));
  }

  @Property(tries = 60)
  void depthIsBoundedWithoutRecursion(@ForAll @IntRange(min = 0, max = 60_000) int depth) {
    String body = "<xml>" + "<a>".repeat(depth) + "x" + "</a>".repeat(depth) + "</xml>";
    TRIED.incrementAndGet();
    try {
      WechatXml.fields(body);
      assertTrue(depth + 1 <= WechatXml.MAX_DEPTH && body.length() <= WechatXml.MAX_BYTES, "accepted depth " + depth);
    } catch (WechatMessageException refused) {
      REFUSED.incrementAndGet();
      assertTrue(depth + 1 > WechatXml.MAX_DEPTH || body.length() > WechatXml.MAX_BYTES, "refused depth " + depth);
    }
  }

  @Property(tries = 40)
  void textsOverTheLimitNeverReachTheBot(@ForAll @IntRange(min = 1, max = 12_000) int length) {
    int before = ENGINE.calls.get();
    String out = receive(WechatPayloads.text("oLen" + length, 9_000_000L + length + TRIED.get() * 100_000L, "补".repeat(length)));
    int ran = ENGINE.calls.get() - before;
    if (length > WechatGateway.MAX_QUESTION_CHARS) {
      assertEquals(0, ran, "length " + length);
      assertTrue(out == null || out.contains("请精简问题"), String.valueOf(out));
    } else {
      assertEquals(1, ran, "length " + length);
    }
  }
}
