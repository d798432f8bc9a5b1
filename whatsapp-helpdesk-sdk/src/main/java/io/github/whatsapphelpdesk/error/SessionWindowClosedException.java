package io.github.whatsapphelpdesk.error;

import java.time.Instant;

/**
 * The 24-hour customer-service window is closed (131047): only templates may be sent. The client raises
 * it when Meta answers 131047; the session tracker raises the same exception locally, before any call to
 * Meta ({@link #local}).
 */
public class SessionWindowClosedException extends WhatsAppApiException {
  private static final long serialVersionUID = 1L;

  /** The Cloud API code for a closed window. */
  public static final int CODE = 131047;

  public SessionWindowClosedException(ApiError error) {
    super(error);
  }

  /**
   * The exception raised by a local window check. {@code maskedRecipient} must already be masked (see
   * {@code PhoneNumbers.mask}); {@code closedAt} is when the window closed, or null if it never opened.
   */
  public static SessionWindowClosedException local(String maskedRecipient, Instant closedAt) {
    String details = closedAt == null
        ? "No customer message opened a window for " + maskedRecipient + "; send an approved template."
        : "The window for " + maskedRecipient + " closed at " + closedAt + "; send an approved template.";
    return new SessionWindowClosedException(ApiError.of(CODE,
        "Re-engagement message: the 24-hour customer-service window is closed (checked locally)", details));
  }
}
