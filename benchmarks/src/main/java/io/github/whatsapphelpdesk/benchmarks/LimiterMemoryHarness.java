package io.github.whatsapphelpdesk.benchmarks;

import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.LimiterConfig;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

/**
 * Bytes of heap per idle recipient: heap after GC before and after N recipients each got one
 * message (their pair-rate bucket, its key and map entry), then after the state expired and was
 * swept. The difference divided by N is what the limiter retains per idle recipient.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.whatsapphelpdesk.benchmarks.LimiterMemoryHarness [N]}
 */
public final class LimiterMemoryHarness {
  private LimiterMemoryHarness() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    MutableClock clock = MutableClock.create();
    // a long idle grace keeps every recipient until the sweep below
    DefaultOutboundLimiter limiter = DefaultOutboundLimiter.builder()
        .clock(clock)
        .config(LimiterConfig.builder().throughputMps(1000).idleGrace(Duration.ofHours(2))
            .cleanupInterval(Duration.ofDays(1)).build())
        .build();
    long before = usedAfterGc();
    int granted = 0;
    for (int k = 0; k < n; k++) {
      clock.advance(Duration.ofMillis(1)); // 1 ms: the number bucket always has a token
      if (limiter.tryAcquire(new OutboundRequest("106540352242922", waId(k), Priority.BULK, false)).acquired()) {
        granted++;
      }
    }
    long filled = usedAfterGc();
    clock.advance(Duration.ofHours(3));
    limiter.cleanUp();
    long swept = usedAfterGc();
    limiter.close();
    double perRecipient = (filled - before) / (double) n;
    System.out.printf("recipients=%d granted=%d%n", n, granted);
    System.out.printf("heap before=%,d B  filled=%,d B  after sweep=%,d B%n", before, filled, swept);
    System.out.printf("bytes per idle recipient=%.1f  retained after sweep per recipient=%.1f%n",
        perRecipient, (swept - before) / (double) n);
  }

  private static String waId(int k) {
    return "49" + (1_500_000_000L + k);
  }

  private static long usedAfterGc() {
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, mx.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
