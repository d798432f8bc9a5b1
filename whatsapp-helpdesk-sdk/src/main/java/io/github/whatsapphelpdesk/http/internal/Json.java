package io.github.whatsapphelpdesk.http.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.github.whatsapphelpdesk.error.SerializationException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The one Moshi-backed JSON helper of the client and the adapters: bodies are built as ordered maps and
 * read as maps, lists, strings, doubles and booleans, with typed accessors that never throw on a
 * missing or mistyped value. Thread-safe.
 */
public final class Json {
  private static final JsonAdapter<Object> ADAPTER = new Moshi.Builder().build().adapter(Object.class);
  private static final JsonAdapter<Object> WITH_NULLS = ADAPTER.serializeNulls();

  private Json() {}

  /** Writes a map/list/scalar tree as JSON, leaving out map entries whose value is null. */
  public static String write(Object tree) {
    return ADAPTER.toJson(tree);
  }

  /** Writes a map/list/scalar tree as JSON, writing null values as {@code null} (to clear a field). */
  public static String writeWithNulls(Object tree) {
    return WITH_NULLS.toJson(tree);
  }

  /**
   * Reads JSON into maps, lists, strings, doubles and booleans.
   *
   * @throws SerializationException when the text is empty, {@code null} or not JSON
   */
  public static Object read(String json) {
    try {
      Object o = ADAPTER.fromJson(json);
      if (o == null) {
        throw new SerializationException("the body is empty or null JSON");
      }
      return o;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException se) {
        throw se;
      }
      throw new SerializationException("the body is not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a JSON object.
   *
   * @throws SerializationException when the text is empty, not JSON or not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObject(String json) {
    Object o = read(json);
    if (!(o instanceof Map)) {
      throw new SerializationException("expected a JSON object, got " + o.getClass().getSimpleName());
    }
    return (Map<String, Object>) o;
  }

  /**
   * Reads a JSON object; a blank body is an empty object.
   *
   * @throws SerializationException when the text is not JSON or not an object
   */
  public static Map<String, Object> readObjectOrEmpty(String json) {
    return json == null || json.isBlank() ? Map.of() : readObject(json);
  }

  /** Reads a JSON object, or an empty map when the text is blank or not a JSON object (an HTML error page). */
  public static Map<String, Object> readObjectLenient(String json) {
    try {
      return readObjectOrEmpty(json);
    } catch (SerializationException e) {
      return Map.of();
    }
  }

  /** The object under {@code key}, or an empty map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> obj(Map<String, Object> m, String key) {
    Object o = m == null ? null : m.get(key);
    return o instanceof Map ? (Map<String, Object>) o : Map.of();
  }

  /** The objects of the array under {@code key} (other elements skipped), or an empty list. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> objs(Map<String, Object> m, String key) {
    Object o = m == null ? null : m.get(key);
    if (!(o instanceof List<?> l)) {
      return List.of();
    }
    return l.stream().filter(Map.class::isInstance).map(x -> (Map<String, Object>) x).toList();
  }

  /** The strings of the array under {@code key}, or an empty list. */
  public static List<String> strs(Map<String, Object> m, String key) {
    Object o = m == null ? null : m.get(key);
    if (!(o instanceof List<?> l)) {
      return List.of();
    }
    return l.stream().filter(x -> x != null).map(Json::scalar).toList();
  }

  /** The value under {@code key} as a string (integral numbers without a trailing .0), or null. */
  public static String str(Map<String, Object> m, String key) {
    Object o = m == null ? null : m.get(key);
    return o == null ? null : o instanceof Map || o instanceof List ? write(o) : scalar(o);
  }

  /** The value under {@code key} as a long (a number, or a string of digits), or null. */
  public static Long lng(Map<String, Object> m, String key) {
    Object o = m == null ? null : m.get(key);
    if (o instanceof Number n) {
      return n.longValue();
    }
    if (o instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The value under {@code key} as a boolean (a boolean, or the string {@code true}/{@code false}), or null. */
  public static Boolean bool(Map<String, Object> m, String key) {
    Object o = m == null ? null : m.get(key);
    if (o instanceof Boolean b) {
      return b;
    }
    if (o instanceof String s) {
      return Boolean.parseBoolean(s);
    }
    return null;
  }

  /** The value under {@code key} as a boolean, or {@code dflt} when absent or not a boolean. */
  public static boolean bool(Map<String, Object> m, String key, boolean dflt) {
    Boolean b = bool(m, key);
    return b == null ? dflt : b;
  }

  private static String scalar(Object o) {
    if (o instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(o);
  }
}
