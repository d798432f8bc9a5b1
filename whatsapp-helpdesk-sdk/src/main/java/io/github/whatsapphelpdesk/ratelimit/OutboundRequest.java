package io.github.whatsapphelpdesk.ratelimit;

import java.util.Objects;

/**
 * One outbound message, as the limiter sees it.
 *
 * @param phoneNumberId the sending business phone number id (throughput key)
 * @param recipientWaId the recipient's {@code wa_id} (pair-rate key); null for calls that have no
 *     recipient (media upload, mark-as-read counts against throughput only)
 * @param priority the lane
 * @param template true when the message is a template. A template sent while the recipient's
 *     customer-service window is closed is business-initiated and counts against the portfolio's
 *     messaging limit
 */
public record OutboundRequest(String phoneNumberId, String recipientWaId, Priority priority, boolean template) {
  public OutboundRequest {
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    Objects.requireNonNull(priority, "priority");
  }
}
