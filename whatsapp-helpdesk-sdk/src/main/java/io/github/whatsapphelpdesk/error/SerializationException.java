package io.github.whatsapphelpdesk.error;

/** A body could not be written or read as the JSON the Cloud API expects. */
public class SerializationException extends WhatsAppClientException {
  private static final long serialVersionUID = 1L;

  public SerializationException(String message) {
    super(message);
  }

  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
