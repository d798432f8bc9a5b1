package io.github.whatsapphelpdesk.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Meta rejected the call for a rate limit: throughput (130429), pair rate (131056, for one recipient
 * only), app (4) or WABA (80007) call limits, spam rate (131048). {@link #retryAfter()} carries the
 * server's hint when it gave one.
 */
public class RateLimitException extends WhatsAppApiException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  public RateLimitException(ApiError error, Duration retryAfter) {
    super(error);
    this.retryAfter = retryAfter;
  }

  /** The server's {@code Retry-After} hint, when present. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** True for the pair-rate limit (131056), which concerns one recipient only. */
  public boolean perRecipient() {
    return classification().perRecipient();
  }
}
