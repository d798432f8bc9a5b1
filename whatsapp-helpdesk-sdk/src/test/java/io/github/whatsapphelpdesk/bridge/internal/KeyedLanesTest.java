package io.github.whatsapphelpdesk.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedLanesTest {
  private final MutableClock clock = MutableClock.create();
  private final KeyedLanes lanes = new KeyedLanes(Runnable::run, clock);

  @Test
  void aTaskThatKeepsFailingBacksOffExponentiallyUpToTheCap() {
    AtomicInteger runs = new AtomicInteger();
    lanes.submit("k", () -> {
      runs.incrementAndGet();
      return clock.instant().plusSeconds(2);
    });
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Instant before = clock.instant();
      Instant next = lanes.nextRetryAt();
      waits.add(Duration.between(before, next));
      clock.set(next.minusMillis(1));
      assertThat(lanes.resumeDue()).isZero();
      clock.set(next);
      assertThat(lanes.resumeDue()).isEqualTo(1);
    }
    assertThat(waits.subList(0, 5)).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(32));
    assertThat(waits.get(11)).isEqualTo(KeyedLanes.MAX_BACKOFF);
    assertThat(runs.get()).isEqualTo(13);
  }

  @Test
  void theBackoffStartsAgainForTheNextTaskAndOrderHolds() {
    List<String> done = new ArrayList<>();
    AtomicInteger failures = new AtomicInteger(3);
    lanes.submit("k", () -> {
      if (failures.getAndDecrement() > 0) {
        return clock.instant().plusSeconds(1);
      }
      done.add("first");
      return null;
    });
    AtomicInteger secondFailures = new AtomicInteger(1);
    lanes.submit("k", () -> {
      if (secondFailures.getAndDecrement() > 0) {
        return clock.instant().plusSeconds(1);
      }
      done.add("second");
      return null;
    });
    while (lanes.pending() > 0 && lanes.nextRetryAt() != null) {
      Instant next = lanes.nextRetryAt();
      if (done.contains("first")) {
        // The second task's first retry waits the asked delay again, not the first task's backoff.
        assertThat(Duration.between(clock.instant(), next)).isEqualTo(Duration.ofSeconds(1));
      }
      clock.set(next);
      lanes.resumeDue();
    }
    assertThat(done).containsExactly("first", "second");
    assertThat(lanes.pending()).isZero();
  }
}
