package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.MutableClock;
import aidline.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class InboundLedgerTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;

  Database db() {
    return dbs.open(engine);
  }

  @Test
  void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
    try (Database db = db()) {
      InboundLedger ledger = new InboundLedger(db, Clock.systemUTC());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          Callable<Boolean> c = () -> ledger.claim("wx:1", "wechat", "o1");
          claims.add(pool.submit(c));
        }
        int won = 0;
        for (Future<Boolean> f : claims) {
          won += f.get() ? 1 : 0;
        }
        assertEquals(1, won);
      } finally {
        pool.shutdownNow();
      }
      ledger.record("wx:1", InboundLedger.Status.DONE, "<xml/>");
      assertEquals(new InboundLedger.Entry(InboundLedger.Status.DONE, "<xml/>"), ledger.find("wx:1").orElseThrow());
    }
  }

  @Test
  void keysOlderThanAnyRedeliveryArePruned() {
    Instant t0 = Instant.parse("2026-11-23T08:00:00Z");
    try (Database db = db()) {
      new InboundLedger(db, Clock.fixed(t0, ZoneOffset.UTC)).claim("tg:1", "telegram", "42");
      InboundLedger later = new InboundLedger(db, Clock.fixed(t0.plus(Duration.ofDays(1)), ZoneOffset.UTC));
      assertFalse(later.claim("tg:1", "telegram", "42"), "a day later the key still blocks a re-delivery");
      InboundLedger muchLater = new InboundLedger(db, Clock.fixed(t0.plus(Duration.ofDays(3)), ZoneOffset.UTC));
      assertTrue(muchLater.claim("tg:2", "telegram", "42"));
      assertTrue(muchLater.find("tg:1").isEmpty());
      assertEquals(1, muchLater.count("telegram"));
    }
  }

  @Test
  void oldRowsArePrunedAtMostOnceAMinuteInsideAClaim() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T04:00:00Z"), ZoneOffset.UTC);
    try (Database db = db()) {
      InboundLedger ledger = new InboundLedger(db, clock);
      assertTrue(ledger.claim("tg:old", "telegram", "42"));
      clock.advance(InboundLedger.KEEP.minusSeconds(10));
      assertTrue(ledger.claim("tg:a", "telegram", "42"), "prunes: nothing is old enough yet");
      clock.advance(Duration.ofSeconds(30));
      assertTrue(ledger.claim("tg:b", "telegram", "42"));
      assertTrue(ledger.find("tg:old").isPresent(), "30 s after the last prune nothing is deleted");
      assertFalse(ledger.claim("tg:old", "telegram", "42"), "a kept row still blocks a re-delivery");
      clock.advance(InboundLedger.PRUNE_EVERY);
      assertTrue(ledger.claim("tg:c", "telegram", "42"));
      assertTrue(ledger.find("tg:old").isEmpty(), "a minute after the last prune the old row goes");
      assertEquals(3, ledger.count("telegram"));
    }
  }

  @Test
  void recordLaterCompletesOnceTheReplyIsReadable() throws Exception {
    try (Database db = db()) {
      InboundLedger ledger = new InboundLedger(db, Clock.systemUTC());
      assertTrue(ledger.claim("wx:5", "wechat", "o5"));
      ledger.recordLater("wx:5", "<xml>答复</xml>").get();
      assertEquals(new InboundLedger.Entry(InboundLedger.Status.DONE, "<xml>答复</xml>"), ledger.find("wx:5").orElseThrow());
    }
  }
}
