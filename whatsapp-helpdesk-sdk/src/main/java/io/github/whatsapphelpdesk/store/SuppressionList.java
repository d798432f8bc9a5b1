package io.github.whatsapphelpdesk.store;

import io.github.whatsapphelpdesk.customer.CustomerId;

/**
 * Customers who stopped business-initiated marketing ({@code user_preferences} stop, a STOP keyword, or
 * error 131050). Atomic per call, so a SQL or Redis backend can share it across instances. Keys are
 * {@link CustomerId}s: a customer's BSUID, or the canonical wa_id of a customer known by number only, so a
 * username customer whose number is withheld can be suppressed too. A store keeps {@link CustomerId#value()}.
 */
public interface SuppressionList {

  /** Adds the customer; returns whether they were not on the list. {@code reason} is for audit only. */
  boolean suppress(CustomerId customer, String reason);

  /** Lifts the suppression; returns whether they were on the list. */
  boolean lift(CustomerId customer);

  /** Whether business-initiated marketing to the customer is blocked. */
  boolean isSuppressed(CustomerId customer);

  /** An in-memory list. */
  static SuppressionList inMemory() {
    return new InMemorySuppressionList();
  }
}
