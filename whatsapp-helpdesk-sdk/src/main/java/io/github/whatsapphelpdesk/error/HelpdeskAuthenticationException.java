package io.github.whatsapphelpdesk.error;

/** The helpdesk rejected the adapter's credentials or permissions (401, 403). Alert an operator. */
public class HelpdeskAuthenticationException extends HelpdeskException {
  private static final long serialVersionUID = 1L;

  public HelpdeskAuthenticationException(String adapterId, int httpStatus, String message) {
    super(adapterId, httpStatus, message);
  }

  public HelpdeskAuthenticationException(String adapterId, int httpStatus, String message, Throwable cause) {
    super(adapterId, httpStatus, message, cause);
  }
}
