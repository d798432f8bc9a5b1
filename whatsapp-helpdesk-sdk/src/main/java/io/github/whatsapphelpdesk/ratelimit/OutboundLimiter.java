package io.github.whatsapphelpdesk.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Client-side limits on outbound Cloud API traffic, so the SDK does not trip Meta's: per-number
 * throughput (130429), per-recipient pair rate (131056), the portfolio messaging limit on unique
 * business-initiated recipients, with priority lanes and adaptive backoff after Meta's rate-limit
 * answers. {@code WhatsAppClient} calls it before each send. Implementations are thread-safe.
 */
public interface OutboundLimiter {

  /**
   * Waits until the request may be sent, at most {@code timeout}.
   *
   * @throws io.github.whatsapphelpdesk.error.WhatsAppException a rate-limit exception of the limiter when
   *     the timeout elapses or a hard limit (the messaging limit) is exhausted
   */
  void acquire(OutboundRequest request, Duration timeout);

  /** Takes a permit if one is available now; otherwise says how long to wait. Never blocks. */
  Acquisition tryAcquire(OutboundRequest request);

  /**
   * Completes when the request may be sent, without parking a thread per waiting request; completes
   * exceptionally like {@link #acquire} on timeout or an exhausted hard limit.
   */
  CompletableFuture<Void> acquireAsync(OutboundRequest request, Duration timeout);

  /**
   * {@link #acquireAsync(OutboundRequest, Duration)} whose future, when it has to wait, is completed by a
   * task on {@code executor} (already complete when a permit is free at once). The default hops the
   * result of the two-argument method to {@code executor}; {@code DefaultOutboundLimiter} completes
   * there directly.
   */
  default CompletableFuture<Void> acquireAsync(OutboundRequest request, Duration timeout, Executor executor) {
    Objects.requireNonNull(executor, "executor");
    CompletableFuture<Void> f = acquireAsync(request, timeout);
    return f.isDone() ? f : f.whenCompleteAsync((v, e) -> { }, executor);
  }

  /**
   * The wire guard: called by the client's HTTP transport for a request that already holds its permit,
   * on the sending thread, right before the request is written to the connection. Records the dispatch
   * and returns {@link Duration#ZERO}, or records nothing and returns how long to wait before calling
   * again. Permits are granted at the limiter's pace, but a woken thread or an executor hand-off can
   * delay some and bunch them; this second check keeps the moments requests actually leave the client
   * within the rate. The default (and {@link #unlimited()}) never waits.
   */
  default Duration tryDispatch(OutboundRequest request) {
    return Duration.ZERO;
  }

  /**
   * Called by the client's HTTP transport, on the sending thread, once a request that {@link
   * #tryDispatch} let through has been written to the connection (its body handed to the socket). A
   * limiter may re-date that dispatch to now: a thread preempted or stopped by a GC pause between the
   * check and the write sends its request later than the check recorded, and counting it when it left
   * keeps the rate the receiver sees within the limit. Identify the dispatch by the {@code request}
   * instance passed to {@code tryDispatch}. Not called for a request that failed before it was
   * written. The default does nothing.
   */
  default void onWritten(OutboundRequest request) {}

  /**
   * Tells the limiter that Meta rejected a request with a rate-limit code (130429, 131056, 131048,
   * 80007, ...), so it slows the matching key down. {@code retryAfter} is the server's hint, or null.
   */
  void onRateLimited(OutboundRequest request, int errorCode, Duration retryAfter);

  /** Tells the limiter that a request succeeded, so backoff can recover. */
  void onSuccess(OutboundRequest request);

  /** A limiter that never limits (for tests and for users who throttle elsewhere). */
  static OutboundLimiter unlimited() {
    return new OutboundLimiter() {
      @Override
      public void acquire(OutboundRequest request, Duration timeout) {}

      @Override
      public Acquisition tryAcquire(OutboundRequest request) {
        return Acquisition.ACQUIRED;
      }

      @Override
      public CompletableFuture<Void> acquireAsync(OutboundRequest request, Duration timeout) {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void onRateLimited(OutboundRequest request, int errorCode, Duration retryAfter) {}

      @Override
      public void onSuccess(OutboundRequest request) {}
    };
  }
}
