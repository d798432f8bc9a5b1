package io.github.whatsapphelpdesk.zendesk.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.whatsapphelpdesk.http.internal.Buckets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

  private final Clock clock;
  private final double reserve;
  private Instant heldUntil = Instant.MIN;

  public RateLimits(Clock clock, int perMinute, int updatesPerMinute, int perTicketPer10Min, double coalesceBelow) {
    this(clock, perMinute, updatesPerMinute, perTicketPer10Min, coalesceBelow, 0);
  }

  /**
   * @param reserve the fraction of the account's budget left to the other apps on the account: when
   *     Zendesk reports no more than this fraction remaining, requests are held until the budget resets
   */
  public RateLimits(Clock clock, int perMinute, int updatesPerMinute, int perTicketPer10Min, double coalesceBelow,
      double reserve) {
    this.clock = clock;
    this.reserve = reserve;
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
    Duration held = held();
    if (!held.isZero()) {
      return held;
    }
    return updateOfTicket == null ? Buckets.tryTakeAll(account)
        : Buckets.tryTakeAll(account, ticketUpdates, ticket(updateOfTicket));
  }

  private synchronized Duration held() {
    Instant now = clock.instant();
    return now.isBefore(heldUntil) ? Duration.between(now, heldUntil) : Duration.ZERO;
  }

  /**
   * Takes in the account budget Zendesk reported in a response: the account's limit is shared with every
   * other app on the account, so the local account bucket is lowered to what Zendesk says remains, and
   * when no more than the reserve remains, every request is held until the budget resets.
   *
   * @param limit the account's requests per minute ({@code X-Rate-Limit}/{@code ratelimit-limit}), or -1
   * @param remaining requests left in the window ({@code X-Rate-Limit-Remaining}/{@code ratelimit-remaining})
   * @param resetSeconds seconds until the window resets ({@code ratelimit-reset}), or -1 when not reported
   */
  public void observeBudget(long limit, long remaining, long resetSeconds) {
    if (remaining < 0) {
      return;
    }
    Buckets.lowerTo(account, remaining);
    long reserved = limit > 0 ? (long) Math.ceil(limit * reserve) : 0;
    if (remaining > reserved) {
      return;
    }
    Duration hold;
    if (resetSeconds >= 0) {
      hold = Duration.ofSeconds(Math.max(1, resetSeconds));
    } else {
      // No reset reported: wait as long as the window takes, at its average rate, to give back what is
      // missing from the reserve (at least a second).
      long perMinute = limit > 0 ? limit : this.perMinute;
      hold = Duration.ofMinutes(1).multipliedBy(reserved - remaining + 1).dividedBy(perMinute);
      if (hold.compareTo(Duration.ofSeconds(1)) < 0) {
        hold = Duration.ofSeconds(1);
      }
    }
    synchronized (this) {
      Instant until = clock.instant().plus(hold);
      if (until.isAfter(heldUntil)) {
        heldUntil = until;
      }
    }
  }

  /** True when any budget an update of this ticket uses is below the coalescing threshold. */
  public boolean nearLimit(String ticketId) {
    return !held().isZero() || Buckets.freeFraction(account, perMinute) < coalesceBelow
        || Buckets.freeFraction(ticketUpdates, updatesPerMinute) < coalesceBelow
        || Buckets.freeFraction(ticket(ticketId), perTicket) < coalesceBelow;
  }

  /** Tickets whose per-ticket bucket is tracked (for tests and metrics). */
  public synchronized int trackedTickets() {
    return tickets.size();
  }
}
