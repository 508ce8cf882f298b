package aidline.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void limitsPerKeyAndRefills() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    RateLimiter limiter = new RateLimiter(3, clock);
    for (int i = 0; i < 3; i++) {
      limiter.acquire("a");
    }
    var e = assertThrows(SecurityException.RateLimited.class, () -> limiter.acquire("a"));
    assertTrue(e.retryAfterSeconds() >= 1 && e.retryAfterSeconds() <= 20, "retry " + e.retryAfterSeconds());
    limiter.acquire("b");
    clock.advance(Duration.ofSeconds(20));
    limiter.acquire("a");
  }

  @Test
  void aRefundGivesBackOneTokenButNeverMoreThanTheBucketHolds() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    RateLimiter limiter = new RateLimiter(2, clock);
    limiter.refund("a");
    limiter.acquire("a");
    limiter.refund("a");
    limiter.refund("a");
    limiter.acquire("a");
    limiter.acquire("a");
    assertThrows(SecurityException.RateLimited.class, () -> limiter.acquire("a"));
    limiter.refund("a");
    limiter.acquire("a");
    assertThrows(SecurityException.RateLimited.class, () -> limiter.acquire("a"));
  }
}
