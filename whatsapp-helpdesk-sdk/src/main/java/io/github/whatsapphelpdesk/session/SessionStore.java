package io.github.whatsapphelpdesk.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the tracker keeps its windows. Every method is atomic on its own, so a SQL backend implements
 * each with one statement (for example {@code INSERT ... ON CONFLICT DO UPDATE SET last_inbound =
 * GREATEST(...)}) or a Redis backend with one script, and several instances can share the store.
 * Timestamps are whole seconds (the WhatsApp webhook's precision).
 *
 * <p>The in-memory default is {@link InMemorySessionStore}.
 */
public interface SessionStore {

  /**
   * Records a customer message or call at {@code at}: {@code lastInboundAt = max(lastInboundAt, at)},
   * clearing {@code notified} when it moves forward; with {@code referral}, {@code referralAt =
   * max(referralAt, at)}. Creates the record if absent. A late or repeated timestamp changes nothing.
   *
   * @return the record after the update
   */
  SessionRecord recordInbound(SessionKey key, Instant at, boolean referral);

  /**
   * Opens the free-entry-point window for a business reply at {@code replyAt}: only if the record has a
   * {@code referralAt} with {@code referralAt <= replyAt < referralAt + replyWithin}, and no
   * free-entry-point window is running at {@code replyAt}; then {@code freeEntryPointExpiresAt =
   * replyAt + length}.
   *
   * @return the record after the update, or empty if there is none
   */
  Optional<SessionRecord> openFreeEntryPoint(
      SessionKey key, Instant replyAt, Duration replyWithin, Duration length);

  /** The record, or empty. */
  Optional<SessionRecord> get(SessionKey key);

  /**
   * The record's {@code lastInboundAt} in epoch seconds, or -1 when there is no record: the read behind
   * {@link SessionWindowTracker#canSendFreeForm}. The default reads {@link #get}; a backend may answer
   * it more cheaply (the in-memory store does, without allocating).
   */
  default long lastInboundEpochSecond(SessionKey key) {
    return get(key).map(r -> r.lastInboundAt() == null ? -1L : r.lastInboundAt().getEpochSecond()).orElse(-1L);
  }

  /**
   * Sets {@code bits} in {@code notified}, only while the record's {@code lastInboundAt} still equals
   * {@code lastInboundAt} (the window has not been extended meanwhile).
   *
   * @return the bits this call set (0 if all were set already, the window moved, or there is no record)
   */
  int claimNotifications(SessionKey key, Instant lastInboundAt, int bits);

  /**
   * Visits every record whose {@code lastInboundAt} lies in {@code [from, to)}: the windows due for a
   * notice. Backends index {@code lastInboundAt}. Visiting sees each record once, in any order, and
   * tolerates concurrent updates (a record may be seen before or after them).
   */
  void forEachInboundBetween(Instant from, Instant to, Consumer<SessionRecord> visitor);

  /** Forgets the customer (erasure on request). Returns whether a record existed. */
  boolean erase(SessionKey key);

  /**
   * Removes records whose {@code lastInboundAt} and free-entry-point end are both before {@code cutoff}.
   *
   * @return how many were removed
   */
  long evictBefore(Instant cutoff);

  /** Number of records. */
  long size();
}
