package aidline.security;

import java.time.Duration;
import java.time.Instant;

/**
 * Lockout as a pure function: after {@code maxFailures} failures in a row the account is locked,
 * for {@code baseLock} the first time and twice as long each further time (backoff).
 */
public record LoginPolicy(int maxFailures, Duration baseLock) {

  /** Per-account counters kept in the users table. */
  public record Counters(int failedLogins, int lockCount, Instant lockedUntil) {
    public boolean lockedAt(Instant now) {
      return lockedUntil != null && now.isBefore(lockedUntil);
    }
  }

  public Counters afterFailure(Counters c, Instant now) {
    int failed = c.failedLogins() + 1;
    if (failed >= maxFailures) {
      int locks = c.lockCount() + 1;
      Duration lock = baseLock.multipliedBy(1L << Math.min(locks - 1, 10));
      return new Counters(0, locks, now.plus(lock));
    }
    return new Counters(failed, c.lockCount(), c.lockedUntil());
  }

  public Counters afterSuccess(Counters c) {
    return new Counters(0, 0, null);
  }
}
