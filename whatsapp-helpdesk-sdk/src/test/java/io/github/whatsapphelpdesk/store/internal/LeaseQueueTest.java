package io.github.whatsapphelpdesk.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.store.internal.LeaseQueue.DropReason;
import io.github.whatsapphelpdesk.store.internal.LeaseQueue.Item;
import io.github.whatsapphelpdesk.store.internal.LeaseQueue.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's parts the inbox does not use: final retention and a custom group order (for the outbox). */
class LeaseQueueTest {
  private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
  private final List<String> dropped = new ArrayList<>();

  private LeaseQueue<String> queue(Duration retention, Comparator<Item<String>> order) {
    return new LeaseQueue<>("q-", retention, 10, Long.MAX_VALUE, s -> 0, order,
        (item, reason) -> dropped.add(item.payload() + " " + reason));
  }

  @Test
  void finalItemsAreKeptForTheRetentionThenDropped() {
    LeaseQueue<String> q = queue(Duration.ofHours(1), null);
    Item<String> a = q.add("g", "a", T0);
    Item<String> l = q.lease("w", 1, 1, Duration.ofSeconds(30), T0).get(0);
    Item<String> f = q.finish(a.id(), l.leaseToken(), "SENT", "a+wamid", null, T0);
    assertThat(f.state()).isEqualTo(State.FINAL);
    assertThat(f.outcome()).isEqualTo("SENT");
    assertThat(q.get(a.id()).orElseThrow().payload()).isEqualTo("a+wamid");
    assertThat(q.count(State.FINAL)).isEqualTo(1);
    q.sweep(T0.plus(Duration.ofMinutes(59)));
    assertThat(q.get(a.id())).isPresent();
    q.sweep(T0.plus(Duration.ofHours(1)));
    assertThat(q.get(a.id())).isEmpty();
    assertThat(q.count(State.FINAL)).isZero();
    assertThat(dropped).containsExactly("a+wamid " + DropReason.RETENTION);
  }

  @Test
  void aCustomOrderPicksWhichReadyGroupsGoFirst() {
    // Payload "!" first (a priority), then the sequence.
    LeaseQueue<String> q = queue(Duration.ZERO, Comparator.comparing((Item<String> i) -> !i.payload().startsWith("!"))
        .thenComparingLong(Item::sequence));
    q.add("g1", "normal", T0);
    q.add("g2", "!urgent", T0);
    assertThat(q.lease("w", 1, 1, Duration.ofSeconds(30), T0)).extracting(Item::payload).containsExactly("!urgent");
    assertThat(q.unfinished()).isEqualTo(2);
  }
}
