package io.github.whatsapphelpdesk.error;

import java.time.Duration;
import java.util.Optional;

/** The helpdesk rate-limited the call (HTTP 429). {@link #retryAfter()} is its {@code Retry-After}. */
public class HelpdeskRateLimitedException extends HelpdeskException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  public HelpdeskRateLimitedException(String adapterId, int httpStatus, String message, Duration retryAfter) {
    super(adapterId, httpStatus, message);
    this.retryAfter = retryAfter;
  }

  /** The helpdesk's hint, when it gave one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
