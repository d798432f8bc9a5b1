package io.github.whatsapphelpdesk.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Forward-only status ordering per outbound message: {@code sent < delivered < read < played}, {@code
 * failed} terminal. Meta does not order its deliveries ({@code read} may come without {@code delivered},
 * a retried {@code sent} may come last), so each status is compared with the latest one recorded for its
 * wamid; a status for a wamid never seen is recorded and passes (it is not dropped).
 *
 * <p>Memory is bounded: at most {@link Builder#maxMessages} wamids (default 100,000, least recently
 * updated evicted first) and each is forgotten {@link Builder#retention} (default 8 days, past Meta's
 * 7-day redelivery window) after its last update. Thread-safe (16 locked stripes).
 */
public final class StatusTracker {
  private static final int STRIPES = 16;

  private final Clock clock;
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

  private StatusTracker(Builder b) {
    this.clock = b.clock;
    this.retentionMillis = b.retention.toMillis();
    this.maxPerStripe = Math.max(1, (b.maxMessages + STRIPES - 1) / STRIPES);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** A tracker with the defaults. */
  public static StatusTracker create() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Records {@code status} for {@code wamid} if it moves the message forward.
   *
   * @return the transition; {@link StatusTransition#stale()} when it must not be applied
   */
  public StatusTransition observe(String wamid, DeliveryStatus status) {
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(status, "status");
    if (status == DeliveryStatus.UNKNOWN) {
      return new StatusTransition(current(wamid), DeliveryStatus.UNKNOWN, true);
    }
    long now = clock.millis();
    int h = wamid.hashCode();
    Stripe s = stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
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
        e.expiresAt = now + retentionMillis;
        m.put(wamid, e);
        evict(m, now);
        return new StatusTransition(null, status, true);
      }
      DeliveryStatus prev = e.status;
      boolean forward = !prev.terminal() && (status.terminal() || status.rank() > prev.rank());
      if (forward) {
        e.status = status;
        e.expiresAt = now + retentionMillis;
        return new StatusTransition(prev, status, true);
      }
      return new StatusTransition(prev, prev, false);
    }
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

  /** The latest status recorded for {@code wamid}, or null when unknown or forgotten. */
  public DeliveryStatus current(String wamid) {
    int h = wamid.hashCode();
    Stripe s = stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    synchronized (s) {
      Entry e = s.byWamid.get(wamid);
      return e == null || e.expiresAt <= clock.millis() ? null : e.status;
    }
  }

  /** The number of wamids tracked (expired ones not yet dropped included). */
  public int size() {
    int n = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        n += s.byWamid.size();
      }
    }
    return n;
  }

  /** Builds a {@link StatusTracker}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private int maxMessages = 100_000;
    private Duration retention = Duration.ofDays(8);

    private Builder() {}

    /** The clock (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The most wamids tracked (default 100,000; at least 16). */
    public Builder maxMessages(int maxMessages) {
      if (maxMessages < 16) {
        throw new IllegalArgumentException("maxMessages must be >= 16, was " + maxMessages);
      }
      this.maxMessages = maxMessages;
      return this;
    }

    /** How long a wamid is remembered after its last update (default 8 days). */
    public Builder retention(Duration retention) {
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("retention must be positive");
      }
      this.retention = retention;
      return this;
    }

    /** Builds the tracker. */
    public StatusTracker build() {
      return new StatusTracker(this);
    }
  }
}
