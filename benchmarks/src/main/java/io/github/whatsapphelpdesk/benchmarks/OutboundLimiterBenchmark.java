package io.github.whatsapphelpdesk.benchmarks;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.whatsapphelpdesk.ratelimit.Acquisition;
import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.LimiterConfig;
import io.github.whatsapphelpdesk.ratelimit.MessagingLimit;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import io.github.whatsapphelpdesk.ratelimit.internal.InMemoryProxyManager;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one {@code tryAcquire} that is granted, through every layer (backoff check, messaging
 * limit on a counted recipient, pair bucket, number bucket), against a bare Bucket4j {@code tryConsume}
 * measured in the same run. The clock steps 10 ms per call so each call finds tokens: 4,096 recipients
 * rotate, so each sees one message per 41 s of clock time, under the 6 s pair rate.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OutboundLimiterBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class OutboundLimiterBenchmark {
  private static final int RECIPIENTS = 4_096;
  private static final Duration STEP = Duration.ofMillis(10);

  private MutableClock clock;
  private Bucket bareBucket;
  private BucketProxy proxyBucket;
  private DefaultOutboundLimiter limiter;
  private OutboundRequest[] templates;
  private OutboundRequest[] replies;
  private OutboundRequest numberOnly;
  private int i;

  @Setup(Level.Trial)
  public void setUp() {
    clock = MutableClock.create();
    TimeMeter meter = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
    bareBucket = Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(5).refillGreedy(995, Duration.ofSeconds(1)).build())
        .withCustomTimePrecision(meter)
        .build();
    proxyBucket = new InMemoryProxyManager(meter, ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
        Duration.ofSeconds(60))).builder().build("n:1", () -> io.github.bucket4j.BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(5).refillGreedy(995, Duration.ofSeconds(1)).build()).build());
    limiter = DefaultOutboundLimiter.builder()
        .clock(clock)
        .config(LimiterConfig.builder().throughputMps(1000).messagingLimit(MessagingLimit.TIER_100K).build())
        .serviceWindow((phone, waId) -> false)
        .build();
    templates = new OutboundRequest[RECIPIENTS];
    replies = new OutboundRequest[RECIPIENTS];
    for (int k = 0; k < RECIPIENTS; k++) {
      String waId = "4917" + (10_000_000 + k);
      templates[k] = new OutboundRequest("106540352242922", waId, Priority.BULK, true);
      replies[k] = new OutboundRequest("106540352242922", waId, Priority.AGENT_REPLY, false);
    }
    numberOnly = new OutboundRequest("106540352242922", null, Priority.AUTOMATED, false);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    limiter.close();
  }

  /** Baseline: a bare local Bucket4j bucket, no limiter. */
  @Benchmark
  public boolean baselineBareBucket4jTryConsume() {
    clock.advance(STEP);
    return bareBucket.tryConsume(1);
  }

  /** Second baseline: one bucket through the limiter's in-memory Bucket4j ProxyManager. */
  @Benchmark
  public boolean baselineProxyManagerBucketTryConsume() {
    clock.advance(STEP);
    return proxyBucket.tryConsume(1);
  }

  /** All layers: backoff, messaging limit (counted recipient), pair bucket, number bucket. */
  @Benchmark
  public Acquisition limiterTemplateAllLayers() {
    clock.advance(STEP);
    return limiter.tryAcquire(templates[i++ & (RECIPIENTS - 1)]);
  }

  /** Free-form reply: backoff, pair bucket, number bucket. */
  @Benchmark
  public Acquisition limiterReplyPairAndNumber() {
    clock.advance(STEP);
    return limiter.tryAcquire(replies[i++ & (RECIPIENTS - 1)]);
  }

  /** A request without recipient: number bucket only. */
  @Benchmark
  public Acquisition limiterNumberOnly() {
    clock.advance(STEP);
    return limiter.tryAcquire(numberOnly);
  }

  /**
   * The wire guard a send passes after its permit: {@code tryDispatch} (the sliding dispatch log) and
   * {@code onWritten} (re-dating that dispatch, found by identity among the newest entries).
   */
  @Benchmark
  public Duration wireGuardDispatchAndWritten() {
    clock.advance(STEP);
    OutboundRequest r = replies[i++ & (RECIPIENTS - 1)];
    Duration d = limiter.tryDispatch(r);
    limiter.onWritten(r);
    return d;
  }
}
