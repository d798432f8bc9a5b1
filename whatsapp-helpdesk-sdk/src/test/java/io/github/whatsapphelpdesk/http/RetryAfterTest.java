package io.github.whatsapphelpdesk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
  // A Sunday: 2026-11-22T10:00:00Z.
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-11-22T10:00:00Z"));

  @Test
  void parse_deltaSeconds_isThatManySeconds() {
    assertThat(RetryAfter.parse("120", clock)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 7 ", clock)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("0", clock)).contains(Duration.ZERO);
  }

  @Test
  void parse_imfFixdate_isTimeUntilItOnTheClock() {
    assertThat(RetryAfter.parse("Sun, 22 Nov 2026 10:01:30 GMT", clock)).contains(Duration.ofSeconds(90));
    clock.advance(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Sun, 22 Nov 2026 10:01:30 GMT", clock)).contains(Duration.ofSeconds(60));
  }

  @Test
  void parse_obsoleteDateForms_accepted() {
    assertThat(RetryAfter.parse("Sunday, 22-Nov-26 10:00:45 GMT", clock)).contains(Duration.ofSeconds(45));
    assertThat(RetryAfter.parse("Sun Nov 22 10:00:20 2026", clock)).contains(Duration.ofSeconds(20));
    MutableClock early = MutableClock.startingAt(Instant.parse("2026-11-02T10:00:00Z"));
    assertThat(RetryAfter.parse("Mon Nov  2 10:00:05 2026", early)).contains(Duration.ofSeconds(5));
  }

  @Test
  void parse_pastDate_isZero() {
    assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", clock)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", clock)).contains(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "-5", "+5", "1.5", "12s", "soon", "Sun, 32 Nov 2026 10:00:00 GMT",
      "Monday, 22-Nov-26 10:00:45 GMT", "Nov 22 2026"})
  void parse_garbage_isEmpty(String header) {
    assertThat(RetryAfter.parse(header, clock)).isEmpty();
  }

  @Test
  void parse_absent_isEmpty() {
    assertThat(RetryAfter.parse(null, clock)).isEmpty();
  }

  @Test
  void parse_hugeValues_capped() {
    assertThat(RetryAfter.parse("999999999999999999999999", clock)).contains(RetryAfter.DEFAULT_MAX);
    assertThat(RetryAfter.parse("9223372036854775807", clock)).contains(RetryAfter.DEFAULT_MAX);
    assertThat(RetryAfter.parse("86401", clock)).contains(RetryAfter.DEFAULT_MAX);
    assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", clock)).contains(RetryAfter.DEFAULT_MAX);
    assertThat(RetryAfter.parse("7200", clock, Duration.ofHours(1))).contains(Duration.ofHours(1));
    assertThat(RetryAfter.parse("59", clock, Duration.ofHours(1))).contains(Duration.ofSeconds(59));
  }

  @Test
  void parse_negativeCap_rejected() {
    assertThatThrownBy(() -> RetryAfter.parse("1", clock, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
