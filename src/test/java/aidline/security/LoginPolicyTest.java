package aidline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginPolicyTest {
  final LoginPolicy policy = new LoginPolicy(3, Duration.ofMinutes(15));
  final Instant t0 = Instant.parse("2026-11-23T08:00:00Z");

  @Test
  void locksAfterMaxFailuresAndDoublesEachTime() {
    LoginPolicy.Counters c = new LoginPolicy.Counters(0, 0, null);
    c = policy.afterFailure(c, t0);
    c = policy.afterFailure(c, t0);
    assertFalse(c.lockedAt(t0));
    c = policy.afterFailure(c, t0);
    assertTrue(c.lockedAt(t0));
    assertEquals(t0.plus(Duration.ofMinutes(15)), c.lockedUntil());
    assertFalse(c.lockedAt(t0.plus(Duration.ofMinutes(15))));
    Instant t1 = t0.plus(Duration.ofMinutes(20));
    for (int i = 0; i < 3; i++) {
      c = policy.afterFailure(c, t1);
    }
    assertEquals(t1.plus(Duration.ofMinutes(30)), c.lockedUntil());
  }

  @Test
  void successResetsCounters() {
    LoginPolicy.Counters c = policy.afterFailure(new LoginPolicy.Counters(0, 2, null), t0);
    assertEquals(new LoginPolicy.Counters(0, 0, null), policy.afterSuccess(c));
  }
}
