package io.github.whatsapphelpdesk.error;

/** The account, number or business is restricted, unregistered or has a billing problem. Alert an operator. */
public class PolicyException extends WhatsAppApiException {
  private static final long serialVersionUID = 1L;

  public PolicyException(ApiError error) {
    super(error);
  }
}
