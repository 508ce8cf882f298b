package aidline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** /health answers from the last full check for a second; deep always asks the database. */
class HealthTest {
  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-03-01T08:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aCheckWithinTheMaximumAgeReusesTheLastOneAndDeepAlwaysQueries() {
    AtomicInteger queries = new AtomicInteger();
    AtomicBoolean up = new AtomicBoolean(true);
    MutableClock clock = new MutableClock();
    Health h = new Health(() -> {
      queries.incrementAndGet();
      return up.get();
    }, () -> 3, "v", clock, Duration.ofSeconds(1));

    assertTrue(h.check().database());
    up.set(false);
    clock.now = clock.now.plusMillis(900);
    assertTrue(h.check().database(), "still the cached answer");
    assertEquals(1, queries.get());

    Health.Status deep = h.deep();
    assertFalse(deep.database());
    assertEquals("degraded", deep.status());
    assertEquals(2, queries.get());
    assertEquals("degraded", h.check().status(), "deep refreshed the cache");

    up.set(true);
    clock.now = clock.now.plusMillis(1000);
    assertEquals("ok", h.check().status(), "older than a second: checked again");
    assertEquals(3, queries.get());
    assertEquals(3, h.check().knowledgeDocuments());
  }
}
