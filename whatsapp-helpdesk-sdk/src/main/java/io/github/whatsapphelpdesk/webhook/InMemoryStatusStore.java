package io.github.whatsapphelpdesk.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The default {@link StatusStore}: in process memory, bounded. Good for one instance; a cluster needs a
 * shared store because Meta's status webhooks may reach any node.
 *
 * <p>Memory is bounded: at most {@link Builder#maxMessages} wamids (default 100,000, the least recently
 * updated evicted first) and each is forgotten {@link Builder#retention} (default 8 days, past Meta's
 * 7-day redelivery window) after its last forward move. An evicted or forgotten wamid behaves as never
 * seen: its next status is recorded and passes.
 *
 * <p>Thread-safe: 16 stripes, each an access-ordered map under its own lock.
 */
public final class InMemoryStatusStore implements StatusStore {
  private static final int STRIPES = 16;

  private final long retentionMillis;
  private final int maxPerStripe;
  private final Stripe[] stripes = new Stripe[STRIPES];

  private static final class Entry {
    DeliveryStatus status;
    long expiresAt;
  }

  private static final class Stripe {
    // Access order: the least recently updated wamid is evicted first.
    final LinkedHashMap<String, Entry> byWamid = new LinkedHashMap<>(64, 0.75f, true);
  }

  private InMemoryStatusStore(Builder b) {
    this.retentionMillis = b.retention.toMillis();
    this.maxPerStripe = Math.max(1, (b.maxMessages + STRIPES - 1) / STRIPES);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** A store with the defaults (100,000 wamids, 8 days). */
  public static InMemoryStatusStore create() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public StatusTransition advance(String wamid, DeliveryStatus status, Instant at) {
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
    if (status == DeliveryStatus.UNKNOWN) {
      throw new IllegalArgumentException("an UNKNOWN status is not ordered and cannot be recorded");
    }
    long now = at.toEpochMilli();
    long expiry = saturatedAdd(now, retentionMillis);
    Stripe s = stripe(wamid);
    synchronized (s) {
      Map<String, Entry> m = s.byWamid;
      Entry e = m.get(wamid);
      if (e != null && e.expiresAt <= now) {
        m.remove(wamid);
        e = null;
      }
      if (e == null) {
        e = new Entry();
        e.status = status;
        e.expiresAt = expiry;
        m.put(wamid, e);
        evict(m, now);
        return new StatusTransition(null, status, true);
      }
      DeliveryStatus prev = e.status;
      if (StatusStore.movesForward(prev, status)) {
        e.status = status;
        e.expiresAt = expiry;
        return new StatusTransition(prev, status, true);
      }
      return new StatusTransition(prev, prev, false);
    }
  }

  @Override
  public DeliveryStatus current(String wamid, Instant at) {
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(at, "at");
    Stripe s = stripe(wamid);
    synchronized (s) {
      Entry e = s.byWamid.get(wamid);
      return e == null || e.expiresAt <= at.toEpochMilli() ? null : e.status;
    }
  }

  /** The number of wamids held (expired ones not yet dropped included). */
  @Override
  public int size() {
    int n = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        n += s.byWamid.size();
      }
    }
    return n;
  }

  private Stripe stripe(String wamid) {
    int h = wamid.hashCode();
    return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }

  private void evict(Map<String, Entry> m, long now) {
    Iterator<Entry> it = m.values().iterator();
    // Drop expired eldest entries (bounded work), then enforce the size cap.
    for (int i = 0; i < 8 && it.hasNext(); i++) {
      if (it.next().expiresAt <= now) {
        it.remove();
      } else {
        break;
      }
    }
    while (m.size() > maxPerStripe) {
      Iterator<Entry> first = m.values().iterator();
      first.next();
      first.remove();
    }
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /** Builds an {@link InMemoryStatusStore}. Not thread-safe. */
  public static final class Builder {
    private int maxMessages = 100_000;
    private Duration retention = Duration.ofDays(8);

    private Builder() {}

    /** The most wamids held (default 100,000; at least 16). */
    public Builder maxMessages(int maxMessages) {
      if (maxMessages < 16) {
        throw new IllegalArgumentException("maxMessages must be >= 16, was " + maxMessages);
      }
      this.maxMessages = maxMessages;
      return this;
    }

    /** How long a wamid is remembered after its last forward move (default 8 days). */
    public Builder retention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("retention must be positive");
      }
      this.retention = retention;
      return this;
    }

    /** Builds the store. */
    public InMemoryStatusStore build() {
      return new InMemoryStatusStore(this);
    }
  }
}
