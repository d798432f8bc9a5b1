package io.github.whatsapphelpdesk.webhook;

import java.util.Objects;

/**
 * What a status did to its message's recorded state (see {@link StatusTracker#observe}).
 *
 * @param previous the status recorded before, or null when the wamid was not known (the status is kept
 *     and recorded, never dropped)
 * @param current the message's status after this one
 * @param forward true when the status moved the message forward (or is {@link DeliveryStatus#UNKNOWN}
 *     and passes through unordered); false when it is stale (an earlier status arriving late, or anything
 *     after {@link DeliveryStatus#FAILED})
 */
public record StatusTransition(DeliveryStatus previous, DeliveryStatus current, boolean forward) {
  public StatusTransition {
    Objects.requireNonNull(current, "current");
  }

  /** True when the status is stale: report it, never apply it. */
  public boolean stale() {
    return !forward;
  }
}
