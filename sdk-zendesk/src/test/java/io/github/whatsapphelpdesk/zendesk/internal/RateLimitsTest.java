package io.github.whatsapphelpdesk.zendesk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  private final MutableClock clock = MutableClock.create();

  @Test
  void tryAcquire_accountSpent_returnsExactWaitAndRefillsEvenly() {
    RateLimits limits = new RateLimits(clock, 3, 100, 30, 0.2);
    assertThat(limits.tryAcquire(null)).isZero();
    assertThat(limits.tryAcquire(null)).isZero();
    assertThat(limits.tryAcquire(null)).isZero();
    assertThat(limits.tryAcquire(null)).isEqualTo(Duration.ofSeconds(20)); // 3 per minute: one per 20 s
    clock.advance(Duration.ofSeconds(19));
    assertThat(limits.tryAcquire(null)).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(limits.tryAcquire(null)).isZero();
    assertThat(limits.tryAcquire(null)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void tryAcquire_ticketRefusal_releasesAccountAndUpdatePermits() {
    RateLimits limits = new RateLimits(clock, 2, 2, 1, 0.2);
    assertThat(limits.tryAcquire("7")).isZero();
    assertThat(limits.tryAcquire("7")).isEqualTo(Duration.ofMinutes(10)); // ticket 7 spent; both permits given back
    assertThat(limits.tryAcquire("8")).isZero();     // so another ticket still gets the 2nd account and update permits
    assertThat(limits.tryAcquire(null)).isPositive();
  }

  @Test
  void nearLimit_belowFraction_true_andRecoversWithTime() {
    RateLimits limits = new RateLimits(clock, 10, 100, 30, 0.5);
    for (int i = 0; i < 5; i++) {
      assertThat(limits.tryAcquire(null)).isZero();
    }
    assertThat(limits.nearLimit("1")).isFalse(); // 5 of 10 free
    assertThat(limits.tryAcquire(null)).isZero();
    assertThat(limits.nearLimit("1")).isTrue();  // 4 of 10 free
    clock.advance(Duration.ofMinutes(1));
    assertThat(limits.nearLimit("1")).isFalse();
  }

  @Test
  void ticketBuckets_boundedByLru() {
    RateLimits limits = new RateLimits(clock, 1_000_000, 1_000_000, 30, 0.2);
    for (int i = 0; i < RateLimits.MAX_TRACKED_TICKETS + 50; i++) {
      limits.tryAcquire("t" + i);
    }
    assertThat(limits.trackedTickets()).isEqualTo(RateLimits.MAX_TRACKED_TICKETS);
  }

  @Test
  void boundedKey_longKey_hashedTo255OrLess() {
    String longKey = "k".repeat(400);
    assertThat(TicketWriter.boundedKey(longKey)).startsWith("sha256:").hasSizeLessThanOrEqualTo(255);
    assertThat(TicketWriter.boundedKey("short")).isEqualTo("short");
  }
}
