package io.github.whatsapphelpdesk.error;

import java.time.Duration;
import java.time.Instant;

/**
 * The client-side outbound limiter refused a business-initiated message (a template sent while the
 * recipient's customer-service window is closed) because the business portfolio has already reached
 * its messaging limit: {@link #limit()} unique recipients in the moving {@link #window()}. Recipients
 * already counted inside the window can still be messaged; a new recipient fits again at
 * {@link #capacityReturnsAt()}. Nothing was sent to Meta.
 */
public class MessagingLimitExceededException extends WhatsAppException {
  private static final long serialVersionUID = 1L;
  private final String portfolioId;
  private final long limit;
  private final Duration window;
  private final Instant capacityReturnsAt;

  /**
   * @param portfolioId the business portfolio whose limit is exhausted
   * @param limit unique business-initiated recipients allowed per window
   * @param window the moving window (24 h for Meta's messaging limit)
   * @param capacityReturnsAt when the oldest counted recipient leaves the window
   */
  public MessagingLimitExceededException(String portfolioId, long limit, Duration window, Instant capacityReturnsAt) {
    super("messaging limit of portfolio " + portfolioId + " reached: " + limit
        + " unique business-initiated recipients per " + window + "; a new recipient fits again at "
        + capacityReturnsAt);
    this.portfolioId = portfolioId;
    this.limit = limit;
    this.window = window;
    this.capacityReturnsAt = capacityReturnsAt;
  }

  /** The business portfolio whose limit is exhausted. */
  public String portfolioId() {
    return portfolioId;
  }

  /** Unique business-initiated recipients allowed per {@link #window()}. */
  public long limit() {
    return limit;
  }

  /** The moving window the limit applies to. */
  public Duration window() {
    return window;
  }

  /** When capacity for one more new recipient returns. */
  public Instant capacityReturnsAt() {
    return capacityReturnsAt;
  }

  /** True: the same send succeeds once capacity returns. */
  @Override
  public boolean retryable() {
    return true;
  }
}
