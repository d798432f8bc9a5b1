package io.github.whatsapphelpdesk.testkit.contract.store;

import io.github.whatsapphelpdesk.store.ConversationStore;
import io.github.whatsapphelpdesk.store.InMemoryConversationStore;
import io.github.whatsapphelpdesk.testkit.MutableClock;

/** The conversation store contract against the embedded {@link InMemoryConversationStore}. */
class InMemoryConversationStoreContractTest extends ConversationStoreContractTest {
  @Override
  protected ConversationStore newStore(MutableClock clock) {
    return InMemoryConversationStore.create(clock);
  }
}
