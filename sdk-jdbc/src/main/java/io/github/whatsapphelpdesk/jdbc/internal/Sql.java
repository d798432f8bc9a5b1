package io.github.whatsapphelpdesk.jdbc.internal;

import io.github.whatsapphelpdesk.jdbc.JdbcStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The JDBC plumbing every PostgreSQL store shares: borrow a connection, run one statement or one
 * transaction, map {@link SQLException} to {@link JdbcStoreException}. Transactions that lose a
 * serialization or deadlock check ({@code 40001}, {@code 40P01}) are retried a few times: PostgreSQL rolled
 * them back whole, so a retry is safe.
 */
public final class Sql {
  /** The latest instant PostgreSQL's timestamptz holds comfortably; expiries past it are clamped. */
  private static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T00:00:00Z");
  private static final int MAX_ATTEMPTS = 5;

  private final DataSource dataSource;
  private final String store;

  /**
   * @param dataSource the user's data source
   * @param store the store's name, for error messages
   */
  public Sql(DataSource dataSource, String store) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Work on a borrowed connection. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work. */
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} on a connection in auto-commit mode (one statement is one transaction). */
  public <T> T call(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.run(c);
    } catch (SQLException e) {
      throw new JdbcStoreException(store, operation, e);
    }
  }

  /**
   * Runs {@code work} in one transaction (read committed), committing at the end; a serialization failure
   * or deadlock rolls back and runs it again, at most a few times.
   */
  public <T> T inTransaction(String operation, Work<T> work) {
    SQLException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c, e);
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      } catch (SQLException e) {
        last = e;
        String state = e.getSQLState();
        if (!"40001".equals(state) && !"40P01".equals(state)) {
          break;
        }
      }
    }
    throw new JdbcStoreException(store, operation, last);
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException again) {
      cause.addSuppressed(again);
    }
  }

  /** A timestamptz parameter for {@code instant} (clamped to year 9999). */
  public static OffsetDateTime ts(Instant instant) {
    Instant i = instant.isAfter(MAX_TIMESTAMP) ? MAX_TIMESTAMP : instant;
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  /** {@code from + d}, clamped instead of overflowing. */
  public static OffsetDateTime plus(Instant from, Duration d) {
    if (d.compareTo(Duration.between(from, MAX_TIMESTAMP)) >= 0) {
      return ts(MAX_TIMESTAMP);
    }
    return ts(from.plus(d));
  }

  /** Reads a timestamptz column as an instant, or null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** Sets parameters 1..n of {@code ps}. */
  public static PreparedStatement bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
    return ps;
  }

  /** Runs an update statement with parameters; returns the row count. */
  public static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      return bind(ps, values).executeUpdate();
    }
  }

  /** Runs a statement whose result has at most one row and reads it with {@code reader}, or returns null. */
  public static <T> T queryOne(Connection c, String sql, RowReader<T> reader, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, values);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? reader.read(rs) : null;
      }
    }
  }

  /** Reads one row. */
  @FunctionalInterface
  public interface RowReader<T> {
    /** Reads the current row. */
    T read(ResultSet rs) throws SQLException;
  }
}
