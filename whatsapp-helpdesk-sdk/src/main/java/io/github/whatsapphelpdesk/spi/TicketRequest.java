package io.github.whatsapphelpdesk.spi;

import io.github.whatsapphelpdesk.client.internal.Redact;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the bridge asks for when a conversation needs a ticket.
 *
 * @param conversationKey {@code wa:<phone_number_id>:<wa_id>:<episode>}; adapters store it on the ticket
 *     (Zendesk {@code external_id}, a Freshdesk custom field) for recovery, never for dedupe by search
 * @param idempotencyKey a stable key for this creation attempt (same key on every retry)
 * @param requester the customer's contact
 * @param subject the ticket subject
 * @param firstMessage the message that opens the ticket; it becomes the ticket's first comment or
 *     description, so the bridge does not append it again
 * @param tags channel tags, for example {@code whatsapp}
 * @param customFields adapter-specific custom field values (for example the wa_id), possibly empty
 */
public record TicketRequest(
    String conversationKey,
    String idempotencyKey,
    HelpdeskContact requester,
    String subject,
    CustomerMessage firstMessage,
    List<String> tags,
    Map<String, String> customFields) {
  public TicketRequest {
    Objects.requireNonNull(conversationKey, "conversationKey");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(firstMessage, "firstMessage");
    tags = List.copyOf(tags);
    customFields = Map.copyOf(customFields);
  }

  /** Subject as a length, keys with the customer masked. */
  @Override
  public String toString() {
    return "TicketRequest[conversationKey=" + Redact.key(conversationKey) + ", idempotencyKey="
        + Redact.key(idempotencyKey) + ", requester=" + requester + ", subject=" + Redact.len(subject)
        + ", firstMessage=" + firstMessage + ", tags=" + tags + ", customFields=" + customFields.keySet() + "]";
  }
}
