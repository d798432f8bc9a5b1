package io.github.whatsapphelpdesk.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link ConversationStore} knows about an agent reply: who claimed it and, once sent, the
 * WhatsApp message that carried it.
 *
 * @param replyId the helpdesk's reply (comment) id
 * @param ticketId the ticket the reply belongs to
 * @param state claimed or sent
 * @param outboxEntryId the outbox entry created for it, or null
 * @param wamid the WhatsApp message id once sent, else null
 * @param claimedAt when the reply was first claimed
 */
public record ReplyRecord(
    String replyId, String ticketId, State state, String outboxEntryId, String wamid, Instant claimedAt) {
  /** The states of an agent reply. */
  public enum State {
    /** Claimed by one caller: it is (being) queued; nobody else may send it. */
    CLAIMED,
    /** Sent: {@link #wamid()} is set. */
    SENT
  }

  public ReplyRecord {
    Objects.requireNonNull(replyId, "replyId");
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(claimedAt, "claimedAt");
    if (state == State.SENT && wamid == null) {
      throw new IllegalArgumentException("a SENT reply has a wamid");
    }
  }
}
