package io.github.whatsapphelpdesk.crm;

import io.github.whatsapphelpdesk.PhoneNumbers;
import java.util.Objects;

/**
 * A contact in the {@link InMemoryHelpdesk}.
 *
 * @param id the contact id
 * @param externalId the external id it is upserted by ({@code whatsapp:<wa_id>})
 * @param waId the canonical wa_id
 * @param e164 the phone number
 * @param profileName the latest WhatsApp profile name, or null
 */
public record StoredContact(String id, String externalId, String waId, String e164, String profileName) {
  public StoredContact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(waId, "waId");
    Objects.requireNonNull(e164, "e164");
  }

  @Override
  public String toString() {
    return "StoredContact[id=" + id + ", waId=" + PhoneNumbers.mask(waId) + "]";
  }
}
