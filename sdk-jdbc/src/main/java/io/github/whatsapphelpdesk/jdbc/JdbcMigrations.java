package io.github.whatsapphelpdesk.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the SDK's PostgreSQL schema in the data source's current schema ({@code
 * search_path}). The migrations are SQL files shipped in this jar under {@value #LOCATION}, named the way
 * Flyway expects ({@code V1__webhook_state.sql}, ...), so a Flyway user can run them instead (point Flyway
 * at {@code classpath:db/migration/whatsapp_helpdesk}); use one tool or the other on a schema, not both.
 *
 * <p>{@link #migrate} is idempotent and safe when several instances start at once: it runs in one
 * transaction under {@code pg_advisory_xact_lock} (keyed by the current schema), reads the versions applied
 * from its own table {@code wh_schema_version}, applies the missing ones in order, records each with its
 * checksum and commits. PostgreSQL's DDL is transactional, so a failed migration leaves nothing behind. A
 * second instance waits for the lock, then finds everything applied. An applied script whose checksum no
 * longer matches, or a schema newer than this SDK, is an error: the SDK refuses to run on a schema it does
 * not know.
 *
 * <p>Thread-safe (stateless).
 */
public final class JdbcMigrations {
  /** The classpath folder holding the migrations. */
  public static final String LOCATION = "db/migration/whatsapp_helpdesk";

  /** The migrations, in order. A new migration is added here and as a file under {@link #LOCATION}. */
  private static final List<String> SCRIPTS = List.of(
      "V1__webhook_state.sql",
      "V2__customers_and_conversations.sql");

  /** The schema version this SDK needs and creates. */
  public static final int LATEST_VERSION = SCRIPTS.size();

  private static final String STORE = "migrations";
  private static final Logger log = LoggerFactory.getLogger(JdbcMigrations.class);

  private JdbcMigrations() {}

  /**
   * Brings the schema to {@link #LATEST_VERSION}.
   *
   * @param dataSource the data source whose current schema holds (or will hold) the SDK's tables
   * @return the versions this call applied, in order (empty when the schema was up to date)
   * @throws JdbcStoreException when the database fails, a script fails, an applied script was changed, or
   *     the schema is newer than this SDK
   */
  public static List<Integer> migrate(DataSource dataSource) {
    return migrate(dataSource, LATEST_VERSION, Clock.systemUTC());
  }

  /**
   * Brings the schema to {@code targetVersion} (for tests and staged upgrades), recording {@code clock}'s
   * time as the time applied.
   *
   * @param dataSource the data source
   * @param targetVersion the version to reach, 1 to {@link #LATEST_VERSION}
   * @param clock the clock whose time is recorded
   * @return the versions this call applied, in order
   * @throws IllegalArgumentException when {@code targetVersion} is out of range
   * @throws JdbcStoreException as {@link #migrate(DataSource)}
   */
  public static List<Integer> migrate(DataSource dataSource, int targetVersion, Clock clock) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(clock, "clock");
    if (targetVersion < 1 || targetVersion > LATEST_VERSION) {
      throw new IllegalArgumentException("targetVersion must be in [1, " + LATEST_VERSION + "]: " + targetVersion);
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<Integer> applied = migrate(c, targetVersion, clock);
        c.commit();
        if (!applied.isEmpty()) {
          log.info("Migrated the whatsapp-helpdesk schema {} to version {} (applied {})", c.getSchema(),
              targetVersion, applied);
        }
        return applied;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException again) {
          e.addSuppressed(again);
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new JdbcStoreException(STORE, "migrate", e);
    }
  }

  /**
   * The schema version recorded in the data source's current schema, or 0 when the SDK's tables were
   * never created there.
   */
  public static int currentVersion(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    try (Connection c = dataSource.getConnection()) {
      return versions(c).keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    } catch (SQLException e) {
      throw new JdbcStoreException(STORE, "currentVersion", e);
    }
  }

  private static List<Integer> migrate(Connection c, int target, Clock clock) throws SQLException {
    try (Statement st = c.createStatement()) {
      // Several instances starting at once: one migrates, the others wait here and then find it done.
      st.execute("SELECT pg_advisory_xact_lock(hashtext('whatsapp_helpdesk_migrate:' || current_schema()))");
      st.execute("CREATE TABLE IF NOT EXISTS wh_schema_version ("
          + " version integer PRIMARY KEY,"
          + " script text NOT NULL,"
          + " checksum text NOT NULL,"
          + " applied_at timestamptz NOT NULL)");
    }
    Map<Integer, String> done = versions(c);
    for (int v : done.keySet()) {
      if (v > LATEST_VERSION) {
        throw new JdbcStoreException(STORE, "migrate", "the schema is at version " + v
            + ", newer than this SDK knows (" + LATEST_VERSION + "): upgrade the SDK");
      }
    }
    List<Integer> applied = new java.util.ArrayList<>();
    for (int v = 1; v <= target; v++) {
      String name = SCRIPTS.get(v - 1);
      String sql = load(name);
      String checksum = sha256(sql);
      String recorded = done.get(v);
      if (recorded != null) {
        if (!recorded.equals(checksum)) {
          throw new JdbcStoreException(STORE, "migrate", "the applied migration " + name
              + " differs from the one in this SDK (checksum mismatch)");
        }
        continue;
      }
      try (Statement st = c.createStatement()) {
        st.execute(sql);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO wh_schema_version (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
        ps.setInt(1, v);
        ps.setString(2, name);
        ps.setString(3, checksum);
        ps.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        ps.executeUpdate();
      }
      applied.add(v);
    }
    return applied;
  }

  private static Map<Integer, String> versions(Connection c) throws SQLException {
    Map<Integer, String> out = new HashMap<>();
    try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass('wh_schema_version') IS NOT NULL");
        ResultSet rs = exists.executeQuery()) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return out;
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT version, checksum FROM wh_schema_version");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getInt(1), rs.getString(2));
      }
    }
    return out;
  }

  /** The text of a migration shipped in the jar. */
  static String load(String name) {
    String path = LOCATION + "/" + name;
    try (InputStream in = JdbcMigrations.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new JdbcStoreException(STORE, "migrate", "the migration " + path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new JdbcStoreException(STORE, "migrate", "the migration " + path + " could not be read: " + e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
