package io.github.whatsapphelpdesk.zendesk.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A settable clock: time moves only when a test moves it. Thread-safe. */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;

  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Starts at 2026-11-25T10:00:00Z. */
  public static MutableClock create() {
    return new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  }

  /** Moves the clock. */
  public MutableClock advance(Duration d) {
    now.updateAndGet(i -> i.plus(d));
    return this;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
