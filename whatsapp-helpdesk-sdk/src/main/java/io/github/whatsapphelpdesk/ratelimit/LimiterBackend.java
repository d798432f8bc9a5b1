package io.github.whatsapphelpdesk.ratelimit;

import io.github.whatsapphelpdesk.ratelimit.internal.ProxyManagerBackend;
import java.time.Clock;
import java.time.Duration;

/**
 * Where {@link DefaultOutboundLimiter} keeps its token buckets: a service provider interface. The default,
 * {@link #inMemory()}, limits one JVM; a shared store (PostgreSQL, Redis) lets several instances share the
 * same per-number throughput and per-recipient pair-rate buckets. The other limiter state (the exact
 * sliding guards, the messaging-limit recipient window, priority queues and backoff) stays in each JVM.
 *
 * <p>A backend is a factory: each limiter {@linkplain #open opens} it once, with its own clock and idle
 * grace, and gets the {@link BucketStore} it calls on every send. The SPI is neutral: it names no
 * third-party type, so a backend can be written on any store. The SDK's own backends wrap a Bucket4j
 * {@code ProxyManager<String>} through {@code io.github.whatsapphelpdesk.ratelimit.internal.ProxyManagerBackend#of}
 * (the in-memory one included); that adapter stays in an {@code .internal} package on purpose, so Bucket4j
 * never appears in a public signature and can be upgraded without breaking this API. Check a new backend
 * with {@code io.github.whatsapphelpdesk.testkit.contract.LimiterBackendContractTest} from {@code sdk-testkit}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface LimiterBackend {

  /**
   * Opens a store for one limiter.
   *
   * @param clock the limiter's clock: refill is measured on it, so tests can drive a fake clock
   * @param idleGrace how long a bucket must stay untouched after it has refilled to capacity before the
   *     store may forget it (a forgotten bucket comes back full, so forgetting it changes no decision)
   * @return the store; {@link BucketStore#close()} is called when the limiter closes
   */
  BucketStore open(Clock clock, Duration idleGrace);

  /** Buckets in this JVM's memory, on Bucket4j; idle buckets expire. */
  static LimiterBackend inMemory() {
    return ProxyManagerBackend.inMemory();
  }
}
