package io.github.whatsapphelpdesk.testkit.sandbox;

/** How far the status webhooks of an accepted outbound message go: sent, then delivered, then read. */
public enum LastStatus {
  /** Only {@code sent}. */
  SENT,
  /** {@code sent}, then {@code delivered}. */
  DELIVERED,
  /** {@code sent}, {@code delivered}, then {@code read}. */
  READ
}
