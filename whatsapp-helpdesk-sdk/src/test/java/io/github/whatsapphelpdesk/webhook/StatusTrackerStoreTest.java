package io.github.whatsapphelpdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StatusTracker} over a {@link StatusStore}: the seam a shared (cluster) store plugs into. */
class StatusTrackerStoreTest {
  private final MutableClock clock = MutableClock.create();

  @Test
  void trackersSharingAStoreOrderStatusesTogether() {
    InMemoryStatusStore shared = InMemoryStatusStore.create();
    StatusTracker nodeA = StatusTracker.builder().clock(clock).store(shared).build();
    StatusTracker nodeB = StatusTracker.builder().clock(clock).store(shared).build();
    assertThat(nodeA.observe("w", DeliveryStatus.READ).forward()).isTrue();
    assertThat(nodeB.observe("w", DeliveryStatus.DELIVERED).stale()).as("the other node saw read").isTrue();
    assertThat(nodeB.current("w")).isEqualTo(DeliveryStatus.READ);
    assertThat(nodeB.size()).isEqualTo(1);
  }

  @Test
  void theTrackerStampsEachCallWithItsClockAndKeepsUnknownOutOfTheStore() {
    List<String> calls = new ArrayList<>();
    InMemoryStatusStore inner = InMemoryStatusStore.create();
    StatusStore recording = new StatusStore() {
      @Override
      public StatusTransition advance(String wamid, DeliveryStatus status, Instant at) {
        calls.add("advance " + wamid + " " + status + " " + at);
        return inner.advance(wamid, status, at);
      }

      @Override
      public DeliveryStatus current(String wamid, Instant at) {
        calls.add("current " + wamid + " " + at);
        return inner.current(wamid, at);
      }
    };
    StatusTracker t = StatusTracker.builder().clock(clock).store(recording).build();
    Instant t0 = clock.instant();
    t.observe("w", DeliveryStatus.SENT);
    clock.advance(Duration.ofMinutes(1));
    StatusTransition u = t.observe("w", DeliveryStatus.UNKNOWN);
    assertThat(u).isEqualTo(new StatusTransition(DeliveryStatus.SENT, DeliveryStatus.UNKNOWN, true));
    assertThat(calls).containsExactly("advance w SENT " + t0, "current w " + t0.plusSeconds(60));
    assertThat(t.size()).as("a store that does not count").isEqualTo(-1);
  }

  @Test
  void aFailingStoreFailsTheCall() {
    StatusStore down = new StatusStore() {
      @Override
      public StatusTransition advance(String wamid, DeliveryStatus status, Instant at) {
        throw new IllegalStateException("store unavailable");
      }

      @Override
      public DeliveryStatus current(String wamid, Instant at) {
        throw new IllegalStateException("store unavailable");
      }
    };
    StatusTracker t = StatusTracker.builder().store(down).build();
    assertThatThrownBy(() -> t.observe("w", DeliveryStatus.SENT)).hasMessage("store unavailable");
  }

  @Test
  void aGivenStoreCannotBeSizedByTheTracker() {
    assertThatThrownBy(() -> StatusTracker.builder().store(InMemoryStatusStore.create()).maxMessages(1_000).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxMessages");
    assertThatThrownBy(() -> StatusTracker.builder().retention(Duration.ofDays(1)).store(InMemoryStatusStore.create())
        .build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> StatusTracker.builder().store(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void storeSettingsAreValidated() {
    assertThatThrownBy(() -> InMemoryStatusStore.builder().maxMessages(15)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryStatusStore.builder().retention(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StatusTracker.builder().maxMessages(15)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryStatusStore.create().advance("w", DeliveryStatus.UNKNOWN, clock.instant()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
