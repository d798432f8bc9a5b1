package io.github.whatsapphelpdesk.zendesk.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Moshi-backed JSON as plain maps and lists, with typed accessors. Thread-safe. */
public final class Json {
  private static final JsonAdapter<Object> ADAPTER = new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private Json() {}

  /** Serialises maps, lists, strings, numbers and booleans. */
  public static String write(Object value) {
    return ADAPTER.toJson(value);
  }

  /** Parses a JSON object; an empty body becomes an empty map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObject(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      Object v = ADAPTER.fromJson(json);
      return v instanceof Map ? (Map<String, Object>) v : Map.of();
    } catch (IOException | RuntimeException e) {
      throw new HelpdeskUnavailableException("zendesk", 0, "unparseable JSON from Zendesk", e);
    }
  }

  /** Parses a JSON object, or returns an empty map when the text is not JSON (HTML error pages). */
  public static Map<String, Object> readObjectLenient(String text) {
    try {
      return readObject(text);
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  /** A nested object, or an empty map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> obj(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Map ? (Map<String, Object>) v : Collections.emptyMap();
  }

  /** A nested list of objects, or an empty list. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> list(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof List ? (List<Map<String, Object>>) v : Collections.emptyList();
  }

  /** A string value (numbers rendered without a fraction), or null. */
  public static String str(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return Long.toString(n.longValue());
    }
    return v.toString();
  }

  /** A long value, or null. */
  public static Long lng(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s && s.matches("-?\\d+")) {
      return Long.parseLong(s);
    }
    return null;
  }

  /** A boolean value, or the default. */
  public static boolean bool(Map<String, Object> m, String key, boolean dflt) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Boolean b ? b : dflt;
  }
}
