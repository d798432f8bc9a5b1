package io.github.whatsapphelpdesk.spi;

import io.github.whatsapphelpdesk.client.internal.Redact;
import java.util.Objects;

/**
 * A ticket in the helpdesk that belongs to one WhatsApp conversation episode.
 *
 * @param ticketId the helpdesk's ticket id, as a string
 * @param requester the contact the ticket was opened for (the author of customer messages)
 * @param conversationKey the bridge's conversation key ({@code wa:<phone_number_id>:<wa_id>:<episode>})
 */
public record TicketHandle(String ticketId, HelpdeskContact requester, String conversationKey) {
  public TicketHandle {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(conversationKey, "conversationKey");
  }

  /** The conversation key with the customer masked. */
  @Override
  public String toString() {
    return "TicketHandle[ticketId=" + ticketId + ", requester=" + requester + ", conversationKey="
        + Redact.key(conversationKey) + "]";
  }
}
