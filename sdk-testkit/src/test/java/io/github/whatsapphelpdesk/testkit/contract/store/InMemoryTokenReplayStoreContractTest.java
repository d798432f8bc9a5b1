package io.github.whatsapphelpdesk.testkit.contract.store;

import io.github.whatsapphelpdesk.crm.InMemoryTokenReplayStore;
import io.github.whatsapphelpdesk.crm.TokenReplayStore;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.util.OptionalInt;

/** The replay contract on the SDK's bounded in-memory store. */
class InMemoryTokenReplayStoreContractTest extends TokenReplayStoreContractTest {
  @Override
  protected TokenReplayStore newStore(MutableClock clock) {
    return InMemoryTokenReplayStore.create(clock, MIN_CAPACITY);
  }

  @Override
  protected OptionalInt capacity() {
    return OptionalInt.of(MIN_CAPACITY);
  }
}
