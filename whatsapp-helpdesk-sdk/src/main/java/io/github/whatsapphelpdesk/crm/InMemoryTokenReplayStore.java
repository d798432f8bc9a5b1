package io.github.whatsapphelpdesk.crm;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A bounded in-memory {@link TokenReplayStore}. Entries are dropped when their token expires; when the
 * store is full of unexpired entries, the one expiring soonest is dropped (the verifier's {@code exp}
 * check rejects a replay of it shortly after anyway). Size it above the peak number of webhooks per
 * token lifetime. Thread-safe.
 */
public final class InMemoryTokenReplayStore implements TokenReplayStore {
  /** The default capacity. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private record Entry(Instant expiresAt, long order, String tokenId) {}

  private static final Comparator<Entry> BY_EXPIRY =
      Comparator.comparing(Entry::expiresAt).thenComparingLong(Entry::order);

  private final Clock clock;
  private final int maxEntries;
  private final Map<String, Entry> byId = new HashMap<>();
  private final TreeSet<Entry> byExpiry = new TreeSet<>(BY_EXPIRY);
  private long order;

  private InMemoryTokenReplayStore(Clock clock, int maxEntries) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1");
    }
    this.maxEntries = maxEntries;
  }

  /** A store holding at most {@code maxEntries} token ids. */
  public static InMemoryTokenReplayStore create(Clock clock, int maxEntries) {
    return new InMemoryTokenReplayStore(clock, maxEntries);
  }

  @Override
  public synchronized boolean claim(String tokenId, Instant expiresAt) {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Instant now = clock.instant();
    while (!byExpiry.isEmpty() && !byExpiry.first().expiresAt().isAfter(now)) {
      byId.remove(byExpiry.pollFirst().tokenId());
    }
    if (byId.containsKey(tokenId)) {
      return false;
    }
    if (byId.size() >= maxEntries) {
      byId.remove(byExpiry.pollFirst().tokenId());
    }
    Entry e = new Entry(expiresAt, order++, tokenId);
    byId.put(tokenId, e);
    byExpiry.add(e);
    return true;
  }

  /** How many token ids are held. */
  public synchronized int size() {
    return byId.size();
  }
}
