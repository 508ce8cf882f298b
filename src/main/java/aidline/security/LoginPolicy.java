package aidline.security;

import java.time.Duration;
import java.time.Instant;

/**
 * Throttling as a pure function: the first {@code delayAfter - 1} failures in a row are free, then
 * each further attempt must wait a progressively longer delay ({@code baseDelay} doubling, at most
 * {@code maxDelay}); at {@code maxFailures} the key is locked for {@code baseLock}, twice as long
 * each further time, at most {@code maxLock}.
 */
public record LoginPolicy(
    int delayAfter, Duration baseDelay, Duration maxDelay, int maxFailures, Duration baseLock, Duration maxLock) {

  /** Lock only (no delays), backing off up to four times the first lock. */
  public LoginPolicy(int maxFailures, Duration baseLock) {
    this(maxFailures, Duration.ofSeconds(1), Duration.ofSeconds(30), maxFailures, baseLock, baseLock.multipliedBy(4));
  }

  /**
   * Per-key counters. {@code lockedUntil} is the earliest time the next attempt is heard: the end of
   * a lock, or of a progressive delay.
   */
  public record Counters(int failedLogins, int lockCount, Instant lockedUntil) {
    public static final Counters NONE = new Counters(0, 0, null);

    public boolean lockedAt(Instant now) {
      return lockedUntil != null && now.isBefore(lockedUntil);
    }
  }

  public Counters afterFailure(Counters c, Instant now) {
    int failed = c.failedLogins() + 1;
    if (failed >= maxFailures) {
      int locks = c.lockCount() + 1;
      Duration lock = min(baseLock.multipliedBy(1L << Math.min(locks - 1, 10)), maxLock);
      return new Counters(0, locks, now.plus(lock));
    }
    if (failed >= delayAfter) {
      Duration delay = min(baseDelay.multipliedBy(1L << Math.min(failed - delayAfter, 20)), maxDelay);
      return new Counters(failed, c.lockCount(), now.plus(delay));
    }
    return new Counters(failed, c.lockCount(), null);
  }

  public Counters afterSuccess(Counters c) {
    return Counters.NONE;
  }

  /** A gentler policy for a wider key (a whole account, a whole IP): {@code factor} times the failures. */
  public LoginPolicy widened(int factor) {
    return new LoginPolicy(Math.max(delayAfter, maxFailures), baseDelay, maxDelay, maxFailures * factor, baseLock, baseLock);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
