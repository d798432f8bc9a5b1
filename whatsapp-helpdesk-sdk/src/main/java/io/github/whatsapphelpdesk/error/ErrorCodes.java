package io.github.whatsapphelpdesk.error;

import static io.github.whatsapphelpdesk.error.ErrorAction.ALERT_OPERATOR;
import static io.github.whatsapphelpdesk.error.ErrorAction.FAIL_FAST;
import static io.github.whatsapphelpdesk.error.ErrorAction.RETRY;
import static io.github.whatsapphelpdesk.error.ErrorAction.TEMPLATE_FALLBACK;
import static io.github.whatsapphelpdesk.error.ErrorCategory.AUTHENTICATION;
import static io.github.whatsapphelpdesk.error.ErrorCategory.INVALID_REQUEST;
import static io.github.whatsapphelpdesk.error.ErrorCategory.POLICY_OR_ACCOUNT;
import static io.github.whatsapphelpdesk.error.ErrorCategory.RATE_LIMITED;
import static io.github.whatsapphelpdesk.error.ErrorCategory.RECIPIENT;
import static io.github.whatsapphelpdesk.error.ErrorCategory.SERVER;
import static io.github.whatsapphelpdesk.error.ErrorCategory.TEMPLATE;
import static io.github.whatsapphelpdesk.error.ErrorCategory.UNKNOWN;
import static io.github.whatsapphelpdesk.error.ErrorCategory.WINDOW_CLOSED;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one table that maps every Cloud API error code to its category and action. The HTTP path (the
 * client) and the webhook path (failed statuses, {@code value.errors}) both classify through it.
 *
 * <p>Source: Meta's error-code reference (fetched 2026-09-11) as summarised in the project's
 * {@code cloud-api.md} §7. The "where" and "action" columns are our reading of the docs, not Meta's.
 * Codes not in the table get a safe default: category {@link ErrorCategory#UNKNOWN}, fail fast, never
 * retried (a send that is retried blindly may reach the customer twice).
 *
 * <p>Thread-safe and immutable.
 */
public final class ErrorCodes {

  /** {@link ErrorClassification#maxRetries()} for codes whose retries are bounded only by the retry policy. */
  public static final int POLICY_BOUNDED = Integer.MAX_VALUE;

  private static final Map<Integer, ErrorClassification> TABLE;

  static {
    Map<Integer, ErrorClassification> t = new TreeMap<>();
    // Authentication and permissions.
    put(t, 0, "Authentication failed (token invalid)", AUTHENTICATION, ALERT_OPERATOR);
    put(t, 190, "Access token invalid or expired", AUTHENTICATION, ALERT_OPERATOR);
    put(t, 3, "Capability missing for this app", AUTHENTICATION, ALERT_OPERATOR);
    put(t, 10, "Permission denied", AUTHENTICATION, ALERT_OPERATOR);
    for (int c = 200; c <= 299; c++) {
      put(t, c, "Permission or asset grant missing", AUTHENTICATION, ALERT_OPERATOR);
    }
    put(t, 131005, "Access denied", AUTHENTICATION, ALERT_OPERATOR);
    // Transient server problems.
    retry(t, 1, "Unknown API error (bad request or server); retried once", SERVER, 1, false);
    retry(t, 2, "Service temporarily down or overloaded", SERVER, POLICY_BOUNDED, false);
    retry(t, 131000, "Unknown error; retried once, then surfaced with its fbtrace_id", SERVER, 1, false);
    retry(t, 131016, "Service unavailable", SERVER, POLICY_BOUNDED, false);
    retry(t, 131057, "Account in maintenance (throughput upgrade, about a minute)", SERVER, POLICY_BOUNDED, false);
    retry(t, 133004, "Server temporarily unavailable", SERVER, POLICY_BOUNDED, false);
    retry(t, 134101, "Marketing Messages API: template still syncing (up to 10 minutes)", SERVER, POLICY_BOUNDED, false);
    retry(t, 2494100, "Number in maintenance (migration)", SERVER, POLICY_BOUNDED, false);
    // Rate limits.
    retry(t, 4, "Application call-rate limit", RATE_LIMITED, POLICY_BOUNDED, false);
    retry(t, 80007, "WABA rate limit", RATE_LIMITED, POLICY_BOUNDED, false);
    retry(t, 130429, "Throughput limit for this phone number", RATE_LIMITED, POLICY_BOUNDED, false);
    // 131048: a retry within the retry policy's seconds fails again and counts against the number; the
    // reference's action is a long back-off plus an operator alert (cloud-api.md §7, "R (long) + A"). The
    // client surfaces it at once; the bridge waits long and raises a channel-health event.
    put(t, 131048, "Spam rate limit (quality); retry after a long backoff and check the number's quality",
        RATE_LIMITED, ALERT_OPERATOR);
    retry(t, 131056, "Pair rate limit: too many messages to this recipient (back off 4^x s for this recipient only)", RATE_LIMITED, POLICY_BOUNDED, true);
    // 132069: the reference says "retry later", but the limit is per hour, so an automatic retry within the
    // retry policy's seconds would fail again; like every 132xxx code it is never retried by the SDK.
    put(t, 132069, "Flow throttled (10 messages per hour); not retried, send the flow again later",
        RATE_LIMITED, FAIL_FAST);
    retry(t, 133008, "Too many PIN guesses; retry later", RATE_LIMITED, POLICY_BOUNDED, false);
    retry(t, 133009, "PIN entered too fast", RATE_LIMITED, POLICY_BOUNDED, false);
    retry(t, 133015, "Wait 5 minutes before registering again", RATE_LIMITED, POLICY_BOUNDED, false);
    // The 24-hour customer-service window.
    put(t, 131047, "Re-engagement: more than 24 hours since the customer's last message; send a template", WINDOW_CLOSED, TEMPLATE_FALLBACK);
    // Invalid requests.
    put(t, 100, "Invalid parameter", INVALID_REQUEST, FAIL_FAST);
    put(t, 131008, "Required parameter missing", INVALID_REQUEST, FAIL_FAST);
    put(t, 131009, "Parameter value invalid", INVALID_REQUEST, FAIL_FAST);
    put(t, 131051, "Unsupported message type", INVALID_REQUEST, FAIL_FAST);
    put(t, 131052, "Could not download the customer's media; ask them to send it again", INVALID_REQUEST, FAIL_FAST);
    put(t, 131053, "Could not upload or fetch the business's media (type or size)", INVALID_REQUEST, FAIL_FAST);
    put(t, 131055, "Method not allowed", INVALID_REQUEST, FAIL_FAST);
    put(t, 132068, "Flow is blocked", INVALID_REQUEST, FAIL_FAST);
    put(t, 135000, "Generic user error (parameter)", INVALID_REQUEST, FAIL_FAST);
    put(t, 131014, "Media fetch failed (legacy code)", INVALID_REQUEST, FAIL_FAST);
    put(t, 131043, "Message expired (legacy code)", INVALID_REQUEST, FAIL_FAST);
    // Recipient problems.
    put(t, 130403, "The business blocked this user", RECIPIENT, FAIL_FAST);
    put(t, 130472, "User is part of a marketing experiment; do not retry", RECIPIENT, FAIL_FAST);
    put(t, 131021, "Sender and recipient are the same number", RECIPIENT, FAIL_FAST);
    put(t, 131026, "Message undeliverable (not on WhatsApp, old client or terms not accepted); flag the contact", RECIPIENT, FAIL_FAST);
    put(t, 131049, "Withheld for ecosystem health (per-user marketing cap); do not retry for 24 hours", RECIPIENT, FAIL_FAST);
    put(t, 131050, "The user stopped marketing messages; record the opt-out", RECIPIENT, FAIL_FAST);
    // Templates.
    put(t, 132000, "Template parameter count does not match", TEMPLATE, FAIL_FAST);
    put(t, 132001, "Template does not exist in this language or is not approved", TEMPLATE, FAIL_FAST);
    put(t, 132005, "Hydrated template text too long", TEMPLATE, FAIL_FAST);
    put(t, 132007, "Template format character policy violated", TEMPLATE, FAIL_FAST);
    put(t, 132012, "Template parameter format does not match", TEMPLATE, FAIL_FAST);
    put(t, 132015, "Template is paused for low quality", TEMPLATE, FAIL_FAST);
    put(t, 132016, "Template is disabled for low quality", TEMPLATE, FAIL_FAST);
    put(t, 132018, "Template validation failed (Marketing Messages API)", TEMPLATE, ALERT_OPERATOR);
    put(t, 134100, "Marketing Messages API: only marketing templates may be sent", TEMPLATE, FAIL_FAST);
    for (int c = 2388000; c <= 2388999; c++) {
      put(t, c, "Template creation error", TEMPLATE, FAIL_FAST);
    }
    put(t, 2388019, "Template cap reached for this WABA", TEMPLATE, FAIL_FAST);
    // Policy, account and registration.
    put(t, 33, "Business phone number deleted", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 368, "WABA temporarily restricted for policy violations", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 130497, "Messaging to this country is restricted for this WABA", POLICY_OR_ACCOUNT, FAIL_FAST);
    put(t, 131031, "Business account locked", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 131037, "Number needs an approved display name", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 131042, "Payment or billing problem", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 131045, "Registration or certificate error", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 131063, "Marketing messages disabled on the Cloud API", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 131064, "Limit reached for template misclassification", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 133000, "Previous deregistration incomplete", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 133001, "Decryption error (legacy)", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 133002, "Backup file error (legacy)", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 133003, "Recovery token error (legacy)", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 133005, "Two-step verification PIN wrong", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 133006, "Phone number must be verified first", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 133007, "Account blocked (legacy)", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 133010, "Phone number not registered", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 133016, "Too many registration attempts", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 134011, "Payments terms not accepted", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    put(t, 134102, "Marketing Messages API unavailable for this account", POLICY_OR_ACCOUNT, ALERT_OPERATOR);
    TABLE = Collections.unmodifiableMap(t);
  }

  private ErrorCodes() {}

  private static void put(
      Map<Integer, ErrorClassification> t, int code, String meaning, ErrorCategory category, ErrorAction action) {
    t.put(code, new ErrorClassification(code, meaning, category, action, 0, false, true));
  }

  private static void retry(
      Map<Integer, ErrorClassification> t,
      int code,
      String meaning,
      ErrorCategory category,
      int maxRetries,
      boolean perRecipient) {
    t.put(code, new ErrorClassification(code, meaning, category, RETRY, maxRetries, perRecipient, true));
  }

  /**
   * Classifies a Cloud API error code. Never returns null: unknown codes get the safe default
   * ({@link ErrorCategory#UNKNOWN}, {@link ErrorAction#FAIL_FAST}, not retried).
   */
  public static ErrorClassification classify(int code) {
    ErrorClassification c = TABLE.get(code);
    if (c != null) {
      return c;
    }
    return new ErrorClassification(
        code, "Unknown error code " + code, UNKNOWN, FAIL_FAST, 0, false, false);
  }

  /** Whether the table lists this code. */
  public static boolean isKnown(int code) {
    return TABLE.containsKey(code);
  }

  /** Every row of the table, ordered by code. */
  public static Collection<ErrorClassification> all() {
    return TABLE.values();
  }
}
