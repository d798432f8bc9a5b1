package io.github.whatsapphelpdesk.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * A message staff sent from the WhatsApp Business app on a coexistence number ({@code
 * smb_message_echoes}, {@code message_echoes[]}). Mirror it into the helpdesk as an agent message.
 *
 * @param metadata where it came from
 * @param wamid the message id
 * @param from the business number that sent it, or null
 * @param to the customer's wa_id, or null
 * @param timestamp {@code timestamp}, or null
 * @param content the typed content (including {@link InboundContent.Edit} and {@link
 *     InboundContent.Revoke})
 */
public record MessageEcho(
    EventMetadata metadata, String wamid, String from, String to, Instant timestamp, InboundContent content)
    implements WebhookEvent {

  public MessageEcho {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(content, "content");
  }

  @Override
  public String idempotencyKey() {
    return "echo:" + wamid;
  }

  @Override
  public String customerWaId() {
    return to;
  }
}
