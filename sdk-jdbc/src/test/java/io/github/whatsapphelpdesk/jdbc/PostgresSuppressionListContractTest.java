package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.SuppressionListContractTest;
import io.github.whatsapphelpdesk.store.SuppressionList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link PostgresSuppressionList} against the real PostgreSQL server: the whole {@link SuppressionListContractTest}. */
class PostgresSuppressionListContractTest extends SuppressionListContractTest {
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
  protected SuppressionList newStore(MutableClock clock) {
    db.truncateAll();
    return PostgresSuppressionList.create(ds, clock);
  }
}
