package io.github.whatsapphelpdesk.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * Remembers the latest {@link DeliveryStatus} of each outbound message (by wamid), so the {@link
 * StatusTracker} applies only statuses that move a message forward. Meta does not order status webhooks
 * and retries them for up to 7 days, to any instance behind a load balancer: a cluster shares one store.
 *
 * <p>SPI: the SDK ships {@link InMemoryStatusStore}. Each call is atomic on its own. {@link #advance} is a
 * compare-and-set that only moves forward ({@link #movesForward}): in SQL an {@code INSERT ... ON
 * CONFLICT (wamid) DO UPDATE SET status = :new, expires_at = :exp WHERE} the stored rank is lower and not
 * terminal (or the row expired) {@code RETURNING} the previous status; in Redis a small Lua script.
 *
 * <p>Time comes from the caller: {@code at} is the tracker's clock reading. A record is forgotten
 * (retention) some time after its last forward move; a forgotten wamid behaves as never seen. Wamids are
 * Meta's message ids ({@code wamid.HBgL...}): at most a few hundred ASCII characters.
 *
 * <p>Implementations must be thread-safe: of two concurrent calls for one wamid, each sees the other's
 * effect or precedes it, so a status never moves backwards and each forward step is reported once.
 */
public interface StatusStore {

  /**
   * Records {@code status} for {@code wamid} if it moves the message forward, atomically.
   *
   * @param wamid the message id
   * @param status the new status; never {@link DeliveryStatus#UNKNOWN} (the tracker passes those through
   *     without recording them)
   * @param at when the status is observed (the tracker's clock): it starts the record's retention and
   *     decides whether an earlier record is already forgotten
   * @return {@code (null, status, true)} for a wamid not known (or forgotten); {@code (previous, status,
   *     true)} when the status moved the message forward; {@code (previous, previous, false)} when it did
   *     not (stale)
   * @throws IllegalArgumentException when {@code status} is {@link DeliveryStatus#UNKNOWN}
   * @throws RuntimeException when the store is unavailable
   */
  StatusTransition advance(String wamid, DeliveryStatus status, Instant at);

  /**
   * The latest status recorded for {@code wamid} as of {@code at}, or null when unknown or forgotten.
   */
  DeliveryStatus current(String wamid, Instant at);

  /**
   * How many wamids are held (records past their retention but not yet dropped included), or {@code -1}
   * when the backend does not count cheaply (the default).
   */
  default int size() {
    return -1;
  }

  /**
   * The forward-only order every store applies: {@code sent < delivered < read < played}; {@code failed}
   * follows any non-terminal status (delivery can fail late) and nothing follows it; a status never
   * follows itself.
   *
   * @param from the status recorded
   * @param to the status observed
   * @return whether {@code to} may replace {@code from}
   */
  static boolean movesForward(DeliveryStatus from, DeliveryStatus to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to == DeliveryStatus.UNKNOWN || from.terminal()) {
      return false;
    }
    return to.terminal() || to.rank() > from.rank();
  }
}
