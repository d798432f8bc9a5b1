package io.github.whatsapphelpdesk.testkit.contract.store;

import io.github.whatsapphelpdesk.session.InMemorySessionStore;
import io.github.whatsapphelpdesk.session.SessionStore;
import io.github.whatsapphelpdesk.testkit.MutableClock;

/** The session store contract against the embedded {@link InMemorySessionStore} (packed and BSUID tables). */
class InMemorySessionStoreContractTest extends SessionStoreContractTest {
  @Override
  protected SessionStore newStore(MutableClock clock) {
    return InMemorySessionStore.create();
  }
}
