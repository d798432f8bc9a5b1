package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.jdbc.internal.Sql;
import io.github.whatsapphelpdesk.store.SuppressionList;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link SuppressionList} in PostgreSQL (table {@code wh_suppression}, keyed by {@link CustomerId#value()}).
 * Each call is one statement: {@code INSERT ... ON CONFLICT DO NOTHING RETURNING}, {@code DELETE ...
 * RETURNING}, a primary-key lookup. The reason and the time (from the injected {@link Clock}) are kept for
 * audit; the first suppression's reason stays. Thread-safe.
 */
public final class PostgresSuppressionList implements SuppressionList {
  private final Sql sql;
  private final Clock clock;

  private PostgresSuppressionList(DataSource dataSource, Clock clock) {
    this.sql = new Sql(dataSource, "suppression");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A list on {@code dataSource} (migrated with {@link JdbcMigrations}) that timestamps entries by {@code clock}. */
  public static PostgresSuppressionList create(DataSource dataSource, Clock clock) {
    return new PostgresSuppressionList(dataSource, clock);
  }

  @Override
  public boolean suppress(CustomerId customer, String reason) {
    Objects.requireNonNull(customer, "customer");
    return sql.call("suppress", c -> Sql.queryOne(c,
        "INSERT INTO wh_suppression (customer_id, reason, suppressed_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (customer_id) DO NOTHING RETURNING customer_id",
        rs -> Boolean.TRUE, customer.value(), reason, Sql.ts(clock.instant())) != null);
  }

  @Override
  public boolean lift(CustomerId customer) {
    Objects.requireNonNull(customer, "customer");
    return sql.call("lift", c -> Sql.update(c, "DELETE FROM wh_suppression WHERE customer_id = ?",
        customer.value()) > 0);
  }

  @Override
  public boolean isSuppressed(CustomerId customer) {
    Objects.requireNonNull(customer, "customer");
    return sql.call("isSuppressed", c -> Sql.queryOne(c,
        "SELECT 1 FROM wh_suppression WHERE customer_id = ?", rs -> Boolean.TRUE, customer.value()) != null);
  }
}
