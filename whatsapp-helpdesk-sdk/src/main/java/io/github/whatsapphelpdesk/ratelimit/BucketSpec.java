package io.github.whatsapphelpdesk.ratelimit;

import io.github.whatsapphelpdesk.error.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The shape of one token bucket: it holds at most {@code capacity} tokens, starts with {@code
 * initialTokens}, and gains {@code refillTokens} every {@code refillPeriod}, spread evenly over the period
 * (greedy refill: a bucket refilled at 80 per second gains one token every 12.5 ms).
 *
 * @param capacity the most tokens the bucket holds (its burst)
 * @param refillTokens tokens added per {@code refillPeriod}
 * @param refillPeriod the refill period, positive
 * @param initialTokens tokens of a new bucket, 0 to {@code capacity}
 */
public record BucketSpec(long capacity, long refillTokens, Duration refillPeriod, long initialTokens) {

  /** @throws ValidationException when a value is out of range */
  public BucketSpec {
    Objects.requireNonNull(refillPeriod, "refillPeriod");
    if (capacity < 1 || refillTokens < 1 || refillPeriod.isNegative() || refillPeriod.isZero()
        || initialTokens < 0 || initialTokens > capacity) {
      throw new ValidationException("Bucket spec", List.of("need capacity >= 1, refillTokens >= 1, a positive "
          + "refillPeriod and 0 <= initialTokens <= capacity; got " + capacity + ", " + refillTokens + ", "
          + refillPeriod + ", " + initialTokens));
    }
  }

  /** A bucket that starts full. */
  public static BucketSpec of(long capacity, long refillTokens, Duration refillPeriod) {
    return new BucketSpec(capacity, refillTokens, refillPeriod, capacity);
  }
}
