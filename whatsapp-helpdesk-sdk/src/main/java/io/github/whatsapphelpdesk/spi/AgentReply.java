package io.github.whatsapphelpdesk.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An agent's public reply in the helpdesk, authenticated and re-read from the helpdesk's API by the
 * adapter; the bridge sends it to the customer on WhatsApp.
 *
 * @param ticketId the helpdesk ticket the reply belongs to
 * @param replyId the helpdesk's id of the reply (comment or conversation id); the bridge dedupes on it
 * @param authorId the agent's id in the helpdesk
 * @param authorName the agent's display name, or null
 * @param text the reply as plain text (HTML stripped, quoted history removed)
 * @param attachments the reply's attachments, possibly empty
 * @param createdAt when the agent wrote it
 */
public record AgentReply(
    String ticketId,
    String replyId,
    String authorId,
    String authorName,
    String text,
    List<AgentAttachment> attachments,
    Instant createdAt) {
  public AgentReply {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(replyId, "replyId");
    Objects.requireNonNull(authorId, "authorId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(createdAt, "createdAt");
    attachments = List.copyOf(attachments);
  }

  @Override
  public String toString() {
    return "AgentReply[ticketId=" + ticketId + ", replyId=" + replyId + ", authorId=" + authorId + ", "
        + text.length() + " chars, " + attachments.size() + " attachments]";
  }
}
