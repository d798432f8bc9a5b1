package io.github.whatsapphelpdesk.zendesk;

import java.time.Duration;

/**
 * Waits for a duration; injected so tests can advance a fake clock instead of sleeping. The default
 * is {@link #system()}.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps the calling thread with {@link Thread#sleep(long)}. */
  static Sleeper system() {
    return d -> Thread.sleep(Math.max(0, d.toMillis()));
  }
}
