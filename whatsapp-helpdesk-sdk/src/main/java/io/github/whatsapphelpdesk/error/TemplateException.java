package io.github.whatsapphelpdesk.error;

/**
 * A template problem: not found in that language, not approved, paused, disabled, or wrong parameters
 * (132xxx). Meta's answers arrive as this type; the local check before a send raises the subclass
 * {@link TemplateValidationException}, which lists every problem found.
 */
public class TemplateException extends WhatsAppApiException {
  private static final long serialVersionUID = 1L;

  public TemplateException(ApiError error) {
    super(error);
  }
}
