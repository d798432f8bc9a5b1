package io.github.whatsapphelpdesk.spi;

import java.util.Objects;

/**
 * A WhatsApp customer as the bridge knows them, for {@link HelpdeskAdapter#upsertContact}.
 *
 * @param waId the canonical {@code wa_id} (E.164 digits without {@code +}); the upsert key, usually
 *     stored as the helpdesk's external id {@code whatsapp:<wa_id>}
 * @param e164 the phone number in E.164 with {@code +}
 * @param profileName the WhatsApp profile name, or null when Meta sent none
 */
public record ContactInfo(String waId, String e164, String profileName) {
  public ContactInfo {
    Objects.requireNonNull(waId, "waId");
    Objects.requireNonNull(e164, "e164");
  }

  /** The external id adapters store: {@code whatsapp:<wa_id>}. */
  public String externalId() {
    return "whatsapp:" + waId;
  }

  @Override
  public String toString() {
    return "ContactInfo[waId=" + io.github.whatsapphelpdesk.PhoneNumbers.mask(waId) + "]";
  }
}
