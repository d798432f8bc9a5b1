package io.github.whatsapphelpdesk.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The default {@link IdempotencyStore}: in process memory, bounded, lock-free. Good for one instance; a
 * cluster behind a load balancer needs a shared store (SQL, Redis) because Meta's retries may reach any
 * node.
 *
 * <p>Memory is bounded by {@link Builder#maxEntries} (default 200,000 keys, roughly 40 MB): claims are
 * kept in a ring in claim order, and when the ring is full the oldest claim is dropped, expired or not,
 * so a very late redelivery of that item would be processed again. {@link #evictedBeforeExpiry()}
 * counts such early evictions; size the store so it stays at zero.
 *
 * <p>Thread-safe: {@link #claim} is an atomic {@link ConcurrentHashMap#putIfAbsent} (or a compare-and-set
 * replacement of an expired claim), so of two concurrent claims of one key exactly one wins.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private final Clock clock;
  private final int capacity;
  private final ConcurrentHashMap<Key, Long> expiries;
  // The ring: slot i holds a key, the very Long its claim put in the map (so eviction removes only that
  // claim, found by identity without reading the cold Long) and that expiry as a long (for the count).
  private final AtomicReferenceArray<Key> ringKeys;
  private final AtomicReferenceArray<Long> ringValues;
  private final AtomicLongArray ringExpiries;
  private final AtomicInteger cursor = new AtomicInteger();
  private final LongAdder evicted = new LongAdder();

  private InMemoryIdempotencyStore(Builder b) {
    this.clock = b.clock;
    this.capacity = b.maxEntries;
    // Sized for a load of at most about 0.5 when full: most claims then find an empty bin (a CAS, no
    // bin lock).
    this.expiries = new ConcurrentHashMap<>(Math.min(capacity, 1 << 16), 0.5f);
    this.ringKeys = new AtomicReferenceArray<>(capacity);
    this.ringValues = new AtomicReferenceArray<>(capacity);
    this.ringExpiries = new AtomicLongArray(capacity);
  }

  /** A store with the defaults (system UTC clock, 200,000 entries). */
  public static InMemoryIdempotencyStore create() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean claim(String key, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ttl, "ttl");
    long now = clock.millis();
    long expiry = saturatedAdd(now, ttl.toMillis());
    Long boxed = expiry;
    Key k = new Key(key);
    while (true) {
      Long existing = expiries.putIfAbsent(k, boxed);
      if (existing == null) {
        break;
      }
      if (existing > now) {
        return false;
      }
      if (expiries.replace(k, existing, boxed)) {
        break;
      }
      // Lost a race with another claim or a release: look again.
    }
    record(k, boxed, expiry, now);
    return true;
  }

  private void record(Key key, Long value, long expiry, long now) {
    int slot = nextSlot();
    Key old = ringKeys.getAndSet(slot, key);
    Long oldValue = ringValues.getAndSet(slot, value);
    long oldExpiry = ringExpiries.getAndSet(slot, expiry);
    // CHM compares the value by identity first: the Long of that claim, so a newer claim of the same
    // key (after expiry) is left alone.
    if (old != null && oldValue != null && expiries.remove(old, oldValue) && oldExpiry > now) {
      evicted.increment();
    }
  }

  /** The next ring slot, wrapping without a division. */
  private int nextSlot() {
    while (true) {
      int s = cursor.get();
      int n = s + 1 == capacity ? 0 : s + 1;
      if (cursor.compareAndSet(s, n)) {
        return s;
      }
    }
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  @Override
  public void release(String key) {
    expiries.remove(new Key(Objects.requireNonNull(key, "key")));
  }

  /** The number of claims held (expired ones not yet overwritten included). */
  public int size() {
    return expiries.size();
  }

  /** How many unexpired claims were evicted because the store was full. */
  public long evictedBeforeExpiry() {
    return evicted.sum();
  }

  /**
   * A map key: the string with its hash computed once, four chars per step. The value is {@link
   * String#hashCode()}'s (the same polynomial), but a new key string has no cached hash, and the JDK's
   * one-char-at-a-time loop is a chain of dependent multiplications: for a 70-char message key it was a
   * visible part of a claim.
   */
  private static final class Key {
    final String s;
    final int hash;

    Key(String s) {
      this.s = s;
      this.hash = hash(s);
    }

    static int hash(String s) {
      int n = s.length();
      int h = 0;
      int i = 0;
      for (; i + 4 <= n; i += 4) {
        h = 923_521 * h + 29_791 * s.charAt(i) + 961 * s.charAt(i + 1) + 31 * s.charAt(i + 2) + s.charAt(i + 3);
      }
      for (; i < n; i++) {
        h = 31 * h + s.charAt(i);
      }
      return h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && k.s.equals(s);
    }
  }

  /** Builds an {@link InMemoryIdempotencyStore}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private int maxEntries = 200_000;

    private Builder() {}

    /** The clock that decides expiry (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The most keys kept (default 200,000; at least 16). */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries < 16) {
        throw new IllegalArgumentException("maxEntries must be >= 16, was " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /** Builds the store. */
    public InMemoryIdempotencyStore build() {
      return new InMemoryIdempotencyStore(this);
    }
  }
}
