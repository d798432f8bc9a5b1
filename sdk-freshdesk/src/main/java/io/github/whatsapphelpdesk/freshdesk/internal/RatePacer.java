package io.github.whatsapphelpdesk.freshdesk.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.freshdesk.FreshdeskRateLimits;
import io.github.whatsapphelpdesk.http.Sleeper;
import io.github.whatsapphelpdesk.http.internal.Buckets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Client-side pacing below Freshdesk's per-minute limits, on Bucket4j buckets driven by the injected
 * {@link Clock}: one for the account and one per endpoint class, refilled evenly over the minute.
 * {@code X-RateLimit-Remaining} lowers the account bucket to what Freshdesk reports (other clients share
 * the account), a changed {@code X-RateLimit-Total} resizes it, and a 429's {@code Retry-After} blocks
 * every call until it passes. Waits go through the shared {@link Sleeper}; waits longer than the
 * configured maximum are thrown as {@link HelpdeskRateLimitedException} instead of blocking. Thread-safe.
 */
public final class RatePacer {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final String adapterId;
  private final TimeMeter time;
  private final Sleeper sleeper;
  private final Duration maxWait;
  private final Bucket account;
  private final Map<EndpointClass, Bucket> classes = new EnumMap<>(EndpointClass.class);
  private int accountCapacity;
  private long blockedUntilNanos = Long.MIN_VALUE;

  public RatePacer(String adapterId, FreshdeskRateLimits limits, Clock clock, Sleeper sleeper, Duration maxWait) {
    this.adapterId = adapterId;
    this.time = Buckets.timeMeter(clock);
    this.sleeper = sleeper;
    this.maxWait = maxWait;
    this.accountCapacity = limits.total();
    this.account = Buckets.evenly(time, limits.total(), MINUTE);
    classes.put(EndpointClass.TICKET_CREATE, Buckets.evenly(time, limits.ticketCreate(), MINUTE));
    classes.put(EndpointClass.TICKET_UPDATE, Buckets.evenly(time, limits.ticketUpdate(), MINUTE));
    classes.put(EndpointClass.TICKETS_LIST, Buckets.evenly(time, limits.ticketsList(), MINUTE));
    classes.put(EndpointClass.CONTACTS_LIST, Buckets.evenly(time, limits.contactsList(), MINUTE));
  }

  /** Takes one permit for a call, waiting (through the sleeper) when the buckets are empty. */
  public void acquire(EndpointClass cls) {
    Bucket c = classes.get(cls);
    while (true) {
      Duration wait;
      synchronized (this) {
        long blocked = blockedUntilNanos == Long.MIN_VALUE ? 0 : blockedUntilNanos - time.currentTimeNanos();
        wait = blocked > 0 ? Duration.ofNanos(blocked) : c == null ? Buckets.tryTakeAll(account)
            : Buckets.tryTakeAll(account, c);
      }
      if (wait.isZero()) {
        return;
      }
      if (wait.compareTo(maxWait) > 0) {
        throw new HelpdeskRateLimitedException(adapterId, 0,
            "client-side pacing: the Freshdesk " + cls + " budget is exhausted for " + wait.toMillis() + " ms", wait);
      }
      sleeper.sleep(wait);
      if (Thread.currentThread().isInterrupted()) {
        throw new HelpdeskRateLimitedException(adapterId, 0, "interrupted while pacing", wait);
      }
    }
  }

  /** Applies {@code X-RateLimit-Total} and {@code X-RateLimit-Remaining} (either may be absent: -1). */
  public synchronized void observe(int total, int remaining) {
    if (total > 0 && total != accountCapacity) {
      Buckets.resize(account, total, MINUTE);
      accountCapacity = total;
    }
    if (remaining >= 0) {
      Buckets.lowerTo(account, remaining);
    }
  }

  /** Blocks every call until {@code retryAfter} has passed. */
  public synchronized void onRateLimited(Duration retryAfter) {
    long until = time.currentTimeNanos() + retryAfter.toNanos();
    blockedUntilNanos = Math.max(blockedUntilNanos, until);
    Buckets.lowerTo(account, 0);
  }

  /** Permits now available in the account bucket (for tests and metrics). */
  public synchronized double accountPermits() {
    return account.getAvailableTokens();
  }
}
