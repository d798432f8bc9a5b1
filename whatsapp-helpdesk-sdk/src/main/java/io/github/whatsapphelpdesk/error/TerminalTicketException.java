package io.github.whatsapphelpdesk.error;

/** The ticket is terminal (for example closed in Zendesk) and can no longer be updated; open a follow-up instead. */
public class TerminalTicketException extends HelpdeskException {
  private static final long serialVersionUID = 1L;

  public TerminalTicketException(String adapterId, int httpStatus, String message) {
    super(adapterId, httpStatus, message);
  }

  public TerminalTicketException(String adapterId, int httpStatus, String message, Throwable cause) {
    super(adapterId, httpStatus, message, cause);
  }
}
