package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class OutboxNotifierTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;

  Database db() {
    return dbs.open(engine);
  }

  static OutboxNotifier.Policy fast(int maxAttempts) {
    return new OutboxNotifier.Policy(Duration.ofMillis(10), Duration.ofMillis(50), maxAttempts, Duration.ofMillis(20));
  }

  static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    for (int i = 0; i < 1000 && !done.getAsBoolean(); i++) {
      Thread.sleep(20);
    }
  }

  @Test
  void failedDeliveryIsRetriedUntilItSucceeds() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    List<String> delivered = new CopyOnWriteArrayList<>();
    OutboundSender flaky = (user, text) -> {
      if (tries.incrementAndGet() < 3) {
        throw new IllegalStateException("connection refused");
      }
      delivered.add(user + ":" + text);
    };
    try (Database db = db(); OutboxNotifier n = started(new OutboxNotifier(db, Clock.systemUTC(), Map.of("telegram", flaky), fast(10)))) {
      n.notify("telegram", "42", "您的工单已办结");
      waitFor(() -> !delivered.isEmpty());
      assertEquals(List.of("42:您的工单已办结"), delivered);
      assertEquals(3, tries.get());
      waitFor(() -> n.counts().equals(Map.of("sent", 1)));
      assertEquals(Map.of("sent", 1), n.counts());
    }
  }

  @Test
  void deliveryGivesUpAfterMaxAttemptsAndUnknownChannelsFail() throws Exception {
    OutboundSender down = (user, text) -> {
      throw new IllegalStateException("down");
    };
    try (Database db = db(); OutboxNotifier n = started(new OutboxNotifier(db, Clock.systemUTC(), Map.of("wechat", down), fast(3)))) {
      n.notify("wechat", "o1", "x");
      n.notify("sms", "o2", "y");
      waitFor(() -> n.counts().equals(Map.of("failed", 2)));
      assertEquals(Map.of("failed", 2), n.counts());
      assertEquals(List.of(3, 1), n.attempts(), "an unconfigured channel fails at once, a failing one after 3 tries");
    }
  }

  @Test
  void notifyDoesNotWaitForASlowChannelAndQueuedMessagesSurviveARestart() throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    OutboundSender slow = (user, text) -> stuck.await();
    try (Database db = db()) {
      OutboxNotifier n = started(new OutboxNotifier(db, Clock.systemUTC(), Map.of("wechat", slow), fast(5)));
      n.notify("wechat", "o1", "first");
      n.notify("wechat", "o1", "second"); // returns although the first is still being delivered
      assertEquals(2, n.counts().get("pending"));
      n.close();
      stuck.countDown();
      List<String> got = new CopyOnWriteArrayList<>();
      try (OutboxNotifier again = started(new OutboxNotifier(db, Clock.systemUTC(), Map.of("wechat", (u, t) -> got.add(t)), fast(5)))) {
        waitFor(() -> got.size() == 2);
        assertEquals(List.of("first", "second"), got);
      }
    }
  }

  @Test
  void backoffDoublesUpToTheCap() throws Exception {
    try (Database db = db();
        OutboxNotifier n = new OutboxNotifier(db, Clock.systemUTC(), Map.of(),
            new OutboxNotifier.Policy(Duration.ofSeconds(2), Duration.ofMinutes(10), 10, Duration.ofSeconds(1)))) {
      assertEquals(2000, n.backoff(1));
      assertEquals(4000, n.backoff(2));
      assertEquals(600_000, n.backoff(20));
      assertTrue(n.backoff(9) <= 600_000);
    }
  }

  /** Built idle (no thread in the constructor), so each test starts it as the application does. */
  private static OutboxNotifier started(OutboxNotifier n) {
    n.start();
    return n;
  }
}
