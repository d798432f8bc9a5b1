package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.Masking;
import java.time.Instant;
import java.util.Objects;

/**
 * A message staff sent from the WhatsApp Business app on a coexistence number ({@code
 * smb_message_echoes}, {@code message_echoes[]}). Mirror it into the helpdesk as an agent message.
 * {@link #toString()} masks the recipient and never prints the content's text.
 *
 * @param metadata where it came from
 * @param wamid the message id
 * @param from the business number that sent it, or null
 * @param to the customer's phone number, or null
 * @param toUserId the customer's BSUID ({@code to_user_id}), or null. Meta lists {@code
 *     smb_message_echoes} among the webhooks that carry BSUIDs; the field name follows the {@code
 *     from_user_id} / {@code recipient_user_id} pattern and is read defensively (absent in older payloads).
 * @param timestamp {@code timestamp}, or null
 * @param content the typed content (including {@link InboundContent.Edit} and {@link
 *     InboundContent.Revoke})
 */
public record MessageEcho(
    EventMetadata metadata, String wamid, String from, String to, String toUserId, Instant timestamp,
    InboundContent content) implements WebhookEvent {

  public MessageEcho {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(content, "content");
  }

  /** An echo without a recipient BSUID. */
  public MessageEcho(EventMetadata metadata, String wamid, String from, String to, Instant timestamp,
      InboundContent content) {
    this(metadata, wamid, from, to, null, timestamp, content);
  }

  /** The recipient customer, or null when the echo names no valid recipient. */
  @Override
  public Customer customer() {
    return WebhookIdentities.customerOrNull(toUserId, to, null, null, null);
  }

  @Override
  public String idempotencyKey() {
    return "echo:" + wamid;
  }

  @Override
  public String customerWaId() {
    return to;
  }

  /** The recipient masked; the content as its type and length only. */
  @Override
  public String toString() {
    return "MessageEcho[wamid=" + wamid + ", from=" + from + ", to=" + Masking.phone(to) + ", toUserId="
        + Masking.bsuid(toUserId) + ", timestamp=" + timestamp + ", content=" + content + "]";
  }
}
