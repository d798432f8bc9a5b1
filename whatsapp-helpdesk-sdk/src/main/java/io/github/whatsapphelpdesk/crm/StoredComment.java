package io.github.whatsapphelpdesk.crm;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A comment or note on an {@link InMemoryHelpdesk} ticket, as a snapshot.
 *
 * @param id the comment id
 * @param ticketId the ticket
 * @param authorId the author's id: the requester's contact id, an agent id, or
 *     {@link InMemoryHelpdesk#INTEGRATION_USER_ID}
 * @param authorKind who wrote it
 * @param isPublic true for a public comment, false for an internal note
 * @param text the text (with a placeholder line for each attachment over the size limit)
 * @param attachments the stored files
 * @param messageId the WhatsApp message id it holds, or null
 * @param createdAt when it was written
 */
public record StoredComment(
    String id, String ticketId, String authorId, AuthorKind authorKind, boolean isPublic, String text,
    List<StoredAttachment> attachments, String messageId, Instant createdAt) {
  /** Who wrote a comment. */
  public enum AuthorKind {
    /** The customer (the ticket's requester); written by the bridge for a WhatsApp message. */
    CUSTOMER,
    /** A human agent. */
    AGENT,
    /** The integration itself (notes about deliveries, windows, held replies). */
    INTEGRATION
  }

  public StoredComment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(authorId, "authorId");
    Objects.requireNonNull(authorKind, "authorKind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
    attachments = List.copyOf(attachments);
  }

  @Override
  public String toString() {
    return "StoredComment[id=" + id + ", ticketId=" + ticketId + ", author=" + authorKind + ':' + authorId
        + ", public=" + isPublic + ", " + text.length() + " chars, " + attachments.size() + " attachments]";
  }
}
