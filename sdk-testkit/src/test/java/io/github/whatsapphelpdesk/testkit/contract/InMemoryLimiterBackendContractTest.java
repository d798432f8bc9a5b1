package io.github.whatsapphelpdesk.testkit.contract;

import io.github.whatsapphelpdesk.ratelimit.LimiterBackend;

/** The SDK's in-memory (Bucket4j) backend against the {@link LimiterBackendContractTest}. */
class InMemoryLimiterBackendContractTest extends LimiterBackendContractTest {
  @Override
  protected LimiterBackend backend() {
    return LimiterBackend.inMemory();
  }
}
