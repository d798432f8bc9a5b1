package io.github.whatsapphelpdesk.ratelimit.internal;

import io.github.bucket4j.TimeMeter;
import io.github.whatsapphelpdesk.error.OutboundThrottledException;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The waiting room of one business number. Waiters are served strictly by lane ({@link Priority}
 * order), then first come first served. One drain task at a time is scheduled on the shared
 * {@link TaskScheduler} for the earliest moment a waiter may proceed, so no thread is parked per
 * waiting request. A waiter held back by its own recipient (pair rate, recipient backoff) does not
 * block the others; a waiter held back by the number's throughput blocks every lower waiter.
 */
public final class PriorityLane {
  /** Tries to take every permit of a request. */
  @FunctionalInterface
  public interface Attempt {
    /** 0 when acquired; a positive wait when the number is short; a negative wait when the recipient is. */
    long attempt(OutboundRequest request, long now);
  }

  private static final Comparator<Waiter> ORDER =
      Comparator.comparingInt((Waiter w) -> w.request.priority().ordinal()).thenComparingLong(w -> w.seq);

  private final String maskedKey;
  private final Attempt attempt;
  private final TimeMeter time;
  private final TaskScheduler scheduler;
  private final TreeSet<Waiter> waiters = new TreeSet<>(ORDER);
  private final AtomicIntegerArray perLane = new AtomicIntegerArray(Priority.values().length);
  private long seq;
  private long drainAt = Long.MAX_VALUE;
  private TaskScheduler.Cancellable drainTask;

  private static final class Waiter {
    final OutboundRequest request;
    final CompletableFuture<Void> future;
    final long deadline;
    /**
     * The same deadline on the monotonic {@link System#nanoTime()}: a clock that does not move (a fixed or
     * test clock) must not hold a caller forever, so a waiter times out at whichever deadline comes first.
     */
    final long realDeadline;
    /** The clock's reading when the waiter was queued, to tell a frozen clock in the timeout message. */
    final long queuedAt;
    final long seq;
    /** Where the future completes; null: inline on the drain thread. */
    final Executor completeOn;
    long notBefore;
    long lastWait;

    Waiter(OutboundRequest request, CompletableFuture<Void> future, long queuedAt, long deadline, long realDeadline,
        long seq, Executor completeOn) {
      this.completeOn = completeOn;
      this.queuedAt = queuedAt;
      this.realDeadline = realDeadline;
      this.request = request;
      this.future = future;
      this.deadline = deadline;
      this.seq = seq;
    }
  }

  public PriorityLane(String maskedKey, Attempt attempt, TimeMeter time, TaskScheduler scheduler) {
    this.maskedKey = maskedKey;
    this.attempt = attempt;
    this.time = time;
    this.scheduler = scheduler;
  }

  /** True when a waiter of {@code priority} or a higher lane is queued: newcomers must queue too. */
  public boolean hasWaitersAtOrAbove(Priority priority) {
    for (int i = 0; i <= priority.ordinal(); i++) {
      if (perLane.get(i) > 0) {
        return true;
      }
    }
    return false;
  }

  /** Estimated wait for a newcomer while others queue: until the next scheduled drain. */
  public synchronized long estimatedWaitNanos(long now) {
    return drainAt == Long.MAX_VALUE ? 1_000_000L : Math.max(1, drainAt - now);
  }

