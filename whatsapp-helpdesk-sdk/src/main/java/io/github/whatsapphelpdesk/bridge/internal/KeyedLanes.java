package io.github.whatsapphelpdesk.bridge.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time per key, keys in parallel, on a shared executor: no thread per key. A task
 * that returns a retry time parks its lane (the task stays at the head, so order within the key holds)
 * until {@link #resumeDue()} is called at or after that time. A task that keeps asking to be retried
 * waits exponentially longer (the asked delay doubled per retry, capped at 5 minutes).
 */
public final class KeyedLanes {
  private static final Logger LOG = LoggerFactory.getLogger(KeyedLanes.class);

  /** A unit of work; returns null when done, or when to try it again. */
  @FunctionalInterface
  public interface Task {
    Instant run();
  }

  private final Executor executor;
  private final Clock clock;
  private final Map<String, Lane> lanes = new HashMap<>();

  private static final class Lane {
    final ArrayDeque<Task> queue = new ArrayDeque<>();
    boolean running;
    Instant parkedUntil;
    /** How often the task at the head has asked to be retried. */
    int headRetries;
  }

  /** Longest wait between retries of one task that keeps failing (the backoff doubles up to it). */
  static final java.time.Duration MAX_BACKOFF = java.time.Duration.ofMinutes(5);

  /**
   * The retry time backed off exponentially by the head task's earlier retries (the SDK's one
   * {@link io.github.whatsapphelpdesk.http.Backoff}, from the delay the task asked for), capped at 5 min.
   */
  private Instant backOff(Instant retryAt, int retries) {
    Instant now = clock.instant();
    java.time.Duration asked = java.time.Duration.between(now, retryAt);
    if (asked.isNegative() || asked.isZero() || retries <= 1 || asked.compareTo(MAX_BACKOFF) >= 0) {
      return retryAt;
    }
    return now.plus(io.github.whatsapphelpdesk.http.Backoff.exponential(asked, MAX_BACKOFF).delay(retries, 0));
  }

  public KeyedLanes(Executor executor, Clock clock) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Queues a task behind the key's earlier tasks. */
  public void submit(String key, Task task) {
    boolean start;
    synchronized (this) {
      Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
      lane.queue.add(task);
      start = !lane.running && lane.parkedUntil == null;
      if (start) {
        lane.running = true;
      }
    }
    if (start) {
      executor.execute(() -> drain(key));
    }
  }

  /** Whether the task queued right behind the key's running task exists and matches {@code filter}. */
  public synchronized boolean nextQueuedMatches(String key, Predicate<Task> filter) {
    Lane lane = lanes.get(key);
    if (lane == null || lane.queue.size() < 2) {
      return false;
    }
    var it = lane.queue.iterator();
    it.next();
    return filter.test(it.next());
  }

  /**
   * Removes and returns the tasks queued right behind the key's running task, in order, while they
   * match {@code filter} (stopping at the first that does not, so the order against other tasks holds),
   * at most {@code max}. Only the running task of that key may call it; the caller then owns the work of
   * the returned tasks, which will not run.
   */
  public List<Task> takeQueued(String key, Predicate<Task> filter, int max) {
    List<Task> taken = new ArrayList<>();
    synchronized (this) {
      Lane lane = lanes.get(key);
      if (lane == null || !lane.running || lane.queue.size() < 2) {
        return taken;
      }
      Task head = lane.queue.poll();
      while (taken.size() < max && !lane.queue.isEmpty() && filter.test(lane.queue.peek())) {
        taken.add(lane.queue.poll());
      }
      lane.queue.addFirst(head);
    }
    return taken;
  }

  private void drain(String key) {
    while (true) {
      Task next;
      synchronized (this) {
        Lane lane = lanes.get(key);
        next = lane.queue.peek();
        if (next == null) {
          lanes.remove(key);
          return;
        }
      }
      Instant retryAt;
      try {
        retryAt = next.run();
      } catch (RuntimeException e) {
        LOG.warn("Bridge task failed permanently and was dropped: {}", e.toString());
        retryAt = null;
      }
      synchronized (this) {
        Lane lane = lanes.get(key);
        if (retryAt != null) {
          lane.running = false;
          lane.headRetries++;
          lane.parkedUntil = backOff(retryAt, lane.headRetries);
          return;
        }
        lane.headRetries = 0;
        lane.queue.poll();
      }
    }
  }

  /** Restarts parked lanes whose retry time has come; returns how many. */
  public int resumeDue() {
    Instant now = clock.instant();
    List<String> due = new ArrayList<>();
    synchronized (this) {
      for (Map.Entry<String, Lane> e : lanes.entrySet()) {
        Lane l = e.getValue();
        if (l.parkedUntil != null && !l.parkedUntil.isAfter(now)) {
          l.parkedUntil = null;
          l.running = true;
          due.add(e.getKey());
        }
      }
    }
    for (String key : due) {
      executor.execute(() -> drain(key));
    }
    return due.size();
  }

  /** The earliest retry time of a parked lane, or null. */
  public synchronized Instant nextRetryAt() {
    Instant min = null;
    for (Lane l : lanes.values()) {
      if (l.parkedUntil != null && (min == null || l.parkedUntil.isBefore(min))) {
        min = l.parkedUntil;
      }
    }
    return min;
  }

  /** Tasks waiting or running, over all keys. */
  public synchronized int pending() {
    int n = 0;
    for (Lane l : lanes.values()) {
      n += l.queue.size();
    }
    return n;
  }
}
