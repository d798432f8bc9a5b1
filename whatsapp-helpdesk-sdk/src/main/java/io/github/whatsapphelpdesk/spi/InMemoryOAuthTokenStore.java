package io.github.whatsapphelpdesk.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link OAuthTokenStore} in this process's memory: it coordinates the adapters of one JVM but
 * forgets the rotated refresh token at a restart (the configured one is then dead), so production
 * deployments with rotating refresh tokens use a durable store. Holds one record per key (one per OAuth
 * client), so it stays small. Thread-safe.
 */
public final class InMemoryOAuthTokenStore implements OAuthTokenStore {
  private final Map<String, OAuthTokenRecord> records = new HashMap<>();

  /** An empty store. */
  public InMemoryOAuthTokenStore() {}

  @Override
  public synchronized Optional<OAuthTokenRecord> get(String key) {
    return Optional.ofNullable(records.get(Objects.requireNonNull(key, "key")));
  }

  @Override
  public synchronized boolean compareAndSet(String key, long expectedVersion, OAuthTokenRecord next) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(next, "next");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must be >= 0");
    }
    OAuthTokenRecord current = records.get(key);
    long version = current == null ? 0 : current.version();
    if (version != expectedVersion) {
      return false;
    }
    records.put(key, new OAuthTokenRecord(next.refreshToken(), next.accessToken(), next.accessTokenExpiresAt(),
        next.origin(), next.refreshingBy(), next.refreshingUntil(), expectedVersion + 1, next.updatedAt()));
    return true;
  }

  @Override
  public synchronized void delete(String key) {
    records.remove(Objects.requireNonNull(key, "key"));
  }
}
