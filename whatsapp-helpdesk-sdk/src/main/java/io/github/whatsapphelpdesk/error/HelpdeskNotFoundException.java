package io.github.whatsapphelpdesk.error;

/** The helpdesk has no such record (404). */
public class HelpdeskNotFoundException extends HelpdeskException {
  private static final long serialVersionUID = 1L;

  public HelpdeskNotFoundException(String adapterId, int httpStatus, String message) {
    super(adapterId, httpStatus, message);
  }

  public HelpdeskNotFoundException(String adapterId, int httpStatus, String message, Throwable cause) {
    super(adapterId, httpStatus, message, cause);
  }
}
