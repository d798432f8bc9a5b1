package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.IdempotencyStoreContractTest;
import io.github.whatsapphelpdesk.webhook.IdempotencyStore;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link PostgresIdempotencyStore} against the real PostgreSQL server: the whole {@link IdempotencyStoreContractTest}. */
class PostgresIdempotencyStoreContractTest extends IdempotencyStoreContractTest {
  private static PgSchema db;
  private static DataSource ds;

  @BeforeAll
  static void schema() {
    db = PgSchema.create();
    ds = db.pool(8);
    JdbcMigrations.migrate(ds);
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected IdempotencyStore newStore(MutableClock clock) {
    db.truncateAll();
    return PostgresIdempotencyStore.create(ds, clock);
  }
}
