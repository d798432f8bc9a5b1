package io.github.whatsapphelpdesk.testkit.contract.store;

import io.github.whatsapphelpdesk.store.InMemoryOutbox;
import io.github.whatsapphelpdesk.store.Outbox;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;

/** The outbox contract against the embedded {@link InMemoryOutbox}. */
class InMemoryOutboxContractTest extends OutboxContractTest {
  @Override
  protected Outbox newOutbox(MutableClock clock, Duration retention) {
    return InMemoryOutbox.create(clock, retention);
  }
}
