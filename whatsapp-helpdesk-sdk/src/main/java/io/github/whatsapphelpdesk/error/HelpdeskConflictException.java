package io.github.whatsapphelpdesk.error;

/** A conflict or duplicate: the record already exists (Freshdesk 409 duplicate_value, Zendesk IdempotentRequestError). */
public class HelpdeskConflictException extends HelpdeskException {
  private static final long serialVersionUID = 1L;

  public HelpdeskConflictException(String adapterId, int httpStatus, String message) {
    super(adapterId, httpStatus, message);
  }

  public HelpdeskConflictException(String adapterId, int httpStatus, String message, Throwable cause) {
    super(adapterId, httpStatus, message, cause);
  }
}
