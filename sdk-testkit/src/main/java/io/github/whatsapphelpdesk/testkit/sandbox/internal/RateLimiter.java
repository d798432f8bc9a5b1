package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Meta's two send limits as token buckets on the sandbox clock: throughput per business number
 * (messages per second, 130429) and pair rate per (business number, recipient) (131056).
 * Guarded by the caller's lock.
 */
public final class RateLimiter {
  private static final int MAX_PAIR_BUCKETS = 100_000;

  private final Clock clock;
  private volatile int mps;
  private volatile Duration pairInterval;
  private volatile int pairBurst;
  private final Map<String, Bucket> throughput = new LinkedHashMap<>();
  private final Map<String, Bucket> pairs = new LinkedHashMap<>();

  public RateLimiter(Clock clock, int mps, Duration pairInterval, int pairBurst) {
    this.clock = clock;
    configure(mps, pairInterval, pairBurst);
  }

  /** Changes the limits; existing buckets keep their level, capped at the new capacity. */
  public void configure(int mps, Duration pairInterval, int pairBurst) {
    if (mps < 1 || pairBurst < 1 || pairInterval.isNegative() || pairInterval.isZero()) {
      throw new IllegalArgumentException("limits must be positive");
    }
    this.mps = mps;
    this.pairInterval = pairInterval;
    this.pairBurst = pairBurst;
  }

  /** Checks both limits and takes one token from each; throws 130429 or 131056 without consuming. */
  public void acquire(String phoneNumberId, String waId) {
    Instant now = clock.instant();
    double perSecond = mps;
    Bucket tp = throughput.computeIfAbsent(phoneNumberId, k -> new Bucket(mps, now));
    tp.refill(now, mps, perSecond);
    double pairPerSecond = 1_000_000_000d / pairInterval.toNanos();
    String key = phoneNumberId + '|' + waId;
    Bucket pair = pairs.computeIfAbsent(key, k -> new Bucket(pairBurst, now));
    pair.refill(now, pairBurst, pairPerSecond);
    if (tp.tokens < 1) {
      throw ApiFailure.of(130429, "Message failed to send because there were too many messages sent"
          + " from this phone number in a short period of time (limit " + mps + " per second)");
    }
    if (pair.tokens < 1) {
      throw ApiFailure.of(131056, "Message failed to send because there were too many messages sent"
          + " from this phone number to the same phone number in a short period of time");
    }
    tp.tokens -= 1;
    pair.tokens -= 1;
    prune(now, pairPerSecond);
  }

  private void prune(Instant now, double pairPerSecond) {
    if (pairs.size() <= MAX_PAIR_BUCKETS) {
      return;
    }
    Iterator<Bucket> it = pairs.values().iterator();
    while (it.hasNext() && pairs.size() > MAX_PAIR_BUCKETS / 2) {
      Bucket b = it.next();
      b.refill(now, pairBurst, pairPerSecond);
      if (b.tokens >= pairBurst) {
        it.remove();
      }
    }
  }

  private static final class Bucket {
    double tokens;
    Instant last;

    Bucket(double tokens, Instant last) {
      this.tokens = tokens;
      this.last = last;
    }

    void refill(Instant now, double capacity, double perSecond) {
      if (now.isAfter(last)) {
        double seconds = Duration.between(last, now).toNanos() / 1e9;
        tokens = Math.min(capacity, tokens + seconds * perSecond);
        last = now;
      }
      tokens = Math.min(tokens, capacity);
    }
  }
}
