package io.github.whatsapphelpdesk.store;

/**
 * Customers who stopped business-initiated marketing ({@code user_preferences} stop, a STOP keyword, or
 * error 131050). Atomic per call, so a SQL or Redis backend can share it across instances. Keys are
 * canonical wa_ids.
 */
public interface SuppressionList {

  /** Adds the customer; returns whether they were not on the list. */
  boolean suppress(String canonicalWaId, String reason);

  /** Lifts the suppression; returns whether they were on the list. */
  boolean lift(String canonicalWaId);

  /** Whether business-initiated marketing to the customer is blocked. */
  boolean isSuppressed(String canonicalWaId);

  /** An in-memory list. */
  static SuppressionList inMemory() {
    return new InMemorySuppressionList();
  }
}
