package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.CustomerDirectory;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.jdbc.internal.AdvisoryLocks;
import io.github.whatsapphelpdesk.jdbc.internal.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link CustomerDirectory} in PostgreSQL: customers in {@code wh_customer}, every BSUID and phone number
 * they revealed in {@code wh_customer_alias} (primary key {@code (kind, value)}, so an identifier belongs to
 * one customer).
 *
 * <p>{@link #resolve} and {@link #changeBsuid} follow several aliases and may write several rows, so each
 * runs in one transaction that first takes a transaction-scoped advisory lock on every identifier of the
 * sighting ({@code b:<bsuid>}, {@code p:<phone>}, {@code i:<natural id>}, in ascending lock-id order). Two
 * sightings that share an identifier, on any instance, are therefore serialized and the second sees what
 * the first wrote, so concurrent sightings of one customer end as one record; sightings of unrelated
 * customers run in parallel. Rows changed beyond the sighting's own identifiers (the previous owner of a
 * number that moved) are protected by their row locks; a rare deadlock between two such transactions is
 * detected by PostgreSQL and the loser is retried. docs/persistence.md explains why this was chosen over
 * {@code SERIALIZABLE}.
 *
 * <p>{@code last_seen_at} is written from the injected {@link Clock} on every resolution, for {@link
 * JdbcRetention}. Thread-safe.
 */
public final class PostgresCustomerDirectory implements CustomerDirectory {
  private static final String LOCK_NAMESPACE = "wh_customer";
  private static final String COLUMNS = "c.id, c.bsuid, c.parent_bsuid, c.phone, c.username, c.profile_name";

  private final Sql sql;
  private final Clock clock;

  private PostgresCustomerDirectory(DataSource dataSource, Clock clock) {
    this.sql = new Sql(dataSource, "customer-directory");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A directory on {@code dataSource} (migrated with {@link JdbcMigrations}) that timestamps by {@code clock}. */
  public static PostgresCustomerDirectory create(DataSource dataSource, Clock clock) {
    return new PostgresCustomerDirectory(dataSource, clock);
  }

  @Override
  public Customer resolve(Customer seen) {
    Objects.requireNonNull(seen, "seen");
    return sql.inTransaction("resolve", c -> {
      AdvisoryLocks.lock(c, LOCK_NAMESPACE, lockKeys(seen, null));
      return resolveLocked(c, seen, clock.instant());
    });
  }

  @Override
  public Customer changeBsuid(String previousBsuid, Customer current) {
    Objects.requireNonNull(current, "current");
    return sql.inTransaction("changeBsuid", c -> {
      AdvisoryLocks.lock(c, LOCK_NAMESPACE, lockKeys(current, previousBsuid));
      Instant now = clock.instant();
      CustomerId target = previousBsuid == null ? null : alias(c, "b", previousBsuid);
      if (target == null) {
        return resolveLocked(c, current, now);
      }
      Customer incoming = current;
      CustomerId clash = current.bsuid() == null ? null : alias(c, "b", current.bsuid());
      if (clash != null && !clash.equals(target)) {
        // The new BSUID already has its own record (a message raced the update): fold it into the old one.
        Customer other = load(c, clash, true);
        Sql.update(c, "DELETE FROM wh_customer WHERE id = ?", clash.value());
        incoming = other.mergedWith(current);
      }
      return store(c, load(c, target, true).mergedWith(incoming), now);
    });
  }

  /** The rules of {@link CustomerDirectory#resolve}, under the sighting's advisory locks. */
  private Customer resolveLocked(Connection c, Customer seen, Instant now) throws SQLException {
    CustomerId target = seen.bsuid() == null ? null : alias(c, "b", seen.bsuid());
    if (target == null && seen.phone() != null) {
      CustomerId byPhone = alias(c, "p", seen.phone());
      Customer owner = byPhone == null ? null : load(c, byPhone, true);
      // The seen BSUID is unknown here, so an owner with any BSUID is someone else.
      boolean otherPerson = owner != null && seen.bsuid() != null && owner.bsuid() != null;
      if (owner != null && !otherPerson) {
        target = byPhone;
      }
    }
    if (target == null && load(c, seen.id(), false) != null) {
      // The natural id is taken by a customer whose phone alias moved on: keep the id's customer.
      target = seen.id();
    }
    Customer result = target == null ? seen : load(c, target, true).mergedWith(seen);
    return store(c, result, now);
  }

  /** Writes {@code cust} under its id and points its identifiers at it; a phone number moves to it. */
  private static Customer store(Connection c, Customer cust, Instant now) throws SQLException {
    Sql.update(c, "INSERT INTO wh_customer AS t"
            + " (id, bsuid, parent_bsuid, phone, username, profile_name, created_at, last_seen_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET bsuid = EXCLUDED.bsuid,"
            + " parent_bsuid = EXCLUDED.parent_bsuid, phone = EXCLUDED.phone, username = EXCLUDED.username,"
            + " profile_name = EXCLUDED.profile_name, last_seen_at = EXCLUDED.last_seen_at",
        cust.id().value(), cust.bsuid(), cust.parentBsuid(), cust.phone(), cust.username(), cust.profileName(),
        Sql.ts(now), Sql.ts(now));
    if (cust.phone() != null) {
      String previous = Sql.queryOne(c,
          "SELECT customer_id FROM wh_customer_alias WHERE kind = 'p' AND value = ? FOR UPDATE",
          rs -> rs.getString(1), cust.phone());
      upsertAlias(c, "p", cust.phone(), cust.id());
      if (previous != null && !previous.equals(cust.id().value())) {
        // The number changed hands: its old owner keeps their record without it (a BSUID still finds them).
        Sql.update(c, "UPDATE wh_customer SET phone = NULL WHERE id = ? AND bsuid IS NOT NULL", previous);
      }
    }
    if (cust.bsuid() != null) {
      upsertAlias(c, "b", cust.bsuid(), cust.id());
    }
    return cust;
  }

  private static void upsertAlias(Connection c, String kind, String value, CustomerId id) throws SQLException {
    Sql.update(c, "INSERT INTO wh_customer_alias (kind, value, customer_id) VALUES (?, ?, ?)"
            + " ON CONFLICT (kind, value) DO UPDATE SET customer_id = EXCLUDED.customer_id"
            + " WHERE wh_customer_alias.customer_id <> EXCLUDED.customer_id",
        kind, value, id.value());
  }

  private static CustomerId alias(Connection c, String kind, String value) throws SQLException {
    String id = Sql.queryOne(c, "SELECT customer_id FROM wh_customer_alias WHERE kind = ? AND value = ?",
        rs -> rs.getString(1), kind, value);
    return id == null ? null : new CustomerId(id);
  }

  private static Customer load(Connection c, CustomerId id, boolean forUpdate) throws SQLException {
    return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM wh_customer c WHERE c.id = ?"
        + (forUpdate ? " FOR UPDATE" : ""), PostgresCustomerDirectory::read, id.value());
  }

