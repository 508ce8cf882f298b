package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.http.Json;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.MutableClock;
import aidline.testing.Nodes;
import aidline.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18: two nodes (two {@link Database}s on one database, each with its own service objects)
 * share the inbound ledger, the replay bindings, the outbox, the lookup budget and the forms. Each
 * test would fail if the state lived in one node's memory.
 */
class ConversationNodesTest {
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  Database a;
  Database b;

  void open(Engine engine) {
    List<Database> nodes = Nodes.open(dbs, engine, 2);
    a = nodes.get(0);
    b = nodes.get(1);
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void oneMessageSentToBothNodesIsClaimedOnceAndItsSignatureCarriesNoOtherMessage(Engine engine) throws Exception {
    open(engine);
    InboundLedger onA = new InboundLedger(a, Clock.systemUTC());
    InboundLedger onB = new InboundLedger(b, Clock.systemUTC());
    InboundLedger.Binding sig = new InboundLedger.Binding("sig|1700000000|n1", System.currentTimeMillis() + 600_000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<InboundLedger.Claim>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        InboundLedger ledger = i % 2 == 0 ? onA : onB;
        Callable<InboundLedger.Claim> c = () -> ledger.claim("wx:7", "wechat", "o1", sig);
        claims.add(pool.submit(c));
      }
      List<InboundLedger.Claim> got = new ArrayList<>();
      for (Future<InboundLedger.Claim> f : claims) {
        got.add(f.get());
      }
      assertEquals(1, got.stream().filter(InboundLedger.Claim.FIRST::equals).count(), got.toString());
      assertEquals(7, got.stream().filter(InboundLedger.Claim.RETRY::equals).count(), got.toString());
    } finally {
      pool.shutdownNow();
    }
    // the captured signature with a forged body, sent to the other node: refused, nothing claimed
    assertTrue(onB.boundToAnother(sig, "wx:666"));
    assertEquals(InboundLedger.Claim.REPLAYED, onB.claim("wx:666", "wechat", "oEvil", sig));
    assertTrue(onA.find("wx:666").isEmpty());
    assertFalse(onA.boundToAnother(sig, "wx:7"));
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void theBindingIsWrittenInTheClaimsOwnWriteNotASecondOne(Engine engine) {
    open(engine);
    InboundLedger onA = new InboundLedger(a, Clock.systemUTC());
    long before = a.writeStats().writes();
    assertEquals(InboundLedger.Claim.FIRST,
        onA.claim("wx:1", "wechat", "o1", new InboundLedger.Binding("s|1|n", System.currentTimeMillis() + 600_000)));
    assertEquals(1, a.writeStats().writes() - before, "one group-committed write per callback, as without the binding");
    assertEquals(1, rows(b, "inbound_binding"));
    assertEquals(1, rows(b, "inbound_message"));
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void bindingsArePrunedOnceTheirWindowHasPassed(Engine engine) {
    open(engine);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T04:00:00Z"), ZoneOffset.UTC);
    InboundLedger onA = new InboundLedger(a, clock);
    InboundLedger onB = new InboundLedger(b, clock);
    long expires = clock.millis() + 600_000;
    assertEquals(InboundLedger.Claim.FIRST, onA.claim("wx:1", "wechat", "o1", new InboundLedger.Binding("s|1|n", expires)));
    clock.advance(Duration.ofMinutes(11));
    // past its window the timestamp check refuses the query anyway; the row is gone with the next claim
    assertEquals(InboundLedger.Claim.FIRST, onB.claim("wx:2", "wechat", "o1", new InboundLedger.Binding("s|2|n", clock.millis() + 600_000)));
    assertFalse(onB.boundToAnother(new InboundLedger.Binding("s|1|n", 0), "wx:9"));
    assertEquals(1, rows(b, "inbound_binding"));
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void aRetryOnTheOtherNodeGetsTheReplyStoredByTheFirstWithoutRunningIt(Engine engine) throws Exception {
    open(engine);
    InboundLedger onA = new InboundLedger(a, Clock.systemUTC());
    InboundLedger onB = new InboundLedger(b, Clock.systemUTC());
    assertTrue(onA.claim("wx:9", "wechat", "o1"));
    CompletableFuture<InboundLedger.Entry> retry =
        CompletableFuture.supplyAsync(() -> onB.awaitSettled("wx:9", Duration.ofSeconds(5)).orElseThrow());
    Thread.sleep(300);
    assertFalse(retry.isDone(), "the retry waits while the first node is still answering");
    onA.recordLater("wx:9", "<xml>答复</xml>");
    assertEquals(new InboundLedger.Entry(InboundLedger.Status.DONE, "<xml>答复</xml>"), retry.get());
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void aClaimLeftRunningByADeadNodeIsNotWaitedFor(Engine engine) {
    open(engine);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T04:00:00Z"), ZoneOffset.UTC);
    assertTrue(new InboundLedger(a, clock).claim("wx:10", "wechat", "o1"));
    clock.advance(Duration.ofSeconds(30));
    long t0 = System.nanoTime();
    InboundLedger.Entry e = new InboundLedger(b, clock).awaitSettled("wx:10", Duration.ofSeconds(4)).orElseThrow();
    assertEquals(InboundLedger.Status.RUNNING, e.status());
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos(), "answered at once, not after the whole wait");
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void twoNotifiersOnOneOutboxDeliverEveryMessageExactlyOnce(Engine engine) throws Exception {
    open(engine);
    Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    OutboundSender sender = (user, text) -> {
      Thread.sleep(1); // a send takes time, so both nodes are busy at once
      delivered.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
    };
    OutboxNotifier.Policy fast = new OutboxNotifier.Policy(
        Duration.ofMillis(10), Duration.ofMillis(50), 5, Duration.ofMillis(5), Duration.ofSeconds(30), 7);
    int total = 300;
    try (OutboxNotifier onA = new OutboxNotifier(a, Clock.systemUTC(), Map.of("telegram", sender), fast, "A");
        OutboxNotifier onB = new OutboxNotifier(b, Clock.systemUTC(), Map.of("telegram", sender), fast, "B")) {
      onA.start();
      onB.start();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      for (int i = 0; i < total; i++) {
        OutboxNotifier n = i % 2 == 0 ? onA : onB;
        String text = "通知" + i;
        pool.execute(() -> n.notify("telegram", "42", text));
      }
      pool.shutdown();
      for (int i = 0; i < 1500 && !Map.of("sent", total).equals(onA.counts()); i++) {
        Thread.sleep(20);
      }
      assertEquals(Map.of("sent", total), onA.counts());
    }
    assertEquals(total, delivered.size());
    assertEquals(List.of(), delivered.entrySet().stream().filter(e -> e.getValue().get() != 1).map(Map.Entry::getKey).toList(),
        "messages sent more than once");
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void aLeaseLeftByANodeKilledMidSendRunsOutAndAnotherNodeSendsTheMessage(Engine engine) {
    open(engine);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T04:00:00Z"), ZoneOffset.UTC);
    List<String> sentByA = new ArrayList<>();
    List<String> sentByB = new ArrayList<>();
    OutboxNotifier.Policy policy = new OutboxNotifier.Policy(
        Duration.ofSeconds(2), Duration.ofMinutes(10), 10, Duration.ofSeconds(1), Duration.ofSeconds(60), 20);
    OutboxNotifier onA = new OutboxNotifier(a, clock, Map.of("telegram", (u, t) -> sentByA.add(t)), policy, "A");
    OutboxNotifier onB = new OutboxNotifier(b, clock, Map.of("telegram", (u, t) -> sentByB.add(t)), policy, "B");
    onA.notify("telegram", "42", "工单已办结");
    // A claims the message and "dies" before sending: B finds nothing to send while the lease holds
    List<OutboxNotifier.Pending> held = onA.claim();
    assertEquals(1, held.size());
    onB.drain();
    assertEquals(List.of(), sentByB);
    clock.advance(Duration.ofSeconds(61));
    onB.drain();
    assertEquals(List.of("工单已办结"), sentByB);
    assertEquals(Map.of("sent", 1), onB.counts());
    // A, frozen rather than dead, wakes up with its old claim: it sends nothing and changes nothing
    onA.send(held);
    assertEquals(List.of(), sentByA);
    assertEquals(Map.of("sent", 1), onA.counts());
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void theLookupBudgetIsOneHourForBothNodes(Engine engine) throws Exception {
    open(engine);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T04:00:00Z"), ZoneOffset.UTC);
    LookupBudget onA = new LookupBudget(a, 3, 100, Duration.ofHours(1), clock);
    LookupBudget onB = new LookupBudget(b, 3, 100, Duration.ofHours(1), clock);
    InboundMessage m = new InboundMessage("web", "g1", null, "JY20261130-0001", null, "10.0.0.1");
    assertTrue(onA.take(m));
    assertTrue(onB.take(m));
    assertTrue(onA.take(m));
    assertFalse(onB.take(m), "the other node knows the asker has used the hour's three lookups");
    assertFalse(onA.take(m));
    clock.advance(Duration.ofMinutes(61));
    assertTrue(onB.take(m));
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void concurrentLookupsOnBothNodesNeverTakeMoreThanTheLimit(Engine engine) throws Exception {
    open(engine);
    LookupBudget onA = new LookupBudget(a, 100, 10, Duration.ofHours(1), Clock.systemUTC());
    LookupBudget onB = new LookupBudget(b, 100, 10, Duration.ofHours(1), Clock.systemUTC());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Boolean>> takes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      LookupBudget budget = i % 2 == 0 ? onA : onB;
      InboundMessage m = new InboundMessage("web", "browser" + i, null, "JY20261130-0001", null, "10.0.0.9");
      takes.add(() -> budget.take(m));
    }
    int granted = 0;
    for (Future<Boolean> f : pool.invokeAll(takes)) {
      granted += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(10, granted, "one address, ten lookups an hour, whichever node answers");
  }

  @ParameterizedTest
  @MethodSource("aidline.testing.TestDatabases#engines")
  void aFormStartedOnOneNodeContinuesOnTheOther(Engine engine) {
    open(engine);
    FakeEngine answers = new FakeEngine();
    FakeTicketDesk desk = new FakeTicketDesk();
    Bot onA = new Bot(answers, desk, new ConversationStore(a, Json.mapper(), Clock.systemUTC()), new TicketFormFlow(BotTest.REGIONS));
    Bot onB = new Bot(answers, desk, new ConversationStore(b, Json.mapper(), Clock.systemUTC()), new TicketFormFlow(BotTest.REGIONS));
    assertTrue(onA.handle(new InboundMessage("web", "p", null, "补助一直没到账")).text().contains("姓名"));
    assertTrue(onB.handle(new InboundMessage("web", "p", null, "张小明")).text().contains("电话"));
    assertTrue(onA.handle(new InboundMessage("web", "p", null, "13812345678")).text().contains("哪个市县"));
    assertTrue(onB.handle(new InboundMessage("web", "p", null, "岳阳市华容县")).text().contains("138****5678"));
    assertEquals("GD20260001", onA.handle(new InboundMessage("web", "p", null, "是")).ticketNo());
    assertEquals(1, desk.opened.size());
    assertEquals("补助一直没到账（学生：张小明）", desk.opened.get(0).description());
  }

  static int rows(Database db, String table) {
    return db.withConnection(c -> {
      try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
        return rs.next() ? rs.getInt(1) : -1;
      }
    });
  }

}
