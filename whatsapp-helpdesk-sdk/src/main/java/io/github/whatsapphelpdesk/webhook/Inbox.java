package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.customer.Customer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable inbox of accepted webhook events: nothing is lost between Meta's "200 OK" and the helpdesk.
 * The {@link WebhookHandler} {@linkplain #record records} a delivery's events before it answers 200 (the
 * claim of their idempotency keys and the record are one atomic step, so the inbox is also the dedupe);
 * the consumer (the bridge) {@linkplain #lease leases} them, in order per conversation, and marks each
 * {@linkplain #complete done}, {@linkplain #retry for retry} or {@linkplain #reject rejected}. Entries a
 * crashed worker held are leased again once their lease expires, so a restart replays what was unfinished.
 *
 * <p>Life of an entry: {@code PENDING} -> {@code LEASED} -> {@code DONE} (the event is dropped, its key kept
 * for the dedupe retention), back to {@code PENDING} (retry, or an expired lease taken over) or {@code
 * REJECTED} (permanent; kept, bounded, replayable with {@link #replayRejected()}). Signed bodies that could
 * not be parsed are kept as {@code UNPARSEABLE} with their raw bytes (bounded); they are never leased.
 *
 * <p><b>Order.</b> Every event belongs to a lane ({@link #laneKey(WebhookEvent)}: one business number and
 * customer). Entries of one lane are leased in {@link InboxEntry#sequence()} order: an entry is not ready
 * while an earlier entry of its lane is pending, leased or waiting for its retry time. REJECTED entries do
 * not block their lane. Lanes are independent.
 *
 * <p><b>Fencing.</b> Each lease has a fresh token, shared by the entries of one lane leased in one call.
 * {@link #complete}, {@link #retry} and {@link #reject} succeed only with the entry's current token and
 * return false otherwise (the lease expired and another worker took the entry over, or it is no longer
 * leased). An expired lease stays valid until another worker takes the entry over.
 *
 * <p><b>Dedupe.</b> Keys are kept for the dedupe retention (8 days by default, past Meta's 7-day
 * redelivery window; value-level {@link ErrorEvent}s, which carry no id, for a short window only), also
 * after the entry is done or dropped.
 *
 * <p>SPI: the SDK ships {@link InMemoryInbox}. Every operation is atomic on its own so a SQL backend can
 * implement it: {@code INSERT ... ON CONFLICT (idempotency_key) DO NOTHING RETURNING} for {@link #record};
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} over the head run of each lane for {@link #lease}; conditional
 * {@code UPDATE ... WHERE lease_token = ?} for the rest. Implementations are thread-safe, and run the
 * contract kit {@code io.github.whatsapphelpdesk.testkit.contract.store.InboxContractTest} of {@code
 * sdk-testkit}.
 */
public interface Inbox {

  /**
   * Records the events of one delivery whose {@link WebhookEvent#idempotencyKey()} was not recorded before,
   * atomically: claiming the keys and storing the entries is one step (a key repeated within {@code events}
   * counts once, by its first occurrence). New entries are PENDING at the tail of their lanes, ready now.
   *
   * @param events the parsed events of one delivery, in payload order
   * @return the new entries, in payload order; duplicates are left out
   * @throws RuntimeException when the events cannot be stored (nothing of this call is then stored; the
   *     handler answers 500 so Meta redelivers), for example {@link
   *     io.github.whatsapphelpdesk.error.StoreFullException}
   */
  List<InboxEntry> record(List<WebhookEvent> events);

  /**
   * Keeps a signed body that could not be parsed, with its raw bytes, in status UNPARSEABLE (lane {@code
   * unparseable}, key {@code unparseable:<hex sha256 of the body>}). The same bytes are kept once: a body
   * already held returns its existing entry.
   *
   * @param body the raw body bytes exactly as received (copied)
   * @param reason a short reason (the parse error's reason code), never body content
   * @return the entry holding the body
   * @throws RuntimeException when the body cannot be stored
   */
  InboxEntry recordUnparseable(byte[] body, String reason);

  /**
   * Leases ready entries: for up to {@code maxLanes} lanes, the lane's head run of up to {@code maxPerLane}
   * consecutive entries that are ready now (PENDING past their retry time, or LEASED with an expired lease,
   * which is taken over). All entries of one lane in one call share one lease token. Increments their
   * attempts. When more lanes are ready than asked for, the lanes with the oldest head go first.
   *
   * @param workerId who leases (recorded as {@link InboxEntry#leaseOwner()})
   * @param maxLanes the most lanes (at least 1)
   * @param maxPerLane the most entries per lane (at least 1; more than one lets a consumer merge a burst)
   * @param leaseDuration how long the lease lasts (positive)
   * @return the leased entries, lane by lane, each lane in sequence order; empty when none is ready
   */
  List<InboxEntry> lease(String workerId, int maxLanes, int maxPerLane, Duration leaseDuration);

  /**
   * Marks a leased entry DONE: its event is dropped, its idempotency key kept for the dedupe retention. A
   * DONE entry may be dropped at once ({@link #get} then finds nothing). Returns false when {@code
   * leaseToken} is not the entry's current lease.
   */
  boolean complete(String entryId, String leaseToken);

  /**
   * Puts a leased entry back to PENDING; it, and so its lane, waits until {@code retryAt}. The later
   * entries of its lane leased under the same token go back to PENDING too (their lease is void, so they
   * cannot be completed out of order). Returns false when {@code leaseToken} is not the entry's current
   * lease.
   *
   * @param error a short reason (an error code and category, never message text)
   */
  boolean retry(String entryId, String leaseToken, Instant retryAt, String error);

  /**
   * Rejects a leased entry permanently: REJECTED, kept (bounded) for {@link #replayRejected()}; it no
   * longer blocks its lane. Returns false when {@code leaseToken} is not the entry's current lease.
   *
   * @param reason a short reason (an HTTP status, an error code), never message text
   */
  boolean reject(String entryId, String leaseToken, String reason);

  /**
   * Puts every REJECTED entry back to PENDING, at the tail of its lane (in their old order, with new
   * sequences and attempts reset to zero), ready now. UNPARSEABLE entries stay. Returns how many.
   */
  int replayRejected();

  /**
   * Removes one kept entry (REJECTED or UNPARSEABLE): an operator dealt with it, or its body was recorded
   * again after a parser fix. Returns false when the id is not a kept entry.
   */
  boolean dismiss(String entryId);

  /** The entry with this id, if held. */
  Optional<InboxEntry> get(String entryId);

  /** Up to {@code limit} held entries in a status, oldest (lowest sequence) first. */
  List<InboxEntry> list(InboxEntry.Status status, int limit);

  /** How many entries are held in a status (DONE entries need not be held, so DONE may count none). */
  long count(InboxEntry.Status status);

  /**
   * The earliest time an unfinished lane's head can be leased (in the past when one is ready now), if any
   * entry is unfinished; lets a consumer sleep until then.
   */
  Optional<Instant> nextReadyAt();

  /**
   * The lane of an event: {@code <phone_number_id>:<customer>} for an event about a customer (the customer's
   * BSUID, else phone number), else the change's {@code field} (template and account events, value-level
   * errors). Events of one lane are processed in order.
   */
  static String laneKey(WebhookEvent event) {
    Objects.requireNonNull(event, "event");
    String customer = laneCustomer(event);
    EventMetadata m = event.metadata();
    if (customer != null) {
      return (m.phoneNumberId() == null ? "" : m.phoneNumberId()) + ":" + customer;
    }
    return m.field();
  }

  /**
   * The customer part of a lane: the BSUID when the event carries one (every event since 2026-03-31), else
   * the canonical phone number. A delivery status only matters to its own message, so statuses share the
   * lane of the message's customer too.
   */
  private static String laneCustomer(WebhookEvent event) {
    Customer c = event.customer();
    if (c == null) {
      return null;
    }
    return c.bsuid() != null ? c.bsuid() : c.phone();
  }
}
