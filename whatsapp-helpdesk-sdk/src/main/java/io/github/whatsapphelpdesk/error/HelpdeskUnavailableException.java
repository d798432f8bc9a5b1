package io.github.whatsapphelpdesk.error;

/** The helpdesk could not be reached or failed transiently (I/O error, timeout, 5xx). Retryable. */
public class HelpdeskUnavailableException extends HelpdeskException {
  private static final long serialVersionUID = 1L;

  public HelpdeskUnavailableException(String adapterId, int httpStatus, String message, Throwable cause) {
    super(adapterId, httpStatus, message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
