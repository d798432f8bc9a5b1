package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.Identifiers;
import io.github.whatsapphelpdesk.customer.Masking;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A customer stopped or resumed marketing messages ({@code user_preferences}). Record it: sending
 * marketing templates to a stopped user fails with 131050. Since 2026-03-31 the item may carry the
 * customer's BSUID ({@code user_id}) and omit {@code wa_id} (Meta, "Business-scoped user IDs").
 * {@link #toString()} masks identifiers.
 *
 * @param metadata where it came from
 * @param waId the customer's phone number ({@code wa_id}), or null when Meta withholds it
 * @param userId the customer's BSUID ({@code user_id}), or null
 * @param contact the matching {@code contacts[]} entry, or null
 * @param category {@code category}, for example {@code "marketing_messages"}, or null
 * @param value {@link Value#STOP}, {@link Value#RESUME} or {@link Value#UNKNOWN}
 * @param detail {@code detail} (human-readable), or null
 * @param timestamp {@code timestamp}, or null
 */
public record UserPreferenceUpdate(
    EventMetadata metadata,
    String waId,
    String userId,
    ContactProfile contact,
    String category,
    Value value,
    String detail,
    Instant timestamp) implements WebhookEvent {

  /** The preference value. */
  public enum Value {
    /** The customer opted out. */
    STOP,
    /** The customer opted back in. */
    RESUME,
    /** A value this SDK version does not know. */
    UNKNOWN;

    /** Parses Meta's value; unknown values give {@link #UNKNOWN}. */
    public static Value parse(String s) {
      if (s == null) {
        return UNKNOWN;
      }
      switch (s.toLowerCase(Locale.ROOT)) {
        case "stop": return STOP;
        case "resume": return RESUME;
        default: return UNKNOWN;
      }
    }
  }

  /**
   * @throws ValidationException when neither {@code waId} is a phone number nor {@code userId} a BSUID
   */
  public UserPreferenceUpdate {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(value, "value");
    if (!WebhookIdentities.isPhone(waId) && !Identifiers.isBsuid(userId)) {
      throw new ValidationException("User preference update", List.of(
          "a preference needs 'wa_id' (a phone number) or 'user_id' (a BSUID); got wa_id="
              + Masking.phone(waId) + ", user_id=" + Masking.bsuid(userId)));
    }
  }

  /** A preference without a BSUID (the shape before 2026-03-31); {@code waId} is required then. */
  public UserPreferenceUpdate(EventMetadata metadata, String waId, ContactProfile contact, String category,
      Value value, String detail, Instant timestamp) {
    this(metadata, waId, null, contact, category, value, detail, timestamp);
  }

  /** True when this is a marketing opt-out. */
  public boolean marketingStopped() {
    return value == Value.STOP && isMarketing();
  }

  /** True when this is a marketing opt-in. */
  public boolean marketingResumed() {
    return value == Value.RESUME && isMarketing();
  }

  private boolean isMarketing() {
    return category == null || category.startsWith("marketing");
  }

  /** The customer (BSUID, phone number, and the contact's parent BSUID, username and name). Never null. */
  @Override
  public Customer customer() {
    Customer c = contact == null
        ? WebhookIdentities.customerOrNull(userId, waId, null, null, null)
        : WebhookIdentities.customerOrNull(userId, waId, contact.parentUserId(), contact.username(),
            contact.profileName());
    return Objects.requireNonNull(c, "checked by the constructor");
  }

  @Override
  public String idempotencyKey() {
    return metadata.field() + ":" + metadata.contentHash();
  }

  /** The phone number, or null when Meta withholds it. */
  @Override
  public String customerWaId() {
    return waId;
  }

  /** Identifiers masked. */
  @Override
  public String toString() {
    return "UserPreferenceUpdate[waId=" + Masking.phone(waId) + ", userId=" + Masking.bsuid(userId)
        + ", contact=" + contact + ", category=" + category + ", value=" + value + ", timestamp=" + timestamp
        + "]";
  }
}
