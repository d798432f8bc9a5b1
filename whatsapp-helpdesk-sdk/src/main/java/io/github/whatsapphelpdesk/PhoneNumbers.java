package io.github.whatsapphelpdesk;

import io.github.whatsapphelpdesk.customer.Identifiers;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.util.List;

/**
 * Phone-number helpers shared by the client, the bridge and the adapters.
 *
 * <ul>
 *   <li>{@link #toE164} normalises what a user or CRM typed to E.164 with a leading {@code +}. The
 *       Cloud API prepends the business number's country code to a {@code to} without {@code +},
 *       which can misdeliver, so the SDK always sends {@code +}.
 *   <li>{@link #waId} is the E.164 digits without {@code +}, the form Meta uses for {@code wa_id}.
 *   <li>{@link #canonicalWaId} maps the known variants of one mobile number to one key, so a customer
 *       never becomes two contacts or two tickets: Brazil's ninth digit ({@code 55 DD 8 digits} and
 *       {@code 55 DD 9 8 digits}) and Mexico's old mobile prefix ({@code 52 1 ...}).
 *   <li>{@link #mask} hides the middle digits for logs.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class PhoneNumbers {

  private PhoneNumbers() {}

  /**
   * Normalises a phone number to E.164 with a leading {@code +}: spaces, dashes, dots and brackets are
   * dropped, and an international {@code 00} prefix becomes {@code +}. A number without {@code +} or
   * {@code 00} is taken to already include its country code (as a {@code wa_id} does).
   *
   * @throws ValidationException when the result is not 8 to 15 digits (E.164 allows at most 15)
   */
  public static String toE164(String raw) {
    if (raw == null) {
      throw new ValidationException("Phone number", List.of("the phone number is missing"));
    }
    String s = raw.strip();
    StringBuilder digits = new StringBuilder(s.length());
    int start = 0;
    if (s.startsWith("+")) {
      start = 1;
    } else if (s.startsWith("00")) {
      start = 2;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '\u00a0') {
        throw new ValidationException("Phone number", List.of(
            "the phone number contains the character '" + c + "'; only digits, an optional leading +,"
                + " spaces, dashes, dots and brackets are allowed"));
      }
    }
    if (digits.length() < 8 || digits.length() > 15) {
      throw new ValidationException("Phone number", List.of(
          "the phone number has " + digits.length() + " digits; E.164 numbers have 8 to 15 digits"
              + " including the country code"));
    }
    if (digits.charAt(0) == '0') {
      throw new ValidationException("Phone number", List.of(
          "the phone number starts with 0; give the country code (for example +49 instead of 0)"));
    }
    return "+" + digits;
  }

  /** The {@code wa_id} form: E.164 digits without {@code +}. */
  public static String waId(String raw) {
    // Fast path, no allocation: already a wa_id (8-15 digits, no leading 0) is returned as it is.
    if (Identifiers.isWaId(raw)) {
      return raw;
    }
    return toE164(raw).substring(1);
  }

  /**
   * One key for all variants of a number: E.164 digits, with Brazilian mobile numbers given their ninth
   * digit and Mexican mobile numbers stripped of the old {@code 1} after the country code. Use it to key
   * contacts and conversations; keep the {@code wa_id} Meta sent for addressing messages.
   */
  public static String canonicalWaId(String raw) {
    String d = waId(raw);
    // Brazil: 55 + 2-digit area code + 8-digit mobile starting 6-9 -> insert the ninth digit.
    if (d.startsWith("55") && d.length() == 12) {
      char first = d.charAt(4);
      if (first >= '6' && first <= '9') {
        return d.substring(0, 4) + '9' + d.substring(4);
      }
    }
    // Mexico: 52 1 + 10 digits (pre-2019 mobile prefix) -> 52 + 10 digits.
    if (d.startsWith("521") && d.length() == 13) {
      return "52" + d.substring(3);
    }
    return d;
  }

  /**
   * Masks a phone number or {@code wa_id} for logs: the first three and last two digits stay, the rest
   * becomes {@code *}. Never throws; null becomes {@code "<none>"}.
   */
  public static String mask(String raw) {
    if (raw == null) {
      return "<none>";
    }
    StringBuilder sb = new StringBuilder(raw.length());
    int total = 0;
    for (int i = 0; i < raw.length(); i++) {
      if (Character.isDigit(raw.charAt(i))) {
        total++;
      }
    }
    int seen = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isDigit(c)) {
        seen++;
        sb.append(seen <= 3 || seen > total - 2 ? c : '*');
      } else if (c == '+') {
        sb.append(c);
      }
    }
    return total < 6 ? "*".repeat(Math.max(1, total)) : sb.toString();
  }
}
