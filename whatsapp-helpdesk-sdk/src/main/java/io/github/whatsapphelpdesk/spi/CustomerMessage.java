package io.github.whatsapphelpdesk.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A customer's WhatsApp message, rendered for the helpdesk. Appended as a public comment whose author
 * is the customer (never the API user).
 *
 * @param messageId the WhatsApp message id ({@code wamid}); adapters may use it to dedupe
 * @param author the customer's helpdesk contact
 * @param text the readable text (media, locations, contacts, interactive replies, orders and reactions
 *     are already rendered as text by the bridge)
 * @param attachments files to attach, possibly empty
 * @param sentAt the WhatsApp timestamp of the message
 * @param metadata extra key/value pairs (message type, reply context); adapters may store or ignore them
 */
public record CustomerMessage(
    String messageId,
    HelpdeskContact author,
    String text,
    List<Attachment> attachments,
    Instant sentAt,
    Map<String, String> metadata) {
  public CustomerMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sentAt, "sentAt");
    attachments = List.copyOf(attachments);
    metadata = Map.copyOf(metadata);
  }

  @Override
  public String toString() {
    // Never print the text: it is customer data.
    return "CustomerMessage[messageId=" + messageId + ", author=" + author + ", " + text.length()
        + " chars, " + attachments.size() + " attachments, sentAt=" + sentAt + "]";
  }
}
