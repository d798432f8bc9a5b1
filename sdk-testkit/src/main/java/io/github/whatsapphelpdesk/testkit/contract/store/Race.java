package io.github.whatsapphelpdesk.testkit.contract.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Runs tasks on their own threads, all released at once by one barrier. */
final class Race {
  private static final long GUARD_SECONDS = 60;

  private Race() {}

  /**
   * Runs {@code task(i)} for {@code i} in {@code [0, threads)}, each on its own thread, released together.
   *
   * @return the results in task order
   * @throws AssertionError when a task throws or the race does not finish (a deadlock guard, not a timing
   *     assertion)
   */
  static <T> List<T> run(int threads, IntFunction<T> task) {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        int n = i;
        futures.add(pool.submit(() -> {
          start.await();
          return task.apply(n);
        }));
      }
      List<T> results = new ArrayList<>(threads);
      for (Future<T> f : futures) {
        results.add(f.get(GUARD_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } catch (ExecutionException e) {
      throw new AssertionError("a racing call failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the race did not finish within " + GUARD_SECONDS + " s (deadlock?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
