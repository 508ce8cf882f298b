package aidline.student;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts failed attempts per key in a sliding window; a key with too many is locked until they age out. */
final class AttemptLimiter {
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  AttemptLimiter(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  boolean locked(String key) {
    Deque<Instant> d = failures.get(key);
    if (d == null) {
      return false;
    }
    synchronized (d) {
      prune(d);
      return d.size() >= maxFailures;
    }
  }

  void fail(String key) {
    Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (d) {
      prune(d);
      d.addLast(Instant.now(clock));
    }
  }

  private void prune(Deque<Instant> d) {
    Instant oldest = Instant.now(clock).minus(window);
    while (!d.isEmpty() && !d.peekFirst().isAfter(oldest)) {
      d.removeFirst();
    }
  }
}
