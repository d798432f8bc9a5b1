package io.github.whatsapphelpdesk.testkit.contract;

import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.InMemoryHelpdeskBuilder;

/** Proves the contract's other branches: no follow-up tickets, no reopening of solved tickets. */
class InMemoryHelpdeskWithoutFollowUpsContractTest extends InMemoryHelpdeskContractTest {
  @Override
  protected InMemoryHelpdeskBuilder configure(InMemoryHelpdeskBuilder builder) {
    return builder.followUpTickets(false).reopenSolved(false);
  }
}