  private static List<String> lockKeys(Customer seen, String previousBsuid) {
    List<String> keys = new ArrayList<>(4);
    keys.add("i:" + seen.id().value());
    if (seen.bsuid() != null) {
      keys.add("b:" + seen.bsuid());
    }
    if (seen.phone() != null) {
      keys.add("p:" + seen.phone());
    }
    if (previousBsuid != null) {
      keys.add("b:" + previousBsuid);
    }
    return keys;
  }

  private static Customer read(ResultSet rs) throws SQLException {
    return new Customer(new CustomerId(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6));
  }

  @Override
  public Optional<Customer> find(CustomerId id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(sql.call("find", c -> load(c, id, false)));
  }

  @Override
  public Optional<Customer> findByBsuid(String bsuid) {
    Objects.requireNonNull(bsuid, "bsuid");
    return Optional.ofNullable(sql.call("findByBsuid", c -> byAlias(c, "b", bsuid)));
  }

  @Override
  public Optional<Customer> findByPhone(String phone) {
    Objects.requireNonNull(phone, "phone");
    String waId = CustomerId.ofPhone(phone).value();
    return Optional.ofNullable(sql.call("findByPhone", c -> byAlias(c, "p", waId)));
  }

  private static Customer byAlias(Connection c, String kind, String value) throws SQLException {
    return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM wh_customer_alias a JOIN wh_customer c"
        + " ON c.id = a.customer_id WHERE a.kind = ? AND a.value = ?", PostgresCustomerDirectory::read, kind, value);
  }

  /** Deletes the customer; their aliases go with them ({@code ON DELETE CASCADE}). */
  @Override
  public boolean erase(CustomerId id) {
    Objects.requireNonNull(id, "id");
    return sql.call("erase", c -> Sql.update(c, "DELETE FROM wh_customer WHERE id = ?", id.value()) > 0);
  }
}
