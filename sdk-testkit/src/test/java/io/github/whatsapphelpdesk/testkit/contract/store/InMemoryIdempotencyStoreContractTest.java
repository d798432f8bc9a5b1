package io.github.whatsapphelpdesk.testkit.contract.store;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.IdempotencyStore;
import io.github.whatsapphelpdesk.webhook.InMemoryIdempotencyStore;
import java.util.OptionalInt;

/** The idempotency contract on the SDK's bounded in-memory store. */
class InMemoryIdempotencyStoreContractTest extends IdempotencyStoreContractTest {
  @Override
  protected IdempotencyStore newStore(MutableClock clock) {
    return InMemoryIdempotencyStore.builder().clock(clock).maxEntries(MIN_CAPACITY).build();
  }

  @Override
  protected OptionalInt capacity() {
    return OptionalInt.of(MIN_CAPACITY);
  }

  @Override
  protected int size(IdempotencyStore store) {
    return ((InMemoryIdempotencyStore) store).size();
  }
}
