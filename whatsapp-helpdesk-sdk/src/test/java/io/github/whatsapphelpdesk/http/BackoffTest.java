package io.github.whatsapphelpdesk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delay_growsByMultiplier_untilCap() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 3, 0);
    assertThat(b.delay(1, 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(b.delay(2, 0.0)).isEqualTo(Duration.ofMillis(300));
    assertThat(b.delay(3, 0.0)).isEqualTo(Duration.ofMillis(900));
    assertThat(b.delay(4, 0.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(10_000, 0.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(0, 0.0)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void delay_jitter_removesUpToFraction_fromInjectedRandom() {
    Backoff b = Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(30)).withJitter(0.5);
    assertThat(b.delay(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.delay(1, () -> 0.5)).isEqualTo(Duration.ofMillis(1500));
    assertThat(b.delay(2, () -> 0.999)).isEqualTo(Duration.ofMillis(2002));
  }

  @Test
  void delay_hugeCap_doesNotOverflow() {
    Backoff b = Backoff.exponential(Duration.ofSeconds(1), Duration.ofDays(365_000_000L));
    assertThat(b.delay(200, 0.0)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
  }

  @Test
  void invalidValues_rejected() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1), 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), Double.NaN, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    Backoff ok = Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1));
    assertThatThrownBy(() -> ok.delay(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
  }
}
