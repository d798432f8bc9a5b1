package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.Identifiers;
import io.github.whatsapphelpdesk.customer.Masking;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A customer's BSUID changed ({@code user_id_update} field): a WhatsApp user who changes phone number gets
 * a new business-scoped user id. Map the previous BSUID to the current one (for example {@code
 * CustomerDirectory.changeBsuid(previousUserId, customer())}) so the helpdesk contact and the open
 * conversation stay the same.
 *
 * <p>Payload shape (not in Meta's public reference; taken from Cloud API providers that forward Meta's
 * payloads unchanged, for example 8x8's "WhatsApp Business-scoped user IDs" page, and from public
 * integrations' recorded samples): {@code value.user_id_update[]} items with {@code wa_id} (the new phone
 * number, when shareable), {@code detail}, {@code user_id: {previous, current}}, optionally {@code
 * parent_user_id: {previous, current}}, and {@code timestamp}, next to {@code value.contacts[]}. The parser
 * also accepts flat {@code previous_user_id} / {@code user_id} fields. Meta's changelog of 2026-08-11 says
 * BSUID changes are (also) delivered as {@code system} messages ({@code user_changed_number}, {@code
 * user_changed_user_id}) with {@code system.previous_user_id}; those arrive as {@link InboundMessage}s with
 * {@link InboundContent.SystemChange} content. {@link #toString()} masks every identifier.
 *
 * @param metadata where it came from (with a content hash)
 * @param previousUserId the BSUID before the change, or null when Meta did not send it
 * @param currentUserId the BSUID from now on; never null
 * @param previousParentUserId the parent BSUID before the change, or null
 * @param currentParentUserId the parent BSUID from now on, or null
 * @param waId the customer's (new) phone number ({@code wa_id}), or null when withheld
 * @param contact the matching {@code contacts[]} entry, or null
 * @param detail {@code detail} (human-readable, may name the customer), or null
 * @param timestamp {@code timestamp}, or null
 */
public record UserIdUpdate(
    EventMetadata metadata,
    String previousUserId,
    String currentUserId,
    String previousParentUserId,
    String currentParentUserId,
    String waId,
    ContactProfile contact,
    String detail,
    Instant timestamp) implements WebhookEvent {

  /**
   * @throws ValidationException when {@code currentUserId} is not a BSUID, or {@code previousUserId} is
   *     given and is not one
   */
  public UserIdUpdate {
    Objects.requireNonNull(metadata, "metadata");
    if (!Identifiers.isBsuid(currentUserId)) {
      throw new ValidationException("User id update", List.of(
          "the current 'user_id' must be a BSUID, got " + Masking.identifier(currentUserId)));
    }
    if (previousUserId != null && !Identifiers.isBsuid(previousUserId)) {
      throw new ValidationException("User id update", List.of(
          "the previous 'user_id' must be a BSUID, got " + Masking.identifier(previousUserId)));
    }
  }

  /**
   * The customer with the new identifiers: the current BSUID and parent BSUID, the new phone number when
   * given, and the username and name of the contact entry. Never null.
   */
  @Override
  public Customer customer() {
    String phone = waId != null ? waId : contact == null ? null : contact.waId();
    return WebhookIdentities.customerOrNull(currentUserId, phone, currentParentUserId,
        contact == null ? null : contact.username(), contact == null ? null : contact.profileName());
  }

  /** The customer as known before the change (previous BSUID only), or null when none was sent. */
  public Customer previousCustomer() {
    return previousUserId == null ? null : Customer.ofBsuid(previousUserId);
  }

  /** {@code user_id_update:<contentHash>}. */
  @Override
  public String idempotencyKey() {
    return metadata.field() + ":" + metadata.contentHash();
  }

  /** The new phone number, or null. */
  @Override
  public String customerWaId() {
    return waId;
  }

  /** Identifiers masked; the detail text as its length. */
  @Override
  public String toString() {
    return "UserIdUpdate[previousUserId=" + Masking.bsuid(previousUserId) + ", currentUserId="
        + Masking.bsuid(currentUserId) + ", previousParentUserId=" + Masking.bsuid(previousParentUserId)
        + ", currentParentUserId=" + Masking.bsuid(currentParentUserId) + ", waId=" + Masking.phone(waId)
        + ", contact=" + contact + ", detail=" + WebhookIdentities.len(detail) + ", timestamp=" + timestamp + "]";
  }
}
