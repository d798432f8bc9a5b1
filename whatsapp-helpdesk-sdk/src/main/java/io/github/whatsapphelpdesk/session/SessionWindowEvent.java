package io.github.whatsapphelpdesk.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A notice from the tracker's scheduler: a window closes soon ({@link Kind#WARNING}) or has closed
 * ({@link Kind#CLOSED}). Each fires at most once per window and lead time; a window that the customer
 * extends is a new window, and its notices fire again.
 *
 * @param kind WARNING or CLOSED
 * @param key the business number and the customer's stable id ({@link SessionKey#customer()}: BSUID or canonical wa_id)
 * @param expiresAt when the window closes (or closed)
 * @param leadTime the configured lead time of a warning; {@link Duration#ZERO} for CLOSED
 * @param firedAt the tracker clock's instant when the notice was raised
 */
public record SessionWindowEvent(
    Kind kind, SessionKey key, Instant expiresAt, Duration leadTime, Instant firedAt) {

  /** What happened. */
  public enum Kind {
    /** The window closes within {@link #leadTime()}. */
    WARNING,
    /** The window has closed: only templates may be sent now. */
    CLOSED
  }

  public SessionWindowEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(leadTime, "leadTime");
    Objects.requireNonNull(firedAt, "firedAt");
  }

  /** Time left at {@link #firedAt()}; zero for CLOSED. */
  public Duration remaining() {
    Duration d = Duration.between(firedAt, expiresAt);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
