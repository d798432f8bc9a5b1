package io.github.whatsapphelpdesk.crm;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.customer.Masking;
import java.util.Objects;
import java.util.Optional;

/**
 * A contact in the {@link InMemoryHelpdesk}.
 *
 * @param id the contact id
 * @param externalId the external id it is upserted by ({@code whatsapp:<customer id>})
 * @param customerId the stable id of the customer it belongs to
 * @param phone the canonical wa_id, or null while the number is unknown (a username user)
 * @param username the latest WhatsApp username, or null
 * @param profileName the latest WhatsApp profile name, or null
 */
public record StoredContact(String id, String externalId, CustomerId customerId, String phone, String username,
    String profileName) {
  public StoredContact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(customerId, "customerId");
  }

  /** The phone number in E.164 with {@code +}, when known. */
  public Optional<String> e164() {
    return phone == null ? Optional.empty() : Optional.of("+" + phone);
  }

  /** Masks every identifier. */
  @Override
  public String toString() {
    return "StoredContact[id=" + id + ", customer=" + customerId.masked() + ", phone=" + Masking.phone(phone)
        + ", username=" + Masking.username(username) + "]";
  }
}
