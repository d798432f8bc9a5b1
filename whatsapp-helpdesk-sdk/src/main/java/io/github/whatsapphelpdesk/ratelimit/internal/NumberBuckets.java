package io.github.whatsapphelpdesk.ratelimit.internal;

import io.github.whatsapphelpdesk.ratelimit.BucketSpec;
import io.github.whatsapphelpdesk.ratelimit.BucketStore;
import java.time.Duration;

/** Bucket shapes of the limiter's layers, and the per-number bucket holder. */
public final class NumberBuckets {
  private NumberBuckets() {}

  /**
   * Throughput of {@code mps}: refilled at {@code mps} per second with a burst of 5% (at least 1) that
   * absorbs late wake-ups. The burst alone would let a 1-second window reach {@code 1.05 * mps}; the
   * {@link SlidingWindowLog} of the holder caps every sliding window (1 s + margin) at {@code mps}.
   */
  public static BucketSpec throughput(int mps) {
    int burst = Math.max(1, mps / 20);
    return new BucketSpec(burst, mps, Duration.ofSeconds(1), burst);
  }

  /** Pair rate: {@code burst} messages at once, refilled at one per {@code interval}. */
  public static BucketSpec pair(Duration interval, int burst) {
    return BucketSpec.of(burst, 1, interval);
  }

  /** The throughput bucket of one number; its shape changes with {@link #update}. */
  public static final class Holder {
    private final BucketStore store;
    private final String key;
    private volatile int mps;
    private volatile BucketSpec spec;
    private final SlidingWindowLog window;
    private final SlidingWindowLog dispatches;

    /** {@code windowNanos}: 1 s plus the configured safety margin. */
    public Holder(BucketStore store, String key, int mps, long windowNanos) {
      this.store = store;
      this.key = key;
      this.window = new SlidingWindowLog(mps, windowNanos);
      this.dispatches = new SlidingWindowLog(mps, windowNanos);
      this.spec = throughput(mps);
      this.mps = mps;
    }

    /** The exact sliding guard on this number's grants. */
    public SlidingWindowLog window() {
      return window;
    }

    /** The same guard on the moments the client dispatches granted requests (the wire guard). */
    public SlidingWindowLog dispatches() {
      return dispatches;
    }

    /** Switches to {@code mps}, keeping the fraction of tokens left. */
    public synchronized void update(int newMps) {
      if (newMps == mps) {
        return;
      }
      BucketSpec next = throughput(newMps);
      this.spec = next;
      store.reconfigure(key, next);
      window.resize(newMps);
      dispatches.resize(newMps);
      this.mps = newMps;
    }

    /** The store key of the number's bucket. */
    public String key() {
      return key;
    }

    /** The bucket's current shape. */
    public BucketSpec spec() {
      return spec;
    }

    public int mps() {
      return mps;
    }
  }
}
