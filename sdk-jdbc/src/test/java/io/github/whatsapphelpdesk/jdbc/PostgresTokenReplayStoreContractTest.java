package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.TokenReplayStoreContractTest;
import io.github.whatsapphelpdesk.crm.TokenReplayStore;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link PostgresTokenReplayStore} against the real PostgreSQL server: the whole {@link TokenReplayStoreContractTest}. */
class PostgresTokenReplayStoreContractTest extends TokenReplayStoreContractTest {
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
  protected TokenReplayStore newStore(MutableClock clock) {
    db.truncateAll();
    return PostgresTokenReplayStore.create(ds, clock);
  }
}
