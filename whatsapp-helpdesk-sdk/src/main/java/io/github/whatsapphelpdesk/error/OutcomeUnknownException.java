package io.github.whatsapphelpdesk.error;

/**
 * A non-idempotent request (a send) was written and an intermediary answered with a 5xx that carries no
 * Graph API error body (a proxy's or load balancer's 502 or 504). Meta may or may not have processed the
 * request, so the client does not resend it: the category stays {@link ErrorCategory#SERVER} (code 2),
 * {@link #outcomeUnknown()} is true and {@link #retryable()} is false.
 *
 * <p>Reconcile from the status webhooks: the Cloud API echoes a send's {@code biz_opaque_callback_data}
 * in its statuses ("Cloud API does not process this field, it just returns it as part of
 * sent/delivered/read message webhooks", Meta's send-message reference,
 * developers.facebook.com/docs/whatsapp/cloud-api/reference/messages). A request whose body was not
 * written, and any GET or DELETE, get a retryable {@link ServerException} instead.
 */
public class OutcomeUnknownException extends ServerException {
  private static final long serialVersionUID = 1L;

  public OutcomeUnknownException(ApiError error) {
    super(error);
  }

  /** Always true: the request was written and no answer from Meta said what became of it. */
  @Override
  public boolean outcomeUnknown() {
    return true;
  }

  /** Never retried automatically: a resend may deliver the message twice. */
  @Override
  public boolean retryable() {
    return false;
  }
}
