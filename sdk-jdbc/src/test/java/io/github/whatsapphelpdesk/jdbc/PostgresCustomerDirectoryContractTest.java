package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.customer.CustomerDirectory;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.CustomerDirectoryContractTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link PostgresCustomerDirectory} against the real PostgreSQL server: the whole {@link CustomerDirectoryContractTest}. */
class PostgresCustomerDirectoryContractTest extends CustomerDirectoryContractTest {
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
  protected CustomerDirectory newDirectory() {
    db.truncateAll();
    return PostgresCustomerDirectory.create(ds, MutableClock.create());
  }
}
