package io.github.whatsapphelpdesk.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.customer.CustomerId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What is particular to {@link InMemorySessionStore}: the packed table (probing, growth, backward-shift
 * deletion, optimistic reads, business-number indexes). The {@link SessionStore} behaviour for both key
 * kinds, races included, is checked by the testkit's {@code SessionStoreContractTest}
 * ({@code InMemorySessionStoreContractTest}).
 */
class InMemorySessionStoreTest {
  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void behavesLikeAMapUnderRandomInsertsAndErasures() {
    InMemorySessionStore store = InMemorySessionStore.create();
    Map<SessionKey, Instant> model = new HashMap<>();
    Random rnd = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      SessionKey key = new SessionKey("pn" + rnd.nextInt(3), CustomerId.ofPhone(Long.toString(4915100000000L + rnd.nextInt(5_000))));
      if (rnd.nextInt(5) == 0) {
        assertThat(store.erase(key)).isEqualTo(model.remove(key) != null);
      } else {
        Instant at = T0.plusSeconds(rnd.nextInt(100_000));
        store.recordInbound(key, at, false);
        model.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    assertThat(store.size()).isEqualTo(model.size());
    model.forEach((k, v) -> assertThat(store.get(k)).get().extracting(SessionRecord::lastInboundAt).isEqualTo(v));
    List<SessionKey> seen = new ArrayList<>();
    store.forEachInboundBetween(Instant.EPOCH, T0.plus(Duration.ofDays(2)), r -> seen.add(r.key()));
    assertThat(seen).containsExactlyInAnyOrderElementsOf(model.keySet());
  }

  @Test
  void evictionRemovesIdleRecordsOnly() {
    InMemorySessionStore store = InMemorySessionStore.create();
    for (int i = 0; i < 1_000; i++) {
      store.recordInbound(new SessionKey("pn", CustomerId.ofPhone(Long.toString(4915100000000L + i))), T0.plusSeconds(i), false);
    }
    assertThat(store.evictBefore(T0.plusSeconds(500))).isEqualTo(500);
    assertThat(store.size()).isEqualTo(500);
    for (int i = 0; i < 1_000; i++) {
      assertThat(store.get(new SessionKey("pn", CustomerId.ofPhone(Long.toString(4915100000000L + i)))).isPresent())
          .isEqualTo(i >= 500);
    }
  }

  @Test
  void concurrentWritersKeepTheLatestTimestamp() throws Exception {
    InMemorySessionStore store = InMemorySessionStore.create();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger round = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      fs.add(pool.submit(() -> {
        for (int i = 0; i < 20_000; i++) {
          SessionKey k = new SessionKey("pn", CustomerId.ofPhone(Long.toString(4915100000000L + (i % 2_000))));
          store.recordInbound(k, T0.plusSeconds(i * 4L + writer), false);
          round.incrementAndGet();
        }
      }));
    }
    for (Future<?> f : fs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(store.size()).isEqualTo(2_000);
    for (int j = 0; j < 2_000; j++) {
      long lastI = 18_000 + j; // the largest i with i % 2000 == j
      Instant expected = T0.plusSeconds(lastI * 4 + 3);
      assertThat(store.get(new SessionKey("pn", CustomerId.ofPhone(Long.toString(4915100000000L + j)))).orElseThrow().lastInboundAt())
          .isEqualTo(expected);
    }
  }

  @Test
  void optimisticReadsRacingGrowthAndErasureSeeOnlyWrittenValues() throws Exception {
    InMemorySessionStore store = InMemorySessionStore.create(); // small tables: the writer forces growth
    int stable = 500;
    for (int j = 0; j < stable; j++) {
      store.recordInbound(new SessionKey("pn", CustomerId.ofPhone(Long.toString(4915100000000L + j))), T0.plusSeconds(j + 1), false);
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    List<Future<?>> fs = new ArrayList<>();
    fs.add(pool.submit(() -> {
      try {
        for (int i = 0; i < 60_000; i++) {
          SessionKey churn = new SessionKey("pn", CustomerId.ofPhone(Long.toString(4916200000000L + i)));
          store.recordInbound(churn, T0.plusSeconds(10_000 + i), false);
          if (i % 3 == 0) {
            store.erase(churn);
          }
          // Stable keys only ever move forward.
          int j = i % stable;
          store.recordInbound(new SessionKey("pn", CustomerId.ofPhone(Long.toString(4915100000000L + j))), T0.plusSeconds(j + 1 + i), false);
        }
      } finally {
        done.set(true);
      }
    }));
    for (int r = 0; r < 2; r++) {
      fs.add(pool.submit(() -> {
        long reads = 0;
        while (!done.get() || reads < 10_000) {
          int j = (int) (reads++ % stable);
          long got = store.lastInboundEpochSecond(new SessionKey("pn", CustomerId.ofPhone(Long.toString(4915100000000L + j))));
          // Present all along, never older than its first write, never beyond the writer's last.
          assertThat(got).isBetween(T0.getEpochSecond() + j + 1, T0.getEpochSecond() + j + 1 + 60_000);
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(store.size()).isEqualTo(stable + 40_000);
  }

  @Test
  void severalBusinessNumbersStayApartWhateverStringInstancesCarryTheirIds() {
    InMemorySessionStore store = InMemorySessionStore.create();
    String wa = "4915100000001";
    for (int n = 0; n < 5; n++) {
      store.recordInbound(new SessionKey(new String(("pn-" + n).toCharArray()), CustomerId.ofPhone(wa)), T0.plusSeconds(n + 1), false);
    }
    for (int round = 0; round < 3; round++) {
      for (int n = 4; n >= 0; n--) {
        assertThat(store.lastInboundEpochSecond(new SessionKey(new String(("pn-" + n).toCharArray()), CustomerId.ofPhone(wa))))
            .isEqualTo(T0.getEpochSecond() + n + 1);
      }
    }
    assertThat(store.lastInboundEpochSecond(new SessionKey("pn-5", CustomerId.ofPhone(wa)))).isEqualTo(-1);
    assertThat(store.size()).isEqualTo(5);
  }

  @Test
  void unknownNumberIdsAreAbsentNotErrors() {
    InMemorySessionStore store = InMemorySessionStore.create();
    SessionKey k = new SessionKey("never-seen", CustomerId.ofPhone("4915100000001"));
    assertThat(store.get(k)).isEmpty();
    assertThat(store.claimNotifications(k, T0, 1)).isZero();
    assertThat(store.erase(k)).isFalse();
    assertThat(store.openFreeEntryPoint(k, T0, Duration.ofHours(24), Duration.ofHours(72))).isEmpty();
    assertThat(store.lastInboundEpochSecond(k)).isEqualTo(-1);
  }
}
