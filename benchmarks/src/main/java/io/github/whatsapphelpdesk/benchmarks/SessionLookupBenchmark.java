package io.github.whatsapphelpdesk.benchmarks;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.session.InMemorySessionStore;
import io.github.whatsapphelpdesk.session.SessionKey;
import io.github.whatsapphelpdesk.session.SessionWindowTracker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of looking up one conversation's window among N tracked conversations, against a
 * {@code HashMap<Long, Long>} get of the same N keys (boxed wa_id to timestamp) in the same run. Keys are
 * visited in a pseudo-random order, so both pay cache misses.
 *
 * <p>Run: {@code java -Xmx2g -jar benchmarks/target/benchmarks.jar SessionLookupBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class SessionLookupBenchmark {
  private static final String NUMBER = "106540352242922";
  private static final int PROBES = 1 << 16;

  @Param("1000000")
  public int n;

  private InMemorySessionStore store;
  private SessionWindowTracker tracker;
  private HashMap<Long, Long> map;
  private SessionKey[] keys;
  private String[] waIds;
  /** The probes as customer ids, prepared like the keys (a caller holds a CustomerId, not a raw number). */
  private CustomerId[] customers;
  private String[] numbers;
  private Long[] boxed;
  private int i;

  @Setup
  public void setup() {
    store = InMemorySessionStore.withExpectedSize(n);
    map = new HashMap<>(n * 2);
    Instant base = Instant.parse("2026-12-03T08:00:00Z");
    for (int k = 0; k < n; k++) {
      store.recordInbound(new SessionKey(NUMBER, new CustomerId(SessionMemoryHarness.waId(k))), base.plusSeconds(k % 86_400), false);
      map.put(Long.parseLong(SessionMemoryHarness.waId(k)), base.getEpochSecond() + k % 86_400);
    }
    tracker = SessionWindowTracker.builder().store(store)
        .clock(Clock.fixed(base.plusSeconds(3_600), ZoneOffset.UTC)).build();
    keys = new SessionKey[PROBES];
    waIds = new String[PROBES];
    customers = new CustomerId[PROBES];
    numbers = new String[PROBES];
    boxed = new Long[PROBES];
    long x = 0x9E3779B97F4A7C15L;
    for (int p = 0; p < PROBES; p++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      int k = (int) Long.remainderUnsigned(x, n);
      waIds[p] = SessionMemoryHarness.waId(k);
      // Each probe has its own copy of the number id, as a parsed webhook would: no identity shortcut.
      numbers[p] = new String(NUMBER.toCharArray());
      customers[p] = new CustomerId(waIds[p]);
      keys[p] = new SessionKey(numbers[p], customers[p]);
      boxed[p] = Long.parseLong(waIds[p]);
    }
  }

  private int next() {
    i = (i + 1) & (PROBES - 1);
    return i;
  }

  /** Baseline: HashMap&lt;Long, Long&gt; get with a pre-boxed key. */
  @Benchmark
  public Long baselineHashMapGet() {
    return map.get(boxed[next()]);
  }

  /** The store's allocation-free read with a prepared key (hash, probe, segment lock). */
  @Benchmark
  public long storeLastInbound() {
    return store.lastInboundEpochSecond(keys[next()]);
  }

  /** The store's full record read (Optional + record + Instants). */
  @Benchmark
  public Object storeGet() {
    return store.get(keys[next()]);
  }

  /** What a caller pays: tracker.window from raw strings (canonical key, lookup, SessionWindow value). */
  @Benchmark
  public Object trackerWindow() {
    int k = next();
    return tracker.window(numbers[k], customers[k]);
  }

  /**
   * The pre-send check callers make, from raw strings: canonical wa_id, key, store read, clock. This is
   * the "lookup" of the target.
   */
  @Benchmark
  public boolean trackerCanSendFreeForm() {
    int k = next();
    return tracker.canSendFreeForm(numbers[k], customers[k]);
  }

  /** The pre-send guard on an open window. */
  @Benchmark
  public Object trackerRequireOpen() {
    int k = next();
    return tracker.requireOpen(numbers[k], customers[k]);
  }
}
