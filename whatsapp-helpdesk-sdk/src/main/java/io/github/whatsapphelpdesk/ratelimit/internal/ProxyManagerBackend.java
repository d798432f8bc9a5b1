package io.github.whatsapphelpdesk.ratelimit.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.whatsapphelpdesk.ratelimit.BucketSpec;
import io.github.whatsapphelpdesk.ratelimit.BucketStore;
import io.github.whatsapphelpdesk.ratelimit.Consumption;
import io.github.whatsapphelpdesk.ratelimit.LimiterBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A {@link LimiterBackend} made of a Bucket4j {@link ProxyManager} factory: the adapter between the
 * neutral SPI and Bucket4j. A distributed backend module (PostgreSQL, Redis) is a factory returning that
 * store's proxy manager, built with the given time meter and expiration; every instance sharing the store
 * then shares the limits. Kept in {@code .internal} so Bucket4j types stay out of the public API.
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

  /** A backend around any Bucket4j proxy manager factory (time meter, expiration) -> proxy manager. */
  public static ProxyManagerBackend of(String name,
      BiFunction<TimeMeter, ExpirationAfterWriteStrategy, ProxyManager<String>> factory) {
    return new ProxyManagerBackend(Objects.requireNonNull(name, "name"), Objects.requireNonNull(factory, "factory"));
  }

  @Override
  public BucketStore open(Clock clock, Duration idleGrace) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(idleGrace, "idleGrace");
    TimeMeter time = new ClockTimeMeter(clock);
    ProxyManager<String> proxies = Objects.requireNonNull(
        factory.apply(time, ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(idleGrace)),
        "factory returned null");
    return new Store(proxies);
  }

  @Override
  public String toString() {
    return "LimiterBackend[" + name + "]";
  }

  /** The SPI on one proxy manager. */
  static final class Store implements BucketStore {
    /** More distinct specs than this means a caller builds specs from unbounded input: start over. */
    private static final int MAX_SPECS = 4096;
    private final ProxyManager<String> proxies;
    private final RemoteBucketBuilder<String> builder;
    private final ConcurrentHashMap<BucketSpec, BucketConfiguration> configs = new ConcurrentHashMap<>();
    /** Spec instances seen last and their configurations: {@code [spec0, config0, spec1, config1, ...]}. */
    private static final int RECENT = 8;
    private volatile Object[] recent = new Object[0];
    /** Reused proxies and the keys seen last (see {@link #proxy}); sizes are powers of two. */
    private static final int HOT = 4;
    private HotProxy[] hot = new HotProxy[HOT];
    private final String[] seen = new String[HOT];
    private int hotNext;
    private int seenNext;

    Store(ProxyManager<String> proxies) {
      this.proxies = proxies;
      this.builder = proxies.builder();
    }

    @Override
    public Consumption tryConsume(String bucketKey, BucketSpec spec, long tokens) {
      checkTokens(spec, tokens);
      BucketProxy bucket = proxy(bucketKey, spec);
      // Hot path: tryConsume answers a shared Boolean (no probe); the wait is estimated only on refusal.
      if (bucket.tryConsume(tokens)) {
        return Consumption.CONSUMED;
      }
      return Consumption.refused(bucket.estimateAbilityToConsume(tokens).getNanosToWaitForRefill());
    }

    @Override
    public void addTokens(String bucketKey, BucketSpec spec, long tokens) {
      if (tokens < 1) {
        throw new IllegalArgumentException("tokens must be positive, was " + tokens);
      }
      proxy(bucketKey, spec).addTokens(tokens);
    }

    @Override
    public void reconfigure(String bucketKey, BucketSpec spec) {
      BucketConfiguration cfg = config(spec);
      hot = new HotProxy[HOT]; // a cached proxy would re-create an expired bucket with the old spec
      builder.build(bucketKey, cfg).replaceConfiguration(cfg, TokensInheritanceStrategy.PROPORTIONALLY);
    }

    @Override
    public int removeExpired(int max) {
      return proxies instanceof ExpiredEntriesCleaner c ? c.removeExpired(max) : 0;
    }

    /**
     * The proxy of a bucket. A proxy holds no state (the bucket lives in the proxy manager), so one can be
     * reused: a key passed as the same {@code String} instance again soon (the limiter's per-number key)
     * gets its proxy cached, matched by identity of key and spec; keys built per call (per-recipient keys)
     * never repeat by identity and get a fresh proxy each time. The caches are fixed-size arrays, racy on
     * purpose: their entries are immutable, and a lost update only costs a rebuild.
     */
    private BucketProxy proxy(String key, BucketSpec spec) {
      HotProxy[] hs = hot;
      for (HotProxy h : hs) {
        if (h != null && h.key == key && h.spec == spec) {
          return h.proxy;
        }
      }
      BucketProxy p = builder.build(key, config(spec));
      String[] recentKeys = seen;
      boolean again = false;
      for (String k : recentKeys) {
        if (k == key) {
          again = true;
          break;
        }
      }
      if (again) {
        HotProxy[] next = hs.clone();
        next[(hotNext++) & (HOT - 1)] = new HotProxy(key, spec, p);
        hot = next;
      } else {
        recentKeys[(seenNext++) & (HOT - 1)] = key;
      }
      return p;
    }

    /** A cached proxy. */
    private record HotProxy(String key, BucketSpec spec, BucketProxy proxy) {}

    /** The proxy manager (tests and benchmarks). */
    ProxyManager<String> proxies() {
      return proxies;
    }

    /**
     * The Bucket4j configuration of a spec. Hot path: callers pass the same few spec instances (the
     * limiter's pair spec, one per throughput), so an identity scan of a small copy-on-write array answers
     * without hashing the record; the map is the fallback.
     */
    private BucketConfiguration config(BucketSpec spec) {
      Object[] r = recent;
      for (int i = 0; i < r.length; i += 2) {
        if (r[i] == spec) {
          return (BucketConfiguration) r[i + 1];
        }
      }
      BucketConfiguration c = configs.get(spec);
      if (c == null) {
        if (configs.size() >= MAX_SPECS) {
          configs.clear();
        }
        c = configs.computeIfAbsent(spec, Store::toConfiguration);
      }
      // Remember this instance (a lost race only drops an entry from the cache).
      int keep = Math.min(r.length, 2 * (RECENT - 1));
      Object[] next = new Object[keep + 2];
      next[0] = spec;
      next[1] = c;
      System.arraycopy(r, 0, next, 2, keep);
      recent = next;
      return c;
    }

    static BucketConfiguration toConfiguration(BucketSpec s) {
      return BucketConfiguration.builder()
          .addLimit(Bandwidth.builder().capacity(s.capacity()).refillGreedy(s.refillTokens(), s.refillPeriod())
              .initialTokens(s.initialTokens()).build())
          .build();
    }

    private static void checkTokens(BucketSpec spec, long tokens) {
      if (tokens < 1 || tokens > spec.capacity()) {
        throw new IllegalArgumentException("tokens must be 1.." + spec.capacity() + ", was " + tokens);
      }
    }
  }
}
