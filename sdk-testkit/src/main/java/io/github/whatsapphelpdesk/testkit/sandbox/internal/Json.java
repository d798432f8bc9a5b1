package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import io.github.whatsapphelpdesk.error.SerializationException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's JSON on plain maps and lists: parsing and writing go through the SDK's one Moshi helper
 * ({@link io.github.whatsapphelpdesk.http.internal.Json}); the accessors here are strict as Meta is (no
 * coercion: a number is not a string, an absent value is null). Thread-safe.
 */
public final class Json {

  private Json() {}

  /** Parses a JSON object; throws {@link ApiFailure} code 100 when the body is not a JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw ApiFailure.invalidParameter(100, "The request body is empty; a JSON object is required.");
    }
    try {
      Object value = io.github.whatsapphelpdesk.http.internal.Json.read(text);
      if (value instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
    } catch (SerializationException e) {
      // falls through
    }
    throw ApiFailure.invalidParameter(100, "The request body is not a valid JSON object.");
  }

  /** Parses any JSON value, or returns null when it is not valid JSON. */
  public static Object parseOrNull(String text) {
    try {
      return io.github.whatsapphelpdesk.http.internal.Json.read(text);
    } catch (SerializationException e) {
      return null;
    }
  }

  /** Serialises to compact JSON with raw (unescaped) non-ASCII characters. */
  public static String write(Object value) {
    return io.github.whatsapphelpdesk.http.internal.Json.write(value);
  }

  /**
   * Serialises as Meta does for webhooks: every non-ASCII character escaped as {@code \\uXXXX}
   * (lowercase hex), so the bytes are pure ASCII.
   */
  public static String writeAsciiEscaped(Object value) {
    String json = write(value);
    StringBuilder sb = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < 0x80) {
        sb.append(c);
      } else {
        sb.append("\\u").append(String.format("%04x", (int) c));
      }
    }
    return sb.toString();
  }

  /** Builds an insertion-ordered map from key/value pairs. */
  public static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  /** The map under {@code key}, or null when absent or not an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : null;
  }

  /** The list under {@code key}, or null when absent or not an array. */
  @SuppressWarnings("unchecked")
  public static List<Object> list(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof List<?> ? (List<Object>) v : null;
  }

  /** The string under {@code key}, or null when absent or not a string. */
  public static String str(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof String s ? s : null;
  }
}
