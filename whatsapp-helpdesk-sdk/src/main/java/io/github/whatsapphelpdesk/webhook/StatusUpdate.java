package io.github.whatsapphelpdesk.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A delivery status of a message the business sent ({@code messages} field, {@code
 * value.statuses[]}). The handler dispatches it only when it moves the message forward (see {@link
 * StatusTracker}); a late, earlier status goes to {@link WebhookListener#onStaleStatus}.
 *
 * @param metadata where it came from
 * @param wamid the outbound message's id ({@code id})
 * @param status the status; {@link DeliveryStatus#UNKNOWN} for values this SDK does not know
 * @param rawStatus the {@code status} string as sent
 * @param recipientId the customer's wa_id ({@code recipient_id}), or null
 * @param timestamp {@code timestamp}, or null
 * @param errors the {@code errors[]} of a failed status, classified through the error table
 * @param conversation the {@code conversation}, or null (omitted from v24 on)
 * @param pricing the {@code pricing}, or null
 * @param bizOpaqueCallbackData the {@code biz_opaque_callback_data} set on send, or null
 */
public record StatusUpdate(
    EventMetadata metadata,
    String wamid,
    DeliveryStatus status,
    String rawStatus,
    String recipientId,
    Instant timestamp,
    List<WebhookError> errors,
    Conversation conversation,
    Pricing pricing,
    String bizOpaqueCallbackData) implements WebhookEvent {

  public StatusUpdate {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rawStatus, "rawStatus");
    errors = List.copyOf(errors);
  }

  /** True for {@link DeliveryStatus#FAILED}. */
  public boolean failed() {
    return status == DeliveryStatus.FAILED;
  }

  @Override
  public String idempotencyKey() {
    return "status:" + wamid + ":" + rawStatus;
  }

  @Override
  public String customerWaId() {
    return recipientId;
  }
}
