package io.github.whatsapphelpdesk.zendesk.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.whatsapphelpdesk.http.internal.Buckets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Zendesk's client-side budgets, as Bucket4j buckets on the configured clock: the account's plan limit,
 * the account's ticket-update limit and the per-ticket update limit (30 per 10 minutes). Per-ticket
 * buckets are kept for at most {@link #MAX_TRACKED_TICKETS} tickets (least recently used evicted).
 * Thread-safe.
 */
public final class RateLimits {
  /** Bound on the per-ticket bucket map. */
  public static final int MAX_TRACKED_TICKETS = 10_000;
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration TICKET_PERIOD = Duration.ofMinutes(10);

  private final TimeMeter time;
  private final int perMinute;
  private final int updatesPerMinute;
  private final Bucket account;
  private final Bucket ticketUpdates;
  private final int perTicket;
  private final double coalesceBelow;
  private final Map<String, Bucket> tickets = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_TRACKED_TICKETS;
    }
  };

  public RateLimits(Clock clock, int perMinute, int updatesPerMinute, int perTicketPer10Min, double coalesceBelow) {
    this.time = Buckets.timeMeter(clock);
    this.perMinute = perMinute;
    this.updatesPerMinute = updatesPerMinute;
    this.account = Buckets.evenly(time, perMinute, MINUTE);
    this.ticketUpdates = Buckets.evenly(time, updatesPerMinute, MINUTE);
    this.perTicket = perTicketPer10Min;
    this.coalesceBelow = coalesceBelow;
  }

  private synchronized Bucket ticket(String ticketId) {
    return tickets.computeIfAbsent(ticketId, k -> Buckets.evenly(time, perTicket, TICKET_PERIOD));
  }

  /**
   * Takes the permits a request needs; returns zero when taken, or the wait until it may be retried (no
   * permit is kept then).
   *
   * @param updateOfTicket the ticket id when the request updates a ticket, else null
   */
  public Duration tryAcquire(String updateOfTicket) {
    return updateOfTicket == null ? Buckets.tryTakeAll(account)
        : Buckets.tryTakeAll(account, ticketUpdates, ticket(updateOfTicket));
  }

  /** True when any budget an update of this ticket uses is below the coalescing threshold. */
  public boolean nearLimit(String ticketId) {
    return Buckets.freeFraction(account, perMinute) < coalesceBelow
        || Buckets.freeFraction(ticketUpdates, updatesPerMinute) < coalesceBelow
        || Buckets.freeFraction(ticket(ticketId), perTicket) < coalesceBelow;
  }

  /** Tickets whose per-ticket bucket is tracked (for tests and metrics). */
  public synchronized int trackedTickets() {
    return tickets.size();
  }
}
