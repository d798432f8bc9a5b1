package io.github.whatsapphelpdesk.testkit.sandbox.internal;

/**
 * How the sandbox reads phone numbers, written independently of the SDK's {@code PhoneNumbers} so a defect
 * there cannot hide behind an identical rule here. Meta: send {@code to} in E.164 with {@code +} and the
 * country code ("Send messages"); the {@code wa_id} Meta answers with may differ from the input for Brazilian
 * and Mexican mobile numbers (ninth digit; old {@code 1} after 52).
 */
public final class MetaNumbers {
  private MetaNumbers() {}

  /**
   * The digits of a phone number given as {@code +E164}, {@code 00…} or bare digits, with spaces, dashes,
   * dots and brackets ignored; null when it is not 8 to 15 digits without a leading 0.
   */
  public static String digitsOrNull(String raw) {
    if (raw == null) {
      return null;
    }
    StringBuilder d = new StringBuilder();
    String s = raw.trim();
    int i = s.startsWith("+") ? 1 : s.startsWith("00") ? 2 : 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isDigit(c) && c < 128) {
        d.append(c);
      } else if (" -.()".indexOf(c) < 0 && c != '\u00a0') {
        return null;
      }
    }
    return d.length() >= 8 && d.length() <= 15 && d.charAt(0) != '0' ? d.toString() : null;
  }

  /** Like {@link #digitsOrNull}, failing with Meta's 131009 for a number that is not one. */
  public static String digits(String raw) {
    String d = digitsOrNull(raw);
    if (d == null) {
      throw ApiFailure.of(131009, "The parameter to (" + raw + ") is not a valid phone number");
    }
    return d;
  }

  /**
   * The account a number reaches: Brazilian mobiles (55, area code, 8 digits from 6 to 9) gain their ninth
   * digit, Mexican mobiles (521 + 10 digits) lose the old 1.
   */
  public static String account(String raw) {
    String d = digits(raw);
    if (d.length() == 12 && d.startsWith("55") && d.charAt(4) >= '6') {
      return d.substring(0, 4) + "9" + d.substring(4);
    }
    if (d.length() == 13 && d.startsWith("521")) {
      return "52" + d.substring(3);
    }
    return d;
  }
}
