package io.github.whatsapphelpdesk.zendesk.internal;

import java.time.Clock;
import java.time.Duration;

/**
 * A Clock-driven token bucket: {@code capacity} permits refilled evenly over {@code period}. Exact
 * integer arithmetic: one permit is {@code periodMillis} units and each elapsed millisecond adds
 * {@code capacity} units. Thread-safe.
 */
public final class TokenBucket {
  private final Clock clock;
  private final long capacity;
  private final long unitsPerPermit;
  private final long maxUnits;
  private long units;
  private long lastMillis;

  public TokenBucket(Clock clock, int capacity, Duration period) {
    if (capacity < 1 || period.toMillis() < 1) {
      throw new IllegalArgumentException("capacity and period must be positive");
    }
    this.clock = clock;
    this.capacity = capacity;
    this.unitsPerPermit = period.toMillis();
    this.maxUnits = capacity * unitsPerPermit;
    this.units = maxUnits;
    this.lastMillis = clock.millis();
  }

  private void refill() {
    long now = clock.millis();
    if (now > lastMillis) {
      long elapsed = now - lastMillis;
      units = elapsed >= unitsPerPermit ? maxUnits : Math.min(maxUnits, units + elapsed * capacity);
      lastMillis = now;
    }
  }

  /** Takes a permit if one is free and returns zero; otherwise takes nothing and returns the wait. */
  public synchronized Duration tryAcquire() {
    refill();
    if (units >= unitsPerPermit) {
      units -= unitsPerPermit;
      return Duration.ZERO;
    }
    long missing = unitsPerPermit - units;
    return Duration.ofMillis((missing + capacity - 1) / capacity);
  }

  /** Gives a permit back (when a later bucket refused the request). */
  public synchronized void release() {
    units = Math.min(maxUnits, units + unitsPerPermit);
  }

  /** The fraction of the capacity that is free now, in [0, 1]. */
  public synchronized double freeFraction() {
    refill();
    return units / (double) maxUnits;
  }
}
