package io.github.whatsapphelpdesk.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A WhatsApp delivery status for a message the bridge sent on behalf of an agent.
 *
 * @param wamid the WhatsApp message id
 * @param replyId the helpdesk reply or comment the message was sent for, or null
 * @param status the status
 * @param timestamp the WhatsApp timestamp of the status
 * @param errorCode the Cloud API error code of a {@code failed} status, or null
 * @param errorDescription a readable description of the failure and what to do, or null
 */
public record DeliveryStatusUpdate(
    String wamid, String replyId, Status status, Instant timestamp, Integer errorCode, String errorDescription) {

  /** The delivery states, in their forward order; {@link #FAILED} is terminal. */
  public enum Status { SENT, DELIVERED, READ, PLAYED, FAILED }

  public DeliveryStatusUpdate {
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
