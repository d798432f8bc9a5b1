package io.github.whatsapphelpdesk.error;

/** The request was rejected as invalid (100, 131008, 131009, 131053, ...). Fix the request; do not retry it unchanged. */
public class InvalidRequestException extends WhatsAppApiException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(ApiError error) {
    super(error);
  }
}
