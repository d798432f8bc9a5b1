package io.github.whatsapphelpdesk.ratelimit;

/**
 * Token buckets by key: what a {@link LimiterBackend} gives one limiter. Every method is atomic per key
 * (a SQL backend does each in one statement or transaction, a Redis backend in one script), so limiters
 * sharing the store never consume more than a bucket holds. Thread-safe.
 *
 * <p>A bucket is created full from the {@link BucketSpec} of the first call that touches its key; later
 * calls with another spec do not change it, only {@link #reconfigure} does. A bucket left untouched for
 * the store's idle grace after it refilled may be forgotten: it then comes back full, exactly as if it had
 * been kept.
 */
public interface BucketStore extends AutoCloseable {

  /**
   * Takes {@code tokens} from the bucket if it holds that many; takes nothing otherwise.
   *
   * @return {@link Consumption#CONSUMED}, or a refusal with the nanoseconds until {@code tokens} will be
   *     available (at least 1)
   * @throws IllegalArgumentException when {@code tokens} is not positive or exceeds the capacity
   */
  Consumption tryConsume(String bucketKey, BucketSpec spec, long tokens);

  /** Gives back {@code tokens} (a permit that was not used), never above the bucket's capacity. */
  void addTokens(String bucketKey, BucketSpec spec, long tokens);

  /**
   * Switches the bucket to {@code spec}, keeping the fraction of its capacity it holds now (a half-full
   * bucket stays half full). Creates the bucket full when it does not exist.
   */
  void reconfigure(String bucketKey, BucketSpec spec);

  /**
   * Forgets up to {@code max} buckets that have been idle past the idle grace; returns how many. The
   * limiter calls this periodically. Stores that expire entries on their own return 0 (the default).
   */
  default int removeExpired(int max) {
    return 0;
  }

  /** Releases what the store holds (connections); the default does nothing. */
  @Override
  default void close() {}
}
