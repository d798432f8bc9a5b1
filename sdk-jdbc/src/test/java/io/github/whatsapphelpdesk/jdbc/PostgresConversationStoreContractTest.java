package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.ConversationStoreContractTest;
import io.github.whatsapphelpdesk.store.ConversationStore;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link PostgresConversationStore} against the real PostgreSQL server: the whole {@link ConversationStoreContractTest}. */
class PostgresConversationStoreContractTest extends ConversationStoreContractTest {
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
  protected ConversationStore newStore(MutableClock clock) {
    db.truncateAll();
    return PostgresConversationStore.create(ds, clock);
  }
}
