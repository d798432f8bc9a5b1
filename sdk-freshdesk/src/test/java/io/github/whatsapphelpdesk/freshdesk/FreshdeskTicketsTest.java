package io.github.whatsapphelpdesk.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeFreshdeskServer;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeStore;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.DeliveryStatusUpdate;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.InternalNote;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketResult;
import io.github.whatsapphelpdesk.spi.TicketState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FreshdeskTicketsTest {
  private final FakeFreshdeskServer fake;
  private final FreshdeskAdapter adapter;
  private final HelpdeskContact customer;

  FreshdeskTicketsTest() throws Exception {
    fake = new FakeFreshdeskServer();
    adapter = FreshdeskAdapter.create(fake.config().build());
    customer = adapter.upsertContact(Fixtures.CUSTOMER);
  }

  @AfterEach
  void tearDown() {
    adapter.close();
    fake.close();
  }

  private FakeStore.Ticket stored(TicketResult r) {
    return fake.freshdesk.store().ticket(Long.parseLong(r.ticket().ticketId()));
  }

  @Test
  void findOrCreateTicket_new_createsWithCodesTagsCustomFieldsAndEscapedDescription() {
    TicketResult r = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "Hi <b>there</b> & bye\nline 2"));

    FakeStore.Ticket t = stored(r);
    assertThat(r.created()).isTrue();
    assertThat(r.firstCommentId()).isEqualTo(FreshdeskAdapter.descriptionId(t.id));
    assertThat(t.requesterId).isEqualTo(Long.parseLong(customer.contactId()));
    assertThat(t.source).as("default source: Portal, on which body is documented to work").isEqualTo(2);
    assertThat(t.status).isEqualTo(2);
    assertThat(t.priority).isEqualTo(1);
    assertThat(t.description).isEqualTo("Hi &lt;b&gt;there&lt;/b&gt; &amp; bye<br>line 2");
    assertThat(t.tags).contains("whatsapp", "whatsapp-inbound")
        .anyMatch(tag -> tag.startsWith("wa-idem-") && tag.length() <= 32);
    assertThat(t.customFields).containsEntry("cf_whatsapp_conversation", r.ticket().conversationKey())
        .containsEntry("cf_wa_id", Fixtures.WA_ID).doesNotContainKey("ignored_non_cf");
  }

  @Test
  void findOrCreateTicket_retryAfterEarlierCreate_returnsSameTicketWithoutDuplicate() {
    TicketResult first = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));

    TicketResult retry = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));

    assertThat(retry.created()).isFalse();
    assertThat(retry.ticket().ticketId()).isEqualTo(first.ticket().ticketId());
    assertThat(fake.freshdesk.store().tickets()).hasSize(1);
    assertThat(fake.freshdesk.requests()).anyMatch(q -> q.startsWith("GET /api/v2/tickets?requester_id="))
        .noneMatch(q -> q.contains("/search/"));
  }

  @Test
  void findOrCreateTicket_earlierTicketOnSecondPage_followsLinkHeader() {
    TicketResult first = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
    for (int i = 0; i < 100; i++) {
      adapter.findOrCreateTicket(Fixtures.request(customer, "other-" + i, "x"));
    }

    TicketResult retry = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));

    assertThat(retry.ticket().ticketId()).isEqualTo(first.ticket().ticketId());
    assertThat(fake.freshdesk.requests()).anyMatch(q -> q.startsWith("GET /api/v2/tickets?") && q.contains("page=2"));
    assertThat(fake.freshdesk.store().tickets()).hasSize(101);
  }

  @Test
  void appendCustomerMessage_postsIncomingPublicNoteAuthoredByContact() {
    TicketResult r = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));

    AppendResult a = adapter.appendCustomerMessage(r.ticket(), Fixtures.message(customer, "wamid.2", "second"));

    FakeStore.Conversation c = stored(r).conversations.get(0);
    assertThat(a.commentId()).isEqualTo(String.valueOf(c.id));
    assertThat(a.rolledOver()).isFalse();
    assertThat(c.incoming).isTrue();
    assertThat(c.isPrivate).isFalse();
    assertThat(c.userId).isEqualTo(Long.parseLong(customer.contactId()));
    assertThat(c.body).isEqualTo("second");
  }

  @Test
  void appendInternalNote_postsPrivateNote() {
    TicketResult r = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));

    adapter.appendInternalNote(r.ticket(), InternalNote.of("Window closed <24h>"));

    FakeStore.Conversation c = stored(r).conversations.get(0);
    assertThat(c.isPrivate).isTrue();
    assertThat(c.incoming).isFalse();
    assertThat(c.body).isEqualTo("Window closed &lt;24h&gt;");
  }

  @Test
  void postAgentReply_postsReplyAsIntegrationAgent() {
    TicketResult r = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));

    String id = adapter.postAgentReply(r.ticket(), "Rate us 1-5");

    FakeStore.Conversation c = stored(r).conversations.get(0);
    assertThat(id).isEqualTo(String.valueOf(c.id));
    assertThat(c.source).isZero();
    assertThat(c.userId).isEqualTo(FakeFreshdeskServer.INTEGRATION_AGENT_ID);
    assertThat(fake.freshdesk.requests()).contains("POST /api/v2/tickets/" + r.ticket().ticketId() + "/reply");
  }

  @Test
  void postAgentReply_chatSource_sendsStructuredBody() {
    try (FreshdeskAdapter chat = FreshdeskAdapter.create(fake.config().source(FreshdeskSource.CHAT).build())) {
      TicketResult r = chat.findOrCreateTicket(Fixtures.request(customer, "chat-1", "hello"));
      assertThat(stored(r).source).isEqualTo(7);

      String id = chat.postAgentReply(r.ticket(), "Rate us <1-5>");

      FakeStore.Conversation c = stored(r).conversations.get(0);
      assertThat(id).isEqualTo(String.valueOf(c.id));
      assertThat(c.body).isEqualTo("Rate us <1-5>");
      assertThat(c.source).isZero();
    }
  }

  @Test
  void postAgentReply_chatTicketUnderPortalConfig_retriedAsStructuredBody() {
    TicketResult r;
    try (FreshdeskAdapter chat = FreshdeskAdapter.create(fake.config().source(FreshdeskSource.CHAT).build())) {
      r = chat.findOrCreateTicket(Fixtures.request(customer, "chat-2", "hello"));
    }
    String id = adapter.postAgentReply(r.ticket(), "Thanks");

    assertThat(stored(r).conversations).singleElement().satisfies(c -> {
      assertThat(String.valueOf(c.id)).isEqualTo(id);
      assertThat(c.body).isEqualTo("Thanks");
    });
  }

  @Test
  void findOrCreateTicket_noConversationKeyField_retryFindsTicketThroughViewedTags() {
    try (FreshdeskAdapter plain = FreshdeskAdapter.create(fake.config().conversationKeyField(null).build())) {
      TicketResult first = plain.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
      TicketResult other = plain.findOrCreateTicket(Fixtures.request(customer, "2", "hello again"));

      TicketResult retry = plain.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));

      assertThat(retry.created()).isFalse();
      assertThat(retry.ticket().ticketId()).isEqualTo(first.ticket().ticketId());
      assertThat(other.ticket().ticketId()).isNotEqualTo(first.ticket().ticketId());
      assertThat(fake.freshdesk.store().tickets()).hasSize(2);
      assertThat(fake.freshdesk.requests()).noneMatch(q -> q.contains("/search/"));
    }
  }

  @Test
  void findOrCreateTicket_listResponseHasNoTags_matchedOnConversationKeyField() {
    TicketResult first = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
    int before = fake.freshdesk.requests().size();

    TicketResult retry = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));

    assertThat(retry.ticket().ticketId()).isEqualTo(first.ticket().ticketId());
    assertThat(fake.freshdesk.requests().subList(before, fake.freshdesk.requests().size()))
        .as("the list's custom_fields suffice: no ticket is viewed one by one")
        .noneMatch(q -> q.startsWith("GET /api/v2/tickets/"));
  }

  @Test
  void findOrCreateTicket_manyRecentTicketsWithTheSameSubject_viewsAreBounded() {
    try (FreshdeskAdapter plain = FreshdeskAdapter.create(fake.config().conversationKeyField(null).build())) {
      for (int i = 0; i < 12; i++) {
        plain.findOrCreateTicket(Fixtures.request(customer, "k" + i, "hello"));
      }
      int before = fake.freshdesk.requests().size();

      TicketResult fresh = plain.findOrCreateTicket(Fixtures.request(customer, "new", "hello"));

      assertThat(fresh.created()).isTrue();
      assertThat(fake.freshdesk.requests().subList(before, fake.freshdesk.requests().size()))
          .filteredOn(q -> q.matches("GET /api/v2/tickets/\\d+")).hasSizeLessThanOrEqualTo(5);
    }
  }

  @Test
  void recordDeliveryStatus_failed_writesVisiblePrivateNoteAndField() {
    try (FreshdeskAdapter withField = FreshdeskAdapter.create(
        fake.config().deliveryStatusField("cf_whatsapp_delivery").build())) {
      TicketResult r = withField.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));

      withField.recordDeliveryStatus(r.ticket(), new DeliveryStatusUpdate("wamid.X", "5001",
          DeliveryStatusUpdate.Status.FAILED, Instant.EPOCH, 131047, "Re-engagement message"));

      FakeStore.Ticket t = stored(r);
      assertThat(t.conversations).singleElement().satisfies(c -> {
        assertThat(c.isPrivate).isTrue();
        assertThat(c.body).contains("131047", "wamid.X", "5001");
      });
      assertThat(t.customFields).containsEntry("cf_whatsapp_delivery", "failed");
    }
  }

  @Test
  void recordDeliveryStatus_deliveredWithoutField_writesNothing() {
    TicketResult r = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
    int before = fake.freshdesk.requests().size();

    adapter.recordDeliveryStatus(r.ticket(), new DeliveryStatusUpdate("wamid.X", null,
        DeliveryStatusUpdate.Status.DELIVERED, Instant.EPOCH, null, null));

    assertThat(fake.freshdesk.requests()).hasSize(before);
  }

  @Test
  void ticketState_mapsStatusCodesUnderPolicy() {
    TicketResult r = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
    long id = Long.parseLong(r.ticket().ticketId());
    Map<Integer, TicketState> expected = Map.of(2, TicketState.OPEN, 3, TicketState.PENDING,
        4, TicketState.SOLVED, 5, TicketState.TERMINAL, 6, TicketState.OPEN);
    expected.forEach((status, state) -> {
      fake.freshdesk.setStatus(id, status);
      assertThat(adapter.ticketState(r.ticket())).as("status %s", status).isEqualTo(state);
    });
    FreshdeskAdapter reopening = FreshdeskAdapter.create(fake.config()
        .terminalPolicy(TerminalPolicy.ALWAYS_REOPEN).pendingStatusCodes(java.util.Set.of(3, 6)).build());
    assertThat(reopening.stateOf(5)).isEqualTo(TicketState.SOLVED);
    assertThat(reopening.stateOf(6)).isEqualTo(TicketState.PENDING);
    reopening.close();
  }

  @Test
  void reopenOrFollowUp_resolvedWithDefaultPolicy_reopensAndAppendsMessage() {
    TicketResult r = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
    fake.freshdesk.setStatus(Long.parseLong(r.ticket().ticketId()), 4);

    TicketResult next = adapter.reopenOrFollowUp(r.ticket(), Fixtures.request(customer, "2", "again"));

    assertThat(next.ticket()).isEqualTo(r.ticket());
    assertThat(next.created()).isFalse();
    FakeStore.Ticket t = stored(r);
    assertThat(t.status).isEqualTo(2);
    assertThat(next.firstCommentId()).isEqualTo(String.valueOf(t.conversations.get(0).id));
    assertThat(t.conversations.get(0).incoming).isTrue();
  }

  @Test
  void reopenOrFollowUp_closedWithDefaultPolicy_createsNewTicket() {
    TicketResult r = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
    fake.freshdesk.setStatus(Long.parseLong(r.ticket().ticketId()), 5);

    TicketResult next = adapter.reopenOrFollowUp(r.ticket(), Fixtures.request(customer, "2", "again"));

    assertThat(next.created()).isTrue();
    assertThat(next.ticket().ticketId()).isNotEqualTo(r.ticket().ticketId());
    assertThat(stored(r).status).isEqualTo(5);
    assertThat(stored(next).description).isEqualTo("again");
  }

  @Test
  void reopenOrFollowUp_closedWithAlwaysReopen_reopens() {
    try (FreshdeskAdapter a = FreshdeskAdapter.create(fake.config().terminalPolicy(TerminalPolicy.ALWAYS_REOPEN).build())) {
      TicketResult r = a.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
      fake.freshdesk.setStatus(Long.parseLong(r.ticket().ticketId()), 5);

      TicketResult next = a.reopenOrFollowUp(r.ticket(), Fixtures.request(customer, "2", "again"));

      assertThat(next.ticket().ticketId()).isEqualTo(r.ticket().ticketId());
      assertThat(stored(r).status).isEqualTo(2);
    }
  }

  @Test
  void reopenOrFollowUp_resolvedWithAlwaysNew_createsNewTicket() {
    try (FreshdeskAdapter a = FreshdeskAdapter.create(fake.config().terminalPolicy(TerminalPolicy.ALWAYS_NEW).build())) {
      TicketResult r = a.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
      fake.freshdesk.setStatus(Long.parseLong(r.ticket().ticketId()), 4);

      TicketResult next = a.reopenOrFollowUp(r.ticket(), Fixtures.request(customer, "2", "again"));

      assertThat(next.created()).isTrue();
      assertThat(stored(r).status).isEqualTo(4);
    }
  }

  @Test
  void appendCustomerMessage_closedTicketRejectsNote_throwsTerminal() {
    TicketResult r = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
    fake.freshdesk.rejectNotesOnClosed(true);
    fake.freshdesk.setStatus(Long.parseLong(r.ticket().ticketId()), 5);

    assertThatThrownBy(() -> adapter.appendCustomerMessage(r.ticket(), Fixtures.message(customer, "w", "late")))
        .isInstanceOf(TerminalTicketException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void attachments_withinTotal_uploadedAsMultipart() {
    fake.freshdesk.attachmentLimitBytes(1000);
    try (FreshdeskAdapter a = FreshdeskAdapter.create(fake.config().ticketAttachmentLimitBytes(1000).build())) {
      TicketResult r = a.findOrCreateTicket(Fixtures.request(customer, "1", "photo", Fixtures.file("a.jpg", 400)));
      a.appendCustomerMessage(r.ticket(), Fixtures.message(customer, "w2", "more", Fixtures.file("b.jpg", 500)));

      FakeStore.Ticket t = stored(r);
      assertThat(t.attachments).singleElement().satisfies(f -> assertThat(f.name).isEqualTo("a.jpg"));
      assertThat(t.tags).contains("whatsapp");
      assertThat(t.customFields).containsKey("cf_whatsapp_conversation");
      assertThat(t.conversations.get(0).attachments).singleElement()
          .satisfies(f -> assertThat(f.contentType).isEqualTo("image/jpeg"));
      assertThat(t.conversations.get(0).incoming).isTrue();
      assertThat(a.attachmentBytesOn(r.ticket())).isEqualTo(900);
    }
  }

  @Test
  void attachments_beyondTicketTotal_becomePlaceholderInNote() {
    fake.freshdesk.attachmentLimitBytes(1000);
    try (FreshdeskAdapter a = FreshdeskAdapter.create(fake.config().ticketAttachmentLimitBytes(1000).build())) {
      TicketResult r = a.findOrCreateTicket(Fixtures.request(customer, "1", "photo", Fixtures.file("a.jpg", 800)));

      a.appendCustomerMessage(r.ticket(), Fixtures.message(customer, "w2", "video", Fixtures.file("big.mp4", 300),
          Fixtures.file("small.jpg", 150)));

      FakeStore.Conversation c = stored(r).conversations.get(0);
      assertThat(c.attachments).extracting(f -> f.name).containsExactly("small.jpg");
      assertThat(c.body).contains("video", "big.mp4", "would exceed");
      assertThat(stored(r).attachmentBytes()).isLessThanOrEqualTo(1000);
    }
  }

  @Test
  void findOrCreateTicket_unknownRequester_throwsNotFound() {
    HelpdeskContact ghost = new HelpdeskContact("424242", io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(Fixtures.WA_ID));
    assertThatThrownBy(() -> adapter.findOrCreateTicket(Fixtures.request(ghost, "1", "x")))
        .isInstanceOf(io.github.whatsapphelpdesk.error.HelpdeskNotFoundException.class);
  }

  @Test
  void anyCall_nonNumericTicketId_throwsValidation() {
    TicketHandle bad = new TicketHandle("ZD-1", customer, "k");
    assertThatThrownBy(() -> adapter.ticketState(bad))
        .isInstanceOf(io.github.whatsapphelpdesk.error.ValidationException.class);
  }
}
