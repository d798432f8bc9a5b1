package io.github.whatsapphelpdesk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.ratelimit.BucketSpec;
import io.github.whatsapphelpdesk.ratelimit.BucketStore;
import io.github.whatsapphelpdesk.ratelimit.Consumption;
import io.github.whatsapphelpdesk.ratelimit.LimiterBackend;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link LimiterBackend} meets: a backend module's test class extends it and implements
 * {@link #backend()}. Each test opens a fresh {@link BucketStore} on a {@link MutableClock} (closed after
 * the test) and uses keys unique to the run, so a shared store (PostgreSQL, Redis) needs no cleanup between
 * tests. Time moves only when a test advances the clock; the concurrency test freezes it, so no refill can
 * hide an over-grant.
 */
public abstract class LimiterBackendContractTest {
  /** Five tokens, refilled at five per second: one every 200 ms. */
  protected static final BucketSpec FIVE_PER_SECOND = BucketSpec.of(5, 5, Duration.ofSeconds(1));

  /** The clock the store was opened with. */
  protected MutableClock clock;
  /** The store under test. */
  protected BucketStore store;
  private String prefix;

  /** The backend under test; called once per test. */
  protected abstract LimiterBackend backend();

  /** The idle grace the store is opened with (default 60 s). */
  protected Duration idleGrace() {
    return Duration.ofSeconds(60);
  }

  /** How many threads the concurrency test runs (default 8). */
  protected int threads() {
    return 8;
  }

