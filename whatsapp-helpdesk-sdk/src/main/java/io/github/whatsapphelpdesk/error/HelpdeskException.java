package io.github.whatsapphelpdesk.error;

/**
 * A helpdesk adapter failed. Adapters map their helpdesk's error bodies and statuses into the
 * subclasses (rate limited, conflict, terminal ticket, validation, authentication, unavailable, not
 * found); the bridge decides from {@link #retryable()} whether to retry.
 */
public class HelpdeskException extends WhatsAppException {
  private static final long serialVersionUID = 1L;
  private final String adapterId;
  private final int httpStatus;

  public HelpdeskException(String adapterId, int httpStatus, String message, Throwable cause) {
    super("[" + adapterId + (httpStatus != 0 ? " HTTP " + httpStatus : "") + "] " + message, cause);
    this.adapterId = adapterId;
    this.httpStatus = httpStatus;
  }

  public HelpdeskException(String adapterId, int httpStatus, String message) {
    this(adapterId, httpStatus, message, null);
  }

  /** The adapter's id, for example {@code zendesk}. */
  public String adapterId() {
    return adapterId;
  }

  /** The helpdesk's HTTP status, or 0 when the failure was not an HTTP answer. */
  public int httpStatus() {
    return httpStatus;
  }
}
