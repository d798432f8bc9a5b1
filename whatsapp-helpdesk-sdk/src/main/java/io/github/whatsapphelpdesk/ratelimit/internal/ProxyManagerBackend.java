package io.github.whatsapphelpdesk.ratelimit.internal;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.whatsapphelpdesk.ratelimit.LimiterBackend;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A {@link LimiterBackend} made of a Bucket4j {@link ProxyManager} factory. A distributed backend
 * (PostgreSQL, Redis) is a factory returning that store's proxy manager, built with the given clock
 * and expiration; every instance sharing the store then shares the limits.
 */
public final class ProxyManagerBackend implements LimiterBackend {
  private final BiFunction<TimeMeter, ExpirationAfterWriteStrategy, ProxyManager<String>> factory;
  private final String name;

  private ProxyManagerBackend(String name,
      BiFunction<TimeMeter, ExpirationAfterWriteStrategy, ProxyManager<String>> factory) {
    this.name = name;
    this.factory = factory;
  }

  /** The embedded in-memory backend. */
  public static ProxyManagerBackend inMemory() {
    return new ProxyManagerBackend("in-memory", InMemoryProxyManager::new);
  }

  /** A backend around any Bucket4j proxy manager factory (clock, expiration) -> proxy manager. */
  public static ProxyManagerBackend of(String name,
      BiFunction<TimeMeter, ExpirationAfterWriteStrategy, ProxyManager<String>> factory) {
    return new ProxyManagerBackend(Objects.requireNonNull(name, "name"), Objects.requireNonNull(factory, "factory"));
  }

  /** Opens the proxy manager. */
  public ProxyManager<String> open(TimeMeter time, ExpirationAfterWriteStrategy expiration) {
    return Objects.requireNonNull(factory.apply(time, expiration), "factory returned null");
  }

  @Override
  public String toString() {
    return "LimiterBackend[" + name + "]";
  }
}
