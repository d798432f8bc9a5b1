package io.github.whatsapphelpdesk.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Links a WhatsApp message ({@code wamid}) to the helpdesk item it belongs to.
 *
 * @param wamid the WhatsApp message id
 * @param ticketId the helpdesk ticket
 * @param itemId for {@link Direction#INBOUND}, the helpdesk comment holding the customer's message; for
 *     {@link Direction#OUTBOUND}, the agent reply (comment) the message was sent for
 * @param direction which way the message went
 * @param linkedAt when the link was recorded
 */
public record MessageLink(String wamid, String ticketId, String itemId, Direction direction, Instant linkedAt) {
  /** Which way a linked message went. */
  public enum Direction {
    /** A customer's message, appended to the helpdesk as a comment. */
    INBOUND,
    /** A message the bridge sent to the customer for an agent's reply. */
    OUTBOUND
  }

  public MessageLink {
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(linkedAt, "linkedAt");
  }
}
