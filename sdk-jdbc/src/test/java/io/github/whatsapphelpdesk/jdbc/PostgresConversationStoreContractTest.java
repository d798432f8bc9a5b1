package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.contract.store.ConversationStoreContractTest;
import io.github.whatsapphelpdesk.store.ConversationStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PostgresConversationStore} against the real PostgreSQL server: the whole {@link ConversationStoreContractTest}. */
class PostgresConversationStoreContractTest extends ConversationStoreContractTest {
  @RegisterExtension
  static final PgSchemaExtension PG = new PgSchemaExtension();

  @Override
  protected ConversationStore newStore(MutableClock clock) {
    return PostgresConversationStore.create(PG.freshDataSource(), clock);
  }
}
