package io.github.whatsapphelpdesk.client;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits between retry attempts. The default parks the calling thread; tests pass a recording sleeper
 * so that retries run without real sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for {@code duration}; an interrupt ends the wait early and keeps the interrupt flag set. */
  void sleep(Duration duration);

  /**
   * The default: parks the thread for the duration with sub-millisecond precision (the outbound
   * limiter's dispatch guard waits fractions of a millisecond), keeping the interrupt flag set when
   * interrupted.
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
