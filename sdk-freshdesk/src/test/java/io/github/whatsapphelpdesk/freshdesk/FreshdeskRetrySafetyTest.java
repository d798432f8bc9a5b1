package io.github.whatsapphelpdesk.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeFreshdeskServer;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeStore;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FreshdeskRetrySafetyTest {
  private final FakeFreshdeskServer fake;
  private final FreshdeskAdapter adapter;
  private final HelpdeskContact customer;
  private final TicketResult ticket;

  FreshdeskRetrySafetyTest() throws Exception {
    fake = new FakeFreshdeskServer();
    fake.freshdesk.attachmentLimitBytes(1000);
    adapter = FreshdeskAdapter.create(fake.config().ticketAttachmentLimitBytes(1000).build());
    customer = adapter.upsertContact(Fixtures.CUSTOMER);
    ticket = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
  }

  @AfterEach
  void tearDown() {
    adapter.close();
    fake.close();
  }

  private FakeStore.Ticket stored() {
    return fake.freshdesk.store().ticket(Long.parseLong(ticket.ticket().ticketId()));
  }

  @Test
  void appendCustomerMessage_sameMessageTwice_writesOneNote() {
    CustomerMessage m = Fixtures.message(customer, "wamid.A", "only once");

    AppendResult first = adapter.appendCustomerMessage(ticket.ticket(), m);
    AppendResult again = adapter.appendCustomerMessage(ticket.ticket(), m);

    assertThat(again.commentId()).isEqualTo(first.commentId());
    assertThat(stored().conversations).hasSize(1);
  }

  @Test
  void appendCustomerMessage_retryAfterAmbiguous502_reusesStoredNote() {
    CustomerMessage m = Fixtures.message(customer, "wamid.B", "Line 1\n<maybe> twice?");
    fake.freshdesk.failAfterProcessingNext(1, line -> line.startsWith("POST ") && line.endsWith("/notes"));

    assertThatThrownBy(() -> adapter.appendCustomerMessage(ticket.ticket(), m))
        .isInstanceOf(HelpdeskUnavailableException.class);
    assertThat(stored().conversations).hasSize(1);

    AppendResult retry = adapter.appendCustomerMessage(ticket.ticket(), m);

    assertThat(stored().conversations).hasSize(1);
    assertThat(retry.commentId()).isEqualTo(String.valueOf(stored().conversations.get(0).id));
  }

  @Test
  void appendCustomerMessage_retryAfterFailureThatStoredNothing_writesNote() {
    CustomerMessage m = Fixtures.message(customer, "wamid.C", "please store me");
    fake.freshdesk.rateLimitNext(1, 1);

    assertThatThrownBy(() -> adapter.appendCustomerMessage(ticket.ticket(), m))
        .isInstanceOf(io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException.class);
    adapter.appendCustomerMessage(ticket.ticket(), m);

    assertThat(stored().conversations).singleElement().satisfies(c -> assertThat(c.body).isEqualTo("please store me"));
  }

  @Test
  void appendCustomerMessage_freshdeskCountsMoreAttachmentsThanKnown_sendsPlaceholder() {
    fake.freshdesk.agentReply(stored().id, 31L, "agent file",
        fake.freshdesk.store().newAttachment("agent.pdf", "application/pdf", new byte[900]));

    adapter.appendCustomerMessage(ticket.ticket(),
        Fixtures.message(customer, "wamid.D", "my photo", Fixtures.file("photo.jpg", 500)));

    FakeStore.Conversation note = stored().conversations.get(1);
    assertThat(note.attachments).isEmpty();
    assertThat(note.body).contains("my photo", "photo.jpg", "would exceed");
    assertThat(adapter.attachmentBytesOn(ticket.ticket())).isEqualTo(1000);
  }

  @Test
  void appendInternalNote_dedupeKeyAfterAmbiguous502_writesOneNote() {
    io.github.whatsapphelpdesk.spi.InternalNote n = new io.github.whatsapphelpdesk.spi.InternalNote(
        "Delivery failed for reply 5001", "failed:5001");
    fake.freshdesk.failAfterProcessingNext(1);

    assertThatThrownBy(() -> adapter.appendInternalNote(ticket.ticket(), n))
        .isInstanceOf(HelpdeskUnavailableException.class);
    AppendResult retry = adapter.appendInternalNote(ticket.ticket(), n);
    AppendResult again = adapter.appendInternalNote(ticket.ticket(), n);

    assertThat(stored().conversations).singleElement().satisfies(c -> assertThat(c.isPrivate).isTrue());
    assertThat(retry.commentId()).isEqualTo(again.commentId())
        .isEqualTo(String.valueOf(stored().conversations.get(0).id));
  }

  @Test
  void appendInternalNote_withoutDedupeKey_writesEachTime() {
    adapter.appendInternalNote(ticket.ticket(), io.github.whatsapphelpdesk.spi.InternalNote.of("same"));
    adapter.appendInternalNote(ticket.ticket(), io.github.whatsapphelpdesk.spi.InternalNote.of("same"));

    assertThat(stored().conversations).hasSize(2);
  }
}
