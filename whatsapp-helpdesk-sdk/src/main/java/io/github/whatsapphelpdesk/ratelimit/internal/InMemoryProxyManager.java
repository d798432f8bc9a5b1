package io.github.whatsapphelpdesk.ratelimit.internal;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AbstractProxyManager;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.remote.CommandResult;
import io.github.bucket4j.distributed.remote.MutableBucketEntry;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.distributed.remote.Request;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded Bucket4j backend: bucket states live in a {@link ConcurrentHashMap}, unserialised, and
 * each command runs atomically inside {@code compute} for its key. Entries expire by the request's
 * {@link ExpirationAfterWriteStrategy}: an expired entry reads as absent (so its bucket starts full
 * again) and {@link #removeExpired(int)} drops it, so idle keys do not accumulate.
 */
public final class InMemoryProxyManager extends AbstractProxyManager<String> implements ExpiredEntriesCleaner {
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
  private final TimeMeter time;

  private static final class Slot {
    RemoteBucketState state;
    long expiresAtNanos;
  }

  public InMemoryProxyManager(TimeMeter time, ExpirationAfterWriteStrategy expiration) {
    super(ClientSideConfig.getDefault().withClientClock(time).withExpirationAfterWriteStrategy(expiration));
    this.time = time;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected <T> CommandResult<T> execute(String key, Request<T> request) {
    Long clientTime = request.getClientSideTime();
    long now = clientTime != null ? clientTime : time.currentTimeNanos();
    Object[] result = new Object[1];
    slots.compute(key, (k, slot) -> {
      RemoteBucketState current = slot == null || slot.expiresAtNanos <= now ? null : slot.state;
      MutableBucketEntry entry = new MutableBucketEntry(current);
      result[0] = request.getCommand().execute(entry, now);
      if (!entry.isStateModified()) {
        return current == null ? null : slot;
      }
      RemoteBucketState updated = entry.get();
      if (updated == null) {
        return null;
      }
      Slot s = slot != null ? slot : new Slot();
      s.state = updated;
      ExpirationAfterWriteStrategy expiration = request.getExpirationStrategy();
      if (expiration == null) {
        s.expiresAtNanos = Long.MAX_VALUE;
      } else {
        long ttlMillis = expiration.calculateTimeToLiveMillis(updated, now);
        s.expiresAtNanos = ttlMillis <= 0 ? now : now + ttlMillis * 1_000_000L;
      }
      return s;
    });
    return (CommandResult<T>) result[0];
  }

  @Override
  protected <T> CompletableFuture<CommandResult<T>> executeAsync(String key, Request<T> request) {
    return CompletableFuture.completedFuture(execute(key, request));
  }

  @Override
  protected CompletableFuture<Void> removeAsync(String key) {
    slots.remove(key);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void removeProxy(String key) {
    slots.remove(key);
  }

  @Override
  public boolean isAsyncModeSupported() {
    return true;
  }

  @Override
  public boolean isExpireAfterWriteSupported() {
    return true;
  }

  /** Removes up to {@code batchSize} expired entries; returns how many were removed. */
  @Override
  public int removeExpired(int batchSize) {
    long now = time.currentTimeNanos();
    int removed = 0;
    Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator();
    while (it.hasNext() && removed < batchSize) {
      Map.Entry<String, Slot> e = it.next();
      if (e.getValue().expiresAtNanos <= now) {
        boolean[] gone = new boolean[1];
        slots.computeIfPresent(e.getKey(), (k, s) -> {
          if (s.expiresAtNanos <= now) {
            gone[0] = true;
            return null;
          }
          return s;
        });
        if (gone[0]) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** Entries held now, expired or not (for tests and metrics). */
  public int size() {
    return slots.size();
  }
}
