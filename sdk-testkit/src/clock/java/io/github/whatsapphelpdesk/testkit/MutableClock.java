package io.github.whatsapphelpdesk.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when told to: {@link #set(Instant)} or {@link #advance(Duration)}.
 * Use it to age windows, media URLs and rate limits in tests without sleeping. Clocks derived with
 * {@link #withZone(ZoneId)} share the same instant. Thread-safe.
 */
public final class MutableClock extends Clock {
  /** The default start instant of {@link #create()}: 2026-01-15T10:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-15T10:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at {@link #DEFAULT_START}, in UTC. */
  public static MutableClock create() {
    return startingAt(DEFAULT_START);
  }

  /** A clock at {@code start}, in UTC. */
  public static MutableClock startingAt(Instant start) {
    return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * Moves the clock by {@code duration} (backwards for a negative one) and returns the new instant.
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return now.updateAndGet(i -> i.plus(duration));
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public MutableClock withZone(ZoneId newZone) {
    return new MutableClock(now, Objects.requireNonNull(newZone, "zone"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public long millis() {
    return now.get().toEpochMilli();
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "," + zone + "]";
  }
}
