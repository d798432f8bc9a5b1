package io.github.whatsapphelpdesk.error;

/**
 * Root of every exception the SDK throws. Unchecked: catch the category you can act on (for example
 * {@link SessionWindowClosedException} or {@link RateLimitException}) and let the rest propagate.
 */
public class WhatsAppException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WhatsAppException(String message) {
    super(message);
  }

  public WhatsAppException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether repeating the same operation later may succeed. */
  public boolean retryable() {
    return false;
  }

  /**
   * Whether the operation may have taken effect although it failed: the request was written and its
   * answer was lost (a read timeout, or a proxy's 5xx without a Graph API error body). For a send this
   * means the message may have reached the customer: do not resend it blindly, reconcile from the status
   * webhooks (the send's {@code biz_opaque_callback_data} is echoed in them). False by default.
   *
   * @return true when the outcome is unknown
   */
  public boolean outcomeUnknown() {
    return false;
  }
}
