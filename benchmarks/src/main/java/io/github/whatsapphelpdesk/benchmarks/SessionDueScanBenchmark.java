package io.github.whatsapphelpdesk.benchmarks;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.session.InMemorySessionStore;
import io.github.whatsapphelpdesk.session.SessionKey;
import io.github.whatsapphelpdesk.session.SessionWindowTracker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
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
 * Cost of one scheduler tick ({@link SessionWindowTracker#runDue}) with N open windows spread evenly over
 * the last 24 hours, in steady state: the warnings that were due have fired, so the tick finds the windows
 * in the due band and confirms they are already notified. Baseline in the same run: one pass over a
 * {@code HashMap<Long, Long>} of the same N conversations, checking each timestamp against the band (what
 * a map-based tracker does on each tick).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SessionDueScanBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@State(Scope.Benchmark)
public class SessionDueScanBenchmark {
  private static final String NUMBER = "106540352242922";

  @Param("1000000")
  public int n;

  private SessionWindowTracker tracker;
  private HashMap<Long, Long> map;
  private long bandFrom;
  private long bandTo;

  @Setup
  public void setup() {
    Instant now = Instant.parse("2026-12-03T08:00:00Z");
    InMemorySessionStore store = InMemorySessionStore.create();
    map = new HashMap<>(n * 2);
    for (int k = 0; k < n; k++) {
      Instant at = now.minusSeconds((long) k * 86_400 / n);
      store.recordInbound(new SessionKey(NUMBER, new CustomerId(SessionMemoryHarness.waId(k))), at, false);
      map.put(Long.parseLong(SessionMemoryHarness.waId(k)), at.getEpochSecond());
    }
    tracker = SessionWindowTracker.builder().store(store).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    int fired = tracker.runDue();
    // The 1 h band of a 24 h spread: about N/24 warnings fire once; later ticks fire none.
    if (fired < n / 30 || tracker.runDue() != 0) {
      throw new IllegalStateException("unexpected first tick: " + fired);
    }
    bandFrom = now.getEpochSecond() - 25 * 3_600;
    bandTo = now.getEpochSecond() - 23 * 3_600;
  }

  /** Baseline: one pass over a HashMap of the same conversations, counting those in the due band. */
  @Benchmark
  public int baselineHashMapScan() {
    int due = 0;
    for (Map.Entry<Long, Long> e : map.entrySet()) {
      long t = e.getValue();
      if (t >= bandFrom && t < bandTo) {
        due++;
      }
    }
    return due;
  }

  /** One steady-state tick of the tracker over the in-memory store. */
  @Benchmark
  public int trackerTick() {
    return tracker.runDue();
  }
}
