package io.github.whatsapphelpdesk.spi;

import io.github.whatsapphelpdesk.customer.CustomerId;
import java.util.Objects;

/**
 * A contact (end user, requester) in the helpdesk.
 *
 * @param contactId the helpdesk's id for the contact, as a string
 * @param customer the stable id of the customer it was upserted for ({@link ContactInfo#customerId()})
 */
public record HelpdeskContact(String contactId, CustomerId customer) {
  public HelpdeskContact {
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(customer, "customer");
  }

  /** Masks the customer id. */
  @Override
  public String toString() {
    return "HelpdeskContact[contactId=" + contactId + ", customer=" + customer.masked() + "]";
  }
}
