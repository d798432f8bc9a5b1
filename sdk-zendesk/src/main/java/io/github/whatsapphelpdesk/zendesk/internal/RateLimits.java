package io.github.whatsapphelpdesk.zendesk.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Zendesk's client-side budgets: the account's plan limit, the account's ticket-update limit and the
 * per-ticket update limit (30 per 10 minutes). Per-ticket buckets are kept for at most
 * {@link #MAX_TRACKED_TICKETS} tickets (least recently used evicted). Thread-safe.
 */
public final class RateLimits {
  /** Bound on the per-ticket bucket map. */
  public static final int MAX_TRACKED_TICKETS = 10_000;

  private final Clock clock;
  private final TokenBucket account;
  private final TokenBucket ticketUpdates;
  private final int perTicket;
  private final double coalesceBelow;
  private final Map<String, TokenBucket> tickets = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
      return size() > MAX_TRACKED_TICKETS;
    }
  };

  public RateLimits(Clock clock, int perMinute, int updatesPerMinute, int perTicketPer10Min, double coalesceBelow) {
    this.clock = clock;
    this.account = new TokenBucket(clock, perMinute, Duration.ofMinutes(1));
    this.ticketUpdates = new TokenBucket(clock, updatesPerMinute, Duration.ofMinutes(1));
    this.perTicket = perTicketPer10Min;
    this.coalesceBelow = coalesceBelow;
  }

  private synchronized TokenBucket ticket(String ticketId) {
    return tickets.computeIfAbsent(ticketId, k -> new TokenBucket(clock, perTicket, Duration.ofMinutes(10)));
  }

  /**
   * Takes the permits a request needs; returns zero when taken, or the wait until it may be retried (no
   * permit is kept then).
   *
   * @param updateOfTicket the ticket id when the request updates a ticket, else null
   */
  public Duration tryAcquire(String updateOfTicket) {
    Duration w = account.tryAcquire();
    if (!w.isZero() || updateOfTicket == null) {
      return w;
    }
    w = ticketUpdates.tryAcquire();
    if (!w.isZero()) {
      account.release();
      return w;
    }
    w = ticket(updateOfTicket).tryAcquire();
    if (!w.isZero()) {
      account.release();
      ticketUpdates.release();
    }
    return w;
  }

  /** True when any budget an update of this ticket uses is below the coalescing threshold. */
  public boolean nearLimit(String ticketId) {
    return account.freeFraction() < coalesceBelow || ticketUpdates.freeFraction() < coalesceBelow
        || ticket(ticketId).freeFraction() < coalesceBelow;
  }
}
