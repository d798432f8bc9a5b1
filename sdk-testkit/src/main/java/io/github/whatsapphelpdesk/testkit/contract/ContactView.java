package io.github.whatsapphelpdesk.testkit.contract;

import java.util.Objects;

/**
 * A helpdesk contact (end user) as the contract test sees it, read back from the helpdesk (or its fake)
 * by {@link HelpdeskAdapterContractTest#readContacts}.
 *
 * @param contactId the contact id, comparable with {@code HelpdeskContact.contactId()}
 * @param externalId the external id it carries, or null
 * @param phoneE164 its phone number (E.164 with {@code +}), or null when it has none
 * @param name its name, or null
 */
public record ContactView(String contactId, String externalId, String phoneE164, String name) {
  public ContactView {
    Objects.requireNonNull(contactId, "contactId");
  }

  /** Masks the phone number and the name (they identify a person). */
  @Override
  public String toString() {
    return "ContactView[contactId=" + contactId + ", externalId="
        + (externalId == null ? null : externalId.replaceAll("\\d(?=\\d{2})", "*")) + ", phone="
        + io.github.whatsapphelpdesk.customer.Masking.phone(phoneE164) + ", name="
        + io.github.whatsapphelpdesk.customer.Masking.name(name) + "]";
  }
}
