package io.github.whatsapphelpdesk.jdbc;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A fresh schema {@code wh_test_<random>} in the test server's {@code test} database, with HikariCP pools
 * pointed at it ({@code currentSchema}); {@link #close()} closes the pools and drops the schema.
 *
 * <p>The server is {@code WH_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}) as user
 * {@code WH_TEST_PG_USER} (default {@code postgres}). When it is unreachable the test class is skipped with
 * the reason, except when the environment variable {@code CI} is {@code true}: then it fails, so CI never
 * passes without running these tests.
 */
final class PgSchema implements AutoCloseable {
  static final String URL = env("WH_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = env("WH_TEST_PG_USER", "postgres");
  static final String PASSWORD = env("WH_TEST_PG_PASSWORD", "");

  private static final List<String> TABLES = List.of("wh_idempotency", "wh_status", "wh_token_replay",
      "wh_customer_alias", "wh_customer", "wh_suppression", "wh_conversation", "wh_ticket", "wh_episode",
      "wh_message_link", "wh_agent_reply");

  final String name = "wh_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private final List<HikariDataSource> pools = new ArrayList<>();

  private PgSchema() throws SQLException {
    try (Connection c = admin(); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + name);
    }
  }

  /** A fresh schema, or a skipped (laptop) or failed (CI) test when no server is reachable. */
  static PgSchema create() {
    try (Connection c = admin()) {
      c.isValid(5);
    } catch (SQLException e) {
      String reason = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + e.getMessage()
          + "); start it (see docs/persistence.md) to run the PostgreSQL store tests";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("CI=true and " + reason);
      }
      assumeTrue(false, reason);
    }
    try {
      return new PgSchema();
    } catch (SQLException e) {
      throw new AssertionError("could not create a test schema", e);
    }
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(URL, USER, PASSWORD);
  }

  /** A new pool of {@code size} connections on this schema (closed by {@link #close()}). */
  HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + name);
    config.setUsername(USER);
    config.setPassword(PASSWORD);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setPoolName(name + "-" + pools.size());
    HikariDataSource ds = new HikariDataSource(config);
    pools.add(ds);
    return ds;
  }

  /** Empties every SDK table (between the tests of one class). */
  void truncateAll() {
    try (Connection c = pools.get(0).getConnection(); Statement st = c.createStatement()) {
      st.execute("TRUNCATE " + String.join(", ", TABLES) + " RESTART IDENTITY");
    } catch (SQLException e) {
      throw new AssertionError("could not truncate the test schema", e);
    }
  }

  @Override
  public void close() {
    pools.forEach(HikariDataSource::close);
    try (Connection c = admin(); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    } catch (SQLException e) {
      throw new AssertionError("could not drop the test schema " + name, e);
    }
  }

  /** Runs {@code task(i)} on {@code threads} threads released together; results in task order. */
  static <T> List<T> race(int threads, IntFunction<T> task) {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        futures.add(pool.submit(() -> {
          start.await();
          return task.apply(n);
        }));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(60, TimeUnit.SECONDS));
      }
      return out;
    } catch (Exception e) {
      throw new AssertionError("a racing call failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
