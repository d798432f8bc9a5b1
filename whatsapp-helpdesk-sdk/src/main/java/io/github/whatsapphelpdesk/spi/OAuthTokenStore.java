package io.github.whatsapphelpdesk.spi;

import java.util.Optional;

/**
 * Durable home of an OAuth client's rotating tokens, shared by every instance of an adapter.
 *
 * <p>Helpdesks whose refresh tokens rotate (Zendesk: a refresh "returns a new access token and refresh
 * token while invalidating the previous access and refresh tokens",
 * https://developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens/) make the refresh token a
 * piece of state: after a restart the configured one is dead, and two instances that refresh with the same
 * token cancel each other out. Adapters keep the current pair here and coordinate through
 * {@link #compareAndSet}: an instance first records that it is refreshing (a lease, written with a
 * compare-and-set on the version it read), spends the refresh token only when that write won, and writes
 * the new pair with a second compare-and-set. An instance that loses re-reads the winner's tokens.
 *
 * <p>Implementations: {@link InMemoryOAuthTokenStore} (one process), a SQL table
 * ({@code UPDATE ... SET ..., version = version + 1 WHERE key = ? AND version = ?}). Every implementation
 * passes sdk-testkit's {@code OAuthTokenStoreContractTest}. Implementations must be thread-safe and must
 * never log the tokens.
 */
public interface OAuthTokenStore {

  /**
   * The stored record for {@code key}, or empty when there is none.
   *
   * @param key the adapter's key for one OAuth client on one account, for example
   *     {@code zendesk:acme.zendesk.com:wa_bridge}
   */
  Optional<OAuthTokenRecord> get(String key);

  /**
   * Writes {@code next} when the stored version is {@code expectedVersion} (0: no record yet). The record
   * is then stored with version {@code expectedVersion + 1}, whatever {@code next.version()} says.
   *
   * @return true when written; false when another writer changed the record first (re-read it)
   * @throws IllegalArgumentException when {@code expectedVersion} is negative
   */
  boolean compareAndSet(String key, long expectedVersion, OAuthTokenRecord next);

  /** Removes the record (for example after the OAuth client was revoked). No-op when absent. */
  void delete(String key);
}
