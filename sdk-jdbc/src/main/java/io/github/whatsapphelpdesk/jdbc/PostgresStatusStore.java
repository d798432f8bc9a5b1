package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.jdbc.internal.Sql;
import io.github.whatsapphelpdesk.webhook.DeliveryStatus;
import io.github.whatsapphelpdesk.webhook.StatusStore;
import io.github.whatsapphelpdesk.webhook.StatusTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link StatusStore} in PostgreSQL (table {@code wh_status}), shared by every instance that receives
 * status webhooks. {@link #advance} is one statement: {@code INSERT ... ON CONFLICT (wamid) DO UPDATE} whose
 * {@code SET} applies {@link StatusStore#movesForward} in SQL (ranks: sent 1, delivered 2, read 3, played 4,
 * failed 100 and terminal) and keeps the status it replaced in {@code prev_status}, {@code RETURNING} both.
 * The conflicting row is locked for the update, so concurrent statuses for one wamid form one forward chain.
 * A stale status rewrites the row with its own values (the price of reporting the previous status in one
 * round trip on PostgreSQL 15, which has no {@code RETURNING OLD}).
 *
 * <p>A record is forgotten {@link Builder#retention} after its last forward move, judged by the caller's
 * {@code at}; {@link JdbcRetention} deletes forgotten rows. Thread-safe.
 */
public final class PostgresStatusStore implements StatusStore {
  /** The default retention: 8 days, past Meta's 7-day redelivery window. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(8);

  private static final String FORWARD = "(t.expires_at <= EXCLUDED.updated_at OR (t.status_rank <> 100"
      + " AND (EXCLUDED.status_rank = 100 OR EXCLUDED.status_rank > t.status_rank)))";
  private static final String ADVANCE = "INSERT INTO wh_status AS t"
      + " (wamid, status, status_rank, prev_status, updated_at, expires_at) VALUES (?, ?, ?, NULL, ?, ?)"
      + " ON CONFLICT (wamid) DO UPDATE SET"
      + " prev_status = CASE WHEN t.expires_at <= EXCLUDED.updated_at THEN NULL ELSE t.status END,"
      + " status = CASE WHEN " + FORWARD + " THEN EXCLUDED.status ELSE t.status END,"
      + " status_rank = CASE WHEN " + FORWARD + " THEN EXCLUDED.status_rank ELSE t.status_rank END,"
      + " updated_at = CASE WHEN " + FORWARD + " THEN EXCLUDED.updated_at ELSE t.updated_at END,"
      + " expires_at = CASE WHEN " + FORWARD + " THEN EXCLUDED.expires_at ELSE t.expires_at END"
      + " RETURNING t.prev_status, t.status";

  private final Sql sql;
  private final Duration retention;

  private PostgresStatusStore(Builder b) {
    this.sql = new Sql(b.dataSource, "status");
    this.retention = b.retention;
  }

  /** A builder for a store on {@code dataSource} (migrated with {@link JdbcMigrations}). */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  @Override
  public StatusTransition advance(String wamid, DeliveryStatus status, Instant at) {
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
    if (status == DeliveryStatus.UNKNOWN) {
      throw new IllegalArgumentException("an UNKNOWN status is not ordered and cannot be recorded");
    }
    String[] row = sql.call("advance", c -> Sql.queryOne(c, ADVANCE,
        rs -> new String[] {rs.getString(1), rs.getString(2)},
        wamid, status.name(), (short) status.rank(), Sql.ts(at), Sql.plus(at, retention)));
    DeliveryStatus previous = row[0] == null ? null : DeliveryStatus.valueOf(row[0]);
    DeliveryStatus current = DeliveryStatus.valueOf(row[1]);
    if (previous == null) {
      return new StatusTransition(null, current, true);
    }
    return current != previous
        ? new StatusTransition(previous, current, true)
        : new StatusTransition(previous, previous, false);
  }

  @Override
  public DeliveryStatus current(String wamid, Instant at) {
    Objects.requireNonNull(wamid, "wamid");
    Objects.requireNonNull(at, "at");
    String s = sql.call("current", c -> Sql.queryOne(c,
        "SELECT status FROM wh_status WHERE wamid = ? AND expires_at > ?", rs -> rs.getString(1),
        wamid, Sql.ts(at)));
    return s == null ? null : DeliveryStatus.valueOf(s);
  }

  /** Builds a {@link PostgresStatusStore}. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private Duration retention = DEFAULT_RETENTION;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** How long a wamid is remembered after its last forward move (default 8 days). */
    public Builder retention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("retention must be positive");
      }
      this.retention = retention;
      return this;
    }

    /** Builds the store. */
    public PostgresStatusStore build() {
      return new PostgresStatusStore(this);
    }
  }
}
