package aidline.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock that moves only when told to; one instance may be shared by several "nodes" (threads). */
public final class MutableClock extends Clock {
  private volatile Instant now;
  private final ZoneId zone;

  /** China time (UTC+8), the zone the product's days and deadlines are counted in. */
  public MutableClock(Instant start) {
    this(start, ZoneOffset.ofHours(8));
  }

  public MutableClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
