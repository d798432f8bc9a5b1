package io.github.whatsapphelpdesk.error;

/**
 * The category of a WhatsApp Cloud API error. Each category has its own exception type (see
 * {@link WhatsAppApiException#from}); branch on the category, never on the HTTP status or the title.
 */
public enum ErrorCategory {
  /** The token is invalid or expired, or a permission or asset grant is missing (0, 190, 3, 10, 200-299). */
  AUTHENTICATION,
  /** The request itself is wrong: a missing or invalid parameter, an unsupported media type. */
  INVALID_REQUEST,
  /** A throughput, pair-rate, app or WABA rate limit was hit (130429, 131056, 4, 80007). */
  RATE_LIMITED,
  /** More than 24 hours have passed since the customer's last message (131047). */
  WINDOW_CLOSED,
  /** The template is missing, unapproved, paused, disabled or was sent with wrong parameters (132xxx). */
  TEMPLATE,
  /** The recipient cannot or will not receive this message (131026, 131050, 130403, ...). */
  RECIPIENT,
  /** The account, number or business is restricted, unregistered or has a billing problem. */
  POLICY_OR_ACCOUNT,
  /** Meta is unavailable or failed transiently (2, 131000, 131016, 131057, 5xx). */
  SERVER,
  /** The SDK could not reach Meta or could not read its answer (connection, serialization). */
  CLIENT,
  /** A code the table does not know. Treated conservatively: no retry, fail fast. */
  UNKNOWN
}
