package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.jdbc.internal.Sql;
import io.github.whatsapphelpdesk.webhook.IdempotencyStore;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * {@link IdempotencyStore} in PostgreSQL (table {@code wh_idempotency}), shared by every instance behind
 * the webhook URL. A claim is one statement: {@code INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE} the
 * stored claim expired {@code RETURNING key}; a row comes back only when this call claimed the key, so of
 * concurrent claims exactly one wins. {@link #claimAll} claims a delivery's keys in one statement, inserting
 * them in sorted order so two concurrent deliveries cannot deadlock on each other's keys.
 *
 * <p>Expiry follows the injected {@link Clock} (passed as a parameter, never the database's {@code now()}).
 * Expired rows are dropped by {@link JdbcRetention}. Thread-safe.
 */
public final class PostgresIdempotencyStore implements IdempotencyStore {
  private static final String CLAIM = "INSERT INTO wh_idempotency AS t (key, claimed_at, expires_at) VALUES (?, ?, ?)"
      + " ON CONFLICT (key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at"
      + " WHERE t.expires_at <= ? RETURNING t.key";
  private static final String CLAIM_ALL = "INSERT INTO wh_idempotency AS t (key, claimed_at, expires_at)"
      + " SELECT k.key, ?, ? FROM unnest(?::text[]) WITH ORDINALITY AS k(key, ord) ORDER BY k.ord"
      + " ON CONFLICT (key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at"
      + " WHERE t.expires_at <= ? RETURNING t.key";

  private final Sql sql;
  private final Clock clock;

  private PostgresIdempotencyStore(DataSource dataSource, Clock clock) {
    this.sql = new Sql(dataSource, "idempotency");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A store on {@code dataSource} (migrated with {@link JdbcMigrations}) whose claims expire by {@code clock}.
   */
  public static PostgresIdempotencyStore create(DataSource dataSource, Clock clock) {
    return new PostgresIdempotencyStore(dataSource, clock);
  }

  @Override
  public boolean claim(String key, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ttl, "ttl");
    Instant now = clock.instant();
    return sql.call("claim", c -> Sql.queryOne(c, CLAIM, rs -> Boolean.TRUE,
        key, Sql.ts(now), Sql.plus(now, ttl), Sql.ts(now)) != null);
  }

  /** One statement for the whole list (the keys sorted and deduplicated, so no two calls deadlock). */
  @Override
  public boolean[] claimAll(List<String> keys, Duration ttl) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(ttl, "ttl");
    for (String k : keys) {
      Objects.requireNonNull(k, "key");
    }
    boolean[] won = new boolean[keys.size()];
    if (keys.isEmpty()) {
      return won;
    }
    String[] sorted = new TreeSet<>(keys).toArray(String[]::new);
    Instant now = clock.instant();
    Set<String> claimed = sql.call("claimAll", c -> {
      Array array = c.createArrayOf("text", sorted);
      try (PreparedStatement ps = c.prepareStatement(CLAIM_ALL)) {
        Sql.bind(ps, Sql.ts(now), Sql.plus(now, ttl), array, Sql.ts(now));
        Set<String> out = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return out;
      } finally {
        array.free();
      }
    });
    // The first occurrence of a key claimed by this call wins; repeats lose.
    Set<String> firsts = new HashSet<>();
    for (int i = 0; i < won.length; i++) {
      String k = keys.get(i);
      won[i] = claimed.contains(k) && firsts.add(k);
    }
    return won;
  }

  @Override
  public void release(String key) {
    Objects.requireNonNull(key, "key");
    sql.call("release", c -> Sql.update(c, "DELETE FROM wh_idempotency WHERE key = ?", key));
  }
}
