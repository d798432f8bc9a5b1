package io.github.whatsapphelpdesk.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One message in the {@link Outbox}, as a snapshot.
 *
 * @param id the outbox's id for the entry
 * @param dedupeKey the key {@link Outbox#enqueue} deduplicated on (for an agent reply, its reply id)
 * @param sequence the enqueue order; within one {@linkplain OutboxMessage#orderingGroup() group}
 *     entries are sent in this order
 * @param message what to send
 * @param status where the entry is
 * @param attempts how many times it was leased
 * @param enqueuedAt when it was enqueued
 * @param nextAttemptAt when it may be leased next (after a failure, the retry time)
 * @param leaseToken the current lease's token, or null when not leased; {@link Outbox#ack} and friends
 *     must present it, so a worker whose lease expired cannot finish an entry another worker now holds
 * @param leaseOwner the worker holding the lease, or null
 * @param leaseExpiresAt when the current lease runs out, or null
 * @param wamid the WhatsApp message id once sent, else null
 * @param lastError the last failure or the dead-letter reason (never message text), or null
 * @param completedAt when it was sent, dead-lettered or marked unconfirmed, else null
 */
public record OutboxEntry(
    String id,
    String dedupeKey,
    long sequence,
    OutboxMessage message,
    Status status,
    int attempts,
    Instant enqueuedAt,
    Instant nextAttemptAt,
    String leaseToken,
    String leaseOwner,
    Instant leaseExpiresAt,
    String wamid,
    String lastError,
    Instant completedAt) {

  /** The life of an outbox entry. */
  public enum Status {
    /** Waiting to be leased (new, or failed and waiting for its retry time). */
    PENDING,
    /** Held by a worker until its lease expires. */
    LEASED,
    /** Sent; {@link #wamid()} is set. */
    SENT,
    /** Failed permanently; kept for operators, who may re-drive it ({@link Outbox#redrive}). */
    DEAD,
    /**
     * The send's outcome is unknown: the request was written and its answer was lost (a read timeout, a
     * proxy's 5xx), so the message may have reached the customer. It is not resent: a status webhook
     * carrying the entry id as {@code biz_opaque_callback_data} settles it ({@link Outbox#confirm}), or an
     * operator re-drives it ({@link Outbox#redrive}). Final for ordering: the group's later entries go on.
     */
    UNCONFIRMED;

    /** True for SENT, DEAD and UNCONFIRMED: the entry no longer holds back its group. */
    public boolean isFinal() {
      return this == SENT || this == DEAD || this == UNCONFIRMED;
    }
  }

  public OutboxEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }

  /** True when a worker holds an unexpired lease at {@code now}. */
  public boolean leasedAt(Instant now) {
    return status == Status.LEASED && leaseExpiresAt != null && leaseExpiresAt.isAfter(now);
  }
}
