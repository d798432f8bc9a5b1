package io.github.whatsapphelpdesk.customer;

/**
 * Recognises the identifier forms WhatsApp uses for customers. Stateless and thread-safe.
 *
 * <p>BSUID format, per Meta's "Business-scoped user IDs" page (2026; Meta marks it subject to change): an
 * ISO 3166 alpha-2 country code in upper case, a dot, then up to 128 alphanumerics; a parent BSUID adds
 * {@code ENT.} after the country code ({@code US.ENT.…}). This check accepts letters, digits and dots
 * after the first dot, so a longer prefix Meta may add later still parses.
 */
public final class Identifiers {
  /** The longest identifier accepted after the country code and its dot. */
  public static final int MAX_BSUID_BODY = 140;

  private Identifiers() {}

  /** True for a BSUID or parent BSUID. Never throws. */
  public static boolean isBsuid(String s) {
    if (s == null) {
      return false;
    }
    int n = s.length();
    if (n < 4 || n > 3 + MAX_BSUID_BODY) {
      return false;
    }
    if (!upper(s.charAt(0)) || !upper(s.charAt(1)) || s.charAt(2) != '.') {
      return false;
    }
    for (int i = 3; i < n; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '.')) {
        return false;
      }
    }
    return s.charAt(n - 1) != '.';
  }

  /** True for a parent BSUID ({@code CC.ENT.…}). */
  public static boolean isParentBsuid(String s) {
    return isBsuid(s) && s.startsWith("ENT.", 3);
  }

  /** True for a plain {@code wa_id}: 8 to 15 ASCII digits, no leading zero. Never throws. */
  public static boolean isWaId(String s) {
    if (s == null) {
      return false;
    }
    int n = s.length();
    if (n < 8 || n > 15 || s.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean upper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
