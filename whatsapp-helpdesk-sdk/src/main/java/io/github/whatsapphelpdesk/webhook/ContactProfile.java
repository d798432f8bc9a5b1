package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.Masking;

/**
 * A customer as the webhook's {@code contacts[]} describes them. Since 2026-03-31 Meta sends a BSUID
 * ({@code user_id}) with every contact and may omit {@code wa_id} for a customer who adopted a username
 * (Meta, "Business-scoped user IDs",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/).
 * Every field is optional. {@link #toString()} masks every field.
 *
 * @param waId the customer's phone number ({@code wa_id}), or null when Meta withholds it
 * @param profileName the name in their WhatsApp profile ({@code profile.name}), or null
 * @param userId the business-scoped user id ({@code user_id}, BSUID), or null
 * @param parentUserId the parent BSUID ({@code parent_user_id}), or null
 * @param username the WhatsApp username ({@code profile.username}), or null
 */
public record ContactProfile(String waId, String profileName, String userId, String parentUserId, String username) {

  /** A contact without parent BSUID and username (the shape before usernames). */
  public ContactProfile(String waId, String profileName, String userId) {
    this(waId, profileName, userId, null, null);
  }

  /** A contact with a wa_id and a profile name. */
  public static ContactProfile of(String waId, String profileName) {
    return new ContactProfile(waId, profileName, null, null, null);
  }

  /**
   * The customer this contact describes (natural id: the BSUID when valid, else the phone number), or null
   * when it has neither a valid {@code wa_id} nor a valid {@code user_id}.
   */
  public Customer customer() {
    return WebhookIdentities.customerOrNull(userId, waId, parentUserId, username, profileName);
  }

  /** Every field masked. */
  @Override
  public String toString() {
    return "ContactProfile[waId=" + Masking.phone(waId) + ", profileName=" + Masking.name(profileName)
        + ", userId=" + Masking.bsuid(userId) + ", parentUserId=" + Masking.bsuid(parentUserId)
        + ", username=" + Masking.username(username) + "]";
  }
}
