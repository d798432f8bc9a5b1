package io.github.whatsapphelpdesk.spi;

import java.util.Objects;

/**
 * The result of {@link HelpdeskAdapter#findOrCreateTicket}.
 *
 * @param ticket the ticket
 * @param created true when a new ticket was created (its first comment is the request's first message);
 *     false when an existing ticket was found (an idempotency hit), in which case the first message may
 *     or may not be on it: {@link #firstCommentId} tells
 * @param firstCommentId the id of the comment holding the first message, or null when unknown
 */
public record TicketResult(TicketHandle ticket, boolean created, String firstCommentId) {
  public TicketResult {
    Objects.requireNonNull(ticket, "ticket");
  }
}
