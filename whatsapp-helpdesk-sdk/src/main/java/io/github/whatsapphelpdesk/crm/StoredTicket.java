package io.github.whatsapphelpdesk.crm;

import io.github.whatsapphelpdesk.client.internal.Redact;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ticket in the {@link InMemoryHelpdesk}, as a snapshot.
 *
 * @param id the ticket id
 * @param requesterId the requester's contact id
 * @param conversationKey the conversation key it was opened for
 * @param subject the subject
 * @param status the status
 * @param tags the tags
 * @param customFields the custom field values
 * @param followUpOf the closed ticket this one follows up, or null
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record StoredTicket(
    String id, String requesterId, String conversationKey, String subject, TicketStatus status,
    List<String> tags, Map<String, String> customFields, String followUpOf, Instant createdAt,
    Instant updatedAt) {
  public StoredTicket {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requesterId, "requesterId");
    Objects.requireNonNull(conversationKey, "conversationKey");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    tags = List.copyOf(tags);
    customFields = Map.copyOf(customFields);
  }

  /** The subject as a length and the conversation key with the customer masked. */
  @Override
  public String toString() {
    return "StoredTicket[id=" + id + ", requesterId=" + requesterId + ", conversationKey="
        + Redact.key(conversationKey) + ", subject=" + Redact.len(subject) + ", status=" + status + ", tags=" + tags
        + ", customFields=" + customFields.keySet() + ", followUpOf=" + followUpOf + ", createdAt=" + createdAt
        + ", updatedAt=" + updatedAt + "]";
  }
}
