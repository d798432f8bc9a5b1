package io.github.whatsapphelpdesk.error;

import java.util.Objects;

/**
 * A webhook body could not be read as a WhatsApp Business Account webhook at all: it is not JSON, not
 * UTF-8, too large, too deeply nested, or not a {@code whatsapp_business_account} object. {@link
 * #reason()} says which. Problems limited to one item of a batch are not thrown: they are reported per
 * item and the other items are still delivered.
 *
 * <p>The message never contains the body (customer data); it names the position where reading failed.
 */
public class WebhookParseException extends WhatsAppException {
  private static final long serialVersionUID = 1L;

  /** Why the body was rejected. */
  public enum Reason {
    /** The body is empty. */
    EMPTY_BODY,
    /** The body is larger than the configured limit. */
    TOO_LARGE,
    /** The body is not valid UTF-8. */
    INVALID_UTF8,
    /** The body is not well-formed JSON (including trailing data after the object). */
    MALFORMED_JSON,
    /** The JSON nests deeper than the configured limit. */
    TOO_DEEP,
    /** The top level is not an object, or {@code entry} is not an array of objects. */
    UNEXPECTED_STRUCTURE,
    /** {@code object} is missing or not {@code whatsapp_business_account}. */
    WRONG_OBJECT
  }

  private final Reason reason;

  public WebhookParseException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public WebhookParseException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the body was rejected. */
  public Reason reason() {
    return reason;
  }
}
