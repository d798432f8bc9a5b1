package io.github.whatsapphelpdesk.testkit.sandbox;

import io.github.whatsapphelpdesk.testkit.sandbox.internal.Json;
import java.util.List;
import java.util.Map;

/** Path access into parsed JSON for assertions: {@code J.at(json, "error.code")}, list indexes as numbers. */
final class J {
  private J() {}

  static Object at(String json, String path) {
    Object cur = Json.parseOrNull(json);
    if (cur == null) {
      throw new AssertionError("not JSON: " + json);
    }
    for (String p : path.split("\\.")) {
      if (cur instanceof Map<?, ?> m) {
        cur = m.get(p);
      } else if (cur instanceof List<?> l) {
        int i = Integer.parseInt(p);
        cur = i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
    }
    return cur instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) ? (Object) d.longValue() : cur;
  }

  static String str(String json, String path) {
    Object v = at(json, path);
    return v == null ? null : String.valueOf(v);
  }
}
