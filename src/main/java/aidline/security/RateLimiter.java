package aidline.security;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-rate token buckets keyed by a string (user id, IP). Each key may spend {@code perMinute}
 * requests, refilled continuously. Old buckets are dropped once full again, so memory stays bounded
 * by the number of active keys.
 */
public final class RateLimiter {
  private final int perMinute;
  private final Clock clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long lastNanos;
  }

  public RateLimiter(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Spends one token for the key or throws {@link SecurityException.RateLimited}. */
  public void acquire(String key) {
    long now = clock.millis() * 1_000_000L;
    double ratePerNano = perMinute / 60e9;
    Bucket b = buckets.computeIfAbsent(key, k -> {
      Bucket nb = new Bucket();
      nb.tokens = perMinute;
      nb.lastNanos = now;
      return nb;
    });
    synchronized (b) {
      b.tokens = Math.min(perMinute, b.tokens + (now - b.lastNanos) * ratePerNano);
      b.lastNanos = now;
      if (b.tokens < 1) {
        long waitSeconds = (long) Math.ceil((1 - b.tokens) / ratePerNano / 1e9);
        throw new SecurityException.RateLimited(Math.max(1, waitSeconds));
      }
      b.tokens -= 1;
    }
    pruneFull();
  }

  /**
   * Gives back a token {@link #acquire} spent on a request that turned out not to count (a WeChat
   * retry or replay, known only after the claim); never above the bucket's size.
   */
  public void refund(String key) {
    Bucket b = buckets.get(key);
    if (b != null) {
      synchronized (b) {
        b.tokens = Math.min(perMinute, b.tokens + 1);
      }
    }
  }

  private void pruneFull() {
    if (buckets.size() > 100_000) {
      buckets.entrySet().removeIf(e -> e.getValue().tokens >= perMinute - 1);
    }
  }
}
