package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.customer.Masking;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of the {@link Inbox}: an accepted webhook event (or a signed body that could not be parsed)
 * and where it is in its life. Immutable; {@link #toString()} shows neither the event nor the raw bytes.
 *
 * @param id the entry's id, stable for its life
 * @param idempotencyKey the event's {@link WebhookEvent#idempotencyKey()} ({@code unparseable:<sha256 of
 *     the body>} for an unparseable body)
 * @param laneKey the ordering lane ({@link Inbox#laneKey(WebhookEvent)}; {@code unparseable} for bodies)
 * @param sequence the entry's position: entries of one lane are leased in increasing sequence (a replayed
 *     entry gets a new one, at the tail of its lane)
 * @param event the event, or null when {@link Status#UNPARSEABLE}
 * @param rawBody the raw body bytes, only when {@link Status#UNPARSEABLE}, else null (copied in and out)
 * @param status the status
 * @param attempts how many times the entry was leased (expired leases included; reset by a replay)
 * @param receivedAt when the entry was recorded
 * @param nextAttemptAt the earliest time a pending entry may be leased (its retry time)
 * @param leaseToken the current lease's token, only when {@link Status#LEASED}
 * @param leaseOwner the worker holding the lease, only when {@link Status#LEASED}
 * @param leaseExpiresAt when the lease expires, only when {@link Status#LEASED}
 * @param lastError the last retry error, rejection or parse reason (short, no message text), or null
 * @param completedAt when the entry became DONE, REJECTED or UNPARSEABLE, else null
 */
public record InboxEntry(
    String id,
    String idempotencyKey,
    String laneKey,
    long sequence,
    WebhookEvent event,
    byte[] rawBody,
    Status status,
    int attempts,
    Instant receivedAt,
    Instant nextAttemptAt,
    String leaseToken,
    String leaseOwner,
    Instant leaseExpiresAt,
    String lastError,
    Instant completedAt) {

  /** Where an entry is in its life. */
  public enum Status {
    /** Waiting to be leased (at or after {@link #nextAttemptAt()}). */
    PENDING,
    /** Held by a worker until {@link #leaseExpiresAt()}. */
    LEASED,
    /** Processed; the event is dropped, its idempotency key kept for the dedupe retention. */
    DONE,
    /** Permanently rejected by the consumer; kept (bounded) for {@link Inbox#replayRejected()}. */
    REJECTED,
    /** A signed body that could not be parsed; kept (bounded) with its raw bytes. */
    UNPARSEABLE
  }

  /** Validates the fields and copies the raw body. */
  public InboxEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(laneKey, "laneKey");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (status == Status.UNPARSEABLE) {
      if (rawBody == null || event != null) {
        throw new IllegalArgumentException("an UNPARSEABLE entry has raw bytes and no event");
      }
    } else if (rawBody != null) {
      throw new IllegalArgumentException("only an UNPARSEABLE entry has raw bytes");
    }
    if ((status == Status.LEASED) != (leaseToken != null)) {
      throw new IllegalArgumentException("a lease token is present exactly when LEASED");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0");
    }
    rawBody = rawBody == null ? null : rawBody.clone();
  }

  /** A copy of the raw body bytes (UNPARSEABLE only), else null. */
  @Override
  public byte[] rawBody() {
    return rawBody == null ? null : rawBody.clone();
  }

  /** Equal when every field is equal (the raw body by content). */
  @Override
  public boolean equals(Object o) {
    return o instanceof InboxEntry e && sequence == e.sequence && attempts == e.attempts && id.equals(e.id)
        && idempotencyKey.equals(e.idempotencyKey) && laneKey.equals(e.laneKey) && Objects.equals(event, e.event)
        && Arrays.equals(rawBody, e.rawBody) && status == e.status && receivedAt.equals(e.receivedAt)
        && Objects.equals(nextAttemptAt, e.nextAttemptAt) && Objects.equals(leaseToken, e.leaseToken)
        && Objects.equals(leaseOwner, e.leaseOwner) && Objects.equals(leaseExpiresAt, e.leaseExpiresAt)
        && Objects.equals(lastError, e.lastError) && Objects.equals(completedAt, e.completedAt);
  }

  /** Consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Objects.hash(id, idempotencyKey, laneKey, sequence, event, Arrays.hashCode(rawBody), status, attempts,
        receivedAt, nextAttemptAt, leaseToken, leaseOwner, leaseExpiresAt, lastError, completedAt);
  }

  /** The lane key with its customer part masked, for logs. */
  public String maskedLaneKey() {
    int colon = laneKey.indexOf(':');
    return colon < 0 ? laneKey : laneKey.substring(0, colon + 1) + Masking.identifier(laneKey.substring(colon + 1));
  }

  /** Ids, status and times only: never the event, the raw bytes (their length only) or an unmasked customer. */
  @Override
  public String toString() {
    return "InboxEntry[" + id + ", " + status + ", lane " + maskedLaneKey() + ", seq " + sequence + ", "
        + (event != null ? event.getClass().getSimpleName() : "raw body of " + rawBody.length + " bytes")
        + ", attempts " + attempts + ", received " + receivedAt
        + (leaseToken != null ? ", leased by " + leaseOwner + " until " + leaseExpiresAt : "")
        + (lastError != null ? ", last error " + lastError : "") + "]";
  }
}
