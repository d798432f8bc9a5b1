package io.github.whatsapphelpdesk.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one customer's windows, evaluated at {@link #evaluatedAt()}.
 *
 * <p>The customer-service window is {@link State#OPEN} while {@code evaluatedAt < expiresAt}, where
 * {@code expiresAt = lastInboundAt + 24 h}. At the exact second {@code expiresAt} it is already
 * {@link State#CLOSED}: the tracker errs on the side of a template rather than a 131047.
 *
 * @param key the business number and the customer's stable id ({@link SessionKey#customer()}: BSUID or canonical wa_id)
 * @param state OPEN or CLOSED
 * @param lastInboundAt the WhatsApp timestamp of the customer's latest message or call, or null if none
 *     is known
 * @param expiresAt when the customer-service window closes (or closed), or null if none is known
 * @param freeEntryPointExpiresAt when the 72-hour free-entry-point window ends (or ended), or null if
 *     none was opened
 * @param evaluatedAt the instant this snapshot was taken (the tracker's clock)
 */
public record SessionWindow(
    SessionKey key,
    State state,
    Instant lastInboundAt,
    Instant expiresAt,
    Instant freeEntryPointExpiresAt,
    Instant evaluatedAt) {

  /** Whether free-form messages may be sent. */
  public enum State {
    /** Inside the 24-hour customer-service window: any message type may be sent. */
    OPEN,
    /** Outside it: only approved templates may be sent (otherwise Meta answers 131047). */
    CLOSED
  }

  public SessionWindow {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
  }

  /** Same as {@code state() == OPEN}. */
  public boolean isOpen() {
    return state == State.OPEN;
  }

  /** Whether a free-form (non-template) message may be sent now. */
  public boolean canSendFreeForm() {
    return isOpen();
  }

  /** Time left in the customer-service window; {@link Duration#ZERO} when closed. */
  public Duration remaining() {
    return isOpen() ? Duration.between(evaluatedAt, expiresAt) : Duration.ZERO;
  }

  /**
   * Whether the 72-hour free-entry-point window (click-to-WhatsApp ad or Page CTA, answered within
   * 24 hours) is running: messages, templates included, are free of charge. It changes cost only; what
   * may be sent is still governed by {@link #state()}.
   */
  public boolean freeEntryPointActive() {
    return freeEntryPointExpiresAt != null && evaluatedAt.isBefore(freeEntryPointExpiresAt);
  }

  @Override
  public String toString() {
    return "SessionWindow[" + key + ", " + state + ", expiresAt=" + expiresAt
        + ", freeEntryPointExpiresAt=" + freeEntryPointExpiresAt + "]";
  }
}
