package io.github.whatsapphelpdesk.ratelimit;

import io.github.whatsapphelpdesk.error.ValidationException;
import java.util.List;
import java.util.Locale;

/**
 * Maps a business phone number's {@code throughput.level} (Graph API field of the phone number) to
 * messages per second, for {@link DefaultOutboundLimiter#updateThroughput(String, int)}.
 */
public final class ThroughputLevels {
  /** Default throughput of a Cloud API number. */
  public static final int STANDARD_MPS = 80;
  /** Throughput after the automatic upgrade ({@code THROUGHPUT_UPGRADE} webhook). */
  public static final int HIGH_MPS = 1_000;
  /** Fixed throughput of a number shared with the WhatsApp Business app (coexistence). */
  public static final int COEXISTENCE_MPS = 20;

  private ThroughputLevels() {}

  /**
   * Messages per second for a {@code throughput.level}: {@code STANDARD} is 80, {@code HIGH} is 1,000,
   * {@code COEXISTENCE} is 20. {@code NOT_APPLICABLE} (as Meta reports for some numbers) maps to the
   * standard 80. Case-insensitive.
   *
   * @throws ValidationException for null or an unknown level
   */
  public static int mps(String level) {
    if (level == null || level.isBlank()) {
      throw new ValidationException("throughput level", List.of("level is missing"));
    }
    switch (level.trim().toUpperCase(Locale.ROOT)) {
      case "STANDARD":
      case "NOT_APPLICABLE":
        return STANDARD_MPS;
      case "HIGH":
        return HIGH_MPS;
      case "COEXISTENCE":
        return COEXISTENCE_MPS;
      default:
        throw new ValidationException("throughput level",
            List.of("unknown level '" + level + "' (expected STANDARD, HIGH or COEXISTENCE)"));
    }
  }
}
