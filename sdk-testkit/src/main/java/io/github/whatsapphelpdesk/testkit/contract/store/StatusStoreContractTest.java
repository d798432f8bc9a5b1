package io.github.whatsapphelpdesk.testkit.contract.store;

import static io.github.whatsapphelpdesk.webhook.DeliveryStatus.DELIVERED;
import static io.github.whatsapphelpdesk.webhook.DeliveryStatus.FAILED;
import static io.github.whatsapphelpdesk.webhook.DeliveryStatus.PLAYED;
import static io.github.whatsapphelpdesk.webhook.DeliveryStatus.READ;
import static io.github.whatsapphelpdesk.webhook.DeliveryStatus.SENT;
import static io.github.whatsapphelpdesk.webhook.DeliveryStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.DeliveryStatus;
import io.github.whatsapphelpdesk.webhook.StatusStore;
import io.github.whatsapphelpdesk.webhook.StatusTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link StatusStore} meets: statuses only move a message forward ({@link
 * StatusStore#movesForward}), a wamid never seen (or forgotten) is recorded and passes, a record is
 * forgotten {@link #retention()} after its last forward move, and concurrent statuses for one wamid form
 * one forward chain.
 *
 * <p>Extend it and implement {@link #newStore} (an empty store) and {@link #retention()} (the retention
 * it was built with, at least a day). A bounded store also overrides {@link #maxHeld()}. The store must
 * hold at least {@value #MIN_CAPACITY} wamids.
 */
public abstract class StatusStoreContractTest extends StoreContract<StatusStore> {
  /** The fewest wamids a store under test must hold without evicting. */
  protected static final int MIN_CAPACITY = 4_096;

  // ---- hooks ------------------------------------------------------------------------------------------

  /**
   * An empty store with {@link #retention()}. The SPI takes time from its callers; {@code clock} is for a
   * store that also reads time itself.
   */
  @Override
  protected abstract StatusStore newStore(MutableClock clock);

  /** The retention the store was built with (at least one day). */
  protected abstract Duration retention();

  /** The most wamids {@link StatusStore#size()} may report, when the store is bounded (default: unbounded). */
  protected OptionalInt maxHeld() {
    return OptionalInt.empty();
  }

  private StatusTransition advance(String wamid, DeliveryStatus status) {
    return store.advance(wamid, status, clock.instant());
  }

  private DeliveryStatus current(String wamid) {
    return store.current(wamid, clock.instant());
  }

  // ---- order ------------------------------------------------------------------------------------------

  @Test
  void anUnknownWamidIsRecordedAndPasses() {
    assertThat(current("w")).isNull();
    assertThat(advance("w", READ)).isEqualTo(new StatusTransition(null, READ, true));
    assertThat(current("w")).isEqualTo(READ);
  }

  @Test
  void statusesOnlyMoveForward() {
    assertThat(advance("w", SENT)).isEqualTo(new StatusTransition(null, SENT, true));
    assertThat(advance("w", DELIVERED)).isEqualTo(new StatusTransition(SENT, DELIVERED, true));
    assertThat(advance("w", SENT)).as("a late sent").isEqualTo(new StatusTransition(DELIVERED, DELIVERED, false));
    assertThat(current("w")).isEqualTo(DELIVERED);
    assertThat(advance("w", DELIVERED)).as("the same status again")
        .isEqualTo(new StatusTransition(DELIVERED, DELIVERED, false));
    assertThat(advance("w", PLAYED)).as("read may be skipped").isEqualTo(new StatusTransition(DELIVERED, PLAYED, true));
    assertThat(advance("w", READ)).isEqualTo(new StatusTransition(PLAYED, PLAYED, false));
    assertThat(current("w")).isEqualTo(PLAYED);
  }

  @Test
  void failedFollowsAnyStatusAndIsTerminal() {
    advance("w", SENT);
    assertThat(advance("w", FAILED)).isEqualTo(new StatusTransition(SENT, FAILED, true));
    for (DeliveryStatus later : List.of(SENT, DELIVERED, READ, PLAYED, FAILED)) {
      assertThat(advance("w", later)).as("%s after failed", later).isEqualTo(new StatusTransition(FAILED, FAILED, false));
    }
    assertThat(current("w")).isEqualTo(FAILED);
    advance("x", PLAYED);
    assertThat(advance("x", FAILED)).as("delivery can fail late").isEqualTo(new StatusTransition(PLAYED, FAILED, true));
    assertThat(advance("y", FAILED)).isEqualTo(new StatusTransition(null, FAILED, true));
  }

  @Test
  void wamidsAreIndependent() {
    advance("wamid.Aa", READ);
    advance("wamid.BB", SENT);
    assertThat(advance("wamid.BB", DELIVERED).forward()).isTrue();
    assertThat(current("wamid.Aa")).isEqualTo(READ);
    assertThat(current("wamid.BB")).isEqualTo(DELIVERED);
    assertThat(current("wamid.B")).isNull();
  }

  @Test
  void unknownIsNotRecorded() {
    advance("w", SENT);
    assertThatThrownBy(() -> advance("w", UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
    assertThat(current("w")).isEqualTo(SENT);
  }

  @Test
  void theForwardRule() {
    List<DeliveryStatus> ordered = List.of(SENT, DELIVERED, READ, PLAYED);
    for (int i = 0; i < ordered.size(); i++) {
      for (int j = 0; j < ordered.size(); j++) {
        assertThat(StatusStore.movesForward(ordered.get(i), ordered.get(j))).isEqualTo(j > i);
      }
      assertThat(StatusStore.movesForward(ordered.get(i), FAILED)).isTrue();
      assertThat(StatusStore.movesForward(FAILED, ordered.get(i))).isFalse();
      assertThat(StatusStore.movesForward(ordered.get(i), UNKNOWN)).isFalse();
    }
    assertThat(StatusStore.movesForward(FAILED, FAILED)).isFalse();
  }

  // ---- retention --------------------------------------------------------------------------------------

  @Test
  void aRecordIsForgottenAfterRetention() {
    advance("w", DELIVERED);
    clock.advance(retention().minusSeconds(1));
    assertThat(current("w")).isEqualTo(DELIVERED);
    assertThat(advance("w", SENT).stale()).as("still remembered 1 s before the end").isTrue();
    clock.advance(Duration.ofSeconds(2));
    assertThat(current("w")).isNull();
    assertThat(advance("w", SENT)).as("forgotten: behaves as never seen")
        .isEqualTo(new StatusTransition(null, SENT, true));
  }

  @Test
  void aForwardMoveRestartsRetention() {
    advance("w", SENT);
    clock.advance(retention().dividedBy(2));
    advance("w", READ);
    clock.advance(retention().dividedBy(2).plusSeconds(1));
    assertThat(current("w")).as("retention runs from the last forward move").isEqualTo(READ);
    clock.advance(retention().dividedBy(2));
    assertThat(current("w")).isNull();
  }

  @Test
  void manyUnrelatedWamidsDoNotDisturbATrackedOne() {
    advance("keep", READ);
    for (int i = 0; i < MIN_CAPACITY / 2; i++) {
      advance("other-" + i, SENT);
    }
    assertThat(current("keep")).isEqualTo(READ);
    assertThat(advance("keep", DELIVERED).stale()).isTrue();
  }

  @Test
  void aBoundedStoreStaysBoundedAndKeepsItsNewestRecords() {
    OptionalInt cap = maxHeld();
    assumeTrue(cap.isPresent(), "the store is not bounded");
    int c = cap.getAsInt();
    for (int i = 0; i < 3 * c; i++) {
      advance("w" + i, DELIVERED);
      assertThat(current("w" + i)).as("the record just made holds").isEqualTo(DELIVERED);
      int size = store.size();
      if (size >= 0) {
        assertThat(size).isLessThanOrEqualTo(c);
      }
    }
    assertThat(advance("w" + (3 * c - 1), SENT).stale()).isTrue();
  }

  // ---- races ------------------------------------------------------------------------------------------

  @Test
  void concurrentStatusesForOneWamidFormOneForwardChain() {
    List<DeliveryStatus> statuses = List.of(SENT, DELIVERED, READ, PLAYED, FAILED);
    for (int round = 0; round < 100; round++) {
      String wamid = "wamid.race" + round;
      List<StatusTransition> ts = Race.run(statuses.size(), i -> advance(wamid, statuses.get(i)));
      List<StatusTransition> forward = new ArrayList<>();
      for (StatusTransition t : ts) {
        if (t.forward()) {
          forward.add(t);
          assertThat(t.previous() == null || StatusStore.movesForward(t.previous(), t.current()))
              .as("round %d: %s", round, t).isTrue();
        }
      }
      assertThat(forward.stream().filter(t -> t.previous() == null).count()).as("round %d: first records", round)
          .isEqualTo(1);
      // Each forward step starts where another ended: one chain, no status reported twice.
      for (StatusTransition t : forward) {
        if (t.previous() != null) {
          assertThat(forward.stream().filter(o -> o.current() == t.previous()).count())
              .as("round %d: a step from %s", round, t.previous()).isEqualTo(1);
        }
      }
      assertThat(forward.stream().map(StatusTransition::current).distinct().count()).isEqualTo(forward.size());
      assertThat(current(wamid)).as("failed ends every order").isEqualTo(FAILED);
    }
  }

  @Test
  void concurrentStatusesForDistinctWamidsAreAllRecorded() {
    int threads = 8;
    int perThread = 200;
    Race.run(threads, t -> {
      for (int i = 0; i < perThread; i++) {
        advance("t" + t + "-" + i, SENT);
        advance("t" + t + "-" + i, READ);
      }
      return null;
    });
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(current("t" + t + "-" + i)).isEqualTo(READ);
      }
    }
  }
}
