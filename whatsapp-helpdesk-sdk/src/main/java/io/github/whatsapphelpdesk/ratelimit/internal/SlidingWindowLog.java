package io.github.whatsapphelpdesk.ratelimit.internal;

import java.util.Arrays;

/**
 * Exact guard that no sliding window of {@code windowNanos} holds more than {@code capacity} grants:
 * a ring of the last {@code capacity} grant times. It lets the throughput bucket keep a burst that
 * absorbs scheduling jitter (so the sustained rate reaches the configured one) without ever letting
 * any 1-second window exceed the number's rate. Local to this JVM.
 */
public final class SlidingWindowLog {
  private static final long EMPTY = Long.MIN_VALUE;
  private final long windowNanos;
  private long[] ring;
  private int next;

  public SlidingWindowLog(int capacity, long windowNanos) {
    this.windowNanos = windowNanos;
    this.ring = new long[capacity];
    Arrays.fill(ring, EMPTY);
  }

  /** Records a grant at {@code now} and returns 0, or returns the nanos until one would fit. */
  public synchronized long tryAcquire(long now) {
    long oldest = ring[next];
    if (oldest != EMPTY && now - oldest < windowNanos) {
      return oldest + windowNanos - now;
    }
    ring[next] = now;
    next = next + 1 == ring.length ? 0 : next + 1;
    return 0;
  }

  /** Changes the capacity, keeping the most recent grants. */
  public synchronized void resize(int capacity) {
    long[] fresh = new long[capacity];
    Arrays.fill(fresh, EMPTY);
    // copy the newest min(capacity, old) grants, oldest first
    int keep = Math.min(capacity, ring.length);
    for (int k = 0; k < keep; k++) {
      int from = Math.floorMod(next - keep + k, ring.length);
      fresh[k] = ring[from];
    }
    ring = fresh;
    next = keep == capacity ? 0 : keep;
  }
}
