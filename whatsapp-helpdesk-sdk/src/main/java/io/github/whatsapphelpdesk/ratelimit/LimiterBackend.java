package io.github.whatsapphelpdesk.ratelimit;

import io.github.whatsapphelpdesk.ratelimit.internal.ProxyManagerBackend;

/**
 * Where {@link DefaultOutboundLimiter} keeps its token buckets. The default, {@link #inMemory()},
 * limits one JVM; a shared store (a later PostgreSQL or Redis module) lets several instances share the
 * same per-number and per-recipient limits. Implementations come from the SDK's modules only.
 */
public interface LimiterBackend {

  /** Buckets in this JVM's memory; idle recipient buckets expire. */
  static LimiterBackend inMemory() {
    return ProxyManagerBackend.inMemory();
  }
}
