package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import java.util.Objects;

/**
 * The typed result of checking an {@code X-Hub-Signature-256} header.
 *
 * @param outcome what the check found
 * @param secretIndex the index of the configured app secret that matched (0 = the first), or -1
 * @param detail a short explanation for logs; never contains the secret, the signature or the body
 */
public record SignatureCheck(Outcome outcome, int secretIndex, String detail) {

  /** What the check found. */
  public enum Outcome {
    /** The signature matches one of the configured app secrets. */
    VALID,
    /** There is no {@code X-Hub-Signature-256} header (or it is blank). */
    MISSING,
    /** The header is not {@code sha256=} followed by 64 hex digits. */
    MALFORMED,
    /** The header is well-formed but matches none of the configured secrets. */
    MISMATCH
  }

  public SignatureCheck {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  /** True for {@link Outcome#VALID}. */
  public boolean valid() {
    return outcome == Outcome.VALID;
  }

  /** Throws the matching {@link WebhookVerificationException} unless the signature is valid. */
  public void orThrow() {
    switch (outcome) {
      case VALID:
        return;
      case MISSING:
        throw new WebhookVerificationException(WebhookVerificationException.Reason.MISSING_SIGNATURE, detail);
      case MALFORMED:
        throw new WebhookVerificationException(WebhookVerificationException.Reason.MALFORMED_SIGNATURE, detail);
      default:
        throw new WebhookVerificationException(WebhookVerificationException.Reason.SIGNATURE_MISMATCH, detail);
    }
  }
}
