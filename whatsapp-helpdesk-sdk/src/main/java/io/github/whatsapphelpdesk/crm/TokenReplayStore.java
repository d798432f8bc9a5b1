package io.github.whatsapphelpdesk.crm;

import java.time.Instant;

/**
 * Remembers the ids ({@code jti}) of accepted tokens until they expire, so a captured request cannot be
 * replayed. Share one store (for example a SQL table with a primary key on the id) between instances
 * that verify the same webhook. Implementations are thread-safe.
 */
@FunctionalInterface
public interface TokenReplayStore {
  /**
   * Records a token id until {@code expiresAt}, atomically.
   *
   * @return true when the id was not seen (or its record expired); false when it is a replay
   */
  boolean claim(String tokenId, Instant expiresAt);
}
