package io.github.whatsapphelpdesk.testkit.contract.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.IdempotencyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link IdempotencyStore} meets: a key is claimed once until its TTL ends, {@link
 * IdempotencyStore#claimAll} claims in order and holds nothing when it fails, {@link
 * IdempotencyStore#release} frees a key, and of concurrent claims of one key exactly one wins.
 *
 * <p>Extend it and implement {@link #newStore}: an empty store whose expiry follows the given clock. A
 * bounded store also overrides {@link #capacity()} (and {@link #size} when it can count). The store must
 * hold at least {@value #MIN_CAPACITY} claims.
 */
public abstract class IdempotencyStoreContractTest extends StoreContract<IdempotencyStore> {
  /** The fewest claims a store under test must hold without evicting. */
  protected static final int MIN_CAPACITY = 4_096;

  /** Meta's redelivery window, the handler's default TTL. */
  protected static final Duration WEEK = Duration.ofDays(7);

  // ---- hooks ------------------------------------------------------------------------------------------

  /** An empty store whose claims expire by {@code clock}. Called before each test. */
  @Override
  protected abstract IdempotencyStore newStore(MutableClock clock);

  /** The most claims the store keeps, when it is bounded (default: unbounded). */
  protected OptionalInt capacity() {
    return OptionalInt.empty();
  }

  /** How many claims the store holds, or -1 when it cannot tell (the default). */
  protected int size(IdempotencyStore store) {
    return -1;
  }

  // ---- claim ------------------------------------------------------------------------------------------

  @Test
  void aKeyIsClaimedOnce() {
    assertThat(store.claim("msg:wamid.A", WEEK)).isTrue();
    assertThat(store.claim("msg:wamid.A", WEEK)).as("a redelivery").isFalse();
    assertThat(store.claim("msg:wamid.A", WEEK)).as("and another").isFalse();
  }

  @Test
  void keysAreComparedInFull() {
    // "Aa" and "BB" share String.hashCode; the long keys differ in their last character only.
    String longA = "status:wamid." + "x".repeat(300) + "A";
    String longB = "status:wamid." + "x".repeat(300) + "B";
    for (String k : List.of("Aa", "BB", "k", "k1", "K", longA, longB, "msg:wamid.1", "status:wamid.1")) {
      assertThat(store.claim(k, WEEK)).as("first claim of %s", k.length() > 20 ? k.substring(k.length() - 20) : k)
          .isTrue();
    }
    for (String k : List.of("Aa", "BB", "k", "k1", "K", longA, longB, "msg:wamid.1", "status:wamid.1")) {
      assertThat(store.claim(k, WEEK)).isFalse();
    }
  }

  @Test
  void aClaimHoldsUntilItsTtlEnds() {
    assertThat(store.claim("k", Duration.ofHours(1))).isTrue();
    clock.advance(Duration.ofMinutes(59).plusSeconds(59));
    assertThat(store.claim("k", Duration.ofHours(1))).as("1 s before expiry").isFalse();
    clock.advance(Duration.ofSeconds(2));
    assertThat(store.claim("k", Duration.ofHours(1))).as("1 s after expiry").isTrue();
    assertThat(store.claim("k", Duration.ofHours(1))).as("claimed again, with a new TTL").isFalse();
    clock.advance(Duration.ofMinutes(59));
    assertThat(store.claim("k", Duration.ofHours(1))).as("the new claim runs from its own start").isFalse();
  }

  @Test
  void eachClaimHasItsOwnTtl() {
    assertThat(store.claim("short", Duration.ofHours(1))).isTrue();
    assertThat(store.claim("long", Duration.ofHours(2))).isTrue();
    clock.advance(Duration.ofMinutes(90));
    assertThat(store.claim("short", WEEK)).isTrue();
    assertThat(store.claim("long", WEEK)).isFalse();
  }

  @Test
  void aDuplicateDoesNotExtendTheClaim() {
    assertThat(store.claim("k", Duration.ofHours(1))).isTrue();
    clock.advance(Duration.ofMinutes(50));
    assertThat(store.claim("k", Duration.ofHours(1))).isFalse();
    clock.advance(Duration.ofMinutes(11));
    assertThat(store.claim("k", Duration.ofHours(1))).as("the failed claim did not renew the first").isTrue();
  }

  @Test
  void unrelatedClaimsDoNotDisturbAHeldOne() {
    assertThat(store.claim("keep", WEEK)).isTrue();
    for (int i = 0; i < MIN_CAPACITY / 2; i++) {
      assertThat(store.claim("other-" + i, WEEK)).isTrue();
    }
    assertThat(store.claim("keep", WEEK)).isFalse();
    assertThat(store.claim("other-0", WEEK)).isFalse();
  }

  // ---- release ----------------------------------------------------------------------------------------

  @Test
  void aReleasedKeyCanBeClaimedAgain() {
    assertThat(store.claim("a", WEEK)).isTrue();
    assertThat(store.claim("b", WEEK)).isTrue();
    store.release("a");
    assertThat(store.claim("a", WEEK)).isTrue();
    assertThat(store.claim("a", WEEK)).isFalse();
    assertThat(store.claim("b", WEEK)).as("releasing a left b alone").isFalse();
  }

  @Test
  void releasingAnUnknownKeyIsIgnored() {
    store.release("never-claimed");
    assertThat(store.claim("never-claimed", WEEK)).isTrue();
    store.release("never-claimed");
    store.release("never-claimed");
    assertThat(store.claim("never-claimed", WEEK)).isTrue();
  }

  // ---- claimAll ---------------------------------------------------------------------------------------

  @Test
  void claimAllClaimsInOrderAndRepeatsLose() {
    assertThat(store.claim("b", WEEK)).isTrue();
    boolean[] won = store.claimAll(List.of("a", "b", "a", "c", "c"), WEEK);
    assertThat(won).containsExactly(true, false, false, true, false);
    assertThat(store.claim("a", WEEK)).isFalse();
    assertThat(store.claim("c", WEEK)).isFalse();
  }

  @Test
  void claimAllOfNothingIsEmpty() {
    assertThat(store.claimAll(List.of(), WEEK)).isEmpty();
  }

  @Test
  void claimAllClaimsExpireByTheirTtl() {
    assertThat(store.claimAll(List.of("x", "y"), Duration.ofHours(1))).containsExactly(true, true);
    clock.advance(Duration.ofMinutes(59));
    assertThat(store.claimAll(List.of("x", "y", "z"), Duration.ofHours(1))).containsExactly(false, false, true);
    clock.advance(Duration.ofMinutes(2));
    assertThat(store.claimAll(List.of("x", "y", "z"), Duration.ofHours(1))).containsExactly(true, true, false);
  }

  @Test
  void aFailedClaimAllHoldsNoneOfItsClaims() {
    assertThat(store.claim("held-before", WEEK)).isTrue();
    List<String> withBadKey = Arrays.asList("held-before", "x", null, "y");
    assertThatThrownBy(() -> store.claimAll(withBadKey, WEEK)).isInstanceOf(RuntimeException.class);
    assertThat(store.claim("x", WEEK)).as("x was claimed by the failed call and released").isTrue();
    assertThat(store.claim("y", WEEK)).isTrue();
    assertThat(store.claim("held-before", WEEK)).as("a claim the failed call did not make stays").isFalse();
  }

  @Test
  void aReleasedClaimAllKeyCanBeClaimedAgain() {
    assertThat(store.claimAll(List.of("p", "q"), WEEK)).containsExactly(true, true);
    store.release("q");
    assertThat(store.claimAll(List.of("p", "q"), WEEK)).containsExactly(false, true);
  }

  // ---- bounds -----------------------------------------------------------------------------------------

  @Test
  void aBoundedStoreKeepsItsNewestClaims() {
    OptionalInt cap = capacity();
    assumeTrue(cap.isPresent(), "the store is not bounded");
    int c = cap.getAsInt();
    for (int i = 0; i < 3 * c; i++) {
      String k = "k" + i;
      assertThat(store.claim(k, WEEK)).isTrue();
      assertThat(store.claim(k, WEEK)).as("the claim just made holds, even when the store is full").isFalse();
      int size = size(store);
      if (size >= 0) {
        assertThat(size).as("size after %d claims", i + 1).isLessThanOrEqualTo(c);
      }
    }
    assertThat(store.claim("k" + (3 * c - 1), WEEK)).isFalse();
    assertThat(store.claim("k" + (3 * c - 2), WEEK)).isFalse();
  }

  // ---- races ------------------------------------------------------------------------------------------

  @Test
  void ofConcurrentClaimsOfOneKeyExactlyOneWins() {
    int threads = 8;
    for (int round = 0; round < 50; round++) {
      String key = "race-" + round;
      List<Boolean> won = Race.run(threads, i -> store.claim(key, WEEK));
      assertThat(won.stream().filter(b -> b).count()).as("winners of round %d", round).isEqualTo(1);
    }
  }

  @Test
  void ofConcurrentClaimAllsEachKeyIsWonOnce() {
    int threads = 4;
    int keys = 200;
    List<List<String>> orders = new ArrayList<>();
    Random random = new Random(42);
    for (int t = 0; t < threads; t++) {
      List<String> order = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        order.add("all-" + k);
      }
      Collections.shuffle(order, random);
      orders.add(order);
    }
    List<boolean[]> results = Race.run(threads, t -> store.claimAll(orders.get(t), WEEK));
    int[] winners = new int[keys];
    for (int t = 0; t < threads; t++) {
      for (int k = 0; k < keys; k++) {
        if (results.get(t)[k]) {
          winners[Integer.parseInt(orders.get(t).get(k).substring(4))]++;
        }
      }
    }
    for (int k = 0; k < keys; k++) {
      assertThat(winners[k]).as("winners of all-%d", k).isEqualTo(1);
    }
  }

  @Test
  void concurrentClaimsOfDistinctKeysAllWin() {
    int threads = 8;
    int perThread = 250;
    List<Integer> wins = Race.run(threads, t -> {
      int n = 0;
      for (int i = 0; i < perThread; i++) {
        if (store.claim("t" + t + "-" + i, WEEK)) {
          n++;
        }
      }
      return n;
    });
    assertThat(wins).containsOnly(perThread);
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(store.claim("t" + t + "-" + i, WEEK)).isFalse();
      }
    }
  }
}
