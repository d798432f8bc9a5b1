package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.ratelimit.Priority;
import java.time.Duration;
import java.util.Optional;

/**
 * Per-call overrides. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code priority}: the {@link io.github.whatsapphelpdesk.ratelimit.OutboundLimiter} lane. When
 *       unset, templates go in {@link Priority#AUTOMATED}, read receipts in {@link Priority#AUTOMATED},
 *       every other message in {@link Priority#AGENT_REPLY} (the bridge's main traffic).
 *   <li>{@code phoneNumberId}: send from another business number than the client's default (one
 *       client serving several numbers of the same WABA and token).
 *   <li>{@code retryPolicy}: replaces the client's policy for this call.
 *   <li>{@code limiterTimeout}: how long to wait for the limiter (default 30 s).
 * </ul>
 */
public final class RequestOptions {
  /** Default wait for a limiter permit. */
  public static final Duration DEFAULT_LIMITER_TIMEOUT = Duration.ofSeconds(30);
  private static final RequestOptions DEFAULTS = new Builder().build();

  private final Priority priority;
  private final String phoneNumberId;
  private final RetryPolicy retryPolicy;
  private final Duration limiterTimeout;

  private RequestOptions(Builder b) {
    this.priority = b.priority;
    this.phoneNumberId = b.phoneNumberId;
    this.retryPolicy = b.retryPolicy;
    this.limiterTimeout = b.limiterTimeout;
  }

  /** No overrides. */
  public static RequestOptions defaults() {
    return DEFAULTS;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The limiter lane, when set. */
  public Optional<Priority> priority() {
    return Optional.ofNullable(priority);
  }

  /** The sending phone number id override, when set. */
  public Optional<String> phoneNumberId() {
    return Optional.ofNullable(phoneNumberId);
  }

  /** The retry policy override, when set. */
  public Optional<RetryPolicy> retryPolicy() {
    return Optional.ofNullable(retryPolicy);
  }

  /** How long to wait for a limiter permit. */
  public Duration limiterTimeout() {
    return limiterTimeout;
  }

  @Override
  public String toString() {
    return "RequestOptions[priority=" + priority + ", phoneNumberId=" + phoneNumberId
        + ", retryPolicy=" + retryPolicy + ", limiterTimeout=" + limiterTimeout + "]";
  }

  /** Builds {@link RequestOptions}. */
  public static final class Builder {
    private Priority priority;
    private String phoneNumberId;
    private RetryPolicy retryPolicy;
    private Duration limiterTimeout = DEFAULT_LIMITER_TIMEOUT;

    private Builder() {}

    /** The limiter lane. */
    public Builder priority(Priority v) {
      this.priority = v;
      return this;
    }

    /** Sends from this business phone number id instead of the client's default. */
    public Builder phoneNumberId(String v) {
      this.phoneNumberId = v;
      return this;
    }

    /** Replaces the client's retry policy for this call. */
    public Builder retryPolicy(RetryPolicy v) {
      this.retryPolicy = v;
      return this;
    }

    /** How long to wait for a limiter permit. */
    public Builder limiterTimeout(Duration v) {
      this.limiterTimeout = v;
      return this;
    }

    /** Validates and builds. */
    public RequestOptions build() {
      if (limiterTimeout == null || limiterTimeout.isNegative()) {
        throw new IllegalArgumentException("limiterTimeout must be >= 0");
      }
      if (phoneNumberId != null && phoneNumberId.isBlank()) {
        throw new IllegalArgumentException("phoneNumberId is blank");
      }
      return new RequestOptions(this);
    }
  }
}
