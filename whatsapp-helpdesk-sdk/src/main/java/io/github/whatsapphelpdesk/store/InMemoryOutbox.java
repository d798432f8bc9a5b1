package io.github.whatsapphelpdesk.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded {@link Outbox}: held in memory behind one lock, lost on restart (use a durable backend
 * when messages must survive a crash). Thread-safe.
 *
 * <p>Leasing scans the head of each ordering group, so it costs O(groups with unsent messages). Sent,
 * unconfirmed and dead-lettered entries are kept for inspection during the retention (default
 * {@link #DEFAULT_RETENTION}) and then dropped, together with their dedupe keys.
 */
public final class InMemoryOutbox implements Outbox {
  /** How long sent and dead-lettered entries are kept by default. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(1);

  private static final Comparator<OutboxEntry> LEASE_ORDER = Comparator
      .comparing((OutboxEntry e) -> e.message().priority())
      .thenComparing(OutboxEntry::nextAttemptAt)
      .thenComparingLong(OutboxEntry::sequence);

  private final Clock clock;
  private final Duration retention;
  private final Object lock = new Object();
  private final Map<String, OutboxEntry> byId = new HashMap<>();
  private final Map<String, String> idByDedupeKey = new HashMap<>();
  /** Unfinished entry ids per ordering group, in sequence order; the first is the group's head. */
  private final Map<String, ArrayDeque<String>> groups = new LinkedHashMap<>();
  /** Final entry ids in completion order, for the retention sweep. */
  private final ArrayDeque<String> finals = new ArrayDeque<>();
  private long sequence;
  private long leases;

  private InMemoryOutbox(Clock clock, Duration retention) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative");
    }
  }

  /** An outbox with the default retention. */
  public static InMemoryOutbox create(Clock clock) {
    return new InMemoryOutbox(clock, DEFAULT_RETENTION);
  }

  /** An outbox that keeps sent and dead-lettered entries for {@code retention}. */
  public static InMemoryOutbox create(Clock clock, Duration retention) {
    return new InMemoryOutbox(clock, retention);
  }

  @Override
  public EnqueueResult enqueue(OutboxMessage message, String dedupeKey) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    synchronized (lock) {
      sweep();
      String existing = idByDedupeKey.get(dedupeKey);
      if (existing != null) {
        return new EnqueueResult(byId.get(existing), false);
      }
      long seq = ++sequence;
      Instant now = clock.instant();
      OutboxEntry entry = new OutboxEntry("ob-" + seq, dedupeKey, seq, message, OutboxEntry.Status.PENDING, 0,
          now, now, null, null, null, null, null, null);
      byId.put(entry.id(), entry);
      idByDedupeKey.put(dedupeKey, entry.id());
      groups.computeIfAbsent(message.orderingGroup(), g -> new ArrayDeque<>()).addLast(entry.id());
      return new EnqueueResult(entry, true);
    }
  }

  @Override
  public List<OutboxEntry> lease(String workerId, int max, Duration leaseDuration) {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1");
    }
    if (leaseDuration.isNegative() || leaseDuration.isZero()) {
      throw new IllegalArgumentException("leaseDuration must be positive");
    }
    synchronized (lock) {
      Instant now = clock.instant();
      List<OutboxEntry> ready = new ArrayList<>();
      for (ArrayDeque<String> group : groups.values()) {
        OutboxEntry head = byId.get(group.peekFirst());
        if (readyAt(head) != null && !readyAt(head).isAfter(now)) {
          ready.add(head);
        }
      }
      ready.sort(LEASE_ORDER);
      List<OutboxEntry> leased = new ArrayList<>(Math.min(max, ready.size()));
      for (OutboxEntry e : ready.subList(0, Math.min(max, ready.size()))) {
        OutboxEntry l = new OutboxEntry(e.id(), e.dedupeKey(), e.sequence(), e.message(),
            OutboxEntry.Status.LEASED, e.attempts() + 1, e.enqueuedAt(), e.nextAttemptAt(),
            e.id() + "#" + (++leases), workerId, now.plus(leaseDuration), null, e.lastError(), null);
        byId.put(l.id(), l);
        leased.add(l);
      }
      return leased;
    }
  }

  /** When an unfinished entry may be leased: its retry time, or its lease's expiry. */
  private static Instant readyAt(OutboxEntry e) {
    return e.status() == OutboxEntry.Status.LEASED ? e.leaseExpiresAt() : e.nextAttemptAt();
  }

  @Override
  public boolean ack(String entryId, String leaseToken, String wamid) {
    Objects.requireNonNull(wamid, "wamid");
    synchronized (lock) {
      OutboxEntry e = current(entryId, leaseToken);
      if (e == null) {
        return false;
      }
      finish(new OutboxEntry(e.id(), e.dedupeKey(), e.sequence(), e.message(), OutboxEntry.Status.SENT,
          e.attempts(), e.enqueuedAt(), e.nextAttemptAt(), null, null, null, wamid, e.lastError(),
          clock.instant()));
      return true;
    }
  }

  @Override
  public boolean fail(String entryId, String leaseToken, Instant retryAt, String error) {
    Objects.requireNonNull(retryAt, "retryAt");
    synchronized (lock) {
      OutboxEntry e = current(entryId, leaseToken);
      if (e == null) {
        return false;
      }
      byId.put(e.id(), new OutboxEntry(e.id(), e.dedupeKey(), e.sequence(), e.message(),
          OutboxEntry.Status.PENDING, e.attempts(), e.enqueuedAt(), retryAt, null, null, null, null, error,
          null));
      return true;
    }
  }

  @Override
  public boolean deadLetter(String entryId, String leaseToken, String reason) {
    synchronized (lock) {
      OutboxEntry e = current(entryId, leaseToken);
      if (e == null) {
        return false;
      }
      finish(new OutboxEntry(e.id(), e.dedupeKey(), e.sequence(), e.message(), OutboxEntry.Status.DEAD,
          e.attempts(), e.enqueuedAt(), e.nextAttemptAt(), null, null, null, null, reason, clock.instant()));
      return true;
    }
  }

  @Override
  public boolean markUnconfirmed(String entryId, String leaseToken, String reason) {
    synchronized (lock) {
      OutboxEntry e = current(entryId, leaseToken);
      if (e == null) {
        return false;
      }
      finish(new OutboxEntry(e.id(), e.dedupeKey(), e.sequence(), e.message(), OutboxEntry.Status.UNCONFIRMED,
          e.attempts(), e.enqueuedAt(), e.nextAttemptAt(), null, null, null, null, reason, clock.instant()));
      return true;
    }
  }

  @Override
  public boolean confirm(String entryId, String wamid) {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(wamid, "wamid");
    synchronized (lock) {
      OutboxEntry e = byId.get(entryId);
      if (e == null || e.status() != OutboxEntry.Status.UNCONFIRMED) {
        return false;
      }
      // completedAt stays: the retention sweep walks the finals in completion order.
      byId.put(e.id(), new OutboxEntry(e.id(), e.dedupeKey(), e.sequence(), e.message(), OutboxEntry.Status.SENT,
          e.attempts(), e.enqueuedAt(), e.nextAttemptAt(), null, null, null, wamid, e.lastError(), e.completedAt()));
      return true;
    }
  }

  @Override
  public boolean redrive(String entryId) {
    Objects.requireNonNull(entryId, "entryId");
    synchronized (lock) {
      OutboxEntry e = byId.get(entryId);
      if (e == null || (e.status() != OutboxEntry.Status.DEAD && e.status() != OutboxEntry.Status.UNCONFIRMED)) {
        return false;
      }
      finals.remove(e.id());
      Instant now = clock.instant();
      byId.put(e.id(), new OutboxEntry(e.id(), e.dedupeKey(), e.sequence(), e.message(), OutboxEntry.Status.PENDING,
          0, now, now, null, null, null, null, e.lastError(), null));
      // Back into its group in sequence order: ahead of later entries not sent yet.
      ArrayDeque<String> group = groups.computeIfAbsent(e.message().orderingGroup(), g -> new ArrayDeque<>());
      List<String> ids = new ArrayList<>(group);
      int at = 0;
      while (at < ids.size() && byId.get(ids.get(at)).sequence() < e.sequence()) {
        at++;
      }
      ids.add(at, e.id());
      group.clear();
      group.addAll(ids);
      return true;
    }
  }

  /** The entry if {@code leaseToken} is its current lease (expired or not: nobody else took it yet). */
  private OutboxEntry current(String entryId, String leaseToken) {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(leaseToken, "leaseToken");
    OutboxEntry e = byId.get(entryId);
    return e != null && e.status() == OutboxEntry.Status.LEASED && leaseToken.equals(e.leaseToken()) ? e : null;
  }

  private void finish(OutboxEntry done) {
    byId.put(done.id(), done);
    String group = done.message().orderingGroup();
    ArrayDeque<String> ids = groups.get(group);
    ids.remove(done.id());
    if (ids.isEmpty()) {
      groups.remove(group);
    }
    finals.addLast(done.id());
    sweep();
  }

  /** Drops final entries older than the retention. Called under the lock. */
  private void sweep() {
    Instant cutoff = clock.instant().minus(retention);
    while (!finals.isEmpty()) {
      OutboxEntry oldest = byId.get(finals.peekFirst());
      if (oldest.completedAt().isAfter(cutoff)) {
        return;
      }
      finals.removeFirst();
      byId.remove(oldest.id());
      idByDedupeKey.remove(oldest.dedupeKey(), oldest.id());
    }
  }

  @Override
  public Optional<OutboxEntry> get(String entryId) {
    synchronized (lock) {
      return Optional.ofNullable(byId.get(Objects.requireNonNull(entryId, "entryId")));
    }
  }

  @Override
  public Optional<OutboxEntry> findByDedupeKey(String dedupeKey) {
    synchronized (lock) {
      String id = idByDedupeKey.get(Objects.requireNonNull(dedupeKey, "dedupeKey"));
      return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }
  }

  @Override
  public List<OutboxEntry> list(OutboxEntry.Status status, int limit) {
    Objects.requireNonNull(status, "status");
    synchronized (lock) {
      return byId.values().stream().filter(e -> e.status() == status)
          .sorted(Comparator.comparingLong(OutboxEntry::sequence)).limit(limit).toList();
    }
  }

  @Override
  public long count(OutboxEntry.Status status) {
    Objects.requireNonNull(status, "status");
    synchronized (lock) {
      return byId.values().stream().filter(e -> e.status() == status).count();
    }
  }

  @Override
  public Optional<Instant> nextReadyAt() {
    synchronized (lock) {
      return groups.values().stream().map(g -> readyAt(byId.get(g.peekFirst())))
          .min(Comparator.naturalOrder());
    }
  }
}
