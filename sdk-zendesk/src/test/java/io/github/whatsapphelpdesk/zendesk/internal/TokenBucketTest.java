package io.github.whatsapphelpdesk.zendesk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.zendesk.fake.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final MutableClock clock = MutableClock.create();

  @Test
  void tryAcquire_capacitySpent_returnsExactWaitAndRefillsEvenly() {
    TokenBucket b = new TokenBucket(clock, 3, Duration.ofMinutes(1));
    assertThat(b.tryAcquire()).isZero();
    assertThat(b.tryAcquire()).isZero();
    assertThat(b.tryAcquire()).isZero();
    assertThat(b.tryAcquire()).isEqualTo(Duration.ofSeconds(20));
    clock.advance(Duration.ofSeconds(19));
    assertThat(b.tryAcquire()).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(b.tryAcquire()).isZero();
    assertThat(b.freeFraction()).isZero();
  }

  @Test
  void release_givesPermitBack_neverAboveCapacity() {
    TokenBucket b = new TokenBucket(clock, 1, Duration.ofSeconds(10));
    b.release();
    assertThat(b.freeFraction()).isEqualTo(1.0);
    assertThat(b.tryAcquire()).isZero();
    b.release();
    assertThat(b.tryAcquire()).isZero();
  }

  @Test
  void rateLimits_ticketRefusal_releasesAccountPermits() {
    RateLimits limits = new RateLimits(clock, 2, 100, 1, 0.2);
    assertThat(limits.tryAcquire("7")).isZero();
    assertThat(limits.tryAcquire("7")).isPositive(); // ticket 7 spent; account permit given back
    assertThat(limits.tryAcquire("8")).isZero();     // so another ticket still gets the account's 2nd permit
    assertThat(limits.tryAcquire(null)).isPositive();
  }

  @Test
  void boundedKey_longKey_hashedTo255OrLess() {
    String longKey = "k".repeat(400);
    assertThat(TicketWriter.boundedKey(longKey)).startsWith("sha256:").hasSizeLessThanOrEqualTo(255);
    assertThat(TicketWriter.boundedKey("short")).isEqualTo("short");
  }
}
