package io.github.whatsapphelpdesk.client;

import java.time.Duration;

/**
 * Waits between retry attempts. The default parks the calling thread; tests pass a recording sleeper
 * so that retries run without real sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for {@code duration}; an interrupt ends the wait early and keeps the interrupt flag set. */
  void sleep(Duration duration);

  /** The default: {@link Thread#sleep(long)}, restoring the interrupt flag when interrupted. */
  static Sleeper threadSleeper() {
    return d -> {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}
