package io.github.whatsapphelpdesk.testkit.contract.store;

import io.github.whatsapphelpdesk.spi.InMemoryOAuthTokenStore;
import io.github.whatsapphelpdesk.spi.OAuthTokenStore;

/** {@link InMemoryOAuthTokenStore} meets the {@link OAuthTokenStoreContractTest}. */
class InMemoryOAuthTokenStoreContractTest extends OAuthTokenStoreContractTest {
  @Override
  protected OAuthTokenStore newStore() {
    return new InMemoryOAuthTokenStore();
  }
}
