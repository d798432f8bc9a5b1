package io.github.whatsapphelpdesk.error;

import java.time.Duration;

/**
 * The client-side outbound limiter could not grant a permit within the caller's timeout: the
 * business number's throughput, the recipient's pair rate or a backoff after a Meta rate-limit answer
 * needs {@link #waitTime()} more (an estimate). Nothing was sent to Meta; retry later or with a longer
 * timeout.
 */
public class OutboundThrottledException extends WhatsAppException {
  private static final long serialVersionUID = 1L;
  private final String key;
  private final Duration waitTime;

  /**
   * @param key the throttled key, with phone numbers masked (for example {@code number 10****89})
   * @param waitTime the estimated wait until a permit is likely; {@link Duration#ZERO} when unknown
   * @param reason a short reason for the message
   */
  public OutboundThrottledException(String key, Duration waitTime, String reason) {
    super("outbound limiter: no permit for " + key + " (" + reason + "); estimated wait " + waitTime);
    this.key = key;
    this.waitTime = waitTime;
  }

  /** The throttled key, phone numbers masked. */
  public String key() {
    return key;
  }

  /** The estimated wait until a permit is likely. */
  public Duration waitTime() {
    return waitTime;
  }

  /** True: the same send may succeed later. */
  @Override
  public boolean retryable() {
    return true;
  }
}
