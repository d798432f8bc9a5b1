package io.github.whatsapphelpdesk.crm;

import java.util.Optional;
import java.util.Random;

/**
 * Makes a seeded, reproducible fraction of a helpdesk's calls fail with a retryable error, for
 * reliability tests. A failure happens either {@link Timing#BEFORE} the call's side effect (nothing was
 * written) or {@link Timing#AFTER} it (the write happened, but the caller sees a failure, as after a
 * timeout); the caller's retries, idempotency keys and dedupe must absorb both. Thread-safe.
 */
public final class FailureInjector {
  /** When an injected failure happens relative to the call's side effect. */
  public enum Timing { BEFORE, AFTER }

  private final Random random;
  private final double failureRate;
  private final double afterShare;
  private volatile boolean enabled;
  private long injected;
  private long injectedAfter;

  private FailureInjector(long seed, double failureRate, double afterShare, boolean enabled) {
    if (failureRate < 0 || failureRate > 1 || afterShare < 0 || afterShare > 1) {
      throw new IllegalArgumentException("failureRate and afterShare must be between 0 and 1");
    }
    this.random = new Random(seed);
    this.failureRate = failureRate;
    this.afterShare = afterShare;
    this.enabled = enabled;
  }

  /** Never fails. */
  public static FailureInjector none() {
    return new FailureInjector(0, 0, 0, false);
  }

  /**
   * Fails {@code failureRate} of calls (0 to 1); of those, {@code afterShare} (0 to 1) after the side
   * effect. The same seed and call sequence give the same failures.
   */
  public static FailureInjector seeded(long seed, double failureRate, double afterShare) {
    return new FailureInjector(seed, failureRate, afterShare, true);
  }

  /** Turns injection on or off (for example off while a test sets up its data). */
  public void setEnabled(boolean value) {
    this.enabled = value;
  }

  /** Whether injection is on. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Decides the fate of the next call of {@code operation}: no failure, or a failure and its timing. */
  public synchronized Optional<Timing> next(String operation) {
    if (!enabled || failureRate == 0 || random.nextDouble() >= failureRate) {
      return Optional.empty();
    }
    injected++;
    if (random.nextDouble() < afterShare) {
      injectedAfter++;
      return Optional.of(Timing.AFTER);
    }
    return Optional.of(Timing.BEFORE);
  }

  /** How many failures were injected. */
  public synchronized long injected() {
    return injected;
  }

  /** How many of them came after the side effect. */
  public synchronized long injectedAfter() {
    return injectedAfter;
  }
}
