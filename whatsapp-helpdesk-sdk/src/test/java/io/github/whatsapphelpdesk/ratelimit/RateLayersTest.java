package io.github.whatsapphelpdesk.ratelimit;

import static io.github.whatsapphelpdesk.ratelimit.LimiterFixture.req;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLayersTest {

  /** Grants per millisecond over {@code millis}, each recipient distinct so only throughput limits. */
  private static List<Long> grantTimes(LimiterFixture f, int millis, int triesPerMilli) {
    List<Long> grants = new ArrayList<>();
    long start = f.clock.millis();
    int n = 0;
    for (int ms = 0; ms < millis; ms++) {
      for (int i = 0; i < triesPerMilli; i++) {
        if (f.limiter.tryAcquire(req("4915100" + (n++), Priority.BULK)).acquired()) {
          grants.add(f.clock.millis() - start);
        }
      }
      f.clock.advance(Duration.ofMillis(1));
    }
    return grants;
  }

  /** A sender that waits exactly as long as the limiter says, for {@code millis}. */
  private static List<Long> preciseSender(LimiterFixture f, int millis) {
    List<Long> grants = new ArrayList<>();
    long start = f.clock.millis();
    int n = 0;
    while (f.clock.millis() - start < millis) {
      Acquisition a = f.limiter.tryAcquire(req("4915200" + (n++), Priority.BULK));
      if (a.acquired()) {
        grants.add(f.clock.millis() - start);
      } else {
        f.clock.advance(a.waitTime());
      }
    }
    return grants;
  }

  private static int maxInAnySlidingSecond(List<Long> times) {
    int max = 0;
    int lo = 0;
    for (int hi = 0; hi < times.size(); hi++) {
      while (times.get(hi) - times.get(lo) >= 1000) {
        lo++;
      }
      max = Math.max(max, hi - lo + 1);
    }
    return max;
  }

  private static int maxInAnyWindow(List<Long> times, long windowMillis) {
    int max = 0;
    int lo = 0;
    for (int hi = 0; hi < times.size(); hi++) {
      while (times.get(hi) - times.get(lo) >= windowMillis) {
        lo++;
      }
      max = Math.max(max, hi - lo + 1);
    }
    return max;
  }

  @Test
  void throughputMargin_noWindowOfOneSecondPlusMarginExceedsTheRate_andItCostsMarginOverWindow() {
    LimiterConfig c = LimiterConfig.builder().throughputMps(100).throughputMargin(Duration.ofMillis(50)).build();
    assertThat(c.throughputMargin()).isEqualTo(Duration.ofMillis(50));
    List<Long> grants = preciseSender(new LimiterFixture(c), 20_000);
    assertThat(maxInAnyWindow(grants, 1_050)).isLessThanOrEqualTo(100);
    // Sustained: about 100 per 1.05 s (the 5 % the margin costs), never more.
    assertThat(grants.size()).isBetween(1_850, 1_910);
    List<Long> exact = preciseSender(new LimiterFixture(
        LimiterConfig.builder().throughputMps(100).throughputMargin(Duration.ZERO).build()), 20_000);
    assertThat(maxInAnySlidingSecond(exact)).isLessThanOrEqualTo(100);
    assertThat(exact.size()).isGreaterThan(grants.size());
  }

  @Test
  void throughputMargin_outOfRangeIsRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LimiterConfig.builder().throughputMargin(Duration.ofMillis(101)).build())
        .hasMessageContaining("throughputMargin");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LimiterConfig.builder().throughputMargin(Duration.ofMillis(-1)).build())
        .hasMessageContaining("throughputMargin");
    assertThat(LimiterConfig.defaults().throughputMargin()).isEqualTo(LimiterConfig.DEFAULT_THROUGHPUT_MARGIN);
  }

  /**
   * The wire guard: permits granted in one burst of time but dispatched late and bunched are spread
   * again at dispatch, so no sliding second of dispatches exceeds the rate.
   */
  @Test
  void tryDispatch_bunchedDispatchesAreSpreadToTheRate() {
    LimiterFixture f = new LimiterFixture(
        LimiterConfig.builder().throughputMps(50).throughputMargin(Duration.ZERO).build());
    List<OutboundRequest> granted = new ArrayList<>();
    List<Long> dispatched = new ArrayList<>();
    long start = f.clock.millis();
    int n = 0;
    // 10 s of grants; every permit's request is dispatched only at the next full second (a stalled
    // sender), then all waiting requests try to leave at once.
    for (int ms = 0; ms < 10_000; ms++) {
      Acquisition a = f.limiter.tryAcquire(req("4915300" + (n++), Priority.BULK));
      if (a.acquired()) {
        granted.add(req("4915300" + (n - 1), Priority.BULK));
      }
      if (ms % 1_000 == 999) {
        java.util.Iterator<OutboundRequest> it = granted.iterator();
        while (it.hasNext()) {
          OutboundRequest r = it.next();
          if (f.limiter.tryDispatch(r).isZero()) {
            dispatched.add(f.clock.millis() - start);
            it.remove();
          }
        }
      } else if (!granted.isEmpty() && f.limiter.tryDispatch(granted.get(0)).isZero()) {
        dispatched.add(f.clock.millis() - start);
        granted.remove(0);
      }
      f.clock.advance(Duration.ofMillis(1));
    }
    assertThat(maxInAnySlidingSecond(dispatched)).isLessThanOrEqualTo(50);
    assertThat(dispatched.size()).isGreaterThan(400);
    // A refused dispatch says how long to wait.
    LimiterFixture g = new LimiterFixture(
        LimiterConfig.builder().throughputMps(1).throughputMargin(Duration.ZERO).build());
    OutboundRequest r = req("4915399", Priority.BULK);
    assertThat(g.limiter.tryDispatch(r)).isZero();
    Duration wait = g.limiter.tryDispatch(r);
    assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
    g.clock.advance(wait);
    assertThat(g.limiter.tryDispatch(r)).isZero();
    assertThat(OutboundLimiter.unlimited().tryDispatch(r)).isZero();
  }

  /**
   * A request let through at 0 ms but written only at 300 ms (its thread stalled) is counted when it
   * left: at 2 mps the third dispatch waits until 1,300 ms, not 1,000 ms. A limiter that is not told of
   * the write lets the third go at 1,000 ms, and the receiver then sees three in [300, 1,300).
   */
  @Test
  void onWritten_stalledWrite_isCountedWhenItLeft() {
    for (boolean report : new boolean[] {true, false}) {
      LimiterFixture f = new LimiterFixture(
          LimiterConfig.builder().throughputMps(2).throughputMargin(Duration.ZERO).build());
      OutboundRequest a = req("4915401", Priority.BULK);
      OutboundRequest b = req("4915402", Priority.BULK);
      assertThat(f.limiter.tryDispatch(a)).isZero();
      f.clock.advance(Duration.ofMillis(300));
      if (report) {
        f.limiter.onWritten(a);
      }
      f.clock.advance(Duration.ofMillis(100));
      assertThat(f.limiter.tryDispatch(b)).isZero();
      f.limiter.onWritten(b);
      f.clock.advance(Duration.ofMillis(600));
      Duration wait = f.limiter.tryDispatch(req("4915403", Priority.BULK));
      assertThat(wait).isEqualTo(report ? Duration.ofMillis(300) : Duration.ZERO);
    }
    // a write reported for a request the guard never let through changes nothing
    LimiterFixture g = new LimiterFixture(
        LimiterConfig.builder().throughputMps(1).throughputMargin(Duration.ZERO).build());
    assertThat(g.limiter.tryDispatch(req("4915404", Priority.BULK))).isZero();
    g.limiter.onWritten(req("4915404", Priority.BULK)); // equal, but another instance
    g.clock.advance(Duration.ofSeconds(1));
    assertThat(g.limiter.tryDispatch(req("4915405", Priority.BULK))).isZero();
    OutboundLimiter.unlimited().onWritten(req("4915406", Priority.BULK));
  }

  /**
   * Senders that stall at random between the guard and the write (mostly not at all, sometimes up to
   * 80 ms, like a preempted thread or a GC pause): counted at their writes, no sliding second of writes
   * exceeds the rate. The same schedule without write reports does exceed it, so the check can fail.
   */
  @Test
  void onWritten_randomStallsBeforeTheWrite_noSlidingSecondOfWritesExceedsTheRate() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Long> reported = writesUnderStalls(seed, true);
      assertThat(maxInAnySlidingSecond(reported)).as("seed %d", seed).isLessThanOrEqualTo(50);
      assertThat(reported.size()).as("seed %d", seed).isGreaterThan(400);
    }
    int worst = 0;
    for (long seed = 1; seed <= 5; seed++) {
      worst = Math.max(worst, maxInAnySlidingSecond(writesUnderStalls(seed, false)));
    }
    assertThat(worst).isGreaterThan(50);
  }

  /** Write times (ms) of 10 s of saturated sending at 50 mps with random stalls before each write. */
  private static List<Long> writesUnderStalls(long seed, boolean report) {
    LimiterFixture f = new LimiterFixture(
        LimiterConfig.builder().throughputMps(50).throughputMargin(Duration.ZERO).build());
    java.util.Random random = new java.util.Random(seed);
    java.util.TreeMap<Long, List<OutboundRequest>> pending = new java.util.TreeMap<>();
    List<Long> writes = new ArrayList<>();
    long start = f.clock.millis();
    int n = 0;
    for (int ms = 0; ms < 10_000; ms++) {
      long now = f.clock.millis() - start;
      for (int i = 0; i < 3; i++) {
        OutboundRequest r = req("4915500" + (n++), Priority.BULK);
        if (f.limiter.tryDispatch(r).isZero()) {
          int p = random.nextInt(100);
          long stall = p < 80 ? 0 : p < 95 ? random.nextInt(10) : 20 + random.nextInt(60);
          pending.computeIfAbsent(now + stall, k -> new ArrayList<>()).add(r);
        }
      }
      for (OutboundRequest r : pending.getOrDefault(now, List.of())) {
        writes.add(now);
        if (report) {
          f.limiter.onWritten(r);
        }
      }
      pending.remove(now);
      f.clock.advance(Duration.ofMillis(1));
    }
    writes.sort(null);
    return writes;
  }

  @Test
  void tryAcquire_defaultThroughput_noSlidingSecondExceeds80() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.defaults());
    assertThat(maxInAnySlidingSecond(grantTimes(f, 10_000, 2))).isLessThanOrEqualTo(80);
    List<Long> precise = preciseSender(f, 10_000);
    assertThat(maxInAnySlidingSecond(precise)).isLessThanOrEqualTo(80);
    assertThat(precise.size()).isGreaterThanOrEqualTo(79 * 10);
  }

  @Test
  void tryAcquire_1000mps_noSlidingSecondExceedsRateAndSustains99Percent() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(1000).build());
    assertThat(maxInAnySlidingSecond(grantTimes(f, 3_000, 3))).isLessThanOrEqualTo(1000);
    List<Long> precise = preciseSender(f, 10_000);
    assertThat(maxInAnySlidingSecond(precise)).isLessThanOrEqualTo(1000);
    assertThat(precise.size()).isGreaterThanOrEqualTo(9_900);
  }

  @Test
  void updateThroughput_level_raisesRateAtRunTime() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.defaults());
    f.limiter.updateThroughputLevel("1000001", "HIGH");
    assertThat(f.limiter.throughput("1000001")).isEqualTo(1000);
    f.clock.advance(Duration.ofSeconds(1));
    List<Long> grants = grantTimes(f, 2_000, 2);
    assertThat(grants.size()).isBetween(1_900, 2_000);
    assertThat(maxInAnySlidingSecond(grants)).isLessThanOrEqualTo(1000);
  }

  @Test
  void tryAcquire_numberExhausted_returnsWaitAndConsumesNothing() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(10).build());
    assertThat(f.limiter.tryAcquire(req("491510001", Priority.BULK)).acquired()).isTrue();
    Acquisition second = f.limiter.tryAcquire(req("491510002", Priority.BULK));
    assertThat(second.acquired()).isFalse();
    assertThat(second.waitTime()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(112));
    // the refused recipient kept its pair allowance: 45 messages after the number refills
    f.limiter.updateThroughput("1000001", 1000);
    f.clock.advance(Duration.ofSeconds(1));
    int granted = 0;
    for (int i = 0; i < 50; i++) {
      f.clock.advance(Duration.ofMillis(5));
      if (f.limiter.tryAcquire(req("491510002", Priority.BULK)).acquired()) {
        granted++;
      }
    }
    assertThat(granted).isEqualTo(45);
  }

  @Test
  void tryAcquire_pairBurstThenWait_matchesSixSecondRate() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(1000).build());
    int burst = 0;
    Acquisition a;
    while ((a = f.limiter.tryAcquire(req("491519999", Priority.AGENT_REPLY))).acquired()) {
      burst++;
      f.clock.advance(Duration.ofMillis(10));
    }
    assertThat(burst).isEqualTo(45);
    assertThat(a.waitTime()).isBetween(Duration.ofMillis(5_500), Duration.ofSeconds(6));
    // over the next 10 minutes at most one message per 6 s
    int later = 0;
    for (int s = 0; s < 600; s++) {
      f.clock.advance(Duration.ofSeconds(1));
      if (f.limiter.tryAcquire(req("491519999", Priority.AGENT_REPLY)).acquired()) {
        later++;
      }
    }
    assertThat(later).isBetween(99, 101);
  }

  @Test
  void tryAcquire_burstOf20_isRepaidAfter120Seconds() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(1000).build());
    for (int i = 0; i < 20; i++) {
      assertThat(f.limiter.tryAcquire(req("491518888", Priority.AUTOMATED)).acquired()).isTrue();
      f.clock.advance(Duration.ofMillis(2));
    }
    f.clock.advance(Duration.ofSeconds(119));
    int again = 0;
    while (f.limiter.tryAcquire(req("491518888", Priority.AUTOMATED)).acquired()) {
      again++;
      f.clock.advance(Duration.ofMillis(2));
    }
    assertThat(again).isEqualTo(44); // 25 left + 19 repaid in 119 s
    f.clock.advance(Duration.ofSeconds(300));
    again = 0;
    while (f.limiter.tryAcquire(req("491518888", Priority.AUTOMATED)).acquired()) {
      again++;
      f.clock.advance(Duration.ofMillis(2));
    }
    assertThat(again).isEqualTo(45);
  }

  @Test
  void tryAcquire_otherRecipient_notHeldByPairRateOfFirst() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().pairRate(Duration.ofSeconds(6), 1).build());
    assertThat(f.limiter.tryAcquire(req("491511111", Priority.BULK)).acquired()).isTrue();
    f.clock.advance(Duration.ofMillis(100));
    assertThat(f.limiter.tryAcquire(req("491511111", Priority.BULK)).acquired()).isFalse();
    assertThat(f.limiter.tryAcquire(req("491512222", Priority.BULK)).acquired()).isTrue();
  }
}
