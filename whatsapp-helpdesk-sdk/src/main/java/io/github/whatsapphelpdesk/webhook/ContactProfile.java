package io.github.whatsapphelpdesk.webhook;

import java.util.Objects;

/**
 * A customer as the webhook's {@code contacts[]} describes them.
 *
 * @param waId the customer's WhatsApp id ({@code wa_id}); never null
 * @param profileName the name in their WhatsApp profile ({@code profile.name}), or null
 * @param userId the business-scoped user id ({@code user_id}, BSUID) when Meta sends one, or null
 */
public record ContactProfile(String waId, String profileName, String userId) {
  public ContactProfile {
    Objects.requireNonNull(waId, "waId");
  }

  /** A contact with a wa_id and a profile name. */
  public static ContactProfile of(String waId, String profileName) {
    return new ContactProfile(waId, profileName, null);
  }
}
