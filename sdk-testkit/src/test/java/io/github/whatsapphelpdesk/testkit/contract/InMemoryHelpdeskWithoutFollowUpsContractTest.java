package io.github.whatsapphelpdesk.testkit.contract;

import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;

/** Proves the contract's other branches: no follow-up tickets, no reopening of solved tickets. */
class InMemoryHelpdeskWithoutFollowUpsContractTest extends InMemoryHelpdeskContractTest {
  @Override
  protected InMemoryHelpdesk.Builder configure(InMemoryHelpdesk.Builder builder) {
    return builder.followUpTickets(false).reopenSolved(false);
  }
}
