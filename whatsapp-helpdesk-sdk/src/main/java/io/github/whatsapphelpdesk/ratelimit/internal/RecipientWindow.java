package io.github.whatsapphelpdesk.ratelimit.internal;

import java.util.ArrayDeque;
import java.util.HashMap;

/**
 * Unique recipients (wa_ids or BSUIDs, as {@code OutboundRequest#recipientKey}) of business-initiated messages of one portfolio in a moving window. A recipient is
 * counted once per window: while its first counted message is younger than the window it does not
 * count again. Memory is bounded by the limit (at most {@code limit} live entries plus released ones
 * awaiting their turn in the queue).
 */
public final class RecipientWindow {
  private final long windowNanos;
  private final ArrayDeque<Counted> order = new ArrayDeque<>();
  private final HashMap<String, Counted> live = new HashMap<>();

  private static final class Counted {
    final String recipientKey;
    final long at;
    boolean released;

    Counted(String recipientKey, long at) {
      this.recipientKey = recipientKey;
      this.at = at;
    }
  }

  /** Result of {@link #admit}: counted now, already counted, or full until {@code returnsAt}. */
  public static final long ALREADY_COUNTED = -1;
  public static final long NEWLY_COUNTED = -2;

  public RecipientWindow(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  /**
   * Counts {@code recipientKey} if there is room. Returns {@link #NEWLY_COUNTED}, {@link #ALREADY_COUNTED}, or,
   * when full, the epoch nanos at which a new recipient fits again.
   */
  public synchronized long admit(String recipientKey, long now, long limit) {
    evict(now);
    if (live.containsKey(recipientKey)) {
      return ALREADY_COUNTED;
    }
    if (live.size() >= limit) {
      for (Counted c : order) {
        if (!c.released) {
          // the oldest live entry leaves first; with more live entries than the limit (limit
          // lowered at run time) this is a lower bound
          return c.at + windowNanos;
        }
      }
      return now;
    }
    Counted c = new Counted(recipientKey, now);
    order.addLast(c);
    live.put(recipientKey, c);
    return NEWLY_COUNTED;
  }

  /** Undoes a {@link #NEWLY_COUNTED} admission whose send did not get a permit. */
  public synchronized void release(String recipientKey) {
    Counted c = live.remove(recipientKey);
    if (c != null) {
      c.released = true;
      if (order.peekLast() == c) {
        order.pollLast();
      }
    }
  }

  /** Recipients counted in the window at {@code now}. */
  public synchronized int count(long now) {
    evict(now);
    return live.size();
  }

  private void evict(long now) {
    Counted head;
    while ((head = order.peekFirst()) != null && (head.released || head.at + windowNanos <= now)) {
      order.pollFirst();
      if (!head.released) {
        live.remove(head.recipientKey, head);
      }
    }
  }
}
