package io.github.whatsapphelpdesk.zendesk.internal;

import java.time.Clock;
import java.time.Duration;

/**
 * A Clock-driven token bucket: {@code capacity} permits refilled evenly over {@code period}. Thread-safe.
 */
public final class TokenBucket {
  private final Clock clock;
  private final int capacity;
  private final double permitsPerMilli;
  private double available;
  private long lastMillis;

  public TokenBucket(Clock clock, int capacity, Duration period) {
    this.clock = clock;
    this.capacity = capacity;
    this.permitsPerMilli = capacity / (double) period.toMillis();
    this.available = capacity;
    this.lastMillis = clock.millis();
  }

  private void refill() {
    long now = clock.millis();
    if (now > lastMillis) {
      available = Math.min(capacity, available + (now - lastMillis) * permitsPerMilli);
      lastMillis = now;
    }
  }

  /** Takes a permit if one is free and returns zero; otherwise takes nothing and returns the wait. */
  public synchronized Duration tryAcquire() {
    refill();
    if (available >= 1) {
      available -= 1;
      return Duration.ZERO;
    }
    return Duration.ofMillis((long) Math.ceil((1 - available) / permitsPerMilli));
  }

  /** Gives a permit back (when a later bucket refused the request). */
  public synchronized void release() {
    available = Math.min(capacity, available + 1);
  }

  /** The fraction of the capacity that is free now, in [0, 1]. */
  public synchronized double freeFraction() {
    refill();
    return available / capacity;
  }
}
