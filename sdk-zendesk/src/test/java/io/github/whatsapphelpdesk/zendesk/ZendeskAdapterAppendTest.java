package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.DeliveryStatusUpdate;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.InternalNote;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketResult;
import io.github.whatsapphelpdesk.spi.TicketState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZendeskAdapterAppendTest {
  private final ZendeskTestSupport t = new ZendeskTestSupport();
  private static final long WA_FIELD = 360001L;
  private final ZendeskAdapter adapter = ZendeskAdapter.create(t.config().maxAttachmentBytes(1024)
      .addExtraTag("wa_de").waIdFieldId(WA_FIELD).build());
  private HelpdeskContact customer;
  private TicketHandle ticket;

  @BeforeEach
  void open() {
    customer = adapter.upsertContact(Fixtures.contact());
    ticket = adapter.findOrCreateTicket(Fixtures.request(customer, "idem-1", "first")).ticket();
    t.drain();
  }

  @AfterEach
  void close() {
    adapter.close();
    t.close();
  }

  private long id() {
    return Long.parseLong(ticket.ticketId());
  }

  private List<Map<String, Object>> comments(long ticketId) {
    return Json.objs(t.fake.ticket(ticketId), "comments");
  }

  @Test
  void appendCustomerMessage_openTicket_putsPublicCommentAuthoredByRequester() {
    AppendResult r = adapter.appendCustomerMessage(ticket, Fixtures.message(customer, "wamid.2", "second"));

    assertThat(r.rolledOver()).isFalse();
    assertThat(r.ticket()).isEqualTo(ticket);
    Map<String, Object> last = comments(id()).get(1);
    assertThat(Json.str(last, "id")).isEqualTo(r.commentId());
    assertThat(Json.str(last, "author_id")).isEqualTo(customer.contactId());
    assertThat(last).containsEntry("public", true).containsEntry("body", "second");
    RecordedRequest put = t.drain("PUT", "/api/v2/tickets/" + id()).get(0);
    SpecSchemas.assertValid("TicketUpdateRequest", put.getBody().utf8());
    assertThat(put.getBody().utf8()).contains("\"public\":true");
  }

  @Test
  void appendInternalNote_afterCustomerMessage_isPrivateAndByIntegrationUser_andNextCustomerMessageIsPublicAgain() {
    adapter.appendInternalNote(ticket, InternalNote.of("delivery failed"));
    adapter.appendCustomerMessage(ticket, Fixtures.message(customer, "wamid.3", "still there?"));

    List<Map<String, Object>> c = comments(id());
    assertThat(c.get(1)).containsEntry("public", false);
    assertThat(Json.lng(c.get(1), "author_id")).isEqualTo(t.fake.integrationUserId());
    assertThat(c.get(2)).containsEntry("public", true);
    t.drain("PUT", "/api/v2/tickets/" + id()).forEach(r -> SpecSchemas.assertValid("TicketUpdateRequest", r.getBody().utf8()));
  }

  @Test
  void appendCustomerMessage_withAttachments_uploadsWithContentTypeAndPlaceholderForOversized() {
    Attachment photo = Attachment.ofBytes("photo.jpg", "image/jpeg", new byte[] {1, 2, 3});
    Attachment video = Attachment.ofBytes("big.mp4", "video/mp4", new byte[2048]);

    adapter.appendCustomerMessage(ticket, Fixtures.message(customer, "wamid.4", "see photo", photo, video));

    List<RecordedRequest> all = t.drain();
    RecordedRequest upload = all.stream().filter(r -> r.getUrl().encodedPath().equals("/api/v2/uploads")).findFirst()
        .orElseThrow();
    assertThat(upload.getUrl().queryParameter("filename")).isEqualTo("photo.jpg");
    SpecSchemas.assertValidUpload(upload, "image/jpeg", new byte[] {1, 2, 3});
    assertThat(all).filteredOn(r -> r.getUrl().encodedPath().equals("/api/v2/uploads")).hasSize(1);
    Map<String, Object> last = comments(id()).get(1);
    assertThat(Json.objs(last, "attachments")).singleElement()
        .satisfies(a -> assertThat(a).containsEntry("file_name", "photo.jpg"));
    assertThat(Json.str(last, "body")).contains("see photo").contains("[Attachment not uploaded: big.mp4 (video/mp4, 2048 bytes)");
  }

  @Test
  void appendCustomerMessage_closedTicket_rollsOverToFollowUp() {
    t.fake.setStatus(id(), "closed");

    AppendResult r = adapter.appendCustomerMessage(ticket, Fixtures.message(customer, "wamid.5", "hello again"));

    assertThat(r.rolledOver()).isTrue();
    assertThat(r.ticket().ticketId()).isNotEqualTo(ticket.ticketId());
    assertThat(r.ticket().conversationKey()).isEqualTo(Fixtures.KEY);
    Map<String, Object> follow = t.fake.ticket(Long.parseLong(r.ticket().ticketId()));
    assertThat(Json.lng(follow, "via_followup_source_id")).isEqualTo(id());
    Map<String, Object> first = comments(Long.parseLong(r.ticket().ticketId())).get(0);
    assertThat(first).containsEntry("body", "hello again").containsEntry("public", true);
    assertThat(Json.str(first, "author_id")).isEqualTo(customer.contactId());
    assertCarriesConversationFields(follow);
    RecordedRequest post = t.drain("POST", "/api/v2/tickets").get(0);
    assertThat(post.getHeaders().get("Idempotency-Key")).isEqualTo("followup:" + id() + ":wamid.5");
    SpecSchemas.assertValid("TicketCreateRequest", post.getBody().utf8());
    assertThat(post.getBody().utf8()).contains("\"via_followup_source_id\":" + id());
  }

  /** The channel tag, the configured extra tag and the wa_id custom field: what every ticket of the conversation carries. */
  @SuppressWarnings("unchecked")
  private static void assertCarriesConversationFields(Map<String, Object> ticket) {
    assertThat((List<Object>) ticket.get("tags")).contains("whatsapp", "wa_de");
    assertThat(Json.objs(ticket, "custom_fields")).anySatisfy(f -> {
      assertThat(Json.lng(f, "id")).isEqualTo(WA_FIELD);
      assertThat(Json.str(f, "value")).isEqualTo(Fixtures.WA_ID);
    });
  }

  @Test
  void appendCustomerMessage_commentCapReached_rollsOverToNewTicketReferencingOld() {
    t.fake.commentCap(2);
    adapter.appendCustomerMessage(ticket, Fixtures.message(customer, "wamid.6", "two"));

    AppendResult r = adapter.appendCustomerMessage(ticket, Fixtures.message(customer, "wamid.7", "three"));

    assertThat(r.rolledOver()).isTrue();
    Map<String, Object> first = comments(Long.parseLong(r.ticket().ticketId())).get(0);
    assertThat(Json.str(first, "body")).startsWith("(Continued from ticket #" + id()).endsWith("three");
    Map<String, Object> next = t.fake.ticket(Long.parseLong(r.ticket().ticketId()));
    assertCarriesConversationFields(next);
    assertThat(next.get("external_id")).isEqualTo(Fixtures.KEY);
    assertThat(next.get("via_followup_source_id")).isNull();
    RecordedRequest post = t.drain("POST", "/api/v2/tickets").get(0);
    assertThat(post.getHeaders().get("Idempotency-Key")).isEqualTo("followup:" + id() + ":wamid.7");
    SpecSchemas.assertValid("TicketCreateRequest", post.getBody().utf8());
  }

  @Test
  void appendCustomerMessage_commentCapWithAttachment_carriesUploadOntoNewTicket() {
    t.fake.commentCap(1);
    Attachment voice = Attachment.ofBytes("voice", "audio/ogg", new byte[] {7, 7});

    AppendResult r = adapter.appendCustomerMessage(ticket, Fixtures.message(customer, "wamid.8", "listen", voice));

    assertThat(r.rolledOver()).isTrue();
    Map<String, Object> first = comments(Long.parseLong(r.ticket().ticketId())).get(0);
    assertThat(Json.objs(first, "attachments")).singleElement()
        .satisfies(a -> assertThat(a).containsEntry("file_name", "voice.ogg"));
    RecordedRequest upload = t.drain("POST", "/api/v2/uploads").get(0);
    SpecSchemas.assertValidUpload(upload, "audio/ogg", new byte[] {7, 7});
  }

  @Test
  void appendInternalNote_closedTicket_throwsTerminal() {
    t.fake.setStatus(id(), "closed");
    assertThatThrownBy(() -> adapter.appendInternalNote(ticket, InternalNote.of("x")))
        .isInstanceOf(TerminalTicketException.class).hasMessageContaining("RecordInvalid");
  }

  @Test
  void appendCustomerMessages_burst_writesOneCommentWithOneUpdate() {
    adapter.appendCustomerMessages(ticket, List.of(Fixtures.message(customer, "w.a", "one"),
        Fixtures.message(customer, "w.b", "two"), Fixtures.message(customer, "w.c", "three")));

    assertThat(t.drain("PUT", "/api/v2/tickets/" + id())).hasSize(1);
    assertThat(comments(id())).hasSize(2);
    assertThat(comments(id()).get(1)).containsEntry("body", "one\n\ntwo\n\nthree");
  }

  @Test
  void ticketState_eachZendeskStatus_mapsToSpiState() {
    Map<String, TicketState> expected = Map.of("new", TicketState.OPEN, "open", TicketState.OPEN,
        "pending", TicketState.PENDING, "hold", TicketState.PENDING, "solved", TicketState.SOLVED,
        "closed", TicketState.TERMINAL);
    expected.forEach((status, state) -> {
      t.fake.setStatus(id(), status);
      assertThat(adapter.ticketState(ticket)).as(status).isEqualTo(state);
    });
  }

  @Test
  void reopenOrFollowUp_solvedTicket_appendsAndReopensSameTicket() {
    t.fake.setStatus(id(), "solved");

    TicketResult r = adapter.reopenOrFollowUp(ticket, Fixtures.request(customer, "idem-2", "back again"));

    assertThat(r.ticket().ticketId()).isEqualTo(ticket.ticketId());
    assertThat(r.created()).isFalse();
    assertThat(t.fake.ticket(id())).containsEntry("status", "open");
    assertThat(r.firstCommentId()).isEqualTo(Json.str(comments(id()).get(1), "id"));
    RecordedRequest put = t.drain("PUT", "/api/v2/tickets/" + id()).get(0);
    SpecSchemas.assertValid("TicketUpdateRequest", put.getBody().utf8());
    assertThat(put.getBody().utf8()).contains("\"status\":\"open\"").contains("\"public\":true");
  }

  @Test
  @SuppressWarnings("unchecked")
  void reopenOrFollowUp_closedTicket_createsFollowUp() {
    t.fake.setStatus(id(), "closed");

    TicketResult r = adapter.reopenOrFollowUp(ticket, Fixtures.request(customer, "idem-2", "back again"));

    assertThat(r.created()).isTrue();
    Map<String, Object> follow = t.fake.ticket(Long.parseLong(r.ticket().ticketId()));
    assertThat(Json.lng(follow, "via_followup_source_id")).isEqualTo(id());
    assertCarriesConversationFields(follow);
    assertThat((List<Object>) follow.get("tags")).contains("vip");
    RecordedRequest post = t.drain("POST", "/api/v2/tickets").get(0);
    SpecSchemas.assertValid("TicketCreateRequest", post.getBody().utf8());
    assertThat(post.getBody().utf8()).contains("\"via_followup_source_id\":" + id());
  }

  @Test
  void recordDeliveryStatus_failed_writesPrivateNote_delivered_writesNothing() {
    adapter.recordDeliveryStatus(ticket, new DeliveryStatusUpdate("wamid.X", "77", DeliveryStatusUpdate.Status.DELIVERED,
        Instant.EPOCH, null, null));
    adapter.recordDeliveryStatus(ticket, new DeliveryStatusUpdate("wamid.X", "77", DeliveryStatusUpdate.Status.FAILED,
        Instant.EPOCH, 131047, "Re-engagement message: the 24-hour window is closed"));

    List<Map<String, Object>> c = comments(id());
    assertThat(c).hasSize(2);
    assertThat(c.get(1)).containsEntry("public", false);
    assertThat(Json.str(c.get(1), "body")).contains("reply 77").contains("131047").contains("24-hour");
  }
}
