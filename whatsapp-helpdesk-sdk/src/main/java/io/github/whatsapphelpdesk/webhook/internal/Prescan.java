package io.github.whatsapphelpdesk.webhook.internal;

import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.error.WebhookParseException.Reason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation of the raw bytes before parsing (Moshi would silently replace bad sequences
 * with U+FFFD, losing data). Meta escapes non-ASCII text as {@code \\uXXXX}, so bodies are nearly
 * always pure ASCII: eight bytes are checked at a time until a non-ASCII byte appears. Iterative, no
 * allocation.
 */
public final class Prescan {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Prescan() {}

  /**
   * Checks {@code b[from, to)}.
   *
   * @throws WebhookParseException with {@link Reason#INVALID_UTF8}
   */
  public static void checkUtf8(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      if (i + 8 <= to && (((long) LONGS.get(b, i)) & HIGH_BITS) == 0) {
        i += 8;
        continue;
      }
      if (b[i] >= 0) {
        i++;
        continue;
      }
      i = multiByte(b, i, to);
    }
  }

  private static int multiByte(byte[] b, int i, int to) {
    int cp = codePoint(b, i, to);
    return i + (cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
  }

  /**
   * Decodes the multi-byte UTF-8 sequence starting at {@code b[i]} (a byte >= 0x80) strictly: no
   * overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut off before {@code to}. The
   * sequence is 2, 3 or 4 bytes long for code points below 0x800, below 0x10000, and above.
   *
   * @throws WebhookParseException with {@link Reason#INVALID_UTF8}
   */
  static int codePoint(byte[] b, int i, int to) {
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
    return cp;
  }

  static WebhookParseException bad(int i) {
    return new WebhookParseException(Reason.INVALID_UTF8, "webhook body is not valid UTF-8 (at byte " + i + ")");
  }
}
