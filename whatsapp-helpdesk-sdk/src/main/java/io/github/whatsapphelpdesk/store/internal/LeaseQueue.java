package io.github.whatsapphelpdesk.store.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * An in-memory lease queue, generic in its payload: the engine under the in-memory inbox and outbox.
 * Items belong to ordering groups ("lanes"); within a group they are leased strictly in
 * sequence order, groups are independent.
 *
 * <p>States: {@link State#PENDING} (waiting, possibly until a retry time), {@link State#LEASED} (held by a
 * worker under a token until the lease expires; an expired lease may be taken over), {@link State#FINAL}
 * (kept for the final retention, then dropped; a zero retention drops it at once) and {@link State#PARKED}
 * (kept aside, does not block its group, may be put back at the tail of its group; bounded by count and by
 * weight, the oldest dropped first). FINAL and PARKED items carry an {@code outcome} label chosen by the
 * caller ({@code DONE}, {@code SENT}, {@code REJECTED}, {@code UNPARSEABLE}, ...).
 *
 * <p><b>Not thread-safe:</b> the owning store calls it under its own single lock, so that it can combine a
 * queue operation with its other state (a dedupe table) in one atomic step. Every time is passed in by the
 * caller (one clock reading per store operation).
 *
 * @param <P> the payload type (immutable)
 */
public final class LeaseQueue<P> {

  /** Where an item is in its life. */
  public enum State {
    /** Waiting to be leased (at or after its next attempt time). */
    PENDING,
    /** Held by a worker until its lease expires. */
    LEASED,
    /** Finished; kept for the final retention. */
    FINAL,
    /** Kept aside (a permanent failure, an unusable input); does not block its group. */
    PARKED
  }

  /** Why an item was dropped. */
  public enum DropReason {
    /** A final item outlived the final retention. */
    RETENTION,
    /** The parked items exceeded their count or weight bound; the oldest went. */
    PARKED_OVERFLOW
  }

  /** Told about items the queue drops on its own (under the owner's lock: must be fast, must not call back). */
  @FunctionalInterface
  public interface DropListener<P> {
    /** {@code item} was dropped for {@code reason}. */
    void dropped(Item<P> item, DropReason reason);
  }

  /**
   * One item, immutable; every change makes a new one.
   *
   * @param id the item's id, stable for its life
   * @param group the ordering group
   * @param sequence the position in the group (queue-wide increasing; a new one when put back from parked)
   * @param payload the caller's payload
   * @param state the state
   * @param outcome the caller's label of a FINAL or PARKED item, else null
   * @param attempts how many times the item was leased (reset when put back from parked)
   * @param createdAt when the item was added
   * @param nextAttemptAt the earliest time a PENDING item may be leased
   * @param leaseToken the current lease's token (LEASED only)
   * @param leaseOwner the worker holding the lease (LEASED only)
   * @param leaseExpiresAt when the lease expires (LEASED only)
   * @param lastError the last retry error or park reason, or null
   * @param finishedAt when the item became FINAL or PARKED, else null
   */
  public record Item<P>(String id, String group, long sequence, P payload, State state, String outcome,
      int attempts, Instant createdAt, Instant nextAttemptAt, String leaseToken, String leaseOwner,
      Instant leaseExpiresAt, String lastError, Instant finishedAt) {

    /** When this unfinished item may be leased: its retry time, or its lease's expiry; null when finished. */
    public Instant readyAt() {
      return switch (state) {
        case PENDING -> nextAttemptAt;
        case LEASED -> leaseExpiresAt;
        default -> null;
      };
    }

    boolean readyBy(Instant now) {
      Instant at = readyAt();
      return at != null && !at.isAfter(now);
    }

    Item<P> with(long seq, State st, String out, int att, Instant next, String token, String owner,
        Instant expires, String error, Instant finished) {
      return new Item<>(id, group, seq, payload, st, out, att, createdAt, next, token, owner, expires, error,
          finished);
    }
  }

  private final String idPrefix;
  private final Duration finalRetention;
  private final int maxParked;
  private final long maxParkedWeight;
  private final ToLongFunction<P> weigher;
  private final Comparator<Item<P>> groupOrder;
  private final DropListener<P> dropListener;

  private final Map<String, Item<P>> byId = new HashMap<>();
  /** Unfinished item ids per group in sequence order; the first is the group's head. */
  private final Map<String, ArrayDeque<String>> groups = new LinkedHashMap<>();
  /** Final item ids in finishing order, for the retention sweep. */
  private final ArrayDeque<String> finals = new ArrayDeque<>();
  /** Parked item ids in parking order, for the bound. */
  private final ArrayDeque<String> parked = new ArrayDeque<>();
  private final EnumMap<State, Long> counts = new EnumMap<>(State.class);
  private final Map<String, Long> parkedByOutcome = new HashMap<>();
  private final Map<String, Long> finalByOutcome = new HashMap<>();
  private long parkedWeight;
  private long ids;
  private long sequence;
  private long leases;

  /**
   * A queue.
   *
   * @param idPrefix the prefix of item ids and lease tokens
   * @param finalRetention how long final items are kept (zero: dropped when they become final)
   * @param maxParked the most parked items kept (at least 1)
   * @param maxParkedWeight the most total weight of parked items kept (at least 1)
   * @param weigher the weight of a payload (bytes, say); 0 for weightless payloads
   * @param groupOrder which ready groups are leased first when more are ready than asked for, by their
   *     heads; null for the head's ready time, then sequence
   * @param dropListener told about items dropped by the retention or the parked bound
   */
  public LeaseQueue(String idPrefix, Duration finalRetention, int maxParked, long maxParkedWeight,
      ToLongFunction<P> weigher, Comparator<Item<P>> groupOrder, DropListener<P> dropListener) {
    this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix");
    this.finalRetention = Objects.requireNonNull(finalRetention, "finalRetention");
    if (finalRetention.isNegative()) {
      throw new IllegalArgumentException("finalRetention must not be negative");
    }
    if (maxParked < 1 || maxParkedWeight < 1) {
      throw new IllegalArgumentException("parked bounds must be >= 1");
    }
    this.maxParked = maxParked;
    this.maxParkedWeight = maxParkedWeight;
    this.weigher = Objects.requireNonNull(weigher, "weigher");
    this.groupOrder = groupOrder != null ? groupOrder
        : Comparator.comparing((Item<P> i) -> i.readyAt()).thenComparingLong(Item::sequence);
    this.dropListener = Objects.requireNonNull(dropListener, "dropListener");
    for (State s : State.values()) {
      counts.put(s, 0L);
    }
  }

  // ------------------------------------------------------------------------------------------- adding

  /** Adds a PENDING item at the tail of {@code group}, ready at {@code now}. */
  public Item<P> add(String group, P payload, Instant now) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(now, "now");
    Item<P> item = new Item<>(idPrefix + (++ids), group, ++sequence, payload, State.PENDING, null, 0, now, now,
        null, null, null, null, null);
    put(item);
    groups.computeIfAbsent(group, g -> new ArrayDeque<>()).addLast(item.id());
    return item;
  }

  /** Adds an item directly as PARKED with {@code outcome} (an input kept aside, never leased until put back). */
  public Item<P> addParked(String group, P payload, String outcome, String reason, Instant now) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(outcome, "outcome");
    Item<P> item = new Item<>(idPrefix + (++ids), group, ++sequence, payload, State.PARKED, outcome, 0, now, now,
        null, null, null, reason, now);
    put(item);
    addParkedId(item);
    return item;
  }

  // ------------------------------------------------------------------------------------------ leasing

  /**
   * Leases, for up to {@code maxGroups} groups, the group's head run: up to {@code maxPerGroup} consecutive
   * items from the head that are each ready at {@code now} (PENDING past their retry time, or LEASED with an
   * expired lease, which is taken over). A group whose head is not ready is skipped. All items of one group
   * share one fresh token; attempts are incremented. Returned group by group, each in sequence order.
   */
  public List<Item<P>> lease(String owner, int maxGroups, int maxPerGroup, Duration leaseDuration, Instant now) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    if (maxGroups < 1 || maxPerGroup < 1) {
      throw new IllegalArgumentException("maxGroups and maxPerGroup must be >= 1");
    }
    if (leaseDuration.isNegative() || leaseDuration.isZero()) {
      throw new IllegalArgumentException("leaseDuration must be positive");
    }
    List<Item<P>> heads = new ArrayList<>();
    for (ArrayDeque<String> ids : groups.values()) {
      Item<P> head = byId.get(ids.peekFirst());
      if (head.readyBy(now)) {
        heads.add(head);
      }
    }
    heads.sort(groupOrder);
    Instant expires = now.plus(leaseDuration);
    List<Item<P>> leased = new ArrayList<>();
    for (Item<P> head : heads.subList(0, Math.min(maxGroups, heads.size()))) {
      String token = idPrefix + "lease-" + (++leases);
      int taken = 0;
      for (String id : groups.get(head.group())) {
        Item<P> e = byId.get(id);
        if (taken == maxPerGroup || !e.readyBy(now)) {
          break;
        }
        Item<P> l = e.with(e.sequence(), State.LEASED, null, e.attempts() + 1, e.nextAttemptAt(), token, owner,
            expires, e.lastError(), null);
        put(l);
        leased.add(l);
        taken++;
      }
    }
    return leased;
  }

  /** The item if {@code token} is its current lease (expired or not: nobody took it over yet), else null. */
  private Item<P> current(String id, String token) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(token, "token");
    Item<P> e = byId.get(id);
    return e != null && e.state() == State.LEASED && token.equals(e.leaseToken()) ? e : null;
  }

  /**
   * Makes a leased item FINAL with {@code outcome}, optionally replacing its payload (null keeps it).
   * Returns the final item, or null when {@code token} is not the item's current lease.
   */
  public Item<P> finish(String id, String token, String outcome, P newPayload, String note, Instant now) {
    Objects.requireNonNull(outcome, "outcome");
    Item<P> e = current(id, token);
    if (e == null) {
      return null;
    }
    removeFromGroup(e);
    Item<P> f = new Item<>(e.id(), e.group(), e.sequence(), newPayload != null ? newPayload : e.payload(),
        State.FINAL, outcome, e.attempts(), e.createdAt(), e.nextAttemptAt(), null, null, null,
        note != null ? note : e.lastError(), now);
    put(f);
    finals.addLast(f.id());
    finalByOutcome.merge(outcome, 1L, Long::sum);
    sweep(now);
    return f;
  }

  /**
   * Relabels a FINAL item whose outcome is {@code expected} (a send confirmed after the fact, say), keeping
   * its finishing time (the retention runs from it). Returns the item, or null when it is not such an item.
   */
  public Item<P> relabel(String id, String expected, String outcome, P newPayload) {
    Item<P> e = byId.get(Objects.requireNonNull(id, "id"));
    if (e == null || e.state() != State.FINAL || !expected.equals(e.outcome())) {
      return null;
    }
    Item<P> f = new Item<>(e.id(), e.group(), e.sequence(), newPayload != null ? newPayload : e.payload(),
        State.FINAL, outcome, e.attempts(), e.createdAt(), e.nextAttemptAt(), null, null, null, e.lastError(),
        e.finishedAt());
    put(f);
    finalByOutcome.merge(expected, -1L, Long::sum);
    finalByOutcome.merge(outcome, 1L, Long::sum);
    return f;
  }

  /**
   * Puts a FINAL item whose outcome is one of {@code outcomes} back to PENDING, ready at {@code now}, with
   * attempts reset and {@code createdAt} set to {@code now}. It keeps its sequence, so it goes back into its
   * group ahead of later unfinished items. Returns the item, or null when it is not such an item.
   */
  public Item<P> reopen(String id, Set<String> outcomes, Instant now) {
    Item<P> e = byId.get(Objects.requireNonNull(id, "id"));
    if (e == null || e.state() != State.FINAL || !outcomes.contains(e.outcome())) {
      return null;
    }
    finals.remove(id);
    finalByOutcome.merge(e.outcome(), -1L, Long::sum);
    Item<P> r = new Item<>(e.id(), e.group(), e.sequence(), e.payload(), State.PENDING, null, 0, now, now, null,
        null, null, e.lastError(), null);
    put(r);
    ArrayDeque<String> group = groups.computeIfAbsent(r.group(), g -> new ArrayDeque<>());
    List<String> ids = new ArrayList<>(group);
    int at = 0;
    while (at < ids.size() && byId.get(ids.get(at)).sequence() < r.sequence()) {
      at++;
    }
    ids.add(at, r.id());
    group.clear();
    group.addAll(ids);
    return r;
  }

  /**
   * Puts a leased item back to PENDING until {@code retryAt}; the later items of its group leased under the
   * same token go back to PENDING too (their lease is void), so the group stays in order. Returns the
   * item, or null when {@code token} is not the item's current lease.
   */
  public Item<P> retry(String id, String token, Instant retryAt, String error) {
    Objects.requireNonNull(retryAt, "retryAt");
    Item<P> e = current(id, token);
    if (e == null) {
      return null;
    }
    Item<P> r = e.with(e.sequence(), State.PENDING, null, e.attempts(), retryAt, null, null, null, error, null);
    put(r);
    for (String laterId : groups.get(e.group())) {
      Item<P> later = byId.get(laterId);
      if (later.sequence() > e.sequence() && later.state() == State.LEASED && token.equals(later.leaseToken())) {
        put(later.with(later.sequence(), State.PENDING, null, later.attempts(), later.nextAttemptAt(), null, null,
            null, later.lastError(), null));
      }
    }
    return r;
  }

  /**
   * Parks a leased item with {@code outcome} (it no longer blocks its group). Returns the parked item, or
   * null when {@code token} is not the item's current lease.
   */
  public Item<P> park(String id, String token, String outcome, String reason, Instant now) {
    Objects.requireNonNull(outcome, "outcome");
    Item<P> e = current(id, token);
    if (e == null) {
      return null;
    }
    removeFromGroup(e);
    Item<P> p = e.with(e.sequence(), State.PARKED, outcome, e.attempts(), e.nextAttemptAt(), null, null, null,
        reason, now);
    put(p);
    addParkedId(p);
    return p;
  }

  /**
   * Puts every parked item with {@code outcome} back to PENDING at the tail of its group (in their old
   * order, with new sequences, attempts reset, ready at {@code now}). Returns how many.
   */
  public int unpark(String outcome, Instant now) {
    Objects.requireNonNull(outcome, "outcome");
    List<Item<P>> back = new ArrayList<>();
    for (Iterator<String> it = parked.iterator(); it.hasNext(); ) {
      Item<P> p = byId.get(it.next());
      if (outcome.equals(p.outcome())) {
        it.remove();
        back.add(p);
      }
    }
    back.sort(Comparator.comparingLong(Item::sequence));
    for (Item<P> p : back) {
      parkedWeight -= weigher.applyAsLong(p.payload());
      parkedByOutcome.merge(outcome, -1L, Long::sum);
      Item<P> r = p.with(++sequence, State.PENDING, null, 0, now, null, null, null, p.lastError(), null);
      put(r);
      groups.computeIfAbsent(r.group(), g -> new ArrayDeque<>()).addLast(r.id());
    }
    return back.size();
  }

  /** Removes a parked item (an operator dealt with it); returns it, or null when {@code id} is not parked. */
  public Item<P> dropParked(String id) {
    Objects.requireNonNull(id, "id");
    Item<P> p = byId.get(id);
    if (p == null || p.state() != State.PARKED) {
      return null;
    }
    parked.remove(id);
    parkedWeight -= weigher.applyAsLong(p.payload());
    parkedByOutcome.merge(p.outcome(), -1L, Long::sum);
    remove(p);
    return p;
  }

  // --------------------------------------------------------------------------------------- inspection

  /** The item with this id, if held. */
  public Optional<Item<P>> get(String id) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
  }

  /** Up to {@code limit} held items matching {@code filter}, in sequence order. */
  public List<Item<P>> list(Predicate<Item<P>> filter, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0");
    }
    return byId.values().stream().filter(filter).sorted(Comparator.comparingLong(Item::sequence)).limit(limit)
        .toList();
  }

  /** How many items are held in a state. */
  public long count(State state) {
    return counts.get(Objects.requireNonNull(state, "state"));
  }

  /** How many items are parked with {@code outcome}. */
  public long countParked(String outcome) {
    return parkedByOutcome.getOrDefault(outcome, 0L);
  }

  /** How many final items with {@code outcome} are held (within the final retention). */
  public long countFinal(String outcome) {
    return finalByOutcome.getOrDefault(outcome, 0L);
  }

  /** How many items are unfinished (PENDING or LEASED). */
  public long unfinished() {
    return counts.get(State.PENDING) + counts.get(State.LEASED);
  }

  /** The earliest time a group's head may be leased (possibly in the past), if any group is unfinished. */
  public Optional<Instant> nextReadyAt() {
    Instant min = null;
    for (ArrayDeque<String> ids : groups.values()) {
      Instant at = byId.get(ids.peekFirst()).readyAt();
      if (min == null || at.isBefore(min)) {
        min = at;
      }
    }
    return Optional.ofNullable(min);
  }

  /** Drops final items older than the retention. */
  public void sweep(Instant now) {
    Instant cutoff = now.minus(finalRetention);
    while (!finals.isEmpty()) {
      Item<P> oldest = byId.get(finals.peekFirst());
      if (oldest.finishedAt().isAfter(cutoff)) {
        return;
      }
      finals.removeFirst();
      finalByOutcome.merge(oldest.outcome(), -1L, Long::sum);
      remove(oldest);
      if (!finalRetention.isZero()) {
        dropListener.dropped(oldest, DropReason.RETENTION);
      }
    }
  }

  // -------------------------------------------------------------------------------------------- state

  private void put(Item<P> item) {
    Item<P> old = byId.put(item.id(), item);
    if (old != null) {
      counts.merge(old.state(), -1L, Long::sum);
    }
    counts.merge(item.state(), 1L, Long::sum);
  }

  private void remove(Item<P> item) {
    byId.remove(item.id());
    counts.merge(item.state(), -1L, Long::sum);
  }

  private void removeFromGroup(Item<P> e) {
    ArrayDeque<String> ids = groups.get(e.group());
    ids.remove(e.id());
    if (ids.isEmpty()) {
      groups.remove(e.group());
    }
  }

  private void addParkedId(Item<P> p) {
    parked.addLast(p.id());
    parkedWeight += weigher.applyAsLong(p.payload());
    parkedByOutcome.merge(p.outcome(), 1L, Long::sum);
    // Keep the newest one even when it alone exceeds the weight bound.
    while (parked.size() > maxParked || (parkedWeight > maxParkedWeight && parked.size() > 1)) {
      Item<P> oldest = byId.get(parked.removeFirst());
      parkedWeight -= weigher.applyAsLong(oldest.payload());
      parkedByOutcome.merge(oldest.outcome(), -1L, Long::sum);
      remove(oldest);
      dropListener.dropped(oldest, DropReason.PARKED_OVERFLOW);
    }
  }
}
