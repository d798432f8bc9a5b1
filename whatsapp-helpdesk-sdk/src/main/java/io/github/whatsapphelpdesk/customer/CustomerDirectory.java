package io.github.whatsapphelpdesk.customer;

import java.util.Optional;

/**
 * Keeps one record per customer and maps every identifier WhatsApp revealed for them (BSUIDs, phone
 * numbers) to that record's stable {@link CustomerId}. A store SPI: every operation is atomic on its own, so
 * a SQL backend can implement each with one transaction and several bridge instances can share it.
 * Implementations are thread-safe.
 *
 * <p>Rules of {@link #resolve}:
 * <ol>
 *   <li>A known BSUID wins: the customer it maps to is the one.
 *   <li>Else a known phone number: its customer, unless that customer already has a <em>different</em>
 *       BSUID (the number now belongs to someone else, or changed hands): then a new customer.
 *   <li>Else a new customer under the natural id (BSUID, else phone number).
 * </ol>
 * New identifiers are added to the customer found and the attributes merged
 * ({@link Customer#mergedWith}). A phone number moves to the customer who presented it with a BSUID.
 */
public interface CustomerDirectory {

  /** Resolves a customer as a webhook or a caller identifies them to the stored one, recording what is new. */
  Customer resolve(Customer seen);

  /** The customer with this stable id. */
  Optional<Customer> find(CustomerId id);

  /** The customer this BSUID (current or earlier) belongs to. */
  Optional<Customer> findByBsuid(String bsuid);

  /** The customer this phone number (any accepted form) belongs to now. */
  Optional<Customer> findByPhone(String phone);

  /**
   * Meta's {@code user_id_update}: the customer who had {@code previousBsuid} now has the identifiers of
   * {@code current} (a new BSUID after a phone-number change). They keep their stable id, so their helpdesk
   * contact and conversation stay the same. When {@code previousBsuid} is unknown this is {@link #resolve}.
   */
  Customer changeBsuid(String previousBsuid, Customer current);

  /**
   * Removes the customer and every identifier that maps to them (erasure).
   *
   * @return whether the customer was known
   */
  boolean erase(CustomerId id);

  /** A directory in this JVM's memory. */
  static CustomerDirectory inMemory() {
    return new InMemoryCustomerDirectory();
  }
}
