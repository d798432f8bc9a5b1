package io.github.whatsapphelpdesk.error;

/** A failure on the SDK's side of the wire: connection problems, unreadable answers. */
public class WhatsAppClientException extends WhatsAppException {
  private static final long serialVersionUID = 1L;

  public WhatsAppClientException(String message) {
    super(message);
  }

  public WhatsAppClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
