package io.github.whatsapphelpdesk.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Transaction-scoped PostgreSQL advisory locks on text keys ({@code pg_advisory_xact_lock}), taken in
 * ascending lock-id order so two transactions locking overlapping sets cannot deadlock on each other's
 * advisory locks. Keys are hashed to 64 bits (FNV-1a); a collision only serializes two unrelated
 * transactions. The locks are released at commit or rollback.
 */
public final class AdvisoryLocks {
  // The ORDER BY runs in the subquery (OFFSET 0 keeps it from being flattened), so the locks are taken in
  // ascending order by the aggregate above it.
  private static final String LOCK = "SELECT count(pg_advisory_xact_lock(k))"
      + " FROM (SELECT k FROM unnest(?::bigint[]) AS u(k) ORDER BY k OFFSET 0) AS s";

  private AdvisoryLocks() {}

  /** Locks every key for the rest of the connection's current transaction. */
  public static void lock(Connection c, String namespace, Collection<String> keys) throws SQLException {
    TreeSet<Long> ids = new TreeSet<>();
    for (String k : keys) {
      ids.add(id(namespace + ':' + k));
    }
    if (ids.isEmpty()) {
      return;
    }
    Array array = c.createArrayOf("bigint", ids.toArray(Long[]::new));
    try (PreparedStatement ps = c.prepareStatement(LOCK)) {
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    } finally {
      array.free();
    }
  }

  /** The 64-bit lock id of a key (FNV-1a over its UTF-8 bytes). */
  static long id(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
