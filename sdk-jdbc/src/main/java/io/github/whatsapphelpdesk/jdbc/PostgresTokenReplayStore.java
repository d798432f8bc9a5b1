package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.crm.TokenReplayStore;
import io.github.whatsapphelpdesk.jdbc.internal.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link TokenReplayStore} in PostgreSQL (table {@code wh_token_replay}): a token id ({@code jti}) is
 * recorded until its token expires, in one statement ({@code INSERT ... ON CONFLICT (token_id) DO UPDATE
 * ... WHERE} the stored token expired {@code RETURNING}), so of concurrent uses of one id on any instance
 * exactly one wins. Expiry is judged by the injected {@link Clock}; {@link JdbcRetention} drops expired rows.
 * Thread-safe.
 */
public final class PostgresTokenReplayStore implements TokenReplayStore {
  private static final String CLAIM = "INSERT INTO wh_token_replay AS t (token_id, expires_at) VALUES (?, ?)"
      + " ON CONFLICT (token_id) DO UPDATE SET expires_at = EXCLUDED.expires_at"
      + " WHERE t.expires_at <= ? RETURNING t.token_id";

  private final Sql sql;
  private final Clock clock;

  private PostgresTokenReplayStore(DataSource dataSource, Clock clock) {
    this.sql = new Sql(dataSource, "token-replay");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A store on {@code dataSource} (migrated with {@link JdbcMigrations}) that judges expiry by {@code clock}. */
  public static PostgresTokenReplayStore create(DataSource dataSource, Clock clock) {
    return new PostgresTokenReplayStore(dataSource, clock);
  }

  @Override
  public boolean claim(String tokenId, Instant expiresAt) {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Instant now = clock.instant();
    return sql.call("claim", c -> Sql.queryOne(c, CLAIM, rs -> Boolean.TRUE,
        tokenId, Sql.ts(expiresAt), Sql.ts(now)) != null);
  }
}
