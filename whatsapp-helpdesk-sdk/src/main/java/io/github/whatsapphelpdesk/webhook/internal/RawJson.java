package io.github.whatsapphelpdesk.webhook.internal;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import okio.Buffer;

/**
 * The exact raw JSON of one value of a document, found by a path of object keys and array indexes. Used
 * only on the slow path (unknown types, per-item problems): it re-reads the document from the start.
 */
final class RawJson {
  private RawJson() {}

  static String extract(byte[] doc, Object[] path) {
    try {
      JsonReader r = JsonReader.of(new Buffer().write(doc));
      for (Object step : path) {
        if (step instanceof String key) {
          if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
            return "";
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
            return "";
          }
        } else {
          int index = (Integer) step;
          if (r.peek() != JsonReader.Token.BEGIN_ARRAY) {
            return "";
          }
          r.beginArray();
          for (int i = 0; i < index; i++) {
            if (!r.hasNext()) {
              return "";
            }
            r.skipValue();
          }
          if (!r.hasNext()) {
            return "";
          }
        }
      }
      return r.nextSource().readUtf8();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
