package aidline.conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many work orders a chat user, and a client address, may look up by number in an hour. Someone
 * walking through {@code JY…} numbers learns nothing from the neutral reply, and is also slowed
 * down to a few tries (issue 15, H1). In memory: a restart only gives back one hour's tries.
 */
public final class LookupBudget {
  private final int perUser;
  private final int perAddress;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Long>> used = new ConcurrentHashMap<>();

  public LookupBudget(int perUser, int perAddress, Duration window, Clock clock) {
    this.perUser = perUser;
    this.perAddress = perAddress;
    this.window = window;
    this.clock = clock;
  }

  /** No limit: tests and tools that look up their own orders. */
  public static LookupBudget unlimited() {
    return new LookupBudget(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofHours(1), Clock.systemUTC());
  }

  /** Takes one lookup for this asker (and their address, when the channel has one); false when used up. */
  boolean take(InboundMessage m) {
    long now = clock.millis();
    String user = "u:" + m.channel() + ":" + m.userId();
    String address = m.source() == null ? null : "a:" + m.source();
    synchronized (used) {
      if (!room(user, perUser, now) || (address != null && !room(address, perAddress, now))) {
        return false;
      }
      used.computeIfAbsent(user, k -> new ArrayDeque<>()).addLast(now);
      if (address != null) {
        used.computeIfAbsent(address, k -> new ArrayDeque<>()).addLast(now);
      }
      return true;
    }
  }

  private boolean room(String key, int limit, long now) {
    Deque<Long> d = used.get(key);
    if (d == null) {
      return true;
    }
    while (!d.isEmpty() && d.peekFirst() <= now - window.toMillis()) {
      d.pollFirst();
    }
    if (d.isEmpty()) {
      used.remove(key);
      return true;
    }
    return d.size() < limit;
  }
}
