package io.github.whatsapphelpdesk.testkit.contract.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.whatsapphelpdesk.crm.TokenReplayStore;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TokenReplayStore} meets (JWT {@code jti} replay protection): the first use of
 * a token id wins, every later use before the token's expiry is a replay, the id is forgotten once the
 * token expired, and of concurrent uses exactly one wins.
 *
 * <p>Extend it and implement {@link #newStore}: an empty store that decides expiry by the given clock. A
 * bounded store also overrides {@link #capacity()}. The store must hold at least {@value #MIN_CAPACITY}
 * ids.
 */
public abstract class TokenReplayStoreContractTest extends StoreContract<TokenReplayStore> {
  /** The fewest ids a store under test must hold without evicting. */
  protected static final int MIN_CAPACITY = 4_096;

  // ---- hooks ------------------------------------------------------------------------------------------

  /** An empty store that reads {@code clock}. Called before each test. */
  @Override
  protected abstract TokenReplayStore newStore(MutableClock clock);

  /** The most ids the store keeps, when it is bounded (default: unbounded). */
  protected OptionalInt capacity() {
    return OptionalInt.empty();
  }

  private Instant in(Duration d) {
    return clock.instant().plus(d);
  }

  // ---- rules ------------------------------------------------------------------------------------------

  @Test
  void aVerbatimRetryIsAccepted_butTheSameIdWithAnotherBodyIsAReplay() {
    Instant exp = in(Duration.ofMinutes(5));
    assertThat(store.claimOrRetry("jti-r", "hashA", exp)).as("first use").isTrue();
    assertThat(store.claimOrRetry("jti-r", "hashA", exp)).as("verbatim retry").isTrue();
    assertThat(store.claimOrRetry("jti-r", "hashB", exp)).as("another body").isFalse();
    assertThat(store.claimOrRetry("jti-r", "hashA", exp)).as("still a retry").isTrue();
    assertThat(store.claim("jti-r", exp)).as("the id itself is used").isFalse();
  }

  @Test
  void theFirstUseWinsAndEveryLaterOneIsAReplay() {
    Instant exp = in(Duration.ofMinutes(5));
    assertThat(store.claim("jti-1", exp)).isTrue();
    assertThat(store.claim("jti-1", exp)).isFalse();
    assertThat(store.claim("jti-1", exp)).isFalse();
  }

  @Test
  void idsAreIndependentAndComparedInFull() {
    Instant exp = in(Duration.ofMinutes(5));
    for (String id : List.of("Aa", "BB", "jti", "jti-", "JTI", "0f8c2a7e-1b2d-4c1e-9a3f-000000000001",
        "0f8c2a7e-1b2d-4c1e-9a3f-000000000002")) {
      assertThat(store.claim(id, exp)).as("first use of %s", id).isTrue();
    }
    assertThat(store.claim("Aa", exp)).isFalse();
    assertThat(store.claim("BB", exp)).isFalse();
    assertThat(store.claim("0f8c2a7e-1b2d-4c1e-9a3f-000000000002", exp)).isFalse();
  }

  @Test
  void aReplayBeforeExpiryIsRefusedEvenWithALaterExpiry() {
    assertThat(store.claim("jti-1", in(Duration.ofMinutes(5)))).isTrue();
    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    assertThat(store.claim("jti-1", in(Duration.ofHours(1)))).as("1 s before expiry").isFalse();
  }

  @Test
  void anIdIsForgottenAfterItsTokenExpired() {
    assertThat(store.claim("jti-1", in(Duration.ofMinutes(5)))).isTrue();
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(store.claim("jti-1", in(Duration.ofMinutes(5)))).as("1 s after expiry").isTrue();
    assertThat(store.claim("jti-1", in(Duration.ofMinutes(5)))).as("and recorded again").isFalse();
  }

  @Test
  void eachIdExpiresAtItsOwnTime() {
    assertThat(store.claim("short", in(Duration.ofMinutes(1)))).isTrue();
    assertThat(store.claim("long", in(Duration.ofMinutes(10)))).isTrue();
    clock.advance(Duration.ofMinutes(5));
    assertThat(store.claim("short", in(Duration.ofMinutes(1)))).isTrue();
    assertThat(store.claim("long", in(Duration.ofMinutes(1)))).isFalse();
  }

  @Test
  void aReplayDoesNotExtendTheRecord() {
    assertThat(store.claim("jti-1", in(Duration.ofMinutes(5)))).isTrue();
    assertThat(store.claim("jti-1", in(Duration.ofHours(1)))).isFalse();
    clock.advance(Duration.ofMinutes(6));
    assertThat(store.claim("jti-1", in(Duration.ofMinutes(5)))).isTrue();
  }

  @Test
  void manyUnrelatedIdsDoNotDisturbAHeldOne() {
    assertThat(store.claim("keep", in(Duration.ofMinutes(5)))).isTrue();
    for (int i = 0; i < MIN_CAPACITY / 2; i++) {
      assertThat(store.claim("other-" + i, in(Duration.ofMinutes(5)))).isTrue();
    }
    assertThat(store.claim("keep", in(Duration.ofMinutes(5)))).isFalse();
  }

  @Test
  void aBoundedStoreKeepsItsNewestIds() {
    OptionalInt cap = capacity();
    assumeTrue(cap.isPresent(), "the store is not bounded");
    int c = cap.getAsInt();
    for (int i = 0; i < 3 * c; i++) {
      // Expiries out of order, some sooner than everything held.
      Instant exp = in(Duration.ofSeconds(60 + (i * 7919L) % 600));
      assertThat(store.claim("jti-" + i, exp)).isTrue();
      assertThat(store.claim("jti-" + i, exp)).as("the id just recorded holds, even when the store is full")
          .isFalse();
    }
  }

  // ---- races ------------------------------------------------------------------------------------------

  @Test
  void ofConcurrentUsesOfOneIdExactlyOneWins() {
    int threads = 8;
    Instant exp = in(Duration.ofMinutes(5));
    for (int round = 0; round < 50; round++) {
      String id = "race-" + round;
      List<Boolean> won = Race.run(threads, i -> store.claim(id, exp));
      assertThat(won.stream().filter(b -> b).count()).as("winners of round %d", round).isEqualTo(1);
    }
  }

  @Test
  void concurrentUsesOfDistinctIdsAllWin() {
    int threads = 8;
    int perThread = 250;
    Instant exp = in(Duration.ofMinutes(5));
    List<Integer> wins = Race.run(threads, t -> {
      int n = 0;
      for (int i = 0; i < perThread; i++) {
        if (store.claim("t" + t + "-" + i, exp)) {
          n++;
        }
      }
      return n;
    });
    assertThat(wins).containsOnly(perThread);
  }
}
