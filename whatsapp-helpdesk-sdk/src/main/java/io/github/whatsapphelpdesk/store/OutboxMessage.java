package io.github.whatsapphelpdesk.store;

import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import java.util.Objects;

/**
 * One message in the {@link Outbox}: the client's own {@link Message} (a template travels as a template)
 * and the envelope the bridge needs around it. A read receipt carries no message, only the wamid to mark
 * read. Attempts and times live in the {@link OutboxEntry}.
 *
 * @param phoneNumberId the business phone number id that sends it
 * @param message what to send, addressed to the customer; null for a read receipt
 * @param readWamid for a read receipt, the inbound wamid to mark read; else null
 * @param conversation the conversation episode it belongs to, or null
 * @param ticketId the ticket it belongs to, or null
 * @param replyId the agent reply it carries, or null for automated messages
 * @param priority the limiter lane
 */
public record OutboxMessage(String phoneNumberId, Message message, String readWamid, ConversationKey conversation,
    String ticketId, String replyId, Priority priority) {

  public OutboxMessage {
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    Objects.requireNonNull(priority, "priority");
    if ((message == null) == (readWamid == null)) {
      throw new IllegalArgumentException("an outbox message carries a message or a read receipt, not both");
    }
  }

  /** A message to send. */
  public static OutboxMessage send(String phoneNumberId, Message message, ConversationKey conversation,
      String ticketId, String replyId, Priority priority) {
    return new OutboxMessage(phoneNumberId, Objects.requireNonNull(message, "message"), null, conversation,
        ticketId, replyId, priority);
  }

  /** A read receipt for an inbound message. */
  public static OutboxMessage markRead(String phoneNumberId, String wamid, ConversationKey conversation) {
    return new OutboxMessage(phoneNumberId, null, Objects.requireNonNull(wamid, "wamid"), conversation, null,
        null, Priority.AUTOMATED);
  }

  /** True for a read receipt. */
  public boolean isReadReceipt() {
    return message == null;
  }

  /** True when the message is a template. */
  public boolean isTemplate() {
    return message != null && message.content() instanceof TemplateMessage;
  }

  /** The kind, for logs and metrics: {@code read}, or the Cloud API message type ({@code text}, …). */
  public String kind() {
    return message == null ? "read" : message.content().type();
  }

  /**
   * The ordering group: messages of one customer on one number are sent in enqueue order (the
   * conversation's customer, else the message's address).
   */
  public String orderingGroup() {
    if (conversation != null) {
      return phoneNumberId + ':' + conversation.customer().value();
    }
    return message == null ? "read:" + phoneNumberId : "to:" + phoneNumberId + ':' + address(message);
  }

  private static String address(Message m) {
    return m.to();
  }

  /** No message text or identifier: the kind, the number id and whether it is a reply. */
  @Override
  public String toString() {
    return "OutboxMessage[" + kind() + ", from " + phoneNumberId + (replyId != null ? ", agent reply" : "") + "]";
  }
}
