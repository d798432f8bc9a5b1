package io.github.whatsapphelpdesk.http.internal;

import io.github.whatsapphelpdesk.http.Sleeper;
import java.time.Duration;
import java.util.Objects;

/**
 * The one retry loop of the client and the adapters. An {@link Attempt} makes one exchange and says
 * what happened as a {@link Step}: done with a value, retry after a delay (carrying the failure to throw
 * when the loop may not retry), or retry at once without counting (a fresh-token retry). The loop keeps
 * the budgets (attempts and longest single wait), waits through the {@link Sleeper} and stops when the
 * thread is interrupted, throwing the last failure with the interrupt flag kept.
 *
 * <p>What is retryable is the attempt's decision, never the loop's: the client decides from Meta's error
 * classification and from whether a POST's body may have been written, so a non-idempotent request the
 * server may have processed is never resent (see {@code RetryPolicy}): a connection lost after the body
 * was written, or a proxy's 5xx without a Graph API error body, ends the loop with a failure whose
 * {@code outcomeUnknown()} is true instead of a retry step. Thread-safe.
 */
public final class RetryLoop {
  private final Sleeper sleeper;
  private final int maxAttempts;
  private final Duration maxWait;

  /**
   * A loop.
   *
   * @param sleeper waits between attempts
   * @param maxAttempts counted attempts including the first, at least 1
   * @param maxWait the longest single wait; a longer retry delay fails at once instead of sleeping
   */
  public RetryLoop(Sleeper sleeper, int maxAttempts, Duration maxWait) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
  }

  /** The counted attempts including the first. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * One attempt.
   *
   * @param <T> the result type
   */
  @FunctionalInterface
  public interface Attempt<T> {
    /**
     * Makes one exchange; throws a failure that must not be retried.
     *
     * @param attempt the counted attempt, from 1
     * @return what happened
     */
    Step<T> run(int attempt);
  }

  /**
   * The outcome of one attempt.
   *
   * @param <T> the result type
   */
  public sealed interface Step<T> {
    /** The attempt succeeded. */
    record Done<T>(T value) implements Step<T> {}

    /**
     * The attempt failed in a way that may be retried after {@code delay}; {@code failure} is thrown
     * when the budget is spent, the delay is over the longest wait or the thread is interrupted.
     */
    record Retry<T>(Duration delay, RuntimeException failure) implements Step<T> {
      /** Validates. */
      public Retry {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(failure, "failure");
      }
    }

    /** Repeat at once, without counting an attempt (for example after refreshing a token). */
    record Again<T>() implements Step<T> {}

    /** A success. */
    static <T> Step<T> done(T value) {
      return new Done<>(value);
    }

    /** A retryable failure. */
    static <T> Step<T> retry(Duration delay, RuntimeException failure) {
      return new Retry<>(delay, failure);
    }

    /** An immediate repeat that does not count. */
    static <T> Step<T> again() {
      return new Again<>();
    }
  }

  /**
   * Runs attempts until one is done or the loop must stop.
   *
   * @param attempt the attempt
   * @return the value of the successful attempt
   * @throws RuntimeException the attempt's own failure, or the failure of its last retryable step
   */
  public <T> T run(Attempt<T> attempt) {
    int counted = 1;
    while (true) {
      Step<T> step = attempt.run(counted);
      if (step instanceof Step.Done<T> done) {
        return done.value();
      }
      if (step instanceof Step.Retry<T> retry) {
        pause(counted, retry);
        counted++;
      }
      // Again: repeat the same counted attempt
    }
  }

  /**
   * Checks the budgets for a retry after counted attempt {@code attempt} and waits its delay; throws
   * the step's failure instead when no retry is allowed. For callers that schedule attempts themselves
   * (the client's asynchronous path).
   *
   * @param attempt the counted attempt that failed, from 1
   * @param retry the step it returned
   */
  public void pause(int attempt, Step.Retry<?> retry) {
    if (attempt >= maxAttempts || retry.delay().compareTo(maxWait) > 0 || Thread.currentThread().isInterrupted()) {
      throw retry.failure();
    }
    sleeper.sleep(retry.delay());
    if (Thread.currentThread().isInterrupted()) {
      throw retry.failure();
    }
  }
}
