package io.github.whatsapphelpdesk.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue of outbound WhatsApp messages: every message is written here before it is sent, so
 * a crash, a timeout or a duplicate agent-reply webhook neither loses nor repeats it.
 *
 * <p>Life of an entry: {@link #enqueue} (idempotent by dedupe key) -> {@link #lease} (a worker holds it
 * until the lease expires; a crashed worker's entry is leased again) -> {@link #ack} (sent, with the
 * wamid), {@link #fail} (retry at a later time), {@link #deadLetter} (permanent failure) or {@link
 * #markUnconfirmed} (the answer was lost: the message may have been sent). An unconfirmed entry is settled
 * by {@link #confirm} once a status webhook names it; an operator may {@link #redrive} dead and
 * unconfirmed entries.
 *
 * <p><b>Order.</b> Entries of one {@linkplain OutboxMessage#orderingGroup() ordering group} (one
 * conversation) are leased strictly in enqueue order: an entry is not leased while an earlier entry of
 * its group is pending, leased or waiting for a retry. Groups are independent. Among the entries ready
 * to lease, higher {@linkplain io.github.whatsapphelpdesk.ratelimit.Priority priority} goes first, then
 * the oldest.
 *
 * <p><b>Fencing.</b> Each lease has a fresh {@link OutboxEntry#leaseToken()}; ack, fail and dead-letter
 * succeed only with the current token and return false otherwise (the lease expired and the entry went
 * to another worker, or it is already final).
 *
 * <p><b>Poison messages.</b> The outbox never gives up on its own: {@link OutboxEntry#attempts()} counts
 * leases (including expired ones), and the sender dead-letters an entry once it exceeds its retry budget.
 *
 * <p>Every operation is atomic on its own, so a SQL backend can implement it ({@code INSERT ... ON
 * CONFLICT (dedupe_key) DO NOTHING}; lease with {@code SELECT ... FOR UPDATE SKIP LOCKED} over the head of
 * each group; conditional {@code UPDATE ... WHERE lease_token = ?}). Implementations are thread-safe.
 */
public interface Outbox {

  /**
   * Adds a message unless an entry with the same dedupe key exists; in both cases returns that entry.
   *
   * @param dedupeKey a stable key for the message (an agent reply's id, a CSAT request's ticket id)
   */
  EnqueueResult enqueue(OutboxMessage message, String dedupeKey);

  /**
   * Leases up to {@code max} entries ready at the current time (their retry time reached, their group's
   * earlier entries final), at most one per group, for {@code leaseDuration}. Increments their attempt
   * count. Returns an empty list when none is ready.
   */
  List<OutboxEntry> lease(String workerId, int max, Duration leaseDuration);

  /** Leases one entry, a shortcut for {@link #lease(String, int, Duration)}. */
  default Optional<OutboxEntry> leaseOne(String workerId, Duration leaseDuration) {
    List<OutboxEntry> leased = lease(workerId, 1, leaseDuration);
    return leased.isEmpty() ? Optional.empty() : Optional.of(leased.get(0));
  }

  /** Marks a leased entry sent. Returns false when {@code leaseToken} is not the current lease. */
  boolean ack(String entryId, String leaseToken, String wamid);

  /**
   * Records a retryable failure: the entry goes back to pending and may be leased again at
   * {@code retryAt} (the caller's backoff). Returns false when {@code leaseToken} is not the current lease.
   *
   * @param error a short reason (an error code and category, never message text)
   */
  boolean fail(String entryId, String leaseToken, Instant retryAt, String error);

  /**
   * Moves a leased entry to the dead letters (a permanent failure); its group's later entries may then be
   * leased. Returns false when {@code leaseToken} is not the current lease.
   */
  boolean deadLetter(String entryId, String leaseToken, String reason);

  /**
   * Records that a leased entry's send has an unknown outcome (status {@link OutboxEntry.Status#UNCONFIRMED}):
   * it is not retried, and its group's later entries may be leased. Returns false when {@code leaseToken} is
   * not the current lease.
   *
   * @param reason a short reason (an error code or exception type, never message text)
   */
  boolean markUnconfirmed(String entryId, String leaseToken, String reason);

  /**
   * Settles an {@link OutboxEntry.Status#UNCONFIRMED} entry as sent with the wamid a status webhook
   * reported. Returns false when the entry is not unconfirmed (unknown, already settled or re-driven).
   */
  boolean confirm(String entryId, String wamid);

  /**
   * An operator's re-drive: puts a {@link OutboxEntry.Status#DEAD} or {@link OutboxEntry.Status#UNCONFIRMED}
   * entry back to PENDING, ready now, with its attempts reset to 0 and {@link OutboxEntry#enqueuedAt()} set
   * to now (the retry window starts again). It keeps its sequence, so it goes out before later entries of
   * its group that are not sent yet. Returns false when the entry is in neither status.
   */
  boolean redrive(String entryId);

  /** The entry with this id, if held. */
  Optional<OutboxEntry> get(String entryId);

  /** The entry enqueued with this dedupe key, if held. */
  Optional<OutboxEntry> findByDedupeKey(String dedupeKey);

  /** Up to {@code limit} entries in a status, oldest first (for operators and tests). */
  List<OutboxEntry> list(OutboxEntry.Status status, int limit);

  /** How many entries are in a status. */
  long count(OutboxEntry.Status status);

  /** The earliest time an entry not yet final could be leased, if any; lets a worker sleep until then. */
  Optional<Instant> nextReadyAt();
}
