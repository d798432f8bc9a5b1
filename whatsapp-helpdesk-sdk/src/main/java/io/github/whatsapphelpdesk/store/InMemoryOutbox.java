package io.github.whatsapphelpdesk.store;

import io.github.whatsapphelpdesk.store.internal.LeaseQueue;
import io.github.whatsapphelpdesk.store.internal.LeaseQueue.Item;
import io.github.whatsapphelpdesk.store.internal.LeaseQueue.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded {@link Outbox}: held in memory behind one lock, lost on restart (use a durable backend
 * when messages must survive a crash). Thread-safe.
 *
 * <p>It runs on the same lease engine as the in-memory inbox: ordering groups leased in sequence order,
 * fencing tokens, lease takeover after expiry. Leasing scans the head of each ordering group, so it costs
 * O(groups with unsent messages). Sent and dead-lettered entries are kept for inspection during the
 * retention (default {@link #DEFAULT_RETENTION}) and then dropped, together with their dedupe keys (an
 * enqueue with a dropped key creates a new entry).
 */
public final class InMemoryOutbox implements Outbox {
  /** How long sent and dead-lettered entries are kept by default. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(1);

  /** The payload of one queue item; {@code wamid} is set once sent. */
  private record Slot(String dedupeKey, OutboxMessage message, String wamid) {}

  /** Higher priority first, then the longest waiting, then enqueue order. */
  private static final Comparator<Item<Slot>> LEASE_ORDER = Comparator
      .comparing((Item<Slot> i) -> i.payload().message().priority())
      .thenComparing(Item::nextAttemptAt)
      .thenComparingLong(Item::sequence);

  private static final Set<String> REDRIVABLE =
      Set.of(OutboxEntry.Status.DEAD.name(), OutboxEntry.Status.UNCONFIRMED.name());

  private final Clock clock;
  private final Object lock = new Object();
  private final LeaseQueue<Slot> queue;
  private final Map<String, String> idByDedupeKey = new HashMap<>();

  private InMemoryOutbox(Clock clock, Duration retention) {
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative");
    }
    // Nothing is ever parked: the parked bounds are unused.
    this.queue = new LeaseQueue<>("ob-", retention, 1, 1, s -> 0, LEASE_ORDER,
        (item, reason) -> idByDedupeKey.remove(item.payload().dedupeKey(), item.id()));
  }

  /** An outbox with the default retention. */
  public static InMemoryOutbox create(Clock clock) {
    return new InMemoryOutbox(clock, DEFAULT_RETENTION);
  }

  /** An outbox that keeps sent and dead-lettered entries for {@code retention} (zero: dropped at once). */
  public static InMemoryOutbox create(Clock clock, Duration retention) {
    return new InMemoryOutbox(clock, retention);
  }

  @Override
  public EnqueueResult enqueue(OutboxMessage message, String dedupeKey) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    synchronized (lock) {
      Instant now = sweep();
      String existing = idByDedupeKey.get(dedupeKey);
      if (existing != null) {
        return new EnqueueResult(entry(queue.get(existing).orElseThrow()), false);
      }
      Item<Slot> item = queue.add(message.orderingGroup(), new Slot(dedupeKey, message, null), now);
      idByDedupeKey.put(dedupeKey, item.id());
      return new EnqueueResult(entry(item), true);
    }
  }

  @Override
  public List<OutboxEntry> lease(String workerId, int max, Duration leaseDuration) {
    synchronized (lock) {
      // One entry per group: the next one waits until this one is final.
      List<Item<Slot>> leased = queue.lease(workerId, max, 1, leaseDuration, sweep());
      List<OutboxEntry> out = new ArrayList<>(leased.size());
      for (Item<Slot> i : leased) {
        out.add(entry(i));
      }
      return out;
    }
  }

  @Override
  public boolean ack(String entryId, String leaseToken, String wamid) {
    Objects.requireNonNull(wamid, "wamid");
    synchronized (lock) {
      Item<Slot> leased = queue.get(Objects.requireNonNull(entryId, "entryId")).orElse(null);
      if (leased == null) {
        return false;
      }
      Slot sent = new Slot(leased.payload().dedupeKey(), leased.payload().message(), wamid);
      return finished(queue.finish(entryId, leaseToken, OutboxEntry.Status.SENT.name(), sent, null,
          clock.instant()));
    }
  }

  @Override
  public boolean fail(String entryId, String leaseToken, Instant retryAt, String error) {
    synchronized (lock) {
      return queue.retry(entryId, leaseToken, retryAt, error) != null;
    }
  }

  @Override
  public boolean deadLetter(String entryId, String leaseToken, String reason) {
    synchronized (lock) {
      return finished(queue.finish(entryId, leaseToken, OutboxEntry.Status.DEAD.name(), null, reason,
          clock.instant()));
    }
  }

  @Override
  public boolean markUnconfirmed(String entryId, String leaseToken, String reason) {
    synchronized (lock) {
      return finished(queue.finish(entryId, leaseToken, OutboxEntry.Status.UNCONFIRMED.name(), null, reason,
          clock.instant()));
    }
  }

  @Override
  public boolean confirm(String entryId, String wamid) {
    Objects.requireNonNull(wamid, "wamid");
    synchronized (lock) {
      Item<Slot> e = queue.get(Objects.requireNonNull(entryId, "entryId")).orElse(null);
      if (e == null) {
        return false;
      }
      Slot sent = new Slot(e.payload().dedupeKey(), e.payload().message(), wamid);
      return queue.relabel(entryId, OutboxEntry.Status.UNCONFIRMED.name(), OutboxEntry.Status.SENT.name(), sent)
          != null;
    }
  }

  @Override
  public boolean redrive(String entryId) {
    synchronized (lock) {
      return queue.reopen(Objects.requireNonNull(entryId, "entryId"), REDRIVABLE, sweep()) != null;
    }
  }

  /** After a finish: false when the token was stale; drops the key of an entry the queue dropped at once. */
  private boolean finished(Item<Slot> done) {
    if (done == null) {
      return false;
    }
    if (queue.get(done.id()).isEmpty()) {
      // A zero retention drops final entries at once, without telling the drop listener.
      idByDedupeKey.remove(done.payload().dedupeKey(), done.id());
    }
    return true;
  }

  /** Drops final entries past the retention; returns the time read for this operation. Under the lock. */
  private Instant sweep() {
    Instant now = clock.instant();
    queue.sweep(now);
    return now;
  }

  @Override
  public Optional<OutboxEntry> get(String entryId) {
    Objects.requireNonNull(entryId, "entryId");
    synchronized (lock) {
      sweep();
      return queue.get(entryId).map(InMemoryOutbox::entry);
    }
  }

  @Override
  public Optional<OutboxEntry> findByDedupeKey(String dedupeKey) {
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    synchronized (lock) {
      sweep();
      String id = idByDedupeKey.get(dedupeKey);
      return id == null ? Optional.empty() : queue.get(id).map(InMemoryOutbox::entry);
    }
  }

  @Override
  public List<OutboxEntry> list(OutboxEntry.Status status, int limit) {
    Objects.requireNonNull(status, "status");
    synchronized (lock) {
      sweep();
      return queue.list(i -> status(i) == status, limit).stream().map(InMemoryOutbox::entry).toList();
    }
  }

  @Override
  public long count(OutboxEntry.Status status) {
    Objects.requireNonNull(status, "status");
    synchronized (lock) {
      sweep();
      return switch (status) {
        case PENDING -> queue.count(State.PENDING);
        case LEASED -> queue.count(State.LEASED);
        case SENT, DEAD, UNCONFIRMED -> queue.countFinal(status.name());
      };
    }
  }

  @Override
  public Optional<Instant> nextReadyAt() {
    synchronized (lock) {
      return queue.nextReadyAt();
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "InMemoryOutbox[" + queue.unfinished() + " unfinished, " + queue.count(State.FINAL) + " final]";
    }
  }

  private static OutboxEntry.Status status(Item<Slot> i) {
    return switch (i.state()) {
      case PENDING -> OutboxEntry.Status.PENDING;
      case LEASED -> OutboxEntry.Status.LEASED;
      case FINAL, PARKED -> OutboxEntry.Status.valueOf(i.outcome());
    };
  }

  private static OutboxEntry entry(Item<Slot> i) {
    Slot s = i.payload();
    return new OutboxEntry(i.id(), s.dedupeKey(), i.sequence(), s.message(), status(i), i.attempts(),
        i.createdAt(), i.nextAttemptAt(), i.leaseToken(), i.leaseOwner(), i.leaseExpiresAt(), s.wamid(),
        i.lastError(), i.finishedAt());
  }
}
