package io.github.whatsapphelpdesk.customer;

import io.github.whatsapphelpdesk.PhoneNumbers;

/**
 * Masks what identifies a person before it reaches a log line or a {@code toString}: phone numbers,
 * BSUIDs, usernames and names. Every method is total: null gives {@code "<none>"}, and nothing throws.
 */
public final class Masking {
  private Masking() {}

  /** A phone number or wa_id: the first three and last two digits stay. */
  public static String phone(String raw) {
    return PhoneNumbers.mask(raw);
  }

  /**
   * A BSUID: the country code and the last two characters stay ({@code US.*****18}); the length of the
   * rest is not revealed.
   */
  public static String bsuid(String raw) {
    if (raw == null) {
      return "<none>";
    }
    if (raw.length() < 6) {
      return "***";
    }
    String cc = raw.length() > 3 && raw.charAt(2) == '.' ? raw.substring(0, 3) : "";
    return cc + "*****" + raw.substring(raw.length() - 2);
  }

  /** A username or a profile name: the first character stays ({@code j***}). */
  public static String name(String raw) {
    if (raw == null) {
      return "<none>";
    }
    if (raw.isEmpty()) {
      return "";
    }
    int first = raw.offsetByCodePoints(0, 1);
    return raw.substring(0, first) + "***";
  }

  /** A username, masked like a name ({@code @j***}). */
  public static String username(String raw) {
    if (raw == null) {
      return "<none>";
    }
    return raw.startsWith("@") ? "@" + name(raw.substring(1)) : name(raw);
  }

  /** Any customer identifier: a BSUID is masked as one, anything else as a phone number. */
  public static String identifier(String raw) {
    if (raw == null) {
      return "<none>";
    }
    return Identifiers.isBsuid(raw) ? bsuid(raw) : PhoneNumbers.mask(raw);
  }
}
