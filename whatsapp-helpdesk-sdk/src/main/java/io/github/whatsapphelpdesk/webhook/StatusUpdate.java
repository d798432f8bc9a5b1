package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.Masking;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A delivery status of a message the business sent ({@code messages} field, {@code
 * value.statuses[]}). The handler dispatches it only when it moves the message forward (see {@link
 * StatusTracker}); a late, earlier status goes to {@link WebhookListener#onStaleStatus}.
 *
 * <p>Since 2026-03-31 a status carries the recipient's BSUID ({@code recipient_user_id}); {@code
 * recipient_id} is present when the message was sent to a phone number, else only when the number may be
 * shared. A {@code failed} status sent to a phone number can lack {@code recipient_user_id}, and failed
 * statuses carry no {@code contacts}; delivered and read statuses carry the username in {@code contacts}
 * when the user has one (Meta, "Business-scoped user IDs"). {@link #toString()} masks identifiers.
 *
 * @param metadata where it came from
 * @param wamid the outbound message's id ({@code id})
 * @param status the status; {@link DeliveryStatus#UNKNOWN} for values this SDK does not know
 * @param rawStatus the {@code status} string as sent
 * @param recipientId the customer's phone number ({@code recipient_id}), or null
 * @param recipientUserId the customer's BSUID ({@code recipient_user_id}), or null
 * @param timestamp {@code timestamp}, or null
 * @param errors the {@code errors[]} of a failed status, classified through the error table
 * @param conversation the {@code conversation}, or null (omitted from v24 on)
 * @param pricing the {@code pricing}, or null
 * @param bizOpaqueCallbackData the {@code biz_opaque_callback_data} set on send, or null
 * @param contact the recipient's entry in the value's {@code contacts[]} (username, parent BSUID), or null
 */
public record StatusUpdate(
    EventMetadata metadata,
    String wamid,
    DeliveryStatus status,
    String rawStatus,
    String recipientId,
    String recipientUserId,
    Instant timestamp,
    List<WebhookError> errors,
    Conversation conversation,
    Pricing pricing,
    String bizOpaqueCallbackData,
    ContactProfile contact) implements WebhookEvent {

  public StatusUpdate {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rawStatus, "rawStatus");
    errors = List.copyOf(errors);
  }

  /** A status without a {@code contacts[]} entry. */
  public StatusUpdate(EventMetadata metadata, String wamid, DeliveryStatus status, String rawStatus,
      String recipientId, String recipientUserId, Instant timestamp, List<WebhookError> errors,
      Conversation conversation, Pricing pricing, String bizOpaqueCallbackData) {
    this(metadata, wamid, status, rawStatus, recipientId, recipientUserId, timestamp, errors, conversation,
        pricing, bizOpaqueCallbackData, null);
  }

  /** A status without a BSUID or contact (the shape before 2026-03-31). */
  public StatusUpdate(EventMetadata metadata, String wamid, DeliveryStatus status, String rawStatus,
      String recipientId, Instant timestamp, List<WebhookError> errors, Conversation conversation, Pricing pricing,
      String bizOpaqueCallbackData) {
    this(metadata, wamid, status, rawStatus, recipientId, null, timestamp, errors, conversation, pricing,
        bizOpaqueCallbackData, null);
  }

  /** True for {@link DeliveryStatus#FAILED}. */
  public boolean failed() {
    return status == DeliveryStatus.FAILED;
  }

  /**
   * The recipient: BSUID and phone number from the status, with the username, parent BSUID and name from
   * its {@code contacts[]} entry when Meta sends one; null when the status identifies nobody (neither a
   * valid {@code recipient_id} nor a valid {@code recipient_user_id}).
   */
  @Override
  public Customer customer() {
    String bsuid = recipientUserId;
    String phone = recipientId;
    if (contact == null) {
      return WebhookIdentities.customerOrNull(bsuid, phone, null, null, null);
    }
    return WebhookIdentities.customerOrNull(bsuid != null ? bsuid : contact.userId(),
        phone != null ? phone : contact.waId(), contact.parentUserId(), contact.username(), contact.profileName());
  }

  @Override
  public String idempotencyKey() {
    return "status:" + wamid + ":" + rawStatus;
  }

  /** The phone number ({@code recipient_id}), or null. */
  @Override
  public String customerWaId() {
    return recipientId;
  }

  /** Identifiers masked. */
  @Override
  public String toString() {
    return "StatusUpdate[wamid=" + wamid + ", status=" + rawStatus + ", phoneNumberId=" + metadata.phoneNumberId()
        + ", recipientId=" + Masking.phone(recipientId) + ", recipientUserId=" + Masking.bsuid(recipientUserId)
        + ", timestamp=" + timestamp + ", errors=" + errors + ", conversation=" + conversation + ", pricing="
        + pricing + ", bizOpaqueCallbackData=" + (bizOpaqueCallbackData == null ? "null" : "present")
        + ", contact=" + contact + "]";
  }
}
