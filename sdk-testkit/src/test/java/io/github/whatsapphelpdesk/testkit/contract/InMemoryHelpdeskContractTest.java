package io.github.whatsapphelpdesk.testkit.contract;

import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.InMemoryHelpdeskBuilder;
import io.github.whatsapphelpdesk.crm.StoredAttachment;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Proves the contract on the in-memory reference helpdesk (follow-up tickets on, the default). */
class InMemoryHelpdeskContractTest extends HelpdeskAdapterContractTest {
  protected InMemoryHelpdesk helpdesk;

  protected InMemoryHelpdeskBuilder configure(InMemoryHelpdeskBuilder builder) {
    return builder;
  }

  @Override
  protected HelpdeskAdapter createAdapter() {
    helpdesk = configure(InMemoryHelpdesk.builder()
        .clock(Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC))
        .maxAttachmentBytes(1024 * 1024)).build();
    return helpdesk;
  }

  @Override
  protected WebhookRequest postAgentReply(TicketHandle ticket, String text) {
    return helpdesk.agentReply(ticket.ticketId(), "agent-7", text);
  }

  @Override
  protected WebhookRequest announceComment(TicketHandle ticket, String commentId) {
    return helpdesk.webhookFor(ticket.ticketId(), commentId);
  }

  @Override
  protected void makeTerminal(TicketHandle ticket) {
    helpdesk.close(ticket.ticketId());
  }

  @Override
  protected void makeSolved(TicketHandle ticket) {
    helpdesk.solve(ticket.ticketId());
  }

  @Override
  protected void injectRateLimit(Duration retryAfter) {
    helpdesk.rateLimitNext(1, retryAfter);
  }

  @Override
  protected List<CommentView> readComments(TicketHandle ticket) {
    return helpdesk.comments(ticket.ticketId()).stream().map(c -> new CommentView(c.id(), c.authorId(),
        c.isPublic(), c.text(), c.attachments().stream().map(StoredAttachment::filename).toList())).toList();
  }

  @Override
  protected List<ContactView> readContacts() {
    return helpdesk.contacts().stream().map(c -> new ContactView(c.id(), c.externalId(), c.e164().orElse(null),
        c.profileName() != null ? c.profileName() : c.username())).toList();
  }
}
