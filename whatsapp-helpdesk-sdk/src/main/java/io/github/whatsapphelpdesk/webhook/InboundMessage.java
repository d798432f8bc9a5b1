package io.github.whatsapphelpdesk.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message a customer sent to the business ({@code messages} field, {@code value.messages[]}).
 *
 * @param metadata where it came from (WABA, phone number id, display number)
 * @param wamid the message id ({@code id}); the deduplication key
 * @param from the customer's wa_id ({@code from})
 * @param contact the matching {@code contacts[]} entry (profile name), or null (system messages have
 *     none)
 * @param timestamp when WhatsApp received it ({@code timestamp}), or null when absent; use it, not the
 *     arrival time, for the 24-hour window
 * @param content the typed content
 * @param context the reply or forward context, or null
 * @param referral the click-to-WhatsApp referral, or null
 * @param errors the message's own {@code errors[]} (unsupported messages), classified
 */
public record InboundMessage(
    EventMetadata metadata,
    String wamid,
    String from,
    ContactProfile contact,
    Instant timestamp,
    InboundContent content,
    ReplyContext context,
    Referral referral,
    List<WebhookError> errors) implements WebhookEvent {

  public InboundMessage {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(content, "content");
    errors = List.copyOf(errors);
  }

  /** The profile name, or null. */
  public String profileName() {
    return contact == null ? null : contact.profileName();
  }

  /** The wamid this message replies to, or null. */
  public String replyToWamid() {
    return context == null ? null : context.messageId();
  }

  @Override
  public String idempotencyKey() {
    return "message:" + wamid;
  }

  @Override
  public String customerWaId() {
    return from;
  }
}
