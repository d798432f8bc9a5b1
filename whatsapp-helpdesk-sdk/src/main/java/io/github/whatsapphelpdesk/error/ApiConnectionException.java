package io.github.whatsapphelpdesk.error;

/**
 * Meta could not be reached, or the connection failed before an answer was read.
 *
 * <p>{@link #requestMayHaveBeenSent()} tells whether the request body may already have reached Meta
 * (a timeout after the body was written). The Cloud API has no idempotency key, so such a send is not
 * retried by default: retrying could deliver the message twice.
 */
public class ApiConnectionException extends WhatsAppClientException {
  private static final long serialVersionUID = 1L;
  private final boolean requestMayHaveBeenSent;

  public ApiConnectionException(String message, boolean requestMayHaveBeenSent, Throwable cause) {
    super(message, cause);
    this.requestMayHaveBeenSent = requestMayHaveBeenSent;
  }

  /** True when the request may have reached Meta before the failure. */
  public boolean requestMayHaveBeenSent() {
    return requestMayHaveBeenSent;
  }

  /** True when the request may have reached Meta: the same as {@link #requestMayHaveBeenSent()}. */
  @Override
  public boolean outcomeUnknown() {
    return requestMayHaveBeenSent;
  }

  /** Retryable only when the request certainly did not reach Meta. */
  @Override
  public boolean retryable() {
    return !requestMayHaveBeenSent;
  }
}
