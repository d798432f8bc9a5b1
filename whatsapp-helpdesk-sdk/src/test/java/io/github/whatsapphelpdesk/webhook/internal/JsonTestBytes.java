package io.github.whatsapphelpdesk.webhook.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Byte helpers shared by the JSON reader and parser fuzz tests. */
public final class JsonTestBytes {
  private JsonTestBytes() {}

  /** True when {@code b} is strictly valid UTF-8 (the JDK decoder in REPORT mode as the oracle). */
  public static boolean validUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The document without whitespace outside strings (as Meta sends it). */
  public static byte[] compact(byte[] doc) {
    byte[] out = new byte[doc.length];
    int n = 0;
    boolean inString = false;
    for (int i = 0; i < doc.length; i++) {
      byte c = doc[i];
      if (inString) {
        out[n++] = c;
        if (c == '\\' && i + 1 < doc.length) {
          out[n++] = doc[++i];
        } else if (c == '"') {
          inString = false;
        }
      } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        out[n++] = c;
        inString = c == '"';
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The parts one after the other. */
  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
