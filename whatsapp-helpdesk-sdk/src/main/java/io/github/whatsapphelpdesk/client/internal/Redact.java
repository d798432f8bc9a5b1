package io.github.whatsapphelpdesk.client.internal;

import io.github.whatsapphelpdesk.customer.Identifiers;
import io.github.whatsapphelpdesk.customer.Masking;

/** {@code toString} helpers for records that hold personal data: lengths instead of texts, masked keys. */
public final class Redact {
  private Redact() {}

  /** A text's length instead of the text: {@code "<none>"} or {@code "<12 chars>"}. */
  public static String len(Object s) {
    return s == null ? "<none>" : "<" + String.valueOf(s).length() + " chars>";
  }

  /**
   * A key such as a conversation key ({@code wa:<phone-number-id>:<customer>:<episode>}) with every segment
   * that is a BSUID or a phone number (8 to 15 digits, the business's own number id aside) masked.
   */
  public static String key(String key) {
    if (key == null) {
      return "<none>";
    }
    String[] parts = key.split(":", -1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        b.append(':');
      }
      String p = parts[i];
      boolean customer = Identifiers.isBsuid(p) || Identifiers.isWaId(p) && !(i == 1 && parts[0].equals("wa"));
      b.append(customer ? Masking.identifier(p) : p);
    }
    return b.toString();
  }
}
