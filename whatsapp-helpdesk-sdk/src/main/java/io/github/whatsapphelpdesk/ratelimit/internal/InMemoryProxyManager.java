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
 * The embedded Bucket4j backend: bucket states live in a {@link ConcurrentHashMap}, unserialised. Each
 * command runs atomically under the lock of its key's slot: the hot path is one {@code get} and one
 * uncontended monitor, with no lambda or map-bin lock per call. A slot in the map always holds a state;
 * a slot whose state was taken away (removed, or expired and swept) has a null state and is never
 * written again, so a command that raced with the removal retries against the map. Entries expire by the
 * request's {@link ExpirationAfterWriteStrategy}: an expired entry reads as absent (so its bucket starts
 * full again) and {@link #removeExpired(int)} drops it, so idle keys do not accumulate.
 *
 * <p>The time of a command is the request's client-side time when the proxy manager was configured
 * with a client clock, else this manager's own {@link TimeMeter}; the limiter configures none, which
 * saves a clock read and a boxed {@code Long} per command.
 */
public final class InMemoryProxyManager extends AbstractProxyManager<String> implements ExpiredEntriesCleaner {
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
  private final TimeMeter time;

  /** Guarded by its own monitor. {@code state == null}: detached from the map, never written again. */
  private static final class Slot {
    RemoteBucketState state;
    long expiresAtNanos;
  }

  public InMemoryProxyManager(TimeMeter time, ExpirationAfterWriteStrategy expiration) {
    super(ClientSideConfig.getDefault().withExpirationAfterWriteStrategy(expiration));
    this.time = time;
  }

  @Override
  protected <T> CommandResult<T> execute(String key, Request<T> request) {
    Long clientTime = request.getClientSideTime();
    long now = clientTime != null ? clientTime : time.currentTimeNanos();
    while (true) {
      Slot slot = slots.get(key);
      if (slot == null) {
        // Commands are pure functions of (entry, time): run against "absent", then publish the new
        // state only if no one else created the key meanwhile; otherwise run again on theirs.
        MutableBucketEntry entry = new MutableBucketEntry((RemoteBucketState) null);
        CommandResult<T> result = request.getCommand().execute(entry, now);
        RemoteBucketState created = entry.isStateModified() ? entry.get() : null;
        if (created == null) {
          return result;
        }
        Slot fresh = new Slot();
        fresh.state = created;
        fresh.expiresAtNanos = expiresAt(request, created, now);
        if (slots.putIfAbsent(key, fresh) == null) {
          return result;
        }
        continue;
      }
      synchronized (slot) {
        if (slot.state == null) {
          continue; // detached by a removal: look the key up again
        }
        RemoteBucketState current = slot.expiresAtNanos <= now ? null : slot.state;
        MutableBucketEntry entry = new MutableBucketEntry(current);
        CommandResult<T> result = request.getCommand().execute(entry, now);
        RemoteBucketState updated = entry.isStateModified() ? entry.get() : current;
        if (updated == null) {
          slot.state = null;
          slots.remove(key, slot);
        } else if (entry.isStateModified()) {
          slot.state = updated;
          slot.expiresAtNanos = expiresAt(request, updated, now);
        }
        return result;
      }
    }
  }

  private static long expiresAt(Request<?> request, RemoteBucketState state, long now) {
    ExpirationAfterWriteStrategy expiration = request.getExpirationStrategy();
    if (expiration == null) {
      return Long.MAX_VALUE;
    }
    long ttlMillis = expiration.calculateTimeToLiveMillis(state, now);
    return ttlMillis <= 0 ? now : now + ttlMillis * 1_000_000L;
  }

  @Override
  protected <T> CompletableFuture<CommandResult<T>> executeAsync(String key, Request<T> request) {
    return CompletableFuture.completedFuture(execute(key, request));
  }

  @Override
  protected CompletableFuture<Void> removeAsync(String key) {
    removeProxy(key);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void removeProxy(String key) {
    Slot s = slots.get(key);
    if (s != null) {
      synchronized (s) {
        s.state = null;
        slots.remove(key, s);
      }
    }
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
      Slot s = e.getValue();
      synchronized (s) {
        if (s.state != null && s.expiresAtNanos <= now) {
          s.state = null;
          slots.remove(e.getKey(), s);
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
