/**
 * The helpdesk adapter contract: {@link io.github.whatsapphelpdesk.testkit.contract.HelpdeskAdapterContractTest},
 * which every adapter's tests extend.
 */
package io.github.whatsapphelpdesk.testkit.contract;
