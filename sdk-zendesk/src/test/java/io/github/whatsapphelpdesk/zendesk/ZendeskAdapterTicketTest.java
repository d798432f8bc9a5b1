package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskConflictException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import io.github.whatsapphelpdesk.spi.TicketResult;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ZendeskAdapterTicketTest {
  private final ZendeskTestSupport t = new ZendeskTestSupport();
  private final ZendeskAdapter adapter = ZendeskAdapter.create(t.config().waIdFieldId(360001L).build());

  @AfterEach
  void close() {
    adapter.close();
    t.close();
  }

  @Test
  void upsertContact_newCustomer_createsUserKeyedByExternalIdWithoutSearch() {
    HelpdeskContact c = adapter.upsertContact(Fixtures.contact());
    HelpdeskContact again = adapter.upsertContact(Fixtures.contact());

    assertThat(again.contactId()).isEqualTo(c.contactId());
    Map<String, Object> user = t.fake.userByExternalId("whatsapp:" + Fixtures.WA_ID);
    assertThat(user).containsEntry("name", "Lena Schmidt").containsEntry("phone", "+" + Fixtures.WA_ID);
    List<RecordedRequest> all = t.drain();
    assertThat(all).noneMatch(r -> r.getUrl().encodedPath().contains("search"));
    RecordedRequest upsert = all.stream().filter(r -> r.getUrl().encodedPath().endsWith("create_or_update")).findFirst()
        .orElseThrow();
    String body = upsert.getBody().utf8();
    SpecSchemas.assertValid("UserRequest", body);
    assertThat(Json.obj(Json.readObject(body), "user")).containsEntry("skip_verify_email", true)
        .containsEntry("external_id", "whatsapp:" + Fixtures.WA_ID);
  }

  @Test
  void upsertContact_withoutProfileName_existingUser_isLookedUpAndKeepsItsName() {
    HelpdeskContact c = adapter.upsertContact(Fixtures.contact());
    t.drain();

    HelpdeskContact again = adapter.upsertContact(
        io.github.whatsapphelpdesk.spi.ContactInfo.ofPhone(Fixtures.WA_ID, null));

    assertThat(again.contactId()).isEqualTo(c.contactId());
    assertThat(t.fake.userByExternalId("whatsapp:" + Fixtures.WA_ID)).containsEntry("name", "Lena Schmidt");
    List<RecordedRequest> all = t.drain();
    assertThat(all).singleElement().satisfies(r -> {
      assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v2/users/show_many");
      assertThat(r.getUrl().queryParameter("external_ids")).isEqualTo("whatsapp:" + Fixtures.WA_ID);
    });
  }

  @Test
  void upsertContact_noProfileName_usesE164AsName() {
    adapter.upsertContact(io.github.whatsapphelpdesk.spi.ContactInfo.ofPhone(Fixtures.WA_ID, null));
    assertThat(t.fake.userByExternalId("whatsapp:" + Fixtures.WA_ID)).containsEntry("name", "+" + Fixtures.WA_ID);
  }

  @Test
  @SuppressWarnings("unchecked")
  void findOrCreateTicket_miss_createsTicketWithKeyTagsFieldAndPublicCustomerComment() {
    HelpdeskContact c = adapter.upsertContact(Fixtures.contact());
    t.drain();

    TicketResult r = adapter.findOrCreateTicket(Fixtures.request(c, "idem-1", "Hallo, meine Bestellung fehlt"));

    assertThat(r.created()).isTrue();
    assertThat(r.firstCommentId()).isNotNull();
    Map<String, Object> ticket = t.fake.ticket(Long.parseLong(r.ticket().ticketId()));
    assertThat(ticket).containsEntry("external_id", Fixtures.KEY);
    assertThat((List<Object>) ticket.get("tags")).containsExactly("whatsapp", "vip");
    assertThat(ticket.get("custom_fields").toString()).contains("360001").contains(Fixtures.WA_ID);
    Map<String, Object> first = Json.objs(ticket, "comments").get(0);
    assertThat(Json.str(first, "author_id")).isEqualTo(c.contactId());
    assertThat(first).containsEntry("public", true);
    RecordedRequest post = t.drain("POST", "/api/v2/tickets").get(0);
    assertThat(post.getHeaders().get("Idempotency-Key")).isEqualTo("idem-1");
    SpecSchemas.assertValid("TicketCreateRequest", post.getBody().utf8());
  }

  @Test
  void findOrCreateTicket_sameKeyRetried_returnsExistingTicketAsHit() {
    HelpdeskContact c = adapter.upsertContact(Fixtures.contact());
    TicketResult first = adapter.findOrCreateTicket(Fixtures.request(c, "idem-1", "hi"));

    TicketResult retry = adapter.findOrCreateTicket(Fixtures.request(c, "idem-1", "hi"));

    assertThat(retry.created()).isFalse();
    assertThat(retry.ticket().ticketId()).isEqualTo(first.ticket().ticketId());
    assertThat(retry.firstCommentId()).isEqualTo(first.firstCommentId());
    assertThat(t.fake.ticketIds()).hasSize(1);
  }

  @Test
  void findOrCreateTicket_idempotentRequestError_recoversTicketByExternalId() {
    HelpdeskContact c = adapter.upsertContact(Fixtures.contact());
    TicketResult first = adapter.findOrCreateTicket(Fixtures.request(c, "idem-1", "hi"));
    t.drain();

    TicketResult recovered = adapter.findOrCreateTicket(Fixtures.request(c, "idem-1", "a different body"));

    assertThat(recovered.created()).isFalse();
    assertThat(recovered.ticket().ticketId()).isEqualTo(first.ticket().ticketId());
    assertThat(t.drain()).anyMatch(r -> r.getMethod().equals("GET")
        && "wa:1055:4915112345678:1".equals(r.getUrl().queryParameter("external_id")));
  }

  @Test
  void findOrCreateTicket_idempotentRequestErrorAndNoTicket_throwsConflict() {
    HelpdeskContact c = adapter.upsertContact(Fixtures.contact());
    TicketRequest other = new TicketRequest("wa:other:1", "idem-x", c, "s",
        Fixtures.message(c, "wamid.9", "x"), List.of(), Map.of());
    adapter.findOrCreateTicket(other);

    assertThatThrownBy(() -> adapter.findOrCreateTicket(Fixtures.request(c, "idem-x", "y")))
        .isInstanceOf(HelpdeskConflictException.class).hasMessageContaining("IdempotentRequestError");
  }
}
