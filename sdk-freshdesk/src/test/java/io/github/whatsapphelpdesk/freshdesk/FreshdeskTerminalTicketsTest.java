package io.github.whatsapphelpdesk.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeFreshdeskServer;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeStore;
import io.github.whatsapphelpdesk.spi.AdapterCapability;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Customer messages on resolved and closed tickets, by {@link TerminalPolicy}. */
class FreshdeskTerminalTicketsTest {
  private final FakeFreshdeskServer fake;

  FreshdeskTerminalTicketsTest() throws Exception {
    fake = new FakeFreshdeskServer();
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private FreshdeskAdapter adapter(TerminalPolicy policy) {
    return FreshdeskAdapter.create(fake.config().terminalPolicy(policy).build());
  }

  private static TicketResult ticket(FreshdeskAdapter a) {
    HelpdeskContact customer = a.upsertContact(Fixtures.CUSTOMER);
    return a.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
  }

  private FakeStore.Ticket stored(TicketResult r) {
    return fake.freshdesk.store().ticket(Long.parseLong(r.ticket().ticketId()));
  }

  private long notePosts() {
    return fake.freshdesk.count(line -> line.startsWith("POST ") && line.endsWith("/notes"));
  }

  @Test
  void appendCustomerMessage_resolvedUnderDefaultPolicy_reopensAndAppends() {
    try (FreshdeskAdapter a = adapter(TerminalPolicy.REOPEN_RESOLVED_NEW_IF_CLOSED)) {
      TicketResult r = ticket(a);
      fake.freshdesk.setStatus(stored(r).id, FreshdeskStatus.RESOLVED.code());

      AppendResult appended = a.appendCustomerMessage(r.ticket(), Fixtures.message(r.ticket().requester(), "w2", "thanks"));

      assertThat(appended.rolledOver()).isFalse();
      assertThat(stored(r).status).isEqualTo(FreshdeskStatus.OPEN.code());
      assertThat(stored(r).conversations).singleElement().satisfies(c -> {
        assertThat(String.valueOf(c.id)).isEqualTo(appended.commentId());
        assertThat(c.incoming).isTrue();
        assertThat(c.isPrivate).isFalse();
      });
    }
  }

  @Test
  void appendCustomerMessage_closedUnderDefaultPolicy_throwsTerminalAndWritesNothing() {
    try (FreshdeskAdapter a = adapter(TerminalPolicy.REOPEN_RESOLVED_NEW_IF_CLOSED)) {
      TicketResult r = ticket(a);
      fake.freshdesk.setStatus(stored(r).id, FreshdeskStatus.CLOSED.code());

      assertThatThrownBy(() -> a.appendCustomerMessage(r.ticket(), Fixtures.message(r.ticket().requester(), "w2", "hi")))
          .isInstanceOfSatisfying(TerminalTicketException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining("closed").message().doesNotContain("hi");
      assertThat(stored(r).conversations).isEmpty();
      assertThat(stored(r).status).isEqualTo(FreshdeskStatus.CLOSED.code());
      assertThat(notePosts()).isZero();
    }
  }

  @Test
  void appendCustomerMessage_resolvedUnderAlwaysNew_throwsTerminal() {
    try (FreshdeskAdapter a = adapter(TerminalPolicy.ALWAYS_NEW)) {
      TicketResult r = ticket(a);
      fake.freshdesk.setStatus(stored(r).id, FreshdeskStatus.RESOLVED.code());

      assertThatThrownBy(() -> a.appendCustomerMessage(r.ticket(), Fixtures.message(r.ticket().requester(), "w2", "hi")))
          .isInstanceOf(TerminalTicketException.class).hasMessageContaining("resolved");
      assertThat(stored(r).conversations).isEmpty();
      assertThat(a.capabilities()).doesNotContain(AdapterCapability.REOPEN_TICKETS)
          .contains(AdapterCapability.NATIVE_ATTACHMENTS);
    }
  }

  @Test
  void appendCustomerMessage_closedUnderAlwaysReopen_reopensAndAppends() {
    try (FreshdeskAdapter a = adapter(TerminalPolicy.ALWAYS_REOPEN)) {
      TicketResult r = ticket(a);
      fake.freshdesk.setStatus(stored(r).id, FreshdeskStatus.CLOSED.code());

      a.appendCustomerMessage(r.ticket(), Fixtures.message(r.ticket().requester(), "w2", "hi"));

      assertThat(stored(r).status).isEqualTo(FreshdeskStatus.OPEN.code());
      assertThat(stored(r).conversations).hasSize(1);
    }
  }

  @Test
  void appendCustomerMessage_ticketClosedBetweenCheckAndNote_rejectedNoteBecomesTerminal() {
    try (FreshdeskAdapter a = adapter(TerminalPolicy.REOPEN_RESOLVED_NEW_IF_CLOSED)) {
      TicketResult r = ticket(a);
      long id = stored(r).id;
      fake.freshdesk.rejectNotesOnClosed(true);
      fake.freshdesk.beforeNext(line -> line.equals("POST /api/v2/tickets/" + id + "/notes"),
          () -> fake.freshdesk.setStatus(id, FreshdeskStatus.CLOSED.code()));

      assertThatThrownBy(() -> a.appendCustomerMessage(r.ticket(), Fixtures.message(r.ticket().requester(), "w2", "hi")))
          .isInstanceOf(TerminalTicketException.class);
      assertThat(notePosts()).isEqualTo(1);
      assertThat(stored(r).conversations).isEmpty();
    }
  }

  @Test
  void appendCustomerMessage_repeatAfterTicketClosed_returnsEarlierNoteWithoutCalls() {
    try (FreshdeskAdapter a = adapter(TerminalPolicy.REOPEN_RESOLVED_NEW_IF_CLOSED)) {
      TicketResult r = ticket(a);
      CustomerMessage m = Fixtures.message(r.ticket().requester(), "w2", "hi");
      AppendResult first = a.appendCustomerMessage(r.ticket(), m);
      fake.freshdesk.setStatus(stored(r).id, FreshdeskStatus.CLOSED.code());
      int before = fake.freshdesk.requests().size();

      AppendResult again = a.appendCustomerMessage(r.ticket(), m);

      assertThat(again.commentId()).isEqualTo(first.commentId());
      assertThat(fake.freshdesk.requests()).hasSize(before);
    }
  }

  @Test
  void reopenOrFollowUp_repeatedOnResolvedTicket_writesFirstMessageOnce() {
    try (FreshdeskAdapter a = adapter(TerminalPolicy.REOPEN_RESOLVED_NEW_IF_CLOSED)) {
      TicketResult r = ticket(a);
      fake.freshdesk.setStatus(stored(r).id, FreshdeskStatus.RESOLVED.code());
      var request = Fixtures.request(r.ticket().requester(), "2", "back again");

      TicketResult first = a.reopenOrFollowUp(r.ticket(), request);
      TicketResult again = a.reopenOrFollowUp(r.ticket(), request);

      assertThat(again.firstCommentId()).isEqualTo(first.firstCommentId());
      assertThat(stored(r).conversations).hasSize(1);
    }
  }

  @Test
  void findOrCreateTicket_recoveredEarlierTicket_firstCommentIsItsDescription() {
    try (FreshdeskAdapter a = adapter(TerminalPolicy.REOPEN_RESOLVED_NEW_IF_CLOSED)) {
      TicketResult first = ticket(a);

      TicketResult again = ticket(a);

      assertThat(again.created()).isFalse();
      assertThat(again.firstCommentId()).isEqualTo(FreshdeskAdapter.descriptionId(stored(first).id));
    }
  }
}
