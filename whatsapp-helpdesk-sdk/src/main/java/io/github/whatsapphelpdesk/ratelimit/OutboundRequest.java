package io.github.whatsapphelpdesk.ratelimit;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.customer.Masking;
import java.util.Objects;

/**
 * One outbound message, as the limiter sees it.
 *
 * @param phoneNumberId the sending business phone number id (throughput key)
 * @param recipientKey the recipient's pair-rate key: the canonical {@code wa_id} for a phone recipient,
 *     the BSUID as it is for a recipient addressed by BSUID (a username customer whose number is
 *     withheld); the same form as {@link CustomerId#value()}. Null for calls that have no recipient (media
 *     upload, mark-as-read count against throughput only)
 * @param priority the lane
 * @param template true when the message is a template. A template sent while the recipient's
 *     customer-service window is closed is business-initiated and counts against the portfolio's
 *     messaging limit
 */
public record OutboundRequest(String phoneNumberId, String recipientKey, Priority priority, boolean template) {
  public OutboundRequest {
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    Objects.requireNonNull(priority, "priority");
  }

  /** A request to a customer, keyed by their {@link CustomerId}. */
  public static OutboundRequest of(String phoneNumberId, CustomerId recipient, Priority priority, boolean template) {
    return new OutboundRequest(phoneNumberId, Objects.requireNonNull(recipient, "recipient").value(), priority, template);
  }

  /** Masks the recipient. */
  @Override
  public String toString() {
    return "OutboundRequest[" + phoneNumberId + ", " + Masking.identifier(recipientKey) + ", " + priority
        + (template ? ", template" : "") + "]";
  }
}
