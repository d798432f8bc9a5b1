package io.github.whatsapphelpdesk.freshdesk.internal;

import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.freshdesk.FreshdeskConfig;
import io.github.whatsapphelpdesk.freshdesk.FreshdeskRateLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Client-side pacing below Freshdesk's per-minute limits: one token bucket for the account and one
 * per endpoint class, refilled continuously from the {@link Clock}. {@code X-RateLimit-Remaining}
 * lowers the account bucket to what Freshdesk reports (other clients share the account), a changed
 * {@code X-RateLimit-Total} resizes it, and a 429's {@code Retry-After} blocks every call until it
 * passes. Waits longer than the configured maximum are thrown as {@link HelpdeskRateLimitedException}
 * instead of blocking. Thread-safe.
 */
public final class RatePacer {
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final String adapterId;
  private final Clock clock;
  private final FreshdeskConfig.Sleeper sleeper;
  private final Duration maxWait;
  private final Bucket account;
  private final Map<EndpointClass, Bucket> classes = new EnumMap<>(EndpointClass.class);
  private long blockedUntilNanos = Long.MIN_VALUE;

  public RatePacer(String adapterId, FreshdeskRateLimits limits, Clock clock, FreshdeskConfig.Sleeper sleeper,
      Duration maxWait) {
    this.adapterId = adapterId;
    this.clock = clock;
    this.sleeper = sleeper;
    this.maxWait = maxWait;
    long now = nowNanos();
    this.account = new Bucket(limits.total(), now);
    classes.put(EndpointClass.TICKET_CREATE, new Bucket(limits.ticketCreate(), now));
    classes.put(EndpointClass.TICKET_UPDATE, new Bucket(limits.ticketUpdate(), now));
    classes.put(EndpointClass.TICKETS_LIST, new Bucket(limits.ticketsList(), now));
    classes.put(EndpointClass.CONTACTS_LIST, new Bucket(limits.contactsList(), now));
  }

  private long nowNanos() {
    return Math.multiplyExact(clock.millis(), 1_000_000L);
  }

  /** Takes one permit for a call, waiting (through the sleeper) when the buckets are empty. */
  public void acquire(EndpointClass cls) {
    while (true) {
      long wait;
      synchronized (this) {
        long now = nowNanos();
        Bucket c = classes.get(cls);
        wait = Math.max(0, blockedUntilNanos == Long.MIN_VALUE ? 0 : blockedUntilNanos - now);
        wait = Math.max(wait, account.nanosUntilPermit(now));
        if (c != null) {
          wait = Math.max(wait, c.nanosUntilPermit(now));
        }
        if (wait == 0) {
          account.take();
          if (c != null) {
            c.take();
          }
          return;
        }
      }
      Duration d = Duration.ofNanos(wait);
      if (d.compareTo(maxWait) > 0) {
        throw new HelpdeskRateLimitedException(adapterId, 0,
            "client-side pacing: the Freshdesk " + cls + " budget is exhausted for " + d.toMillis() + " ms", d);
      }
      try {
        sleeper.sleep(d);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HelpdeskRateLimitedException(adapterId, 0, "interrupted while pacing", d);
      }
    }
  }

  /** Applies {@code X-RateLimit-Total} and {@code X-RateLimit-Remaining} (either may be absent: -1). */
  public synchronized void observe(int total, int remaining) {
    long now = nowNanos();
    if (total > 0 && total != account.capacity) {
      account.resize(total, now);
    }
    if (remaining >= 0) {
      account.lowerTo(remaining, now);
    }
  }

  /** Blocks every call until {@code retryAfter} has passed. */
  public synchronized void onRateLimited(Duration retryAfter) {
    long until = nowNanos() + retryAfter.toNanos();
    blockedUntilNanos = Math.max(blockedUntilNanos, until);
    account.lowerTo(0, nowNanos());
  }

  /** Permits now available in the account bucket (for tests and metrics). */
  public synchronized double accountPermits() {
    account.refill(nowNanos());
    return account.tokens;
  }

  /** A continuously refilled bucket of {@code capacity} permits per minute. */
  private static final class Bucket {
    private int capacity;
    private double tokens;
    private long last;

    Bucket(int capacity, long now) {
      this.capacity = capacity;
      this.tokens = capacity;
      this.last = now;
    }

    void refill(long now) {
      if (now > last) {
        tokens = Math.min(capacity, tokens + (double) (now - last) * capacity / MINUTE_NANOS);
        last = now;
      }
    }

    long nanosUntilPermit(long now) {
      refill(now);
      if (tokens >= 1) {
        return 0;
      }
      return (long) Math.ceil((1 - tokens) * MINUTE_NANOS / capacity);
    }

    void take() {
      tokens -= 1;
    }

    void lowerTo(int remaining, long now) {
      refill(now);
      tokens = Math.min(tokens, remaining);
    }

    void resize(int newCapacity, long now) {
      refill(now);
      capacity = newCapacity;
      tokens = Math.min(tokens, newCapacity);
    }
  }
}
