package io.github.whatsapphelpdesk.testkit.sandbox.internal;

/**
 * What the sandbox knows of one simulated WhatsApp user: their BSUID, their phone number (null for a
 * username-only user), their username, and whether Meta would share the number with the business.
 *
 * @param bsuid the business-scoped user id; never null
 * @param waId the wa_id, or null when the user has no number the sandbox may know
 * @param username the username, or null
 * @param phoneShared whether {@code wa_id} / {@code from} appear in webhooks (Meta withholds the number
 *     of a username user unless its phone-number rules allow it)
 */
public record CustomerIdentity(String bsuid, String waId, String username, boolean phoneShared) {

  /** The number as webhooks show it: the wa_id when shared, else null. */
  public String sharedWaId() {
    return phoneShared ? waId : null;
  }
}
