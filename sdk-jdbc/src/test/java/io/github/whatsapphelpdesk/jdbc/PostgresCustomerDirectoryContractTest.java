package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.customer.CustomerDirectory;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.CustomerDirectoryContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PostgresCustomerDirectory} against the real PostgreSQL server: the whole {@link CustomerDirectoryContractTest}. */
class PostgresCustomerDirectoryContractTest extends CustomerDirectoryContractTest {
  @RegisterExtension
  static final PgSchemaExtension PG = new PgSchemaExtension();

  @Override
  protected CustomerDirectory newDirectory() {
    return PostgresCustomerDirectory.create(PG.freshDataSource(), MutableClock.create());
  }
}
