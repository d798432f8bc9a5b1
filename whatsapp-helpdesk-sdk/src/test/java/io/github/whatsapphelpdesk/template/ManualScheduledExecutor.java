package io.github.whatsapphelpdesk.template;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} that runs nothing by itself: a test runs the scheduled tasks with
 * {@link #runScheduled()} after moving its clock. Records every schedule call.
 */
final class ManualScheduledExecutor extends AbstractExecutorService implements ScheduledExecutorService {
  final List<Task> tasks = new ArrayList<>();
  private boolean shutdown;

  /** One scheduled task. */
  static final class Task implements ScheduledFuture<Object> {
    final Runnable body;
    final long initialDelayMillis;
    final long periodMillis;
    boolean cancelled;

    Task(Runnable body, long initialDelayMillis, long periodMillis) {
      this.body = body;
      this.initialDelayMillis = initialDelayMillis;
      this.periodMillis = periodMillis;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed o) {
      return 0;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }

  /** Runs every task that is not cancelled once (periodic tasks stay scheduled). */
  synchronized void runScheduled() {
    for (Task t : List.copyOf(tasks)) {
      if (!t.cancelled) {
        t.body.run();
      }
    }
    tasks.removeIf(t -> t.periodMillis == 0);
  }

  synchronized long active() {
    return tasks.stream().filter(t -> !t.cancelled).count();
  }

  private synchronized Task add(Runnable r, long delay, long period, TimeUnit unit) {
    Task t = new Task(r, unit.toMillis(delay), unit.toMillis(period));
    tasks.add(t);
    return t;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(command, delay, 0, unit);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return (ScheduledFuture<V>) (ScheduledFuture<?>) add(() -> {
      try {
        callable.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, delay, 0, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return add(command, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return add(command, initialDelay, delay, unit);
  }

  @Override
  public void execute(Runnable command) {
    add(command, 0, 0, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
