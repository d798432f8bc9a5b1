package io.github.whatsapphelpdesk.error;

import java.util.Objects;

/**
 * An incoming webhook (from Meta, or an agent-reply webhook from a helpdesk) failed authentication.
 * {@link #reason()} says why, so an operator can tell a wrong secret from a missing header. The
 * message never contains the secret, the expected signature or the body.
 */
public class WebhookVerificationException extends WhatsAppException {
  private static final long serialVersionUID = 1L;

  /** Why verification failed. */
  public enum Reason {
    /** The signature or credential header is absent. */
    MISSING_SIGNATURE,
    /** The header is present but not of the expected form (prefix, length, encoding). */
    MALFORMED_SIGNATURE,
    /** The signature does not match under any configured secret. */
    SIGNATURE_MISMATCH,
    /** The signed timestamp is outside the freshness window. */
    STALE_TIMESTAMP,
    /** The token or request id was already used (replay). */
    REPLAYED,
    /** No credential (basic auth, secret token, bearer token) was presented. */
    MISSING_CREDENTIALS,
    /** The credential or token was presented but is wrong, expired or for another audience. */
    INVALID_CREDENTIALS,
    /** The body does not match the hash the token vouches for. */
    BODY_HASH_MISMATCH
  }

  private final Reason reason;

  public WebhookVerificationException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public WebhookVerificationException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why verification failed. */
  public Reason reason() {
    return reason;
  }
}
