package io.github.whatsapphelpdesk.testkit.contract.store;

import io.github.whatsapphelpdesk.customer.CustomerDirectory;
import io.github.whatsapphelpdesk.customer.InMemoryCustomerDirectory;

/** The directory contract on the SDK's in-memory directory. */
class InMemoryCustomerDirectoryContractTest extends CustomerDirectoryContractTest {
  @Override
  protected CustomerDirectory newDirectory() {
    return new InMemoryCustomerDirectory();
  }
}
