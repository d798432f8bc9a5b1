package io.github.whatsapphelpdesk.http;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits between attempts: retry back-offs, {@code Retry-After} hints and rate pacing, in the Cloud API
 * client and in every helpdesk adapter. The default parks the calling thread; tests pass a sleeper that
 * advances a fake clock (or records the waits) so nothing really sleeps.
 *
 * <p>The contract, the same for every caller: a zero or negative duration returns at once; an interrupt
 * ends the wait early and leaves the thread's interrupt flag set (no checked exception). A caller that
 * must not go on after an interrupt checks {@link Thread#isInterrupted()} when the sleeper returns.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for {@code duration}; an interrupt ends the wait early and keeps the interrupt flag set.
   *
   * @param duration how long to wait; zero or negative does not wait
   */
  void sleep(Duration duration);

  /**
   * The default: parks the thread for the duration with sub-millisecond precision (the outbound
   * limiter's dispatch guard waits fractions of a millisecond), keeping the interrupt flag set when
   * interrupted.
   *
   * @return a sleeper parking the calling thread
   */
  static Sleeper threadSleeper() {
    return d -> {
      long nanos;
      try {
        nanos = d.toNanos();
      } catch (ArithmeticException tooLong) {
        nanos = Long.MAX_VALUE / 2;
      }
      long deadline = System.nanoTime() + nanos;
      for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
        LockSupport.parkNanos(left);
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    };
  }
}
