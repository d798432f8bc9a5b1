package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.error.StoreFullException;
import io.github.whatsapphelpdesk.store.internal.LeaseQueue;
import io.github.whatsapphelpdesk.store.internal.LeaseQueue.Item;
import io.github.whatsapphelpdesk.store.internal.LeaseQueue.State;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link Inbox}: in process memory behind one lock, lost on restart (use a durable backend
 * when accepted events must survive a crash). Thread-safe.
 *
 * <p>Memory is bounded: idempotency keys are held in an {@link InMemoryIdempotencyStore} of {@link
 * Builder#maxKeys} keys (oldest evicted first, so a very late redelivery of an evicted key would be
 * recorded again); unfinished entries are bounded by {@link Builder#maxUnfinished} ({@link #record} then
 * throws {@link StoreFullException} and the handler answers 5xx, so Meta redelivers later); REJECTED and
 * UNPARSEABLE entries are bounded by {@link Builder#maxKept} entries and {@link Builder#maxKeptBytes} raw
 * bytes, the oldest dropped first with an ERROR log (ids and times only). DONE entries are dropped at once;
 * only their keys stay.
 *
 * <p>Leasing scans the head of each lane with unfinished entries, so it costs O(such lanes).
 */
public final class InMemoryInbox implements Inbox {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryInbox.class);
  private static final String UNPARSEABLE_LANE = "unparseable";

  /** The payload of one queue item. */
  private record Slot(String key, String lane, WebhookEvent event, byte[] raw) {}

  private final Clock clock;
  private final Duration dedupeRetention;
  private final Duration errorDedupeRetention;
  private final int maxUnfinished;
  private final Object lock = new Object();
  private final InMemoryIdempotencyStore keys;
  private final LeaseQueue<Slot> queue;
  /** Entry ids of the UNPARSEABLE bodies held, by key, so the same bytes are kept once. */
  private final Map<String, String> unparseableIds = new HashMap<>();

  private InMemoryInbox(Builder b) {
    this.clock = b.clock;
    this.dedupeRetention = b.dedupeRetention;
    this.errorDedupeRetention = b.errorDedupeRetention;
    this.maxUnfinished = b.maxUnfinished;
    this.keys = InMemoryIdempotencyStore.builder().clock(b.clock).maxEntries(b.maxKeys).build();
    this.queue = new LeaseQueue<>("in-", Duration.ZERO, b.maxKept, b.maxKeptBytes,
        s -> s.raw() == null ? 0 : s.raw().length,
        Comparator.comparingLong(Item::sequence), this::dropped);
  }

  /** An inbox with the defaults on {@code clock}. */
  public static InMemoryInbox create(Clock clock) {
    return builder().clock(clock).build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<InboxEntry> record(List<WebhookEvent> events) {
    Objects.requireNonNull(events, "events");
    for (WebhookEvent e : events) {
      Objects.requireNonNull(e, "event");
    }
    List<String> normal = new ArrayList<>(events.size());
    List<String> errors = new ArrayList<>(0);
    for (WebhookEvent e : events) {
      (e instanceof ErrorEvent ? errors : normal).add(e.idempotencyKey());
    }
    synchronized (lock) {
      if (queue.unfinished() + events.size() > maxUnfinished) {
        throw new StoreFullException("inbox", maxUnfinished, "unfinished entries");
      }
      boolean[] wonNormal = keys.claimAll(normal, dedupeRetention);
      boolean[] wonErrors = keys.claimAll(errors, errorDedupeRetention);
      Instant now = clock.instant();
      List<InboxEntry> fresh = new ArrayList<>(events.size());
      for (int i = 0, n = 0, r = 0; i < events.size(); i++) {
        WebhookEvent e = events.get(i);
        boolean won = e instanceof ErrorEvent ? wonErrors[r++] : wonNormal[n++];
        if (won) {
          String lane = Inbox.laneKey(e);
          fresh.add(entry(queue.add(lane, new Slot(e.idempotencyKey(), lane, e, null), now)));
        }
      }
      return fresh;
    }
  }

  @Override
  public InboxEntry recordUnparseable(byte[] body, String reason) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(reason, "reason");
    byte[] copy = body.clone();
    String key = "unparseable:" + sha256Hex(copy);
    synchronized (lock) {
      String existing = unparseableIds.get(key);
      if (existing != null) {
        return entry(queue.get(existing).orElseThrow());
      }
      Item<Slot> item = queue.addParked(UNPARSEABLE_LANE, new Slot(key, UNPARSEABLE_LANE, null, copy),
          InboxEntry.Status.UNPARSEABLE.name(), reason, clock.instant());
      unparseableIds.put(key, item.id());
      return entry(item);
    }
  }

  @Override
  public List<InboxEntry> lease(String workerId, int maxLanes, int maxPerLane, Duration leaseDuration) {
    synchronized (lock) {
      List<Item<Slot>> leased = queue.lease(workerId, maxLanes, maxPerLane, leaseDuration, clock.instant());
      List<InboxEntry> out = new ArrayList<>(leased.size());
      for (Item<Slot> i : leased) {
        out.add(entry(i));
      }
      return out;
    }
  }

  @Override
  public boolean complete(String entryId, String leaseToken) {
    synchronized (lock) {
      return queue.finish(entryId, leaseToken, InboxEntry.Status.DONE.name(), null, null, clock.instant()) != null;
    }
  }

  @Override
  public boolean retry(String entryId, String leaseToken, Instant retryAt, String error) {
    synchronized (lock) {
      return queue.retry(entryId, leaseToken, retryAt, error) != null;
    }
  }

  @Override
  public boolean reject(String entryId, String leaseToken, String reason) {
    synchronized (lock) {
      return queue.park(entryId, leaseToken, InboxEntry.Status.REJECTED.name(), reason, clock.instant()) != null;
    }
  }

  @Override
  public int replayRejected() {
    synchronized (lock) {
      return queue.unpark(InboxEntry.Status.REJECTED.name(), clock.instant());
    }
  }

  @Override
  public boolean dismiss(String entryId) {
    synchronized (lock) {
      Item<Slot> item = queue.dropParked(entryId);
      if (item == null) {
        return false;
      }
      if (item.payload().event() == null) {
        unparseableIds.remove(item.payload().key(), item.id());
      }
      return true;
    }
  }

  @Override
  public Optional<InboxEntry> get(String entryId) {
    synchronized (lock) {
      return queue.get(entryId).map(InMemoryInbox::entry);
    }
  }

  @Override
  public List<InboxEntry> list(InboxEntry.Status status, int limit) {
    Objects.requireNonNull(status, "status");
    synchronized (lock) {
      return queue.list(i -> status(i) == status, limit).stream().map(InMemoryInbox::entry).toList();
    }
  }

  @Override
  public long count(InboxEntry.Status status) {
    Objects.requireNonNull(status, "status");
    synchronized (lock) {
      return switch (status) {
        case PENDING -> queue.count(State.PENDING);
        case LEASED -> queue.count(State.LEASED);
        case DONE -> queue.count(State.FINAL);
        case REJECTED, UNPARSEABLE -> queue.countParked(status.name());
      };
    }
  }

  @Override
  public Optional<Instant> nextReadyAt() {
    synchronized (lock) {
      return queue.nextReadyAt();
    }
  }

  /** How many unexpired idempotency keys were evicted early because {@link Builder#maxKeys} was reached. */
  public long keysEvictedBeforeExpiry() {
    return keys.evictedBeforeExpiry();
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "InMemoryInbox[" + queue.unfinished() + " unfinished, " + queue.count(State.PARKED) + " kept]";
    }
  }

  // -----------------------------------------------------------------------------------------------

  /** Called by the queue under the lock. */
  private void dropped(Item<Slot> item, LeaseQueue.DropReason reason) {
    if (item.payload().event() == null) {
      unparseableIds.remove(item.payload().key(), item.id());
    }
    // Ids, kinds and times only: no lane key (it holds a phone number), no body.
    LOG.error("Inbox kept-entry bound reached: dropped the oldest {} entry {} ({}, received {}, reason {})",
        item.outcome(), item.id(), kind(item.payload()), item.createdAt(), reason);
  }

  private static String kind(Slot s) {
    return s.event() != null ? s.event().getClass().getSimpleName() : s.raw().length + " raw bytes";
  }

  private static InboxEntry.Status status(Item<Slot> i) {
    return switch (i.state()) {
      case PENDING -> InboxEntry.Status.PENDING;
      case LEASED -> InboxEntry.Status.LEASED;
      case FINAL -> InboxEntry.Status.DONE;
      case PARKED -> InboxEntry.Status.valueOf(i.outcome());
    };
  }

  private static InboxEntry entry(Item<Slot> i) {
    InboxEntry.Status status = status(i);
    Slot s = i.payload();
    return new InboxEntry(i.id(), s.key(), s.lane(), i.sequence(), status == InboxEntry.Status.DONE ? null : s.event(),
        s.raw(), status, i.attempts(), i.createdAt(), i.nextAttemptAt(), i.leaseToken(), i.leaseOwner(),
        i.leaseExpiresAt(), i.lastError(), i.finishedAt());
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Builds an {@link InMemoryInbox}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration dedupeRetention = Duration.ofDays(8);
    private Duration errorDedupeRetention = Duration.ofHours(1);
    private int maxKeys = 100_000;
    private int maxUnfinished = 100_000;
    private int maxKept = 10_000;
    private long maxKeptBytes = 64L * 1024 * 1024;

    private Builder() {}

    /** The clock of receipt, lease and retry times and of key expiry (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long an idempotency key is remembered (default 8 days, past Meta's 7-day redeliveries). */
    public Builder dedupeRetention(Duration retention) {
      this.dedupeRetention = positive(retention);
      return this;
    }

    /**
     * How long the key of a value-level {@link ErrorEvent} is remembered (default 1 hour): such errors carry
     * no id, so the same error recurring later has the same key; a short window drops redeliveries without
     * hiding real recurrences.
     */
    public Builder errorDedupeRetention(Duration retention) {
      this.errorDedupeRetention = positive(retention);
      return this;
    }

    /** The most idempotency keys remembered (default 100,000; at least 16); the oldest is evicted first. */
    public Builder maxKeys(int maxKeys) {
      if (maxKeys < 16) {
        throw new IllegalArgumentException("maxKeys must be >= 16, was " + maxKeys);
      }
      this.maxKeys = maxKeys;
      return this;
    }

    /** The most PENDING and LEASED entries held (default 100,000); beyond it {@link #record} refuses. */
    public Builder maxUnfinished(int maxUnfinished) {
      if (maxUnfinished < 1) {
        throw new IllegalArgumentException("maxUnfinished must be >= 1, was " + maxUnfinished);
      }
      this.maxUnfinished = maxUnfinished;
      return this;
    }

    /** The most REJECTED and UNPARSEABLE entries kept (default 10,000); the oldest is dropped first. */
    public Builder maxKept(int maxKept) {
      if (maxKept < 1) {
        throw new IllegalArgumentException("maxKept must be >= 1, was " + maxKept);
      }
      this.maxKept = maxKept;
      return this;
    }

    /**
     * The most raw bytes of UNPARSEABLE entries kept (default 64 MB); the oldest kept entries are dropped
     * first (the newest one is always kept).
     */
    public Builder maxKeptBytes(long maxKeptBytes) {
      if (maxKeptBytes < 1) {
        throw new IllegalArgumentException("maxKeptBytes must be >= 1, was " + maxKeptBytes);
      }
      this.maxKeptBytes = maxKeptBytes;
      return this;
    }

    private static Duration positive(Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("duration must be positive");
      }
      return d;
    }

    /** Builds the inbox. */
    public InMemoryInbox build() {
      return new InMemoryInbox(this);
    }
  }
}
