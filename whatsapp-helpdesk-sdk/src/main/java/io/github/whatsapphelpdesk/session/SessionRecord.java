package io.github.whatsapphelpdesk.session;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link SessionStore} keeps per customer: plain data, so a SQL or Redis backend stores it as a
 * row or a hash.
 *
 * @param key the business number and the customer's stable id ({@link SessionKey#customer()}: BSUID or canonical wa_id)
 * @param lastInboundAt the latest WhatsApp timestamp of a customer message or call (never moves back)
 * @param referralAt the latest inbound that came from a click-to-WhatsApp ad or Page CTA, or null
 * @param freeEntryPointExpiresAt the end of the 72-hour free-entry-point window, or null
 * @param notified the notices already raised for the window that expires at {@code lastInboundAt + 24 h}:
 *     bit {@code i} is the tracker's {@code i}-th lead time (longest first), bit 7 the closing notice.
 *     Reset to 0 whenever {@code lastInboundAt} moves forward.
 */
public record SessionRecord(
    SessionKey key, Instant lastInboundAt, Instant referralAt, Instant freeEntryPointExpiresAt,
    int notified) {

  /** The bit of the closing notice in {@link #notified()}. */
  public static final int CLOSED_BIT = 1 << 7;

  public SessionRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastInboundAt, "lastInboundAt");
    if ((notified & ~0xFF) != 0) {
      throw new IllegalArgumentException("notified uses bits 0-7 only");
    }
  }
}
