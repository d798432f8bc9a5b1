package io.github.whatsapphelpdesk.ratelimit;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Maps a business phone number's {@code throughput.level} (Graph API field of the phone number) to
 * messages per second, for {@link DefaultOutboundLimiter#updateThroughput(String, int)}.
 *
 * <p>Meta adds values to this field without notice, so an unknown level is not an error: {@link #mps}
 * returns empty and {@link DefaultOutboundLimiter#updateThroughputLevel} keeps the number's current rate.
 *
 * <p>Verified against the project's Cloud API reference: the level name {@code STANDARD} (80 mps) and
 * the rates 1,000 mps (after the automatic upgrade) and 20 mps (coexistence numbers). <b>Unverified</b>:
 * the level names {@code HIGH}, {@code COEXISTENCE} and {@code NOT_APPLICABLE}; they are the names third
 * parties report, not names the reference documents.
 */
public final class ThroughputLevels {
  /** Default throughput of a Cloud API number (level {@code STANDARD}, verified). */
  public static final int STANDARD_MPS = 80;
  /** Throughput after the automatic upgrade ({@code THROUGHPUT_UPGRADE} webhook; rate verified). */
  public static final int HIGH_MPS = 1_000;
  /** Fixed throughput of a number shared with the WhatsApp Business app (coexistence; rate verified). */
  public static final int COEXISTENCE_MPS = 20;

  private ThroughputLevels() {}

  /**
   * Messages per second for a {@code throughput.level}, case-insensitive: {@code STANDARD} is 80;
   * {@code HIGH} 1,000, {@code COEXISTENCE} 20 and {@code NOT_APPLICABLE} 80 (these three names are
   * unverified, see the class comment). Empty for null, blank or any other value.
   */
  public static OptionalInt mps(String level) {
    if (level == null || level.isBlank()) {
      return OptionalInt.empty();
    }
    switch (level.trim().toUpperCase(Locale.ROOT)) {
      case "STANDARD":
        return OptionalInt.of(STANDARD_MPS);
      case "NOT_APPLICABLE": // unverified name
        return OptionalInt.of(STANDARD_MPS);
      case "HIGH": // unverified name; the 1,000 mps rate is documented
        return OptionalInt.of(HIGH_MPS);
      case "COEXISTENCE": // unverified name; the 20 mps rate is documented
        return OptionalInt.of(COEXISTENCE_MPS);
      default:
        return OptionalInt.empty();
    }
  }
}
