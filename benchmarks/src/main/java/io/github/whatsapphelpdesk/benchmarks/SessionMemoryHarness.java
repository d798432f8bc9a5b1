package io.github.whatsapphelpdesk.benchmarks;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.session.InMemorySessionStore;
import io.github.whatsapphelpdesk.session.SessionKey;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;

/**
 * Bytes of heap per tracked conversation in {@link InMemorySessionStore}: heap after GC before and after
 * N distinct customers of one business number each sent one message (half of them from an ad referral).
 * The store grows on its own (not presized), so the figure includes the tables' free slots.
 *
 * <p>Run: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar
 * io.github.whatsapphelpdesk.benchmarks.SessionMemoryHarness [N]}
 */
public final class SessionMemoryHarness {
  private SessionMemoryHarness() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    long before = usedAfterGc();
    InMemorySessionStore store = InMemorySessionStore.create();
    Instant base = Instant.parse("2026-12-03T08:00:00Z");
    for (int k = 0; k < n; k++) {
      store.recordInbound(new SessionKey("106540352242922", new CustomerId(waId(k))), base.plusSeconds(k % 86_400), k % 2 == 0);
    }
    long filled = usedAfterGc();
    long size = store.size();
    System.out.printf("conversations=%d stored=%d%n", n, size);
    System.out.printf("heap before=%,d B  filled=%,d B%n", before, filled);
    System.out.printf("bytes per tracked conversation=%.1f%n", (filled - before) / (double) n);
    // keep the store reachable until after the measurement
    if (store.lastInboundEpochSecond(new SessionKey("106540352242922", new CustomerId(waId(0)))) < 0) {
      throw new IllegalStateException("lost a conversation");
    }
  }

  static String waId(int k) {
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
