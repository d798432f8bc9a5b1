package io.github.whatsapphelpdesk.error;

/** What the SDK (or the application) should do about an error code. */
public enum ErrorAction {
  /** Retry with backoff; the failure is transient or a rate limit. */
  RETRY,
  /** Free-form messages are not allowed now; fall back to an approved template. */
  TEMPLATE_FALLBACK,
  /** Do not retry; surface the problem to the agent or caller. */
  FAIL_FAST,
  /** Do not retry; the configuration or the account needs an operator's attention. */
  ALERT_OPERATOR
}
