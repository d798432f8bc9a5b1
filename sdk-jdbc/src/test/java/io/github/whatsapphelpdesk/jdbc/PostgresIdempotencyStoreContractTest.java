package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.IdempotencyStoreContractTest;
import io.github.whatsapphelpdesk.webhook.IdempotencyStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PostgresIdempotencyStore} against the real PostgreSQL server: the whole {@link IdempotencyStoreContractTest}. */
class PostgresIdempotencyStoreContractTest extends IdempotencyStoreContractTest {
  @RegisterExtension
  static final PgSchemaExtension PG = new PgSchemaExtension();

  @Override
  protected IdempotencyStore newStore(MutableClock clock) {
    return PostgresIdempotencyStore.create(PG.freshDataSource(), clock);
  }
}
