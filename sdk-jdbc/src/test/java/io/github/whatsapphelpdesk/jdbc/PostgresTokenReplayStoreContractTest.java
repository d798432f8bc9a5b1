package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.TokenReplayStoreContractTest;
import io.github.whatsapphelpdesk.crm.TokenReplayStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PostgresTokenReplayStore} against the real PostgreSQL server: the whole {@link TokenReplayStoreContractTest}. */
class PostgresTokenReplayStoreContractTest extends TokenReplayStoreContractTest {
  @RegisterExtension
  static final PgSchemaExtension PG = new PgSchemaExtension();

  @Override
  protected TokenReplayStore newStore(MutableClock clock) {
    return PostgresTokenReplayStore.create(PG.freshDataSource(), clock);
  }
}
