package io.github.whatsapphelpdesk.spi;

import java.util.Objects;

/**
 * The result of appending a message or note.
 *
 * @param ticket the ticket that received it. It differs from the ticket passed in when the adapter had to
 *     roll over to a follow-up or new ticket (a closed Zendesk ticket, the 5,000-comment cap); the bridge
 *     then maps the conversation to this ticket
 * @param commentId the helpdesk's id of the new comment or note, as a string
 * @param rolledOver true when {@link #ticket} is a new ticket
 */
public record AppendResult(TicketHandle ticket, String commentId, boolean rolledOver) {
  public AppendResult {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(commentId, "commentId");
  }
}
