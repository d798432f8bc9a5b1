package io.github.whatsapphelpdesk.ratelimit;

/**
 * Outbound priority lanes. When capacity is short, a higher lane is served first: agent replies go
 * ahead of automated messages, which go ahead of bulk sends.
 */
public enum Priority {
  /** A human agent's reply to a waiting customer. */
  AGENT_REPLY,
  /** Automated messages: CSAT, window re-open templates, notifications, read receipts. */
  AUTOMATED,
  /** Bulk and campaign sends. */
  BULK
}
