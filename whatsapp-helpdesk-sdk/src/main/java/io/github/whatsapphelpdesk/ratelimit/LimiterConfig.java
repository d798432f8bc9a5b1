package io.github.whatsapphelpdesk.ratelimit;

import io.github.whatsapphelpdesk.error.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings of {@link DefaultOutboundLimiter}. Defaults follow Meta's documented limits:
 * 80 messages per second per business number, 1 message per 6 s per recipient with bursts of 45, no
 * messaging limit (set the portfolio's tier, see {@link MessagingLimit#parse}), and a moving 24 h window.
 * Build with {@link #builder()}; {@link #defaults()} is the all-default configuration.
 */
public final class LimiterConfig {
  /** Highest per-number throughput Meta grants. */
  public static final int MAX_THROUGHPUT_MPS = 1_000;

  /**
   * Default {@link #throughputMargin()}: 5 ms, which costs 0.5 % of the sustained rate and absorbs the
   * few milliseconds of jitter between the client's dispatch and the server's read measured on loopback
   * (benchmarks/README.md). Jitter across a real network to Meta is larger and not measured.
   */
  public static final Duration DEFAULT_THROUGHPUT_MARGIN = Duration.ofMillis(5);

  /** Largest {@link #throughputMargin()}: 100 ms, which already costs 9 % of the rate. */
  public static final Duration MAX_THROUGHPUT_MARGIN = Duration.ofMillis(100);

  private final int throughputMps;
  private final Duration throughputMargin;
  private final Duration pairInterval;
  private final int pairBurst;
  private final MessagingLimit messagingLimit;
  private final Duration messagingWindow;
  private final Duration maxBackoff;
  private final int recoverAfterSuccesses;
  private final Duration recoveryInterval;
  private final Duration idleGrace;
  private final Duration cleanupInterval;

  private LimiterConfig(Builder b) {
    this.throughputMps = b.throughputMps;
    this.throughputMargin = b.throughputMargin;
    this.pairInterval = b.pairInterval;
    this.pairBurst = b.pairBurst;
    this.messagingLimit = b.messagingLimit;
    this.messagingWindow = b.messagingWindow;
    this.maxBackoff = b.maxBackoff;
    this.recoverAfterSuccesses = b.recoverAfterSuccesses;
    this.recoveryInterval = b.recoveryInterval;
    this.idleGrace = b.idleGrace;
    this.cleanupInterval = b.cleanupInterval;
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The default configuration. */
  public static LimiterConfig defaults() {
    return builder().build();
  }

  /** A builder initialised from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.throughputMps = throughputMps;
    b.throughputMargin = throughputMargin;
    b.pairInterval = pairInterval;
    b.pairBurst = pairBurst;
    b.messagingLimit = messagingLimit;
    b.messagingWindow = messagingWindow;
    b.maxBackoff = maxBackoff;
    b.recoverAfterSuccesses = recoverAfterSuccesses;
    b.recoveryInterval = recoveryInterval;
    b.idleGrace = idleGrace;
    b.cleanupInterval = cleanupInterval;
    return b;
  }

  /** Messages per second per business phone number unless updated at run time (default 80). */
  public int throughputMps() {
    return throughputMps;
  }

  /**
   * Safety margin of the per-number sliding guards (default {@link #DEFAULT_THROUGHPUT_MARGIN}): no
   * window of {@code 1 s + margin} holds more than {@link #throughputMps()} grants, and none holds more
   * than that many dispatches (see {@link OutboundLimiter#tryDispatch}). Requests granted or dispatched
   * in one second may reach Meta bunched by network and scheduling jitter; a margin at least as large as
   * that jitter keeps every 1 s window at the receiver within the rate. It costs
   * {@code margin / (1 s + margin)} of the sustained rate (10 ms: 0.99 %).
   */
  public Duration throughputMargin() {
    return throughputMargin;
  }

  /** Steady pair rate: one message per this interval to one recipient (default 6 s). */
  public Duration pairInterval() {
    return pairInterval;
  }

  /** Messages one recipient may get at once, repaid at the pair rate (default 45). */
  public int pairBurst() {
    return pairBurst;
  }

  /** Default messaging limit of each portfolio (default unlimited). */
  public MessagingLimit messagingLimit() {
    return messagingLimit;
  }

  /** The moving window of the messaging limit (default 24 h). */
  public Duration messagingWindow() {
    return messagingWindow;
  }

  /** Longest backoff after Meta's rate-limit answers (default 1 h). */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Successes that take one backoff step back (default 10). */
  public int recoverAfterSuccesses() {
    return recoverAfterSuccesses;
  }

  /** Quiet time without a new rate-limit answer that takes one backoff step back (default 60 s). */
  public Duration recoveryInterval() {
    return recoveryInterval;
  }

  /** Extra time a recipient's state is kept after it would be back to full (default 60 s). */
  public Duration idleGrace() {
    return idleGrace;
  }

  /** How often idle state is swept (default 30 s). */
  public Duration cleanupInterval() {
    return cleanupInterval;
  }

  @Override
  public String toString() {
    return "LimiterConfig[throughputMps=" + throughputMps + ", throughputMargin=" + throughputMargin
        + ", pairInterval=" + pairInterval + ", pairBurst="
        + pairBurst + ", messagingLimit=" + messagingLimit + ", messagingWindow=" + messagingWindow
        + ", maxBackoff=" + maxBackoff + ", recoverAfterSuccesses=" + recoverAfterSuccesses
        + ", recoveryInterval=" + recoveryInterval + ", idleGrace=" + idleGrace
        + ", cleanupInterval=" + cleanupInterval + "]";
  }

  /** Mutable builder; {@link #build()} validates every field and reports all problems at once. */
  public static final class Builder {
    private int throughputMps = ThroughputLevels.STANDARD_MPS;
    private Duration throughputMargin = DEFAULT_THROUGHPUT_MARGIN;
    private Duration pairInterval = Duration.ofSeconds(6);
    private int pairBurst = 45;
    private MessagingLimit messagingLimit = MessagingLimit.UNLIMITED;
    private Duration messagingWindow = Duration.ofHours(24);
    private Duration maxBackoff = Duration.ofHours(1);
    private int recoverAfterSuccesses = 10;
    private Duration recoveryInterval = Duration.ofSeconds(60);
    private Duration idleGrace = Duration.ofSeconds(60);
    private Duration cleanupInterval = Duration.ofSeconds(30);

    private Builder() {}

    /** Per-number messages per second, 1 to 1,000. */
    public Builder throughputMps(int mps) {
      this.throughputMps = mps;
      return this;
    }

    /**
     * Safety margin of the per-number sliding guards, {@code 0} to {@link #MAX_THROUGHPUT_MARGIN}
     * (default {@link #DEFAULT_THROUGHPUT_MARGIN}); see {@link LimiterConfig#throughputMargin()}.
     * {@link Duration#ZERO} makes the guards exact 1 s windows at the client.
     */
    public Builder throughputMargin(Duration margin) {
      this.throughputMargin = Objects.requireNonNull(margin, "margin");
      return this;
    }

    /** Pair rate: one message per {@code interval} per recipient, with bursts of {@code burst}. */
    public Builder pairRate(Duration interval, int burst) {
      this.pairInterval = Objects.requireNonNull(interval, "interval");
      this.pairBurst = burst;
      return this;
    }

    /** Default portfolio messaging limit. */
    public Builder messagingLimit(MessagingLimit limit) {
      this.messagingLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /** The moving window of the messaging limit. */
    public Builder messagingWindow(Duration window) {
      this.messagingWindow = Objects.requireNonNull(window, "window");
      return this;
    }

    /** Longest backoff after Meta's rate-limit answers. */
    public Builder maxBackoff(Duration max) {
      this.maxBackoff = Objects.requireNonNull(max, "max");
      return this;
    }

    /** Recovery: one backoff step back per {@code successes} successes or per {@code quietInterval}. */
    public Builder recovery(int successes, Duration quietInterval) {
      this.recoverAfterSuccesses = successes;
      this.recoveryInterval = Objects.requireNonNull(quietInterval, "quietInterval");
      return this;
    }

    /** Extra time idle recipient state is kept after it would be back to full. */
    public Builder idleGrace(Duration grace) {
      this.idleGrace = Objects.requireNonNull(grace, "grace");
      return this;
    }

    /** How often idle state is swept. */
    public Builder cleanupInterval(Duration interval) {
      this.cleanupInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws ValidationException listing every invalid field
     */
    public LimiterConfig build() {
      List<String> v = new ArrayList<>();
      if (throughputMps < 1 || throughputMps > MAX_THROUGHPUT_MPS) {
        v.add("throughputMps must be 1.." + MAX_THROUGHPUT_MPS + ", was " + throughputMps);
      }
      if (throughputMargin.isNegative() || throughputMargin.compareTo(MAX_THROUGHPUT_MARGIN) > 0) {
        v.add("throughputMargin must be 0.." + MAX_THROUGHPUT_MARGIN.toMillis() + " ms, was " + throughputMargin);
      }
      positive(v, "pairInterval", pairInterval);
      if (pairBurst < 1) {
        v.add("pairBurst must be >= 1, was " + pairBurst);
      }
      positive(v, "messagingWindow", messagingWindow);
      positive(v, "maxBackoff", maxBackoff);
      if (recoverAfterSuccesses < 1) {
        v.add("recoverAfterSuccesses must be >= 1, was " + recoverAfterSuccesses);
      }
      positive(v, "recoveryInterval", recoveryInterval);
      if (idleGrace.isNegative()) {
        v.add("idleGrace must not be negative, was " + idleGrace);
      }
      positive(v, "cleanupInterval", cleanupInterval);
      if (!v.isEmpty()) {
        throw new ValidationException("limiter configuration", v);
      }
      return new LimiterConfig(this);
    }

    private static void positive(List<String> v, String name, Duration d) {
      if (d.isZero() || d.isNegative()) {
        v.add(name + " must be positive, was " + d);
      }
    }
  }
}
