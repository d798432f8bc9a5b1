package io.github.whatsapphelpdesk.freshdesk.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/** A small thread-safe LRU map from ticket id to a long (attachment bytes, last returned reply id). */
public final class BoundedMemory {
  private final Map<Long, Long> map;

  public BoundedMemory(int maxEntries) {
    this.map = new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** The value, or {@code absent}. */
  public synchronized long get(long key, long absent) {
    Long v = map.get(key);
    return v == null ? absent : v;
  }

  /** Merges a value in and returns the result. */
  public synchronized long merge(long key, long value, BinaryOperator<Long> fn) {
    return map.merge(key, value, fn);
  }

  /** The number of entries. */
  public synchronized int size() {
    return map.size();
  }
}
