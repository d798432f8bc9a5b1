package io.github.whatsapphelpdesk.ratelimit.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay; the limiter's only source of threads. */
public interface TaskScheduler {

  /** Schedules {@code task} after {@code delayNanos}; the returned handle cancels it. */
  Cancellable schedule(Runnable task, long delayNanos);

  /** A scheduled task that can be cancelled. */
  interface Cancellable {
    void cancel();
  }

  /** A scheduler over a {@link ScheduledExecutorService}. */
  static TaskScheduler of(ScheduledExecutorService executor) {
    return (task, delayNanos) -> {
      var future = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    };
  }
}
