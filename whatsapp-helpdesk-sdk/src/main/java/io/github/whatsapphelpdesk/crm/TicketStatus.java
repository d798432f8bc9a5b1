package io.github.whatsapphelpdesk.crm;

import io.github.whatsapphelpdesk.spi.TicketState;

/** A ticket's status in the {@link InMemoryHelpdesk}. */
public enum TicketStatus {
  /** New or open. */
  OPEN,
  /** Waiting on the customer. */
  PENDING,
  /** Solved; a customer message reopens it. */
  SOLVED,
  /** Closed for good; no more updates. */
  CLOSED;

  /** The SPI's view of this status. */
  public TicketState toTicketState() {
    return switch (this) {
      case OPEN -> TicketState.OPEN;
      case PENDING -> TicketState.PENDING;
      case SOLVED -> TicketState.SOLVED;
      case CLOSED -> TicketState.TERMINAL;
    };
  }
}
