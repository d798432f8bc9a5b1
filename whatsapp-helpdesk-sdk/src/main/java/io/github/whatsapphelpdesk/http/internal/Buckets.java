package io.github.whatsapphelpdesk.http.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.whatsapphelpdesk.ratelimit.internal.ClockTimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * The Bucket4j glue of the adapters' client-side pacing: local buckets on a {@link TimeMeter} read from
 * the injected {@link Clock} (so a fake clock drives them), and all-or-nothing acquisition over several
 * buckets. Thread-safe (Bucket4j's local buckets are).
 */
public final class Buckets {
  private Buckets() {}

  /** A time meter reading {@code clock}. */
  public static TimeMeter timeMeter(Clock clock) {
    return new ClockTimeMeter(clock);
  }

  /**
   * A bucket of {@code capacity} permits, starting full and refilled evenly over {@code period} (Bucket4j's
   * greedy refill).
   */
  public static Bucket evenly(TimeMeter time, long capacity, Duration period) {
    return Bucket.builder().withCustomTimePrecision(time).addLimit(limit(capacity, period)).build();
  }

  /** Gives {@code bucket} a new capacity, keeping its available permits (at most the new capacity). */
  public static void resize(Bucket bucket, long capacity, Duration period) {
    bucket.replaceConfiguration(BucketConfiguration.builder().addLimit(limit(capacity, period)).build(),
        TokensInheritanceStrategy.AS_IS);
  }

  /** Lowers the available permits of {@code bucket} to at most {@code permits} (never raises them). */
  public static void lowerTo(Bucket bucket, long permits) {
    long excess = bucket.getAvailableTokens() - Math.max(0, permits);
    if (excess > 0) {
      bucket.tryConsume(excess);
    }
  }

  /**
   * Takes one permit from every bucket, or none: when a bucket refuses, the permits already taken are
   * given back.
   *
   * @return zero when taken, else how long until the refusing bucket has a permit (nothing is kept)
   */
  public static Duration tryTakeAll(Bucket... buckets) {
    for (int i = 0; i < buckets.length; i++) {
      ConsumptionProbe p = buckets[i].tryConsumeAndReturnRemaining(1);
      if (!p.isConsumed()) {
        for (int j = 0; j < i; j++) {
          buckets[j].addTokens(1);
        }
        return Duration.ofNanos(Math.max(1, p.getNanosToWaitForRefill()));
      }
    }
    return Duration.ZERO;
  }

  /** The free fraction of a bucket of {@code capacity} permits, in [0, 1]. */
  public static double freeFraction(Bucket bucket, long capacity) {
    return Math.max(0, Math.min(1, bucket.getAvailableTokens() / (double) capacity));
  }

  private static Bandwidth limit(long capacity, Duration period) {
    if (capacity < 1 || period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("capacity and period must be positive");
    }
    return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
  }
}
