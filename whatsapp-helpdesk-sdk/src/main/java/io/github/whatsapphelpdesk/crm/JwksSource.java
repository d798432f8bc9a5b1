package io.github.whatsapphelpdesk.crm;

import io.github.whatsapphelpdesk.crm.internal.UrlJwksSource;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Supplies the JSON Web Key Set ({@code {"keys": [...]}}) that {@link JwtAgentReplyVerifier} checks RS256
 * and ES256 tokens against. The verifier caches what it returns and asks again when the cache expires or
 * a token names an unknown key id (rate-limited), so a CRM can rotate keys. Implementations are
 * thread-safe and may do I/O.
 */
@FunctionalInterface
public interface JwksSource {
  /**
   * The current key set as JSON.
   *
   * @throws RuntimeException (for example {@link java.io.UncheckedIOException}) when it cannot be fetched
   */
  String fetch();

  /** A fixed key set given in configuration. */
  static JwksSource of(String jwksJson) {
    Objects.requireNonNull(jwksJson, "jwksJson");
    return () -> jwksJson;
  }

  /** Fetches the key set with an HTTP GET (HTTPS in production) and the given timeout. */
  static JwksSource fromUrl(URI uri, Duration timeout) {
    return new UrlJwksSource(uri, timeout);
  }
}
