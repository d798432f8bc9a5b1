package io.github.whatsapphelpdesk.http;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * An exponential back-off: the delay before attempt {@code n + 1} is {@code base * multiplier^(n-1)},
 * capped at {@code cap}, then reduced by up to {@code jitter} of itself using a random value from a
 * caller-supplied source (so tests can fix it). Immutable and thread-safe.
 *
 * @param base the first delay, not negative
 * @param cap the longest delay, at least {@code base}
 * @param multiplier the growth per attempt, at least 1
 * @param jitter the fraction (0..1) of a delay that may be randomised away
 */
public record Backoff(Duration base, Duration cap, double multiplier, double jitter) {

  /** Validates the values. */
  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    if (base.isNegative() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 <= base <= cap, got base " + base + " and cap " + cap);
    }
    if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be a finite number >= 1, got " + multiplier);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
    }
  }

  /**
   * A doubling back-off without jitter.
   *
   * @param base the first delay
   * @param cap the longest delay
   * @return the back-off
   */
  public static Backoff exponential(Duration base, Duration cap) {
    return new Backoff(base, cap, 2, 0);
  }

  /**
   * This back-off with another jitter fraction.
   *
   * @param fraction the fraction (0..1) of a delay that may be randomised away
   * @return a new back-off
   */
  public Backoff withJitter(double fraction) {
    return new Backoff(base, cap, multiplier, fraction);
  }

  /**
   * The delay before attempt {@code failedAttempt + 1}.
   *
   * @param failedAttempt the attempt that failed, from 1 (smaller values count as 1)
   * @param random a value in [0, 1); 0 gives the full delay
   * @return the delay, between {@code (1 - jitter)} times the capped delay and the capped delay
   */
  public Duration delay(int failedAttempt, double random) {
    if (!(random >= 0 && random < 1)) {
      throw new IllegalArgumentException("random must be within [0, 1), got " + random);
    }
    long capNanos = saturatedNanos(cap);
    long baseNanos = saturatedNanos(base);
    int steps = Math.max(0, failedAttempt - 1);
    double grown = baseNanos * Math.pow(multiplier, steps); // +Infinity when huge: capped below
    long capped = grown >= capNanos ? capNanos : (long) grown;
    long jittered = capped - (long) (capped * jitter * random);
    return Duration.ofNanos(jittered);
  }

  /**
   * The delay before attempt {@code failedAttempt + 1}, drawing the jitter from {@code random}.
   *
   * @param failedAttempt the attempt that failed, from 1
   * @param random the source of values in [0, 1), for example {@code ThreadLocalRandom.current()::nextDouble}
   * @return the delay
   */
  public Duration delay(int failedAttempt, DoubleSupplier random) {
    return delay(failedAttempt, jitter == 0 ? 0 : random.getAsDouble());
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
