package io.github.whatsapphelpdesk.freshdesk;

/**
 * What the adapter does when a customer writes on a Resolved (4) or Closed (5) ticket. Freshdesk can
 * reopen both, so this is a business choice rather than a technical limit.
 */
public enum TerminalPolicy {
  /** Reopen resolved tickets (status 2); start a new ticket when the old one is closed. The default. */
  REOPEN_RESOLVED_NEW_IF_CLOSED,
  /** Reopen resolved and closed tickets. */
  ALWAYS_REOPEN,
  /** Always start a new ticket once the old one is resolved or closed. */
  ALWAYS_NEW
}
