package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A minimal multipart/form-data parser for media uploads. */
public final class Multipart {
  /** One part: form field name, optional filename and content type, bytes. */
  public record Part(String name, String filename, String contentType, byte[] data) {
    /** The part's data as UTF-8 text. */
    public String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  private Multipart() {}

  /** Parses the body; throws 100 when the content type or body is not valid multipart. */
  public static List<Part> parse(String contentType, byte[] body) {
    String boundary = boundary(contentType);
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw ApiFailure.of(100, "multipart body has no boundary");
    }
    while (true) {
      int start = pos + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      start = skipCrlf(body, start);
      int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      if (headerEnd < 0) {
        throw ApiFailure.of(100, "malformed multipart part");
      }
      String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
      int dataStart = headerEnd + 4;
      int next = indexOf(body, delimiter, dataStart);
      if (next < 0) {
        throw ApiFailure.of(100, "unterminated multipart body");
      }
      int dataEnd = next - 2 >= dataStart ? next - 2 : dataStart;
      byte[] data = java.util.Arrays.copyOfRange(body, dataStart, dataEnd);
      parts.add(part(headers, data));
      pos = next;
    }
    return parts;
  }

  private static Part part(String headers, byte[] data) {
    String name = null;
    String filename = null;
    String type = null;
    for (String line : headers.split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-disposition:")) {
        name = param(line, "name");
        filename = param(line, "filename");
      } else if (lower.startsWith("content-type:")) {
        type = line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return new Part(name, filename, type, data);
  }

  private static String param(String line, String key) {
    for (String piece : line.split(";")) {
      String p = piece.trim();
      if (p.startsWith(key + "=")) {
        String v = p.substring(key.length() + 1);
        return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? v.substring(1, v.length() - 1) : v;
      }
    }
    return null;
  }

  private static String boundary(String contentType) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw ApiFailure.of(100, "media upload must be multipart/form-data");
    }
    String b = param(contentType, "boundary");
    if (b == null || b.isEmpty()) {
      throw ApiFailure.of(100, "multipart boundary missing");
    }
    return b;
  }

  private static int skipCrlf(byte[] body, int i) {
    return i + 1 < body.length && body[i] == '\r' && body[i + 1] == '\n' ? i + 2 : i;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
