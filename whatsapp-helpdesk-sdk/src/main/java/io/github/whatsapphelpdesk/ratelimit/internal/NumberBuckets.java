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
   * Throughput of {@code mps} such that no 1-second window, sliding or not, holds more than
   * {@code mps} permits: a small burst {@code b} (0.5% of the rate, at least 1) plus a refill of
   * {@code mps - b} per second. Sustained rate is {@code mps - b}: 99.5% of 1,000, 98.75% of 80.
   */
  public static BucketConfiguration throughput(int mps) {
    int burst = Math.max(1, mps / 200);
    int refill = Math.max(1, mps - burst);
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(refill, Duration.ofSeconds(1)).initialTokens(burst).build())
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

    public Holder(ProxyManager<String> proxies, String key, int mps) {
      this.proxies = proxies;
      this.key = key;
      update(mps);
    }

    /** Switches to {@code mps}, keeping the fraction of tokens left. */
    public synchronized void update(int newMps) {
      BucketConfiguration cfg = throughput(newMps);
      RemoteBucketBuilder<String> builder = proxies.builder()
          .withImplicitConfigurationReplacement(newMps, TokensInheritanceStrategy.PROPORTIONALLY);
      this.bucket = builder.build(key, () -> cfg);
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
