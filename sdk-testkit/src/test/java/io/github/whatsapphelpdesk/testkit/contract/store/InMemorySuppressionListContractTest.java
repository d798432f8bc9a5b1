package io.github.whatsapphelpdesk.testkit.contract.store;

import io.github.whatsapphelpdesk.store.InMemorySuppressionList;
import io.github.whatsapphelpdesk.store.SuppressionList;
import io.github.whatsapphelpdesk.testkit.MutableClock;

/** The suppression list contract against the embedded {@link InMemorySuppressionList}. */
class InMemorySuppressionListContractTest extends SuppressionListContractTest {
  @Override
  protected SuppressionList newStore(MutableClock clock) {
    return new InMemorySuppressionList();
  }
}
