package io.github.whatsapphelpdesk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  @Test
  void advance_movesInstantAndSharedZoneCopies() {
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    MutableClock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));
    assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
    assertThat(berlin.instant()).isEqualTo(clock.instant());
    assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
  }

  @Test
  void set_replacesInstant() {
    MutableClock clock = MutableClock.create();
    assertThat(clock.instant()).isEqualTo(MutableClock.DEFAULT_START);
    clock.set(Instant.EPOCH);
    assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
  }
}
