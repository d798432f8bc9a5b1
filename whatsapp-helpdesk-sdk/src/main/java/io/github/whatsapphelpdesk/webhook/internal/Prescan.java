package io.github.whatsapphelpdesk.webhook.internal;

import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.error.WebhookParseException.Reason;

/**
 * One pass over the raw bytes before any JSON parsing: strict UTF-8 validation (Moshi would silently
 * replace bad sequences) and the nesting limit (counted outside strings). Iterative, no allocation.
 */
public final class Prescan {
  private Prescan() {}

  /**
   * Checks {@code b[from, to)}.
   *
   * @throws WebhookParseException with {@link Reason#INVALID_UTF8} or {@link Reason#TOO_DEEP}
   */
  public static void check(byte[] b, int from, int to, int maxDepth) {
    int depth = 0;
    boolean inString = false;
    int i = from;
    while (i < to) {
      int c = b[i];
      if (c >= 0) {
        // ASCII fast path.
        if (inString) {
          if (c == '"') {
            inString = false;
          } else if (c == '\\') {
            i++; // skip the escaped character (an ASCII byte in valid JSON; validated by the parser)
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' || c == '[') {
          if (++depth > maxDepth) {
            throw new WebhookParseException(Reason.TOO_DEEP,
                "webhook body nests deeper than " + maxDepth + " levels (at byte " + i + ")");
          }
        } else if (c == '}' || c == ']') {
          depth--;
        }
        i++;
        continue;
      }
      i = multiByte(b, i, to);
    }
  }

  private static int multiByte(byte[] b, int i, int to) {
    int c = b[i] & 0xff;
    int need;
    int min;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      throw bad(i);
    }
    if (i + need >= to) {
      throw bad(i);
    }
    int cp = c & (0x3f >> need);
    for (int k = 1; k <= need; k++) {
      int n = b[i + k] & 0xff;
      if ((n & 0xc0) != 0x80) {
        throw bad(i);
      }
      cp = (cp << 6) | (n & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw bad(i);
    }
    return i + need + 1;
  }

  private static WebhookParseException bad(int i) {
    return new WebhookParseException(Reason.INVALID_UTF8, "webhook body is not valid UTF-8 (at byte " + i + ")");
  }
}
