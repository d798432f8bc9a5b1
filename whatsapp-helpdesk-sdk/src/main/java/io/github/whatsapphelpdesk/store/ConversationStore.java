package io.github.whatsapphelpdesk.store;

import io.github.whatsapphelpdesk.customer.CustomerId;
import java.util.Optional;

/**
 * Durable mappings the bridge keeps between WhatsApp conversations and helpdesk tickets.
 *
 * <p>Every operation is atomic on its own (insert-if-absent, compare-and-set), so a SQL or Redis backend
 * can implement it with one statement or transaction per call, and several bridge instances can share
 * it. Callers never read, modify and write back. Implementations are thread-safe.
 *
 * <ul>
 *   <li>conversation episode -> ticket: {@link #bindTicketIfAbsent}, {@link #ticketFor},
 *       {@link #replaceTicket} (rollover to a follow-up ticket within the same episode);
 *   <li>current episode per customer: {@link #currentEpisode}, {@link #advanceEpisodeIfTicket};
 *   <li>ticket -> conversation: {@link #conversationForTicket};
 *   <li>wamid &lt;-&gt; helpdesk comment or reply: {@link #linkMessage}, {@link #messageLink},
 *       {@link #wamidForItem};
 *   <li>agent reply -> outbound message, claimed once: {@link #claimReply}, {@link #markReplySent},
 *       {@link #reply}.
 * </ul>
 *
 * <p>A SQL sketch: {@code conversation(phone_number_id, customer_id, episode, ticket_id, bound_at)} with a
 * primary key on the first three columns; {@code current_episode(phone_number_id, customer_id, episode)}
 * updated with {@code UPDATE ... SET episode = episode + 1 WHERE episode = ? AND EXISTS (ticket = ?)};
 * {@code message_link(wamid PRIMARY KEY, ...)}; {@code agent_reply(reply_id PRIMARY KEY, ...)} written with
 * {@code INSERT ... ON CONFLICT DO NOTHING}.
 */
public interface ConversationStore {

  /**
   * The customer's current episode for a business number: {@link ConversationKey#FIRST_EPISODE} until
   * {@link #advanceEpisodeIfTicket} moves it on.
   */
  long currentEpisode(String phoneNumberId, CustomerId customer);

  /** The current episode's key, a shortcut for {@link #currentEpisode}. */
  default ConversationKey currentKey(String phoneNumberId, CustomerId customer) {
    return new ConversationKey(phoneNumberId, customer, currentEpisode(phoneNumberId, customer));
  }

  /**
   * Binds a ticket to a conversation episode unless one is bound already, and returns the binding in
   * effect: the new one, or the existing one (whose ticket id then differs from {@code ticketId}). Also
   * records the reverse mapping ticket -> conversation.
   */
  TicketBinding bindTicketIfAbsent(ConversationKey key, String ticketId);

  /** The ticket bound to a conversation episode, if any. */
  Optional<TicketBinding> ticketFor(ConversationKey key);

  /**
   * Replaces the episode's ticket with {@code newTicketId} if it is currently {@code expectedTicketId}
   * (the adapter rolled over to a follow-up ticket). The old ticket keeps mapping to the conversation.
   *
   * @return true when replaced; false when the episode has no binding or another ticket
   */
  boolean replaceTicket(ConversationKey key, String expectedTicketId, String newTicketId);

  /**
   * Moves the customer to the next episode if the current episode's ticket is {@code terminalTicketId}
   * (it became terminal, so the next message needs a new ticket). Repeating the call, or racing callers
   * that saw the same terminal ticket, advance the episode once.
   *
   * @return the current episode after the call
   */
  long advanceEpisodeIfTicket(String phoneNumberId, CustomerId customer, String terminalTicketId);

  /** The conversation episode a ticket belongs to (including a ticket replaced by a rollover). */
  Optional<ConversationKey> conversationForTicket(String ticketId);

  /**
   * Records a wamid's link unless the wamid is linked already.
   *
   * @return true when recorded; false when the wamid already had a link (which is kept)
   */
  boolean linkMessage(MessageLink link);

  /** The link of a wamid, if any. */
  Optional<MessageLink> messageLink(String wamid);

  /**
   * The wamid linked to a helpdesk item (a comment holding a customer message, or an agent reply), if
   * any.
   */
  Optional<String> wamidForItem(String ticketId, String itemId);

  /**
   * Claims an agent reply so it is sent once. The first caller gets {@code claimed == true}; every later
   * call (a duplicate webhook, a retry, another instance) gets {@code false} and the existing record.
   *
   * @param outboxEntryId the outbox entry the claimer will create or created for it, or null
   */
  ReplyClaim claimReply(String replyId, String ticketId, String outboxEntryId);

  /**
   * Records that a claimed reply went out as {@code wamid}, and links the wamid as
   * {@link MessageLink.Direction#OUTBOUND}.
   *
   * @return true when recorded; false when the reply is unknown or already sent with another wamid
   */
  boolean markReplySent(String replyId, String wamid);

  /** The record of an agent reply, if it was claimed. */
  Optional<ReplyRecord> reply(String replyId);
}
