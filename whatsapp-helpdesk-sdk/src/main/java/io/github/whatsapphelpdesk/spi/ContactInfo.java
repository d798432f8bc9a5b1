package io.github.whatsapphelpdesk.spi;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.customer.Masking;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A WhatsApp customer as the bridge knows them, for {@link HelpdeskAdapter#upsertContact}: the customer's
 * stable {@link CustomerId} (a BSUID, or a phone number for customers first known before BSUIDs), the phone
 * number when WhatsApp revealed it, and the username and profile name when known. A customer who adopted a
 * username may have no phone number at all.
 *
 * <p>The contact's external id ({@link #externalId()}) is derived from the stable id, so it survives a
 * username being adopted later; {@link #legacyExternalIds()} names where an older contact of the same
 * customer may sit (created under {@code whatsapp:<wa_id>} before the BSUID was known): adapters move such a
 * contact to the new external id instead of creating a duplicate. Immutable; {@link #toString()} masks.
 *
 * @param customer the customer (its {@link Customer#id()} is the stable key)
 */
public record ContactInfo(Customer customer) {
  /** The prefix of every external id: {@code whatsapp:}. */
  public static final String EXTERNAL_ID_PREFIX = "whatsapp:";

  public ContactInfo {
    Objects.requireNonNull(customer, "customer");
  }

  /** The contact of this customer. */
  public static ContactInfo of(Customer customer) {
    return new ContactInfo(customer);
  }

  /**
   * A customer known only by phone number (the convenience of tests and pre-BSUID callers).
   *
   * @param waId the number in any form {@link io.github.whatsapphelpdesk.PhoneNumbers#canonicalWaId} accepts
   * @param profileName the WhatsApp profile name, or null
   * @throws io.github.whatsapphelpdesk.error.ValidationException when the number is malformed
   */
  public static ContactInfo ofPhone(String waId, String profileName) {
    return new ContactInfo(Customer.of(null, Objects.requireNonNull(waId, "waId"), null, null, profileName));
  }

  /** The customer's stable key. */
  public CustomerId customerId() {
    return customer.id();
  }

  /** The external id adapters store and upsert by: {@code whatsapp:<customer id>}. */
  public String externalId() {
    return EXTERNAL_ID_PREFIX + customerId().value();
  }

  /**
   * External ids an older contact of this customer may have, to be found and moved to {@link #externalId()}
   * (the migration path), most likely first: {@code whatsapp:<wa_id>} when the stable id is a BSUID and the
   * phone number is known. Empty otherwise.
   */
  public List<String> legacyExternalIds() {
    if (customerId().isBsuid() && customer.hasPhone()) {
      String legacy = EXTERNAL_ID_PREFIX + customer.phone();
      return legacy.equals(externalId()) ? List.of() : List.of(legacy);
    }
    return List.of();
  }

  /** The phone number in E.164 with {@code +}, when known. */
  public Optional<String> e164() {
    return customer.phoneE164();
  }

  /** The WhatsApp profile name, or null. */
  public String profileName() {
    return customer.profileName();
  }

  /** The WhatsApp username, or null. */
  public String username() {
    return customer.username();
  }

  /**
   * The name to give a new contact: the profile name, else the username, else the phone number (E.164),
   * else the masked customer id (never the raw BSUID).
   */
  public String displayName() {
    if (customer.profileName() != null) {
      return customer.profileName().strip();
    }
    if (customer.username() != null) {
      return customer.username().strip();
    }
    return e164().orElseGet(() -> customerId().masked());
  }

  @Override
  public String toString() {
    return "ContactInfo[id=" + customerId().masked() + ", phone=" + Masking.phone(customer.phone())
        + ", username=" + Masking.username(customer.username()) + ", profileName="
        + Masking.name(customer.profileName()) + "]";
  }
}
