package io.github.whatsapphelpdesk.ratelimit;

import io.github.whatsapphelpdesk.ratelimit.internal.TaskScheduler;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A {@link TaskScheduler} on a {@link MutableClock}: tasks run only when the test advances time. */
final class ManualScheduler implements TaskScheduler {
  private final MutableClock clock;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long seq;

  private final class Task implements Comparable<Task>, Cancellable {
    final Instant due;
    final long order = seq++;
    final Runnable body;
    boolean cancelled;

    Task(Instant due, Runnable body) {
      this.due = due;
      this.body = body;
    }

    @Override
    public int compareTo(Task o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(order, o.order);
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delayNanos) {
    Task t = new Task(clock.instant().plusNanos(Math.max(0, delayNanos)), task);
    tasks.add(t);
    return t;
  }

  /** Moves time forward, running every task that falls due on the way, at its due time. */
  void advance(Duration d) {
    Instant target = clock.instant().plus(d);
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due.isAfter(target)) {
          break;
        }
        tasks.poll();
      }
      if (!next.cancelled) {
        if (next.due.isAfter(clock.instant())) {
          clock.set(next.due);
        }
        next.body.run();
      }
    }
    clock.set(target);
  }

  /** Tasks pending and not cancelled. */
  synchronized long pending() {
    return tasks.stream().filter(t -> !t.cancelled).count();
  }
}
