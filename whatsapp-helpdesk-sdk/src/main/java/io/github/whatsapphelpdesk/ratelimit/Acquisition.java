package io.github.whatsapphelpdesk.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer of {@link OutboundLimiter#tryAcquire}: either a permit was taken, or how long to wait
 * before one is likely to be available.
 *
 * @param acquired true when the permit was taken
 * @param waitTime {@link Duration#ZERO} when acquired; otherwise the estimated wait
 */
public record Acquisition(boolean acquired, Duration waitTime) {
  /** A permit was taken. */
  public static final Acquisition ACQUIRED = new Acquisition(true, Duration.ZERO);

  public Acquisition {
    Objects.requireNonNull(waitTime, "waitTime");
  }

  /** No permit; try again after {@code wait}. */
  public static Acquisition waitFor(Duration wait) {
    return new Acquisition(false, wait);
  }
}
