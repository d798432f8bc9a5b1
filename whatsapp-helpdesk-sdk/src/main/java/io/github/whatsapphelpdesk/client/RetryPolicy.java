package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.http.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries failed calls. Immutable and thread-safe.
 *
 * <p>Only retryable failures are retried: error codes whose {@link
 * io.github.whatsapphelpdesk.error.ErrorClassification#action() action} is RETRY (bounded further by
 * the code's {@code maxRetries}, 1 for "retry once"), and connection failures that happened before the
 * request was written. The delay is {@code baseBackoff * 2^(attempt-1)}, capped at {@link #maxBackoff},
 * reduced by a random jitter fraction, and never shorter than the server's {@code Retry-After}.
 *
 * <p>The Cloud API has no idempotency key: a send whose body was written before the connection failed
 * (a read timeout) may already have reached Meta, and retrying it may deliver the message twice. Such
 * requests are therefore not retried unless {@link Builder#retryOnPossiblySentRequests(boolean)} is
 * set. The same holds for a 5xx answer without a Graph API error body (a proxy's or load balancer's 502
 * or 504) to a POST whose body was written: Meta may have processed it, so the client throws an {@link
 * io.github.whatsapphelpdesk.error.OutcomeUnknownException} at once. Both failures report {@link
 * io.github.whatsapphelpdesk.error.WhatsAppException#outcomeUnknown()}: reconcile them from the status
 * webhooks, never by resending. A 5xx that carries Meta's own error body (codes 2, 131000, 131016, ...)
 * is an answer from Meta and is retried per its code. GET and DELETE calls are idempotent and always
 * retried.
 *
 * <p>The pair-rate limit 131056 is never retried by the client: it concerns one recipient only, so the
 * {@link io.github.whatsapphelpdesk.ratelimit.OutboundLimiter} is told and the {@link
 * io.github.whatsapphelpdesk.error.RateLimitException} surfaces to the caller.
 *
 * @param maxAttempts total attempts including the first (1 disables retries)
 * @param baseBackoff the first delay
 * @param maxBackoff the cap of the exponential delay
 * @param jitter the fraction (0..1) of the delay that is randomised away
 * @param retryOnPossiblySentRequests retry POSTs that may already have reached Meta
 */
public record RetryPolicy(
    int maxAttempts, Duration baseBackoff, Duration maxBackoff, double jitter, boolean retryOnPossiblySentRequests) {

  /** Default total attempts. */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  /** Default first delay. */
  public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofMillis(500);
  /** Default delay cap. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  /** Default jitter fraction. */
  public static final double DEFAULT_JITTER = 0.2;

  /** Validates the values. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(baseBackoff, "baseBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= baseBackoff <= maxBackoff");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be within 0..1");
    }
  }

  /** The defaults: 4 attempts, 500 ms doubling up to 30 s, 20 % jitter, no retry of possibly sent POSTs. */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** A policy that never retries. */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return new Builder().maxAttempts(maxAttempts).baseBackoff(baseBackoff).maxBackoff(maxBackoff)
        .jitter(jitter).retryOnPossiblySentRequests(retryOnPossiblySentRequests);
  }

  /**
   * The delay before attempt {@code failedAttempt + 1}.
   *
   * @param failedAttempt the attempt that failed, from 1
   * @param retryAfter the server's hint, or null
   * @param random a value in [0, 1) used for the jitter
   */
  public Duration delay(int failedAttempt, Duration retryAfter, double random) {
    Duration d = backoff().delay(failedAttempt, random);
    if (retryAfter != null && retryAfter.compareTo(d) > 0) {
      d = retryAfter;
    }
    return d;
  }

  /**
   * The back-off of this policy: {@link #baseBackoff} doubling up to {@link #maxBackoff}, with {@link #jitter}.
   *
   * @return the shared back-off value the delays are computed with
   */
  public Backoff backoff() {
    return new Backoff(baseBackoff, maxBackoff, 2, jitter);
  }

  /** Builds {@link RetryPolicy} values. */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration baseBackoff = DEFAULT_BASE_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private double jitter = DEFAULT_JITTER;
    private boolean retryOnPossiblySentRequests;

    private Builder() {}

    /** Total attempts including the first. */
    public Builder maxAttempts(int v) {
      this.maxAttempts = v;
      return this;
    }

    /** The first delay. */
    public Builder baseBackoff(Duration v) {
      this.baseBackoff = v;
      return this;
    }

    /** The delay cap. */
    public Builder maxBackoff(Duration v) {
      this.maxBackoff = v;
      return this;
    }

    /** The jitter fraction, 0 for none. */
    public Builder jitter(double v) {
      this.jitter = v;
      return this;
    }

    /**
     * Whether to retry a POST that may already have reached Meta (connection lost after the body was
     * written). Off by default: the Cloud API has no idempotency key, so a retry may send twice.
     */
    public Builder retryOnPossiblySentRequests(boolean v) {
      this.retryOnPossiblySentRequests = v;
      return this;
    }

    /** Validates and builds. */
    public RetryPolicy build() {
      return new RetryPolicy(maxAttempts, baseBackoff, maxBackoff, jitter, retryOnPossiblySentRequests);
    }
  }
}
