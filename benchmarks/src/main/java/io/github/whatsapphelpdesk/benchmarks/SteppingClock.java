package io.github.whatsapphelpdesk.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that benchmarks move by hand, so a limiter can be driven through its full "permit granted"
 * path millions of times per second. Not thread-safe by design: one benchmark thread owns it.
 */
final class SteppingClock extends Clock {
  private long nanos = 1_768_471_200_000_000_000L; // 2026-01-15T10:00:00Z

  void advanceNanos(long n) {
    nanos += n;
  }

  long nanos() {
    return nanos;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
  }
}
