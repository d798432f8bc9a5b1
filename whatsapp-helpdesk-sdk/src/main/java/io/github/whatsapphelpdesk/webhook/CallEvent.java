package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.Masking;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A WhatsApp call ({@code calls} webhook field, Calling API): a {@code connect} or {@code terminate} of a
 * user- or business-initiated call ({@code value.calls[]}), or the {@code RINGING} / {@code ACCEPTED} /
 * {@code REJECTED} status of a business-initiated call ({@code value.statuses[]} with {@code type:"call"}).
 * Sources: Meta, "User-initiated calls" and "Business-initiated calls"
 * (developers.facebook.com/documentation/business-messaging/whatsapp/calling/); BSUIDs ({@code
 * from_user_id}, {@code to_user_id}, {@code recipient_user_id}) are carried like on messages (Meta,
 * "Business-scoped user IDs": calling webhooks follow the same rule).
 *
 * <p>A call from the customer opens or extends the 24-hour customer service window like a message (Meta,
 * "Send messages": "When a WhatsApp user messages you or calls you, a 24-hour customer service window
 * starts"): see {@link #opensServiceWindow()}. {@link #toString()} masks every identifier.
 *
 * @param metadata where it came from
 * @param callId the WhatsApp call id ({@code id}, {@code wacid.…})
 * @param kind what happened
 * @param rawEvent Meta's {@code event} (or {@code "status"} for a status), as sent
 * @param direction who placed the call; {@link Direction#BUSINESS_INITIATED} for a status
 * @param from {@code from} (the caller's phone number), or null
 * @param to {@code to} (the callee's phone number; the recipient's for a status), or null
 * @param fromUserId {@code from_user_id} (the calling customer's BSUID), or null
 * @param toUserId {@code to_user_id} (the called customer's BSUID; {@code recipient_user_id} for a status), or null
 * @param status {@code status} of a terminate ({@code COMPLETED}, {@code FAILED}) or of a status event
 *     ({@code RINGING}, {@code ACCEPTED}, {@code REJECTED}), upper case, or null
 * @param timestamp {@code timestamp}, or null
 * @param startTime {@code start_time} of a terminated call, or null
 * @param endTime {@code end_time} of a terminated call, or null
 * @param durationSeconds {@code duration} of a terminated call in seconds, or null
 * @param bizOpaqueCallbackData {@code biz_opaque_callback_data} of a business-initiated call, or null
 * @param contact the customer's {@code contacts[]} entry, or null
 * @param errors {@code errors[]} of a failed call; never null
 */
public record CallEvent(
    EventMetadata metadata,
    String callId,
    Kind kind,
    String rawEvent,
    Direction direction,
    String from,
    String to,
    String fromUserId,
    String toUserId,
    String status,
    Instant timestamp,
    Instant startTime,
    Instant endTime,
    Long durationSeconds,
    String bizOpaqueCallbackData,
    ContactProfile contact,
    List<WebhookError> errors) implements WebhookEvent {

  /** What happened to the call. */
  public enum Kind {
    /** The call is being set up ({@code event:"connect"}). */
    CONNECT,
    /** The call ended ({@code event:"terminate"}). */
    TERMINATE,
    /** A business-initiated call is ringing, was accepted or rejected ({@code statuses[]}). */
    STATUS,
    /** An event this SDK version does not know. */
    UNKNOWN;

    /** Parses Meta's {@code event}; unknown values give {@link #UNKNOWN}. */
    public static Kind parse(String event) {
      if (event == null) {
        return UNKNOWN;
      }
      switch (event.toLowerCase(Locale.ROOT)) {
        case "connect": return CONNECT;
        case "terminate": return TERMINATE;
        default: return UNKNOWN;
      }
    }
  }

  /** Who placed the call. */
  public enum Direction {
    /** The customer called the business. */
    USER_INITIATED,
    /** The business called the customer. */
    BUSINESS_INITIATED,
    /** Not given or not known. */
    UNKNOWN;

    /** Parses Meta's {@code direction}; case-insensitive, unknown values give {@link #UNKNOWN}. */
    public static Direction parse(String direction) {
      if (direction == null) {
        return UNKNOWN;
      }
      switch (direction.toUpperCase(Locale.ROOT)) {
        case "USER_INITIATED": return USER_INITIATED;
        case "BUSINESS_INITIATED": return BUSINESS_INITIATED;
        default: return UNKNOWN;
      }
    }
  }

  public CallEvent {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(direction, "direction");
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** True when the customer placed the call. */
  public boolean userInitiated() {
    return direction == Direction.USER_INITIATED;
  }

  /**
   * True when this event starts or extends the customer service window: the {@code connect} of a call the
   * customer placed, with a known customer. The connect is the moment the customer called; a terminate
   * does not move the window later.
   */
  public boolean opensServiceWindow() {
    return kind == Kind.CONNECT && userInitiated() && customer() != null;
  }

  /**
   * The customer on the call (the caller of a user-initiated call, the callee of a business-initiated one),
   * with the contact's names when known; null when neither a BSUID nor a phone number is given.
   */
  @Override
  public Customer customer() {
    String phone;
    String bsuid;
    if (direction == Direction.USER_INITIATED) {
      phone = from;
      bsuid = fromUserId;
    } else if (direction == Direction.BUSINESS_INITIATED) {
      phone = to;
      bsuid = toUserId;
    } else {
      return null;
    }
    if (contact != null && (bsuid != null && bsuid.equals(contact.userId())
        || phone != null && phone.equals(contact.waId()))) {
      return WebhookIdentities.customerOrNull(bsuid != null ? bsuid : contact.userId(),
          phone != null ? phone : contact.waId(), contact.parentUserId(), contact.username(), contact.profileName());
    }
    return WebhookIdentities.customerOrNull(bsuid, phone, null, null, null);
  }

  /** The customer's phone number, or null. */
  @Override
  public String customerWaId() {
    Customer c = customer();
    return c == null ? null : c.phone();
  }

  /**
   * {@code call:<id>:<event>} (with {@code :<status>} for statuses and terminations): Meta redelivers the
   * same item with the same key.
   */
  @Override
  public String idempotencyKey() {
    return "call:" + callId + ":" + (kind == Kind.UNKNOWN ? String.valueOf(rawEvent) : kind.name().toLowerCase(Locale.ROOT))
        + (status == null ? "" : ":" + status);
  }

  /** Identifiers masked. */
  @Override
  public String toString() {
    return "CallEvent[callId=" + callId + ", kind=" + kind + ", direction=" + direction
        + ", from=" + Masking.phone(from) + ", to=" + Masking.phone(to) + ", fromUserId=" + Masking.bsuid(fromUserId)
        + ", toUserId=" + Masking.bsuid(toUserId) + ", status=" + status + ", timestamp=" + timestamp
        + ", durationSeconds=" + durationSeconds + ", contact=" + contact + ", errors=" + errors.size() + "]";
  }
}
