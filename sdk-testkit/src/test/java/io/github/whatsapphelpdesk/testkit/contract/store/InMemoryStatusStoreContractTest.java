package io.github.whatsapphelpdesk.testkit.contract.store;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.InMemoryStatusStore;
import io.github.whatsapphelpdesk.webhook.StatusStore;
import java.time.Duration;
import java.util.OptionalInt;

/** The status contract on the SDK's bounded in-memory store (16 stripes of 256 wamids). */
class InMemoryStatusStoreContractTest extends StatusStoreContractTest {
  @Override
  protected StatusStore newStore(MutableClock clock) {
    return InMemoryStatusStore.builder().maxMessages(MIN_CAPACITY).retention(retention()).build();
  }

  @Override
  protected Duration retention() {
    return Duration.ofDays(8);
  }

  @Override
  protected OptionalInt maxHeld() {
    return OptionalInt.of(MIN_CAPACITY);
  }
}
