package io.github.whatsapphelpdesk.freshdesk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.freshdesk.FreshdeskRateLimits;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatePacerTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-11-25T10:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();
  private final RatePacer pacer = new RatePacer("freshdesk", FreshdeskRateLimits.growth(), clock, d -> {
    sleeps.add(d);
    clock.advance(d);
  }, Duration.ofSeconds(10));

  @Test
  void acquire_withinBudget_neverSleeps() {
    for (int i = 0; i < 80; i++) {
      pacer.acquire(EndpointClass.TICKET_CREATE);
    }
    assertThat(sleeps).isEmpty();
  }

  @Test
  void acquire_subLimitSpent_waitsForRefill() {
    for (int i = 0; i < 80; i++) {
      pacer.acquire(EndpointClass.TICKET_CREATE);
    }
    pacer.acquire(EndpointClass.TICKET_CREATE);
    // Growth: 80 creates per minute -> 750 ms per permit.
    assertThat(sleeps).containsExactly(Duration.ofMillis(750));
    pacer.acquire(EndpointClass.OTHER);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void observe_newTotal_resizesAccountBucket() {
    pacer.observe(50, 0);
    pacer.acquire(EndpointClass.OTHER);
    assertThat(sleeps).containsExactly(Duration.ofMillis(1200));
  }

  @Test
  void onRateLimited_longBlock_throwsWithRemainingWait() {
    pacer.onRateLimited(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(5));
    assertThatThrownBy(() -> pacer.acquire(EndpointClass.OTHER))
        .isInstanceOfSatisfying(HelpdeskRateLimitedException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(25)));
  }

  @Test
  void observe_remainingNeverRaisesTokens() {
    pacer.observe(-1, 3);
    pacer.observe(-1, 150);
    assertThat(pacer.accountPermits()).isEqualTo(3.0);
  }
}
