package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.StatusStoreContractTest;
import io.github.whatsapphelpdesk.webhook.StatusStore;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PostgresStatusStore} against the real PostgreSQL server: the whole {@link StatusStoreContractTest}. */
class PostgresStatusStoreContractTest extends StatusStoreContractTest {
  @RegisterExtension
  static final PgSchemaExtension PG = new PgSchemaExtension();

  @Override
  protected StatusStore newStore(MutableClock clock) {
    return PostgresStatusStore.builder(PG.freshDataSource()).retention(retention()).build();
  }

  @Override
  protected Duration retention() {
    return Duration.ofDays(8);
  }
}