  @BeforeEach
  void openStore() {
    clock = MutableClock.create();
    store = backend().open(clock, idleGrace());
    prefix = "contract:" + UUID.randomUUID() + ":";
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** A key unique to this test run. */
  protected String key(String name) {
    return prefix + name;
  }

  @Test
  void aNewBucketGrantsItsInitialTokensThenRefusesWithTheRefillWait() {
    String k = key("n");
    for (int i = 0; i < 5; i++) {
      assertThat(store.tryConsume(k, FIVE_PER_SECOND, 1).consumed()).as("token %d", i).isTrue();
    }
    Consumption refused = store.tryConsume(k, FIVE_PER_SECOND, 1);
    assertThat(refused.consumed()).isFalse();
    assertThat(refused.nanosToWait()).isBetween(Duration.ofMillis(199).toNanos(), Duration.ofMillis(200).toNanos());
  }

  @Test
  void tokensRefillOnTheGivenClockUpToTheCapacity() {
    String k = key("n");
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 5).consumed()).isTrue();
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 1).consumed()).isFalse();
    clock.advance(Duration.ofMillis(200));
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 1).consumed()).isTrue();
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 1).consumed()).isFalse();
    clock.advance(Duration.ofSeconds(30));
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 5).consumed()).isTrue(); // capped at 5, not 150
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 1).consumed()).isFalse();
  }

  @Test
  void aRefusedConsumptionTakesNothing() {
    String k = key("n");
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 3).consumed()).isTrue();
    Consumption r = store.tryConsume(k, FIVE_PER_SECOND, 3);
    assertThat(r.consumed()).isFalse();
    assertThat(r.nanosToWait()).isBetween(Duration.ofMillis(199).toNanos(), Duration.ofMillis(200).toNanos());
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 2).consumed()).isTrue();
  }

  @Test
  void tokenCountsOutsideOneToCapacityAreRejected() {
    assertThatThrownBy(() -> store.tryConsume(key("n"), FIVE_PER_SECOND, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.tryConsume(key("n"), FIVE_PER_SECOND, 6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.addTokens(key("n"), FIVE_PER_SECOND, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysAreIndependent() {
    assertThat(store.tryConsume(key("a"), FIVE_PER_SECOND, 5).consumed()).isTrue();
    assertThat(store.tryConsume(key("a"), FIVE_PER_SECOND, 1).consumed()).isFalse();
    assertThat(store.tryConsume(key("b"), FIVE_PER_SECOND, 5).consumed()).isTrue();
  }

  @Test
  void addTokensGivesBackAPermitButNeverAboveTheCapacity() {
    String k = key("n");
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 5).consumed()).isTrue();
    store.addTokens(k, FIVE_PER_SECOND, 1);
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 1).consumed()).isTrue();
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 1).consumed()).isFalse();
    store.addTokens(k, FIVE_PER_SECOND, 50);
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 5).consumed()).isTrue();
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 1).consumed()).isFalse();
  }

  @Test
  void aBucketStartsWithItsInitialTokens() {
    BucketSpec emptyAtFirst = new BucketSpec(2, 1, Duration.ofSeconds(1), 0);
    String k = key("n");
    Consumption r = store.tryConsume(k, emptyAtFirst, 1);
    assertThat(r.consumed()).isFalse();
    assertThat(r.nanosToWait()).isBetween(Duration.ofMillis(999).toNanos(), Duration.ofSeconds(1).toNanos());
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.tryConsume(k, emptyAtFirst, 1).consumed()).isTrue();
  }

  @Test
  void anExistingBucketKeepsItsSpecUntilReconfigured_thenKeepsItsFractionOfTokens() {
    String k = key("n");
    BucketSpec ten = BucketSpec.of(10, 10, Duration.ofSeconds(1));
    BucketSpec twenty = BucketSpec.of(20, 20, Duration.ofSeconds(1));
    assertThat(store.tryConsume(k, ten, 5).consumed()).isTrue(); // half full
    // another spec on tryConsume does not change the bucket: 5 left, not 15
    assertThat(store.tryConsume(k, twenty, 6).consumed()).isFalse();
    store.reconfigure(k, twenty); // half of 20
    assertThat(store.tryConsume(k, twenty, 10).consumed()).isTrue();
    assertThat(store.tryConsume(k, twenty, 1).consumed()).isFalse();
    clock.advance(Duration.ofMillis(50)); // the new refill rate: 20 per second
    assertThat(store.tryConsume(k, twenty, 1).consumed()).isTrue();
  }

  @Test
  void reconfiguringAnAbsentBucketCreatesItFull() {
    String k = key("n");
    store.reconfigure(k, FIVE_PER_SECOND);
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 5).consumed()).isTrue();
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 1).consumed()).isFalse();
  }

  @Test
  void anIdleBucketComesBackFullWhetherOrNotTheStoreForgotIt() {
    String k = key("n");
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 5).consumed()).isTrue();
    clock.advance(Duration.ofSeconds(1).plus(idleGrace()).plusSeconds(1));
    assertThat(store.removeExpired(Integer.MAX_VALUE)).isGreaterThanOrEqualTo(0);
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 5).consumed()).isTrue();
    assertThat(store.tryConsume(k, FIVE_PER_SECOND, 1).consumed()).isFalse();
  }

  @Test
  void concurrentConsumersNeverTakeMoreThanTheBucketHolds() throws Exception {
    int capacity = 1_000;
    BucketSpec slow = BucketSpec.of(capacity, 1, Duration.ofHours(1)); // the clock is frozen: no refill
    String k = key("shared");
    int n = threads();
    int attemptsEach = 3 * capacity / n;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        results.add(pool.submit(() -> {
          start.await();
          int granted = 0;
          for (int i = 0; i < attemptsEach; i++) {
            if (store.tryConsume(k, slow, 1).consumed()) {
              granted++;
            }
          }
          return granted;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).as("grants across %d threads", n).isEqualTo(capacity);
      assertThat(store.tryConsume(k, slow, 1).consumed()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentRefundsAndConsumersStayWithinTheCapacity() throws Exception {
    int capacity = 100;
    BucketSpec slow = BucketSpec.of(capacity, 1, Duration.ofHours(1));
    String k = key("refunds");
    int n = threads();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        results.add(pool.submit(() -> {
          start.await();
          int held = 0;
          for (int i = 0; i < 2_000; i++) {
            if (store.tryConsume(k, slow, 1).consumed()) {
              held++;
            }
            if (held > 0 && i % 3 == 0) {
              store.addTokens(k, slow, 1); // give one back, as the limiter does when a later layer refuses
              held--;
            }
          }
          return held;
        }));
      }
      start.countDown();
      int held = 0;
      for (Future<Integer> f : results) {
        held += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(held).isLessThanOrEqualTo(capacity);
      int left = 0;
      while (store.tryConsume(k, slow, 1).consumed()) {
        left++;
      }
      assertThat(held + left).isEqualTo(capacity);
    } finally {
      pool.shutdownNow();
    }
  }
}
