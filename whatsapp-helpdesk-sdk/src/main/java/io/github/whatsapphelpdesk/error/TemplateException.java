package io.github.whatsapphelpdesk.error;

/** A template problem: not found in that language, not approved, paused, disabled, or wrong parameters (132xxx). */
public class TemplateException extends WhatsAppApiException {
  private static final long serialVersionUID = 1L;

  public TemplateException(ApiError error) {
    super(error);
  }
}
