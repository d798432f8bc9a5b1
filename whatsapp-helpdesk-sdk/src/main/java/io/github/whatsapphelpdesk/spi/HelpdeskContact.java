package io.github.whatsapphelpdesk.spi;

import java.util.Objects;

/**
 * A contact (end user, requester) in the helpdesk.
 *
 * @param contactId the helpdesk's id for the contact, as a string
 * @param waId the canonical {@code wa_id} it was upserted for
 */
public record HelpdeskContact(String contactId, String waId) {
  public HelpdeskContact {
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(waId, "waId");
  }

  @Override
  public String toString() {
    return "HelpdeskContact[contactId=" + contactId + ", waId="
        + io.github.whatsapphelpdesk.PhoneNumbers.mask(waId) + "]";
  }
}
