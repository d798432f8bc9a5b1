package io.github.whatsapphelpdesk.webhook;

import java.util.Locale;

/**
 * The {@code status} of an outbound message. Order: {@link #SENT} &lt; {@link #DELIVERED} &lt; {@link
 * #READ} &lt; {@link #PLAYED} (voice notes); {@link #FAILED} is terminal. Unknown values map to {@link
 * #UNKNOWN}.
 */
public enum DeliveryStatus {
  /** Accepted by WhatsApp's servers. */
  SENT(1),
  /** Delivered to the customer's device. */
  DELIVERED(2),
  /** Read by the customer (may arrive without {@link #DELIVERED}). */
  READ(3),
  /** A voice note was played. */
  PLAYED(4),
  /** Could not be delivered; see the status's errors. Terminal. */
  FAILED(100),
  /** A value this SDK version does not know; never ordered. */
  UNKNOWN(0);

  private final int rank;

  DeliveryStatus(int rank) {
    this.rank = rank;
  }

  /** The position in the forward-only order ({@code 0} for {@link #UNKNOWN}). */
  public int rank() {
    return rank;
  }

  /** Whether no later status can follow. */
  public boolean terminal() {
    return this == FAILED;
  }

  /** Parses Meta's value, case-insensitively; null and unknown values give {@link #UNKNOWN}. */
  public static DeliveryStatus parse(String s) {
    if (s == null) {
      return UNKNOWN;
    }
    switch (s.toLowerCase(Locale.ROOT)) {
      case "sent": return SENT;
      case "delivered": return DELIVERED;
      case "read": return READ;
      case "played": return PLAYED;
      case "failed": return FAILED;
      default: return UNKNOWN;
    }
  }
}
