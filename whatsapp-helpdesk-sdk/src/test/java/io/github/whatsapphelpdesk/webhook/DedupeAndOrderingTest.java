package io.github.whatsapphelpdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DedupeAndOrderingTest {
  private final MutableClock clock = MutableClock.create();

  // ---- IdempotencyStore ---------------------------------------------------------------------------

  @Test
  void claimIsIfAbsentUntilTheTtlExpires() {
    InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().clock(clock).build();
    assertThat(store.claim("message:a", Duration.ofDays(7))).isTrue();
    assertThat(store.claim("message:a", Duration.ofDays(7))).isFalse();
    assertThat(store.claim("message:b", Duration.ofDays(7))).isTrue();
    clock.advance(Duration.ofDays(7).minusMillis(1));
    assertThat(store.claim("message:a", Duration.ofDays(7))).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(store.claim("message:a", Duration.ofDays(7))).isTrue();
  }

  @Test
  void releaseAllowsAReclaim() {
    InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().clock(clock).build();
    assertThat(store.claim("k", Duration.ofHours(1))).isTrue();
    store.release("k");
    store.release("never-claimed");
    assertThat(store.claim("k", Duration.ofHours(1))).isTrue();
  }

  @Test
  void memoryIsBoundedAndEarlyEvictionsAreCounted() {
    InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().clock(clock).maxEntries(1_000).build();
    for (int i = 0; i < 50_000; i++) {
      assertThat(store.claim("k" + i, Duration.ofDays(8))).isTrue();
    }
    assertThat(store.size()).isLessThanOrEqualTo(1_000 + 16);
    assertThat(store.evictedBeforeExpiry()).isGreaterThanOrEqualTo(49_000 - 16);
    // The most recent claims are still remembered.
    assertThat(store.claim("k49999", Duration.ofDays(8))).isFalse();
  }

  @Test
  void expiredClaimsAreDroppedAsNewOnesArrive() {
    InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().clock(clock).maxEntries(1_000).build();
    for (int i = 0; i < 900; i++) {
      store.claim("old" + i, Duration.ofMinutes(1));
    }
    clock.advance(Duration.ofMinutes(2));
    for (int i = 0; i < 900; i++) {
      store.claim("new" + i, Duration.ofMinutes(1));
    }
    assertThat(store.evictedBeforeExpiry()).isZero();
    assertThat(store.size()).isLessThanOrEqualTo(1_000 + 16);
  }

  @Test
  void concurrentClaimsOfOneKeyHaveExactlyOneWinner() throws Exception {
    InMemoryIdempotencyStore store = InMemoryIdempotencyStore.create();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 200; round++) {
        String key = "message:race" + round;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger winners = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          fs.add(pool.submit(() -> {
            start.await();
            if (store.claim(key, Duration.ofDays(1))) {
              winners.incrementAndGet();
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : fs) {
          f.get(10, TimeUnit.SECONDS);
        }
        assertThat(winners.get()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The table against a plain model (a map of claims and a FIFO of claim records) under random claims,
   * releases, re-claims after expiry and evictions.
   */
  @Test
  void storeAgreesWithASimpleModelUnderRandomOperations() {
    for (int seed = 1; seed <= 20; seed++) {
      java.util.Random rnd = new java.util.Random(seed);
      int cap = 16 + rnd.nextInt(200);
      InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().clock(clock).maxEntries(cap).build();
      java.util.Map<String, long[]> claims = new java.util.HashMap<>(); // key -> {expiry, stamp}
      java.util.ArrayDeque<Object[]> fifo = new java.util.ArrayDeque<>(); // {key, stamp, expiry}
      long stamp = 0;
      long evicted = 0;
      for (int op = 0; op < 5_000; op++) {
        long now = clock.millis();
        String key = "message:wamid." + rnd.nextInt(cap * 3);
        int what = rnd.nextInt(10);
        if (what < 7) {
          Duration ttl = Duration.ofMillis(1 + rnd.nextInt(5_000));
          long[] held = claims.get(key);
          boolean expected = held == null || held[0] <= now;
          if (expected) {
            if (fifo.size() == cap) {
              Object[] oldest = fifo.removeFirst();
              long[] c = claims.get((String) oldest[0]);
              if (c != null && c[1] == (long) oldest[1]) {
                claims.remove((String) oldest[0]);
                if ((long) oldest[2] > now) {
                  evicted++;
                }
              }
            }
            stamp++;
            claims.put(key, new long[] {now + ttl.toMillis(), stamp});
            fifo.addLast(new Object[] {key, stamp, now + ttl.toMillis()});
          }
          assertThat(store.claim(key, ttl)).as("seed %d op %d claim %s", seed, op, key).isEqualTo(expected);
        } else if (what < 8) {
          claims.remove(key);
          store.release(key);
        } else {
          clock.advance(Duration.ofMillis(rnd.nextInt(400)));
        }
        assertThat(store.size()).as("seed %d op %d size", seed, op).isEqualTo(claims.size());
        assertThat(store.evictedBeforeExpiry()).as("seed %d op %d evicted", seed, op).isEqualTo(evicted);
      }
    }
  }

  @Test
  void aLargeStoreKeepsEveryRecentClaimAndNeverInventsADuplicate() {
    InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().clock(clock).maxEntries(20_000).build();
    for (int i = 0; i < 200_000; i++) {
      assertThat(store.claim("message:wamid.HBgL" + i, Duration.ofDays(7))).isTrue();
      if (i >= 5_000) {
        // Well within the capacity: still remembered.
        assertThat(store.claim("message:wamid.HBgL" + (i - 5_000), Duration.ofDays(7))).isFalse();
      }
    }
    assertThat(store.size()).isEqualTo(20_000);
    assertThat(store.evictedBeforeExpiry()).isEqualTo(180_000);
  }

  @Test
  void claimAllClaimsInOrderAndARepeatedKeyOnlyOnce() {
    InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().clock(clock).build();
    assertThat(store.claim("b", Duration.ofHours(1))).isTrue();
    assertThat(store.claimAll(List.of("a", "b", "a", "c"), Duration.ofHours(1)))
        .containsExactly(true, false, false, true);
    assertThat(store.size()).isEqualTo(3);
    // The SPI default gives the same answers through claim().
    IdempotencyStore viaDefault = new IdempotencyStore() {
      @Override
      public boolean claim(String key, Duration ttl) {
        return store.claim(key, ttl);
      }

      @Override
      public void release(String key) {
        store.release(key);
      }
    };
    assertThat(viaDefault.claimAll(List.of("c", "d", "d"), Duration.ofHours(1))).containsExactly(false, true, false);
  }

  @Test
  void storeConfiguration() {
    assertThatThrownBy(() -> InMemoryIdempotencyStore.builder().maxEntries(1)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- StatusTracker ------------------------------------------------------------------------------

  @Test
  void statusesOnlyMoveForward() {
    StatusTracker t = StatusTracker.builder().clock(clock).build();
    assertThat(t.observe("w", DeliveryStatus.SENT)).isEqualTo(new StatusTransition(null, DeliveryStatus.SENT, true));
    assertThat(t.observe("w", DeliveryStatus.DELIVERED))
        .isEqualTo(new StatusTransition(DeliveryStatus.SENT, DeliveryStatus.DELIVERED, true));
    // A late 'sent' is stale, never a regression.
    StatusTransition late = t.observe("w", DeliveryStatus.SENT);
    assertThat(late.stale()).isTrue();
    assertThat(late.current()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(t.current("w")).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(t.observe("w", DeliveryStatus.READ).forward()).isTrue();
    assertThat(t.observe("w", DeliveryStatus.DELIVERED).stale()).isTrue();
    assertThat(t.observe("w", DeliveryStatus.READ).stale()).as("same status again").isTrue();
    assertThat(t.observe("w", DeliveryStatus.PLAYED).forward()).as("voice note played").isTrue();
    assertThat(t.observe("w", DeliveryStatus.READ).stale()).isTrue();
  }

  @Test
  void readMayComeWithoutDeliveredAndUnknownWamidsAreKept() {
    StatusTracker t = StatusTracker.builder().clock(clock).build();
    assertThat(t.observe("never-stored", DeliveryStatus.READ).forward()).isTrue();
    assertThat(t.observe("never-stored", DeliveryStatus.DELIVERED).stale()).isTrue();
  }

  @Test
  void failedIsTerminal() {
    StatusTracker t = StatusTracker.builder().clock(clock).build();
    t.observe("w", DeliveryStatus.SENT);
    assertThat(t.observe("w", DeliveryStatus.FAILED).forward()).isTrue();
    assertThat(t.observe("w", DeliveryStatus.DELIVERED).stale()).isTrue();
    assertThat(t.observe("w", DeliveryStatus.READ).stale()).isTrue();
    assertThat(t.observe("w", DeliveryStatus.FAILED).stale()).isTrue();
    assertThat(t.current("w")).isEqualTo(DeliveryStatus.FAILED);
    // failed after read still counts (delivery can fail late), and is terminal.
    t.observe("x", DeliveryStatus.READ);
    assertThat(t.observe("x", DeliveryStatus.FAILED).forward()).isTrue();
  }

  @Test
  void unknownStatusesPassUnordered() {
    StatusTracker t = StatusTracker.builder().clock(clock).build();
    t.observe("w", DeliveryStatus.READ);
    StatusTransition u = t.observe("w", DeliveryStatus.UNKNOWN);
    assertThat(u.forward()).isTrue();
    assertThat(t.current("w")).isEqualTo(DeliveryStatus.READ);
  }

  @Test
  void trackerMemoryIsBoundedAndRetentionExpires() {
    StatusTracker t = StatusTracker.builder().clock(clock).maxMessages(1_000).retention(Duration.ofDays(1)).build();
    for (int i = 0; i < 20_000; i++) {
      t.observe("w" + i, DeliveryStatus.SENT);
    }
    assertThat(t.size()).isLessThanOrEqualTo(1_000 + 16);
    t.observe("late", DeliveryStatus.READ);
    clock.advance(Duration.ofDays(1));
    assertThat(t.current("late")).isNull();
    assertThat(t.observe("late", DeliveryStatus.SENT).previous()).isNull();
  }
}
