package io.github.whatsapphelpdesk.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The default {@link IdempotencyStore}: in process memory, bounded. Good for one instance; a cluster
 * behind a load balancer needs a shared store (SQL, Redis) because Meta's retries may reach any node.
 *
 * <p>Memory is bounded by {@link Builder#maxEntries} (default 200,000 keys, roughly 40 MB with the key
 * strings): claims are kept in claim order, and when the store is full the oldest claim is dropped,
 * expired or not, so a very late redelivery of that item would be processed again. {@link
 * #evictedBeforeExpiry()} counts such early evictions; size the store so it stays at zero.
 *
 * <p>Layout: one open-addressing table (linear probing, backward-shift deletion, at most half full)
 * and a ring of the claims in claim order, under one monitor. A claim allocates nothing beyond what the
 * caller passed: one hash pass over the key, one lock, one or two probes. Keys are compared in full, so
 * two keys never share a claim. (One table rather than stripes keeps the eviction order global: with
 * stripes, an unlucky stripe would evict early while the store as a whole still had room.)
 *
 * <p>Thread-safe: {@link #claim} runs under the lock, so of two concurrent claims of one key exactly one
 * wins.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private final Clock clock;
  private final Table table;
  private final LongAdder evicted = new LongAdder();

  private InMemoryIdempotencyStore(Builder b) {
    this.clock = b.clock;
    this.table = new Table(b.maxEntries);
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
    int h = hash(key);
    synchronized (table) {
      return table.claim(key, h, expiry, now, evicted);
    }
  }

  /** Under one lock and one clock reading. */
  @Override
  public boolean[] claimAll(java.util.List<String> keys, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    int n = keys.size();
    int[] hashes = new int[n];
    for (int i = 0; i < n; i++) {
      hashes[i] = hash(Objects.requireNonNull(keys.get(i), "key"));
    }
    boolean[] won = new boolean[n];
    long now = clock.millis();
    long expiry = saturatedAdd(now, ttl.toMillis());
    synchronized (table) {
      for (int i = 0; i < n; i++) {
        won[i] = table.claim(keys.get(i), hashes[i], expiry, now, evicted);
      }
    }
    return won;
  }

  @Override
  public void release(String key) {
    Objects.requireNonNull(key, "key");
    int h = hash(key);
    synchronized (table) {
      table.release(key, h);
    }
  }

  /** The number of claims held (expired ones not yet overwritten included). */
  public int size() {
    synchronized (table) {
      return table.size;
    }
  }

  /** How many unexpired claims were evicted because the store was full. */
  public long evictedBeforeExpiry() {
    return evicted.sum();
  }

  /**
   * The key's hash: four chars per step (a new key string has no cached hash, and a one-char loop is a
   * chain of dependent multiplications), then a finaliser so the low bits that pick the slot are well
   * mixed.
   */
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
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /**
   * The table, at most half full, and the ring of claims in claim order. Each claim gets a stamp;
   * the ring entry of a claim evicts the table entry only while it still carries that stamp (a key
   * released and claimed again, or re-claimed after expiry, has a newer one). Guarded by its monitor.
   */
  private static final class Table {
    final int capacity;
    final int mask;
    final String[] keys;
    final int[] hashes;
    final long[] expiries;
    final long[] stamps;
    final String[] ringKeys;
    final int[] ringHashes;
    final long[] ringStamps;
    final long[] ringExpiries;
    int head;
    int ringCount;
    int size;
    long nextStamp = 1;

    Table(int capacity) {
      this.capacity = capacity;
      int table = Integer.highestOneBit(Math.max(8, capacity * 2 - 1)) << 1;
      this.mask = table - 1;
      keys = new String[table];
      hashes = new int[table];
      expiries = new long[table];
      stamps = new long[table];
      ringKeys = new String[capacity];
      ringHashes = new int[capacity];
      ringStamps = new long[capacity];
      ringExpiries = new long[capacity];
    }

    boolean claim(String key, int h, long expiry, long now, LongAdder evicted) {
      int i = find(key, h);
      if (i >= 0 && expiries[i] > now) {
        return false;
      }
      if (ringCount == capacity) {
        evictOldest(now, evicted);
        i = find(key, h); // the eviction may have moved or removed the entry
      }
      if (i < 0) {
        i = h & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = key;
        hashes[i] = h;
        size++;
      }
      long stamp = nextStamp++;
      expiries[i] = expiry;
      stamps[i] = stamp;
      int tail = head + ringCount;
      if (tail >= capacity) {
        tail -= capacity;
      }
      ringKeys[tail] = key;
      ringHashes[tail] = h;
      ringStamps[tail] = stamp;
      ringExpiries[tail] = expiry;
      ringCount++;
      return true;
    }

    void release(String key, int h) {
      int i = find(key, h);
      if (i >= 0) {
        delete(i);
      }
    }

    private void evictOldest(long now, LongAdder evicted) {
      String k = ringKeys[head];
      int i = find(k, ringHashes[head]);
      if (i >= 0 && stamps[i] == ringStamps[head]) {
        delete(i);
        if (ringExpiries[head] > now) {
          evicted.increment();
        }
      }
      ringKeys[head] = null;
      head = head + 1 == capacity ? 0 : head + 1;
      ringCount--;
    }

    private int find(String key, int h) {
      int i = h & mask;
      while (true) {
        String at = keys[i];
        if (at == null) {
          return -1;
        }
        if (hashes[i] == h && (at == key || at.equals(key))) {
          return i;
        }
        i = (i + 1) & mask;
      }
    }

    /** Backward-shift deletion: keeps probe chains intact without tombstones. */
    private void delete(int slot) {
      int hole = slot;
      int i = slot;
      while (true) {
        i = (i + 1) & mask;
        if (keys[i] == null) {
          break;
        }
        int home = hashes[i] & mask;
        boolean between = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
        if (!between) {
          keys[hole] = keys[i];
          hashes[hole] = hashes[i];
          expiries[hole] = expiries[i];
          stamps[hole] = stamps[i];
          hole = i;
        }
      }
      keys[hole] = null;
      hashes[hole] = 0;
      expiries[hole] = 0;
      stamps[hole] = 0;
      size--;
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
