package io.github.whatsapphelpdesk.webhook.internal;


/**
 * The exact raw JSON of one value of a document, found by a path of object keys and array indexes. Used
 * only on the slow path (unknown types, per-item problems): it re-reads the document from the start.
 */
final class RawJson {
  private static final byte[] EMPTY = new byte[0];

  private RawJson() {}

  static String extract(byte[] doc, Object[] path) {
    byte[] b = extractBytes(doc, path);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] extractBytes(byte[] doc, Object[] path) {
    try {
      ByteJsonReader r = ByteJsonReader.of(doc);
      for (Object step : path) {
        if (step instanceof String key) {
          if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
            return EMPTY;
          }
          r.beginObject();
          boolean found = false;
          while (r.hasNext()) {
            if (r.nextName().equals(key)) {
              found = true;
              break;
            }
            r.skipValue();
          }
          if (!found) {
            return EMPTY;
          }
        } else {
          int index = (Integer) step;
          if (r.peek() != ByteJsonReader.Token.BEGIN_ARRAY) {
            return EMPTY;
          }
          r.beginArray();
          for (int i = 0; i < index; i++) {
            if (!r.hasNext()) {
              return EMPTY;
            }
            r.skipValue();
          }
          if (!r.hasNext()) {
            return EMPTY;
          }
        }
      }
      return r.nextValueBytes();
    } catch (RuntimeException e) {
      return EMPTY;
    }
  }
}
