package io.github.whatsapphelpdesk.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Forward-only status ordering per outbound message: {@code sent < delivered < read < played}, {@code
 * failed} terminal. Meta does not order its deliveries ({@code read} may come without {@code delivered},
 * a retried {@code sent} may come last), so each status is compared with the latest one recorded for its
 * wamid; a status for a wamid never seen is recorded and passes (it is not dropped).
 *
 * <p>The state lives in a {@link StatusStore} ({@link Builder#store}); the default is an {@link
 * InMemoryStatusStore}, bounded: at most {@link Builder#maxMessages} wamids (default 100,000, least
 * recently updated evicted first), each forgotten {@link Builder#retention} (default 8 days, past Meta's
 * 7-day redelivery window) after its last update. Thread-safe.
 */
public final class StatusTracker {
  private final Clock clock;
  private final StatusStore store;

  private StatusTracker(Clock clock, StatusStore store) {
    this.clock = clock;
    this.store = store;
  }

  /** A tracker with the defaults. */
  public static StatusTracker create() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Records {@code status} for {@code wamid} if it moves the message forward. An {@link
   * DeliveryStatus#UNKNOWN} status is not recorded and passes unordered.
   *
   * @return the transition; {@link StatusTransition#stale()} when it must not be applied
   * @throws RuntimeException when the store is unavailable
   */
  public StatusTransition observe(String wamid, DeliveryStatus status) {
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(status, "status");
    if (status == DeliveryStatus.UNKNOWN) {
      return new StatusTransition(current(wamid), DeliveryStatus.UNKNOWN, true);
    }
    return store.advance(wamid, status, clock.instant());
  }

  /** The latest status recorded for {@code wamid}, or null when unknown or forgotten. */
  public DeliveryStatus current(String wamid) {
    Objects.requireNonNull(wamid, "wamid");
    return store.current(wamid, clock.instant());
  }

  /**
   * The number of wamids tracked (expired ones not yet dropped included), or {@code -1} when the store
   * does not count ({@link StatusStore#size()}).
   */
  public int size() {
    return store.size();
  }

  /** Builds a {@link StatusTracker}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private StatusStore store;
    private InMemoryStatusStore.Builder defaultStore;

    private Builder() {}

    /** The clock (default system UTC): it stamps each observation passed to the store. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where the per-wamid state lives (default an {@link InMemoryStatusStore} sized by {@link
     * #maxMessages} and {@link #retention}). A cluster shares one store. Cannot be combined with those two.
     */
    public Builder store(StatusStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The most wamids the default store tracks (default 100,000; at least 16). */
    public Builder maxMessages(int maxMessages) {
      defaultStore().maxMessages(maxMessages);
      return this;
    }

    /** How long the default store remembers a wamid after its last update (default 8 days). */
    public Builder retention(Duration retention) {
      defaultStore().retention(retention);
      return this;
    }

    private InMemoryStatusStore.Builder defaultStore() {
      if (defaultStore == null) {
        defaultStore = InMemoryStatusStore.builder();
      }
      return defaultStore;
    }

    /**
     * Builds the tracker.
     *
     * @throws IllegalStateException when both a {@link #store} and a default-store setting are given
     */
    public StatusTracker build() {
      if (store != null && defaultStore != null) {
        throw new IllegalStateException(
            "maxMessages and retention size the default in-memory store; configure the given store instead");
      }
      StatusStore s = store != null ? store : defaultStore().build();
      return new StatusTracker(clock, s);
    }
  }
}
