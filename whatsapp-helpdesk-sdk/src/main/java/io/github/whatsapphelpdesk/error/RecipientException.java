package io.github.whatsapphelpdesk.error;

/** The recipient cannot or will not receive the message (131026 undeliverable, 131050 opted out, 131049 withheld, 130403 blocked, ...). */
public class RecipientException extends WhatsAppApiException {
  private static final long serialVersionUID = 1L;

  public RecipientException(ApiError error) {
    super(error);
  }
}
