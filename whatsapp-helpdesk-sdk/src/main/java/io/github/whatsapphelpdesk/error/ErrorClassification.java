package io.github.whatsapphelpdesk.error;

import java.util.Objects;

/**
 * One row of the Cloud API error table: what a numeric code means, its category and the action to take.
 *
 * @param code the Cloud API error code
 * @param meaning a short description (Meta's titles are deprecated; this text is ours)
 * @param category the category, which selects the exception type
 * @param action what to do about it
 * @param maxRetries how many times a retry may be attempted for this code ({@code 0} when {@link #action}
 *     is not {@link ErrorAction#RETRY}; {@code 1} for "retry once, then fail")
 * @param perRecipient true when the limit applies to one recipient only (131056): back off that
 *     recipient, not the whole number
 * @param known false for the safe default returned for codes the table does not list
 */
public record ErrorClassification(
    int code,
    String meaning,
    ErrorCategory category,
    ErrorAction action,
    int maxRetries,
    boolean perRecipient,
    boolean known) {

  public ErrorClassification {
    Objects.requireNonNull(meaning, "meaning");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(action, "action");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries < 0");
    }
  }

  /** True when the action is {@link ErrorAction#RETRY}. */
  public boolean retryable() {
    return action == ErrorAction.RETRY;
  }
}
