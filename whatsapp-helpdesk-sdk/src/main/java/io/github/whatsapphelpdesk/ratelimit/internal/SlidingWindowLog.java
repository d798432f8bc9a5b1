package io.github.whatsapphelpdesk.ratelimit.internal;

import java.util.Arrays;

/**
 * Exact guard that no sliding window of {@code windowNanos} holds more than {@code capacity} entries:
 * a ring of the last {@code capacity} entry times. It lets the throughput bucket keep a burst that
 * absorbs scheduling jitter (so the sustained rate reaches the configured one) without ever letting
 * any 1-second window exceed the number's rate. Local to this JVM.
 *
 * <p>An entry acquired with an owner can later be re-dated to a later time ({@link #redate}): the wire
 * guard records a dispatch when it lets a request go and re-dates it when the request has actually been
 * written, so a thread stalled in between (preempted, or stopped by a GC pause) is counted at the moment
 * its request left. The bound stays exact for the stored times: an entry is evicted only once it is a
 * full window older than the entry replacing it, re-dating only moves an entry later, and an entry
 * already evicted is not re-dated.
 */
public final class SlidingWindowLog {
  private static final long EMPTY = Long.MIN_VALUE;
  private final long windowNanos;
  private long[] ring;
  private Object[] owners;
  private int next;

  public SlidingWindowLog(int capacity, long windowNanos) {
    this.windowNanos = windowNanos;
    this.ring = new long[capacity];
    this.owners = new Object[capacity];
    Arrays.fill(ring, EMPTY);
  }

  /** Records an entry at {@code now} and returns 0, or returns the nanos until one would fit. */
  public long tryAcquire(long now) {
    return tryAcquire(now, null);
  }

  /**
   * {@link #tryAcquire(long)} that remembers {@code owner} (compared by identity) with the entry, so
   * {@link #redate} can find it; null for an entry that is never re-dated.
   */
  public synchronized long tryAcquire(long now, Object owner) {
    long oldest = ring[next];
    if (oldest != EMPTY && now - oldest < windowNanos) {
      return oldest + windowNanos - now;
    }
    ring[next] = now;
    owners[next] = owner;
    next = next + 1 == ring.length ? 0 : next + 1;
    return 0;
  }

  /**
   * Moves the newest entry of {@code owner} to {@code now} if that is later, and forgets the owner (so
   * the ring keeps no reference to it). Returns false, changing nothing, if the owner has no entry in
   * the ring (never acquired, already re-dated, or evicted).
   */
  public synchronized boolean redate(Object owner, long now) {
    if (owner == null) {
      return false;
    }
    int i = next;
    for (int k = 0; k < ring.length; k++) {
      i = i == 0 ? ring.length - 1 : i - 1;
      if (owners[i] == owner) {
        owners[i] = null;
        if (now > ring[i]) {
          ring[i] = now;
        }
        return true;
      }
    }
    return false;
  }

  /** Changes the capacity, keeping the most recent entries (and their owners). */
  public synchronized void resize(int capacity) {
    long[] fresh = new long[capacity];
    Object[] freshOwners = new Object[capacity];
    Arrays.fill(fresh, EMPTY);
    // copy the newest min(capacity, old) entries, oldest first
    int keep = Math.min(capacity, ring.length);
    for (int k = 0; k < keep; k++) {
      int from = Math.floorMod(next - keep + k, ring.length);
      fresh[k] = ring[from];
      freshOwners[k] = owners[from];
    }
    ring = fresh;
    owners = freshOwners;
    next = keep == capacity ? 0 : keep;
  }
}
