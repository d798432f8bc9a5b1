package io.github.whatsapphelpdesk.webhook;

import java.time.Duration;
import java.util.List;

/**
 * Remembers which webhook items were already processed, so Meta's redeliveries (at least once, for up
 * to 7 days, also to every app subscribed to the WABA) are processed once.
 *
 * <p>SPI: the SDK ships {@link InMemoryIdempotencyStore}; a SQL implementation is an {@code INSERT ...
 * ON CONFLICT DO NOTHING} on a primary key with an expiry column, a Redis one is {@code SET key 1 NX PX
 * ttl}. Keys are {@link WebhookEvent#idempotencyKey()}: at most a few hundred ASCII characters.
 *
 * <p>Implementations must be thread-safe and {@link #claim} must be atomic: of two concurrent claims
 * of the same key exactly one returns true.
 */
public interface IdempotencyStore {

  /**
   * Claims {@code key} if nobody holds an unexpired claim on it.
   *
   * @param key the idempotency key
   * @param ttl how long the claim lasts (at least Meta's 7-day redelivery window by default)
   * @return true when this call claimed the key (process the item), false when it was already claimed
   *     (a duplicate: skip it)
   * @throws RuntimeException when the store is unavailable; the handler then answers 503 so Meta retries
   */
  boolean claim(String key, Duration ttl);

  /**
   * Claims several keys with one TTL, in order (a key repeated in the list is claimed by its first
   * occurrence only): the handler's call for one delivery, so a backend can do it in one round trip (a
   * multi-row {@code INSERT ... ON CONFLICT DO NOTHING RETURNING key}, a Redis pipeline). The default
   * calls {@link #claim} for each key; when one fails it releases the claims this call made and rethrows.
   *
   * @return for each key, whether this call claimed it
   * @throws RuntimeException when the store is unavailable; no claim of this call is then held
   */
  default boolean[] claimAll(List<String> keys, Duration ttl) {
    boolean[] won = new boolean[keys.size()];
    int i = 0;
    try {
      for (; i < won.length; i++) {
        won[i] = claim(keys.get(i), ttl);
      }
    } catch (RuntimeException e) {
      for (int j = 0; j < i; j++) {
        if (won[j]) {
          try {
            release(keys.get(j));
          } catch (RuntimeException again) {
            e.addSuppressed(again);
          }
        }
      }
      throw e;
    }
    return won;
  }

  /**
   * Drops a claim, so a redelivery of the item is processed again (the handler does this when it could
   * not hand a claimed delivery to the executor). Unknown keys are ignored.
   */
  void release(String key);
}
