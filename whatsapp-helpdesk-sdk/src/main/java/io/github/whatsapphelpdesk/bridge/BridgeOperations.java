package io.github.whatsapphelpdesk.bridge;

import io.github.whatsapphelpdesk.bridge.internal.BridgeContext;
import io.github.whatsapphelpdesk.bridge.internal.OutboxDispatcher;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does with the bridge's outbox ({@link HelpdeskBridge#operations()}): list and re-drive
 * dead letters after an outage, and re-drive sends whose outcome stayed unknown.
 *
 * <p><b>Double sends.</b> An {@linkplain OutboxEntry.Status#UNCONFIRMED unconfirmed} send may have reached
 * the customer: its answer was lost. The bridge never resends it itself; a status webhook naming it settles
 * it. Only after the settle timeout ({@link HelpdeskBridge.Builder#settleTimeout}) with no status may an
 * operator re-drive it, accepting that the customer may get the message twice (Meta keeps retrying a
 * webhook for up to 7 days, so a status can still arrive later). Dead letters whose reply was re-routed
 * (as a template or a hold) or that were suppressed by an opt-out are never re-driven: the reply was
 * handled another way.
 *
 * <p>Thread-safe; every operation goes through the {@link io.github.whatsapphelpdesk.store.Outbox}, so it
 * works on any instance sharing it.
 */
public final class BridgeOperations {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeOperations.class);

  /** What {@link #redrive(String)} did. */
  public enum RedriveResult {
    /** Back to pending: it is sent on the next outbox pass. */
    REDRIVEN,
    /** No entry with that id (never, or past the outbox's retention). */
    NOT_FOUND,
    /** Neither dead nor unconfirmed, or a dead letter that was handled another way (re-routed, opted out). */
    NOT_REDRIVABLE,
    /** Unconfirmed, and the settle timeout has not passed yet: a status may still settle it. */
    TOO_EARLY
  }

  private final BridgeContext ctx;

  BridgeOperations(BridgeContext ctx) {
    this.ctx = ctx;
  }

  /** Up to {@code limit} dead letters, oldest first. */
  public List<OutboxEntry> deadLetters(int limit) {
    return ctx.outbox.list(OutboxEntry.Status.DEAD, limit);
  }

  /** Up to {@code limit} sends whose outcome is unknown, oldest first. */
  public List<OutboxEntry> unconfirmed(int limit) {
    return ctx.outbox.list(OutboxEntry.Status.UNCONFIRMED, limit);
  }

  /**
   * Re-drives one entry: a dead letter that was not handled another way, or an unconfirmed send whose
   * settle timeout has passed. It goes back to pending with a fresh retry window.
   *
   * @param entryId the outbox entry id (also the {@code biz_opaque_callback_data} of its send)
   * @return what happened
   */
  public RedriveResult redrive(String entryId) {
    Objects.requireNonNull(entryId, "entryId");
    OutboxEntry e = ctx.outbox.get(entryId).orElse(null);
    if (e == null) {
      return RedriveResult.NOT_FOUND;
    }
    if (e.status() == OutboxEntry.Status.UNCONFIRMED && settleDeadline(e).isAfter(ctx.clock.instant())) {
      return RedriveResult.TOO_EARLY;
    }
    if (!redrivable(e) || !ctx.outbox.redrive(entryId)) {
      return RedriveResult.NOT_REDRIVABLE;
    }
    LOG.info("Operator re-drove outbox entry {} ({}, last error: {})", entryId, e.status(), e.lastError());
    return RedriveResult.REDRIVEN;
  }

  /**
   * Re-drives the dead letters {@code which} accepts (for example all of them after an outage, or those of
   * one error code), up to {@code max}; dead letters handled another way are skipped.
   *
   * @return how many were re-driven
   */
  public int redriveDeadLetters(Predicate<OutboxEntry> which, int max) {
    Objects.requireNonNull(which, "which");
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    int n = 0;
    for (OutboxEntry e : ctx.outbox.list(OutboxEntry.Status.DEAD, Integer.MAX_VALUE)) {
      if (n == max) {
        break;
      }
      if (which.test(e) && redrive(e.id()) == RedriveResult.REDRIVEN) {
        n++;
      }
    }
    return n;
  }

  /**
   * Whether an entry may be re-driven at all (ignoring the settle timeout): dead or unconfirmed, and not a
   * dead letter whose reply was re-routed or suppressed by an opt-out.
   */
  public static boolean redrivable(OutboxEntry e) {
    return switch (e.status()) {
      case UNCONFIRMED -> true;
      case DEAD -> !OutboxDispatcher.handledElsewhere(e.lastError());
      default -> false;
    };
  }

  /** When an unconfirmed entry becomes re-drivable. */
  private Instant settleDeadline(OutboxEntry e) {
    Instant since = e.completedAt() != null ? e.completedAt() : e.enqueuedAt();
    return since.plus(ctx.settings.settleTimeout);
  }
}
