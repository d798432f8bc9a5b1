package io.github.whatsapphelpdesk.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The default {@link IdempotencyStore}: in process memory, bounded. Good for one instance; a cluster
 * behind a load balancer needs a shared store (SQL, Redis) because Meta's retries may reach any node.
 *
 * <p>Memory is bounded by {@link Builder#maxEntries} (default 200,000 keys, roughly 40 MB): expired
 * claims are dropped as new ones arrive, and when the store is full the oldest claim is evicted even if
 * it has not expired yet, so a very late redelivery of that item would be processed again. {@link
 * #evictedBeforeExpiry()} counts those evictions; size the store so it stays at zero.
 *
 * <p>Thread-safe: keys are spread over 16 independently locked stripes, so {@link #claim} is atomic per
 * key.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
  private static final int STRIPES = 16;

  private final Clock clock;
  private final int maxEntries;
  private final java.util.concurrent.atomic.AtomicInteger size = new java.util.concurrent.atomic.AtomicInteger();
  private final Stripe[] stripes = new Stripe[STRIPES];
  private final java.util.concurrent.atomic.LongAdder evicted = new java.util.concurrent.atomic.LongAdder();

  private static final class Stripe {
    // Insertion order; with one TTL per kind of claim it is close to expiry order.
    final LinkedHashMap<String, Long> expiries = new LinkedHashMap<>(64, 0.75f, false);
  }

  private InMemoryIdempotencyStore(Builder b) {
    this.clock = b.clock;
    this.maxEntries = b.maxEntries;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** A store with the defaults (system UTC clock, 200,000 entries). */
  public static InMemoryIdempotencyStore create() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  private Stripe stripe(String key) {
    int h = key.hashCode();
    return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }

  @Override
  public boolean claim(String key, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ttl, "ttl");
    long now = clock.millis();
    long expiry = saturatedAdd(now, ttl.toMillis());
    Stripe s = stripe(key);
    synchronized (s) {
      Map<String, Long> m = s.expiries;
      Long existing = m.get(key);
      if (existing != null && existing > now) {
        return false;
      }
      if (existing != null) {
        m.remove(key);
        size.decrementAndGet();
      }
      purgeExpired(m, now);
      m.put(key, expiry);
      // Over the global bound: evict this stripe's eldest claims (stripes fill at about the same rate,
      // so this approximates evicting the oldest claims overall).
      int total = size.incrementAndGet();
      while (total > maxEntries && m.size() > 1) {
        Iterator<Map.Entry<String, Long>> it = m.entrySet().iterator();
        Map.Entry<String, Long> eldest = it.next();
        if (eldest.getValue() > now) {
          evicted.increment();
        }
        it.remove();
        total = size.decrementAndGet();
      }
      return true;
    }
  }

  private void purgeExpired(Map<String, Long> m, long now) {
    // Bounded work per call: drop at most 8 expired eldest entries.
    Iterator<Map.Entry<String, Long>> it = m.entrySet().iterator();
    for (int i = 0; i < 8 && it.hasNext(); i++) {
      if (it.next().getValue() <= now) {
        it.remove();
        size.decrementAndGet();
      } else {
        return;
      }
    }
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  @Override
  public void release(String key) {
    Stripe s = stripe(key);
    synchronized (s) {
      if (s.expiries.remove(key) != null) {
        size.decrementAndGet();
      }
    }
  }

  /** The number of claims held, expired ones not yet dropped included. */
  public int size() {
    return size.get();
  }

  /** How many unexpired claims were evicted because the store was full. */
  public long evictedBeforeExpiry() {
    return evicted.sum();
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
