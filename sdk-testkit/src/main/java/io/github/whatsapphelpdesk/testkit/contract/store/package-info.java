/**
 * Contract kits for the store SPIs: {@link io.github.whatsapphelpdesk.testkit.contract.store.InboxContractTest},
 * which every {@link io.github.whatsapphelpdesk.webhook.Inbox} implementation's tests extend.
 */
package io.github.whatsapphelpdesk.testkit.contract.store;
