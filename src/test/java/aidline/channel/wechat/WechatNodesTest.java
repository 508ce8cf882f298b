package aidline.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.conversation.Bot;
import aidline.conversation.ConversationStore;
import aidline.conversation.FakeEngine;
import aidline.conversation.FakeTicketDesk;
import aidline.conversation.InboundLedger;
import aidline.conversation.OutboundSender;
import aidline.conversation.OutboxNotifier;
import aidline.conversation.TicketFormFlow;
import aidline.http.Json;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.Nodes;
import aidline.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18: the WeChat callback on two nodes sharing one database. Each node has its own gateway,
 * bot, ledger and outbox; the answer engine is one fake, so its call count is the bot runs of both.
 */
class WechatNodesTest {
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  FakeEngine engine = new FakeEngine();
  List<String> sent = new CopyOnWriteArrayList<>();
  List<Database> nodes;
  Node a;
  Node b;

  record Node(WechatGateway gateway, OutboxNotifier outbox) {}

  void open(Engine store) {
    nodes = Nodes.open(dbs, store, 2);
    a = node(nodes.get(0), "A");
    b = node(nodes.get(1), "B");
  }

  Node node(Database db, String name) {
    AppConfig.Wechat cfg = new AppConfig.Wechat(WechatPayloads.TOKEN, "", WechatPayloads.APP_ID, "secret", "", 3000, "");
    OutboundSender sender = (user, text) -> sent.add(user + ":" + text);
    OutboxNotifier outbox = new OutboxNotifier(db, Clock.systemUTC(), Map.of("wechat", sender),
        new OutboxNotifier.Policy(Duration.ofMillis(20), Duration.ofMillis(100), 5, Duration.ofMillis(20)), name);
    outbox.start();
    Bot bot = new Bot(engine, new FakeTicketDesk(), new ConversationStore(db, Json.mapper(), Clock.systemUTC()),
        new TicketFormFlow(WechatRouteTest.REGIONS));
    WechatGateway gateway = new WechatChannel(cfg).gateway(bot, new InboundLedger(db, Clock.systemUTC()), outbox);
    gateway.start();
    return new Node(gateway, outbox);
  }

  @AfterEach
  void close() {
    engine.release();
    for (Node n : new Node[] {a, b}) {
      if (n != null) {
        n.gateway().close();
        n.outbox().close();
      }
    }
  }

  static String receive(Node n, String nonce, String body) {
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    return n.gateway().receive(SHA1.gen(WechatPayloads.TOKEN, ts, nonce), ts, nonce, null, null, body);
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void aRetryOnTheOtherNodeWhileTheFirstIsAnsweringGetsTheSameReplyAndTheBotRunsOnce(Engine store) throws Exception {
    open(store);
    String msg = WechatPayloads.text("oP", 5001, "岳阳市初中寄宿生每年有多少生活补助？");
    engine.hold();
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> receive(a, "n1", msg));
    Thread.sleep(200);
    // WeChat's retry lands on node B, which has no memory of the message
    CompletableFuture<String> retry = CompletableFuture.supplyAsync(() -> receive(b, "n1", msg));
    Thread.sleep(300);
    assertFalse(retry.isDone(), "the retry waits for the reply the first node is producing");
    engine.release();
    String reply = first.get();
    assertTrue(reply.contains("1250"), reply);
    assertEquals(reply, retry.get());
    // a later retry, on either node, reads the stored reply
    assertEquals(reply, receive(b, "n1", msg));
    assertEquals(reply, receive(a, "n1", msg));
    assertEquals(1, engine.calls.get());
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void theSameMessageReachingBothNodesAtOnceRunsTheBotOnceAndBothAnswerTheStoredReply(Engine store) throws Exception {
    open(store);
    for (int i = 0; i < 10; i++) {
      String msg = WechatPayloads.text("oS" + i, 7000 + i, "岳阳市初中寄宿生每年有多少生活补助？");
      String nonce = "s" + i;
      CompletableFuture<String> onA = CompletableFuture.supplyAsync(() -> receive(a, nonce, msg));
      CompletableFuture<String> onB = CompletableFuture.supplyAsync(() -> receive(b, nonce, msg));
      // the stored reply; or, when the machine is so loaded that the winner missed its budget, success
      // on both (the answer then goes out once by the outbox)
      assertTrue(onA.get().contains("1250") || WechatGateway.SUCCESS.equals(onA.get()), onA.get());
      assertEquals(onA.get(), onB.get());
    }
    assertEquals(10, engine.calls.get());
    assertEquals(10, new InboundLedger(nodes.get(1), Clock.systemUTC()).count("wechat"));
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void aRetryOfALateAnswerOnTheOtherNodeSaysSuccessAndTheAnswerIsSentOnceByTheOutbox(Engine store) throws Exception {
    open(store);
    String msg = WechatPayloads.text("oQ", 5002, "岳阳市初中寄宿生每年有多少生活补助？");
    engine.hold();
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> receive(a, "n2", msg));
    Thread.sleep(200);
    CompletableFuture<String> retry = CompletableFuture.supplyAsync(() -> receive(b, "n2", msg));
    assertEquals(WechatGateway.SUCCESS, first.get(), "past the budget the first node answers success");
    assertEquals(WechatGateway.SUCCESS, retry.get());
    engine.release();
    for (int i = 0; i < 200 && sent.isEmpty(); i++) {
      Thread.sleep(20);
    }
    Thread.sleep(200);
    assertEquals(1, sent.size(), sent.toString());
    assertTrue(sent.get(0).startsWith("oQ:") && sent.get(0).contains("1250"), sent.get(0));
    assertEquals(1, engine.calls.get());
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void aCapturedSignatureReplayedOnTheOtherNodeWithAnotherBodyIsRefused(Engine store) {
    open(store);
    String genuine = WechatPayloads.text("oR", 5003, "岳阳市初中寄宿生每年有多少生活补助？");
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String sig = SHA1.gen(WechatPayloads.TOKEN, ts, "captured");
    String reply = a.gateway().receive(sig, ts, "captured", null, null, genuine);
    String forged = WechatPayloads.text("oEvil", 6666, "伪造的消息");
    assertThrows(WechatSignatureException.class, () -> b.gateway().receive(sig, ts, "captured", null, null, forged));
    assertEquals(reply, b.gateway().receive(sig, ts, "captured", null, null, genuine));
    assertEquals(1, engine.calls.get());
  }
}
