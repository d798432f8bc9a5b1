package io.github.whatsapphelpdesk.crm;

import java.time.Instant;

/**
 * Remembers the ids ({@code jti}) of accepted tokens until they expire, so a captured request cannot be
 * replayed with another effect. Share one store (for example a SQL table with a primary key on the id)
 * between instances that verify the same webhook. Implementations are thread-safe.
 */
@FunctionalInterface
public interface TokenReplayStore {
  /**
   * Records a token id until {@code expiresAt}, atomically.
   *
   * @return true when the id was not seen (or its record expired); false when it is a replay
   */
  boolean claim(String tokenId, Instant expiresAt);

  /**
   * Records a token id together with the hash of the body it was used with, and tells a verbatim retry
   * (same id, same body hash) from a replay with another body. The verifier uses this: a CRM that got a
   * 503 and re-posts the very same request (same token, same body) must get through, and the bridge
   * deduplicates the reply itself by its reply id, so the retry has no second effect.
   *
   * <p>The default builds on {@link #claim}: it records the id, and the id joined with the body hash; a
   * later use whose joined record already exists is a retry. Two concurrent first uses of one token may
   * both be refused but one (the CRM retries). A store may override it with one atomic operation.
   *
   * @param bodyHash base64url(SHA-256(body)) as carried by the token, never empty
   * @return true for the first use and for a verbatim retry; false for a reuse with another body
   */
  default boolean claimOrRetry(String tokenId, String bodyHash, Instant expiresAt) {
    if (bodyHash == null || bodyHash.isEmpty()) {
      throw new IllegalArgumentException("bodyHash is required");
    }
    String withBody = tokenId + "#body:" + bodyHash;
    if (claim(tokenId, expiresAt)) {
      claim(withBody, expiresAt);
      return true;
    }
    return !claim(withBody, expiresAt);
  }
}
