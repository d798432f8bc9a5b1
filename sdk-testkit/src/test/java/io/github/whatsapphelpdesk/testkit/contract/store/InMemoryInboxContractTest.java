package io.github.whatsapphelpdesk.testkit.contract.store;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.InMemoryInbox;
import io.github.whatsapphelpdesk.webhook.Inbox;

/** The inbox contract against the embedded {@link InMemoryInbox}. */
class InMemoryInboxContractTest extends InboxContractTest {
  @Override
  protected Inbox newStore(MutableClock clock) {
    return InMemoryInbox.create(clock);
  }
}
