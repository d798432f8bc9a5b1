package io.github.whatsapphelpdesk.webhook.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small read-only JSON object tree for nested payload objects: scalars are kept as their text
 * ({@code null} for JSON null), objects as {@link Obj}, arrays as lists. Reading is depth-limited
 * (deeper values are skipped), so it never recurses without bound.
 */
final class Obj {
  static final Obj EMPTY = new Obj(Map.of());
  private static final int MAX_DEPTH = 12;

  private final Map<String, Object> m;

  private Obj(Map<String, Object> m) {
    this.m = m;
  }

  /** An object over an already-built map. */
  static Obj of(Map<String, Object> m) {
    return new Obj(m);
  }

  /** Reads the next value as text, {@link Obj} or list; null for JSON null. */
  static Object readValue(ByteJsonReader r) {
    return value(r, 1);
  }

  /** Reads the next value as an object; a non-object value is skipped and gives {@link #EMPTY}. */
  static Obj read(ByteJsonReader r) {
    return read(r, 0);
  }

  private static Obj read(ByteJsonReader r, int depth) {
    if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
      r.skipValue();
      return EMPTY;
    }
    Map<String, Object> m = new HashMap<>(8);
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      Object v = value(r, depth + 1);
      if (v != null) {
        m.put(name, v);
      }
    }
    r.endObject();
    return new Obj(m);
  }

  private static Object value(ByteJsonReader r, int depth) {
    switch (r.peek()) {
      case BEGIN_OBJECT:
        if (depth >= MAX_DEPTH) {
          r.skipValue();
          return null;
        }
        return read(r, depth);
      case BEGIN_ARRAY:
        if (depth >= MAX_DEPTH) {
          r.skipValue();
          return null;
        }
        List<Object> l = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
          Object v = value(r, depth + 1);
          if (v != null) {
            l.add(v);
          }
        }
        r.endArray();
        return l;
      default:
        return JsonScalars.string(r);
    }
  }

  /** The scalar under {@code key} as text, or null (also for objects and arrays). */
  String str(String key) {
    Object o = m.get(key);
    return o instanceof String s ? s : null;
  }

  /** The object under {@code key}, or {@link #EMPTY}. */
  Obj obj(String key) {
    Object o = m.get(key);
    return o instanceof Obj ob ? ob : EMPTY;
  }

  /** The objects of the array under {@code key} (non-objects skipped). */
  List<Obj> objs(String key) {
    Object o = m.get(key);
    if (!(o instanceof List<?> l)) {
      return List.of();
    }
    List<Obj> out = new ArrayList<>(l.size());
    for (Object x : l) {
      if (x instanceof Obj ob) {
        out.add(ob);
      }
    }
    return out;
  }

  /** True when {@code key} is present (with a non-null value). */
  boolean has(String key) {
    return m.containsKey(key);
  }

  boolean isEmpty() {
    return m.isEmpty();
  }
}
