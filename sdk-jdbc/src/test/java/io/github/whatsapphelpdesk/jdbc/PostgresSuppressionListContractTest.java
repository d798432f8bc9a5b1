package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.SuppressionListContractTest;
import io.github.whatsapphelpdesk.store.SuppressionList;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PostgresSuppressionList} against the real PostgreSQL server: the whole {@link SuppressionListContractTest}. */
class PostgresSuppressionListContractTest extends SuppressionListContractTest {
  @RegisterExtension
  static final PgSchemaExtension PG = new PgSchemaExtension();

  @Override
  protected SuppressionList newStore(MutableClock clock) {
    return PostgresSuppressionList.create(PG.freshDataSource(), clock);
  }
}