  /**
   * Queues a request; {@code firstTry} is the earliest moment worth trying (now when unknown). With a
   * null {@code completeOn} the future completes on the drain thread (for a blocked caller waiting in
   * {@code get()}); otherwise by a task on {@code completeOn}, so callbacks never run on the scheduler.
   */
  public CompletableFuture<Void> enqueue(OutboundRequest request, long now, long deadline, long firstTry,
      Executor completeOn) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    synchronized (this) {
      long timeout = Math.max(0, deadline - now);
      long real = System.nanoTime();
      long realDeadline;
      try {
        realDeadline = Math.addExact(real, timeout);
      } catch (ArithmeticException overflow) {
        realDeadline = Long.MAX_VALUE; // no monotonic bound for an unbounded timeout
      }
      Waiter w = new Waiter(request, future, now, deadline, realDeadline, seq++, completeOn);
      w.notBefore = firstTry;
      waiters.add(w);
      perLane.incrementAndGet(request.priority().ordinal());
      scheduleDrain(Math.min(firstTry, deadline), now);
    }
    return future;
  }

  /** Waiters queued (for tests and metrics). */
  public synchronized int size() {
    return waiters.size();
  }

  /** Serves every waiter that may proceed now, in lane order, then schedules the next drain. */
  public void drain() {
    List<Waiter> doneBy = new ArrayList<>();
    List<Runnable> done = new ArrayList<>();
    long now = time.currentTimeNanos();
    synchronized (this) {
      drainTask = null;
      drainAt = Long.MAX_VALUE;
      long next = Long.MAX_VALUE;
      long realNext = Long.MAX_VALUE;
      boolean numberShort = false;
      Iterator<Waiter> it = waiters.iterator();
      while (it.hasNext()) {
        Waiter w = it.next();
        if (w.future.isDone()) {
          remove(it, w);
          continue;
        }
        boolean realExpired = w.realDeadline != Long.MAX_VALUE && System.nanoTime() - w.realDeadline >= 0;
        if (w.deadline <= now || realExpired) {
          remove(it, w);
          long wait = Math.max(w.lastWait, w.notBefore - now);
          String why = w.deadline > now && now == w.queuedAt
              ? "timed out in the " + w.request.priority() + " lane: the limiter's clock did not advance while"
                  + " it waited (a fixed or test clock?); advance the clock, or use OutboundLimiter.unlimited()"
              : "timed out in the " + w.request.priority() + " lane";
          finish(doneBy, done, w, () -> w.future.completeExceptionally(new OutboundThrottledException(maskedKey,
              Duration.ofNanos(Math.max(0, wait)), why)));
          continue;
        }
        realNext = Math.min(realNext, w.realDeadline);
        if (numberShort || w.notBefore > now) {
          next = Math.min(next, Math.min(w.deadline, numberShort ? Long.MAX_VALUE : w.notBefore));
          continue;
        }
        long r;
        try {
          r = attempt.attempt(w.request, now);
        } catch (RuntimeException e) {
          remove(it, w);
          finish(doneBy, done, w, () -> w.future.completeExceptionally(e));
          continue;
        }
        if (r == 0) {
          remove(it, w);
          finish(doneBy, done, w, () -> w.future.complete(null));
        } else if (r < 0) {
          w.notBefore = now - r;
          w.lastWait = -r;
          next = Math.min(next, Math.min(w.notBefore, w.deadline));
        } else {
          w.lastWait = r;
          numberShort = true;
          next = Math.min(next, Math.min(now + r, w.deadline));
        }
      }
      if (realNext != Long.MAX_VALUE) {
        // never sleep past a waiter's monotonic deadline, whatever the clock says
        long realLeft = Math.max(0, realNext - System.nanoTime());
        next = Math.min(next, now > Long.MAX_VALUE - realLeft ? Long.MAX_VALUE : now + realLeft);
      }
      if (next != Long.MAX_VALUE) {
        scheduleDrain(next, now);
      }
    }
    // blocked callers first (they only wake up), then hand the others to their executors
    for (int k = 0; k < done.size(); k++) {
      if (doneBy.get(k).completeOn == null) {
        done.get(k).run();
      }
    }
    for (int k = 0; k < done.size(); k++) {
      Executor e = doneBy.get(k).completeOn;
      if (e != null) {
        try {
          e.execute(done.get(k));
        } catch (RejectedExecutionException rejected) {
          // a shut-down or saturated executor must not leave the caller waiting forever
          done.get(k).run();
        }
      }
    }
  }

  private static void finish(List<Waiter> doneBy, List<Runnable> done, Waiter w, Runnable completion) {
    doneBy.add(w);
    done.add(completion);
  }

  private void remove(Iterator<Waiter> it, Waiter w) {
    it.remove();
    perLane.decrementAndGet(w.request.priority().ordinal());
  }

  private void scheduleDrain(long at, long now) {
    if (at >= drainAt) {
      return;
    }
    if (drainTask != null) {
      drainTask.cancel();
    }
    drainAt = at;
    drainTask = scheduler.schedule(this::drain, Math.max(0, at - now));
  }
}
