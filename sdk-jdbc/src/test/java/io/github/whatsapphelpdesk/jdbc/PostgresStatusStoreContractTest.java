package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.StatusStoreContractTest;
import io.github.whatsapphelpdesk.webhook.StatusStore;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link PostgresStatusStore} against the real PostgreSQL server: the whole {@link StatusStoreContractTest}. */
class PostgresStatusStoreContractTest extends StatusStoreContractTest {
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
  protected StatusStore newStore(MutableClock clock) {
    db.truncateAll();
    return PostgresStatusStore.builder(ds).retention(retention()).build();
  }

  @Override
  protected Duration retention() {
    return Duration.ofDays(8);
  }
}
