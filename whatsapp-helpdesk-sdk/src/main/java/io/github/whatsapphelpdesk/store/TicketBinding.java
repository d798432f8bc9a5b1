package io.github.whatsapphelpdesk.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A conversation episode's ticket, as held by a {@link ConversationStore}.
 *
 * @param key the conversation episode
 * @param ticketId the helpdesk ticket id
 * @param boundAt when the ticket was bound (or last replaced by a rollover)
 */
public record TicketBinding(ConversationKey key, String ticketId, Instant boundAt) {
  public TicketBinding {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(boundAt, "boundAt");
  }
}
