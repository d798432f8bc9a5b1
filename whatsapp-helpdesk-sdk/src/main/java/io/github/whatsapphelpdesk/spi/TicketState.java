package io.github.whatsapphelpdesk.spi;

/** A ticket's state, reduced to what the bridge needs to decide between append, reopen and follow-up. */
public enum TicketState {
  /** New or open: customer messages are appended. */
  OPEN,
  /** Waiting on the customer or on hold: customer messages are appended (most helpdesks reopen it). */
  PENDING,
  /** Solved or resolved: may still be reopened, by the helpdesk or by policy. */
  SOLVED,
  /** Closed for good: no more updates; the next message needs a new or follow-up ticket. */
  TERMINAL
}
