package io.github.whatsapphelpdesk.ratelimit.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import java.time.Duration;

/** Bucket4j configurations of the limiter's layers, and the per-number bucket holder. */
public final class NumberBuckets {
  private NumberBuckets() {}

  /**
   * Throughput of {@code mps}: refilled at {@code mps} per second with a burst of 5% (at least 1) that
   * absorbs late wake-ups. The burst alone would let a 1-second window reach {@code 1.05 * mps}; the
   * {@link SlidingWindowLog} of the holder caps every sliding window (1 s + margin) at {@code mps}.
   */
  public static BucketConfiguration throughput(int mps) {
    int burst = Math.max(1, mps / 20);
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(mps, Duration.ofSeconds(1)).initialTokens(burst).build())
        .build();
  }

  /** Pair rate: {@code burst} messages at once, refilled at one per {@code interval}. */
  public static BucketConfiguration pair(Duration interval, int burst) {
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, interval).build())
        .build();
  }

  /** The throughput bucket of one number; its configuration changes with {@link #update}. */
  public static final class Holder {
    private final ProxyManager<String> proxies;
    private final String key;
    private volatile int mps;
    private volatile BucketProxy bucket;
    private final SlidingWindowLog window;
    private final SlidingWindowLog dispatches;

    /** {@code windowNanos}: 1 s plus the configured safety margin. */
    public Holder(ProxyManager<String> proxies, String key, int mps, long windowNanos) {
      this.proxies = proxies;
      this.key = key;
      this.window = new SlidingWindowLog(mps, windowNanos);
      this.dispatches = new SlidingWindowLog(mps, windowNanos);
      update(mps);
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
      BucketConfiguration cfg = throughput(newMps);
      RemoteBucketBuilder<String> builder = proxies.builder()
          .withImplicitConfigurationReplacement(newMps, TokensInheritanceStrategy.PROPORTIONALLY);
      this.bucket = builder.build(key, () -> cfg);
      if (this.mps != 0 && this.mps != newMps) {
        window.resize(newMps);
        dispatches.resize(newMps);
      }
      this.mps = newMps;
    }

    public BucketProxy bucket() {
      return bucket;
    }

    public int mps() {
      return mps;
    }
  }
}
