package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.Identifiers;
import io.github.whatsapphelpdesk.customer.Masking;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message a customer sent to the business ({@code messages} field, {@code value.messages[]}).
 *
 * <p>Since 2026-03-31 Meta identifies the sender by BSUID ({@code from_user_id}) and sends {@code from}
 * (the phone number) only when it may be shared; a customer who adopted a username may come with no
 * phone number at all (Meta, "Business-scoped user IDs"). Use {@link #customer()}, not {@link #from()}, to
 * key conversations. {@link #toString()} masks identifiers and names and never prints the message body.
 *
 * @param metadata where it came from (WABA, phone number id, display number)
 * @param wamid the message id ({@code id}); the deduplication key
 * @param from the customer's phone number ({@code from}), or null when Meta withholds it
 * @param fromUserId the customer's BSUID ({@code from_user_id}), or null (payloads before 2026-03-31)
 * @param contact the matching {@code contacts[]} entry (profile name, username), or null (system messages
 *     have none)
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
    String fromUserId,
    ContactProfile contact,
    Instant timestamp,
    InboundContent content,
    ReplyContext context,
    Referral referral,
    List<WebhookError> errors) implements WebhookEvent {

  /**
   * @throws ValidationException when neither {@code from} is a phone number nor {@code fromUserId} a BSUID
   */
  public InboundMessage {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(content, "content");
    if (!WebhookIdentities.isPhone(from) && !Identifiers.isBsuid(fromUserId)) {
      throw new ValidationException("Inbound message", List.of(
          "a message needs a sender: 'from' (a phone number) or 'from_user_id' (a BSUID); got from="
              + Masking.phone(from) + ", from_user_id=" + Masking.bsuid(fromUserId)));
    }
    errors = List.copyOf(errors);
  }

  /** A message without a BSUID (the shape before 2026-03-31); {@code from} is required then. */
  public InboundMessage(EventMetadata metadata, String wamid, String from, ContactProfile contact, Instant timestamp,
      InboundContent content, ReplyContext context, Referral referral, List<WebhookError> errors) {
    this(metadata, wamid, from, null, contact, timestamp, content, context, referral, errors);
  }

  /** The profile name, or null. */
  public String profileName() {
    return contact == null ? null : contact.profileName();
  }

  /** The wamid this message replies to, or null. */
  public String replyToWamid() {
    return context == null ? null : context.messageId();
  }

  /**
   * The sender: {@code Customer.of(fromUserId, from, contact.parentUserId, contact.username,
   * contact.profileName)}, leaving out an identifier that is malformed. Never null.
   */
  @Override
  public Customer customer() {
    Customer c = contact == null
        ? WebhookIdentities.customerOrNull(fromUserId, from, null, null, null)
        : WebhookIdentities.customerOrNull(fromUserId, from, contact.parentUserId(), contact.username(),
            contact.profileName());
    return Objects.requireNonNull(c, "checked by the constructor");
  }

  @Override
  public String idempotencyKey() {
    return "message:" + wamid;
  }

  /** The phone number ({@code from}); null for a customer whose number Meta withholds. */
  @Override
  public String customerWaId() {
    return from;
  }

  /** Identifiers and names masked; the content as its type and length only. */
  @Override
  public String toString() {
    return "InboundMessage[wamid=" + wamid + ", phoneNumberId=" + metadata.phoneNumberId() + ", from="
        + Masking.phone(from) + ", fromUserId=" + Masking.bsuid(fromUserId) + ", contact=" + contact
        + ", timestamp=" + timestamp + ", content=" + content + ", context=" + context + ", referral="
        + (referral == null ? "null" : "present") + ", errors=" + errors + "]";
  }
}
