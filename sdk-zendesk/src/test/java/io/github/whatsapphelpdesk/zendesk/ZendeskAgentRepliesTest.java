package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.spi.AgentReply;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.InternalNote;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskWebhooks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZendeskAgentRepliesTest {
  private final ZendeskTestSupport t = new ZendeskTestSupport();
  private final ZendeskAdapter adapter = ZendeskAdapter.create(t.config().build());
  private HelpdeskContact customer;
  private TicketHandle ticket;
  private long agent;

  @BeforeEach
  void open() {
    customer = adapter.upsertContact(Fixtures.contact());
    ticket = adapter.findOrCreateTicket(Fixtures.request(customer, "idem-1", "first")).ticket();
    agent = t.fake.addUser("Agent Smith", "agent");
  }

  @AfterEach
  void close() {
    adapter.close();
    t.close();
  }

  private List<AgentReply> webhook(Long commentId) {
    long id = Long.parseLong(ticket.ticketId());
    return adapter.parseAgentReplies(FakeZendeskWebhooks.signed(ZendeskTestSupport.SECRET, t.clock.instant(),
        FakeZendeskWebhooks.body(id, commentId)));
  }

  @Test
  void parseAgentReplies_publicAgentComment_returnsReReadReplyWithAttachments() {
    long c = t.fake.agentReply(Long.parseLong(ticket.ticketId()), agent, "Your parcel ships today", true, "label.png");

    List<AgentReply> replies = webhook(null);

    assertThat(replies).singleElement().satisfies(r -> {
      assertThat(r.replyId()).isEqualTo(Long.toString(c));
      assertThat(r.ticketId()).isEqualTo(ticket.ticketId());
      assertThat(r.authorId()).isEqualTo(Long.toString(agent));
      assertThat(r.authorName()).isEqualTo("Agent Smith");
      assertThat(r.text()).isEqualTo("Your parcel ships today");
      assertThat(r.createdAt()).isEqualTo(t.clock.instant());
      assertThat(r.attachments()).singleElement().satisfies(a -> {
        assertThat(a.filename()).isEqualTo("label.png");
        assertThat(a.mimeType()).isEqualTo("image/png");
      });
    });
  }

  @Test
  void parseAgentReplies_commentIdInPayload_returnsThatComment() {
    long wanted = t.fake.agentReply(Long.parseLong(ticket.ticketId()), agent, "one", true);
    t.fake.agentReply(Long.parseLong(ticket.ticketId()), agent, "two", true);

    assertThat(webhook(wanted)).extracting(AgentReply::text).containsExactly("one");
  }

  @Test
  void parseAgentReplies_customerMessageLandsBeforeWebhook_agentReplyStillReturned() {
    long reply = t.fake.agentReply(Long.parseLong(ticket.ticketId()), agent, "agent text", true);
    t.clock.advance(Duration.ofSeconds(3));
    adapter.appendCustomerMessage(ticket, Fixtures.message(customer, "wamid.2", "customer text"));

    assertThat(webhook(null)).extracting(AgentReply::replyId).containsExactly(Long.toString(reply));
  }

  @Test
  void parseAgentReplies_agentReplyOlderThanLookback_notReturnedAgain() {
    t.fake.agentReply(Long.parseLong(ticket.ticketId()), agent, "agent text", true);
    t.clock.advance(ZendeskConfig.DEFAULT_AGENT_REPLY_LOOKBACK.plusSeconds(1));
    adapter.appendCustomerMessage(ticket, Fixtures.message(customer, "wamid.2", "customer text"));

    assertThat(webhook(null)).isEmpty();
  }

  @Test
  void parseAgentReplies_severalRepliesInLookback_allReturnedOldestFirst() {
    long id = Long.parseLong(ticket.ticketId());
    t.fake.agentReply(id, agent, "too old", true);
    t.clock.advance(Duration.ofMinutes(20));
    t.fake.agentReply(id, agent, "one", true);
    t.fake.agentReply(id, agent, "private", false);
    t.clock.advance(Duration.ofMinutes(1));
    t.fake.agentReply(id, agent, "two", true);
    adapter.appendCustomerMessage(ticket, Fixtures.message(customer, "wamid.2", "customer text"));

    assertThat(webhook(null)).extracting(AgentReply::text).containsExactly("one", "two");
  }

  @Test
  void parseAgentReplies_zeroLookback_onlyTheLatestPublicComment() {
    try (ZendeskAdapter latestOnly = ZendeskAdapter.create(t.config().agentReplyLookback(Duration.ZERO).build())) {
      long id = Long.parseLong(ticket.ticketId());
      t.fake.agentReply(id, agent, "one", true);
      t.fake.agentReply(id, agent, "two", true);
      t.clock.advance(Duration.ofSeconds(1));
      byte[] body = FakeZendeskWebhooks.body(id, null);

      assertThat(latestOnly.parseAgentReplies(FakeZendeskWebhooks.signed(ZendeskTestSupport.SECRET,
          t.clock.instant(), body))).extracting(AgentReply::text).containsExactly("two");
    }
  }

  @Test
  void parseAgentReplies_sortOrderHonoured_stopsReadingPastTheLookback() {
    long id = Long.parseLong(ticket.ticketId());
    for (int i = 0; i < 250; i++) {
      t.fake.agentReply(id, agent, "old " + i, true);
    }
    t.clock.advance(Duration.ofHours(1));
    t.fake.agentReply(id, agent, "new", true);
    t.drain();

    assertThat(webhook(null)).extracting(AgentReply::text).containsExactly("new");
    assertThat(t.drain()).noneMatch(r -> r.getUrl().queryParameter("page[after]") != null);
  }

  @Test
  void parseAgentReplies_longTicket_announcedCommentCostsOneCommentsCall() {
    long id = Long.parseLong(ticket.ticketId());
    for (int i = 0; i < 4_000; i++) {
      t.fake.agentReply(id, agent, "old " + i, true);
    }
    long wanted = t.fake.agentReply(id, agent, "newest", true);
    int before = t.fake.commentCalls();

    assertThat(webhook(wanted)).extracting(AgentReply::text).containsExactly("newest");
    assertThat(t.fake.commentCalls() - before).isEqualTo(1);
    assertThat(t.drain()).filteredOn(r -> r.getUrl().encodedPath().endsWith("/comments"))
        .allSatisfy(r -> assertThat(r.getUrl().queryParameter("sort")).isEqualTo("-created_at"));
  }

  @Test
  void parseAgentReplies_unknownOldCommentOnLongTicket_boundedCalls() {
    long id = Long.parseLong(ticket.ticketId());
    for (int i = 0; i < 1_500; i++) {
      t.fake.agentReply(id, agent, "reply " + i, true);
    }
    int before = t.fake.commentCalls();

    assertThat(webhook(1L)).isEmpty(); // an id older than every comment of the ticket
    assertThat(t.fake.commentCalls() - before).isLessThanOrEqualTo(5);
  }

  @Test
  void parseAgentReplies_integrationUsersOwnComment_suppressedAsEcho() {
    long me = t.fake.integrationUserId();
    long c = t.fake.agentReply(Long.parseLong(ticket.ticketId()), me, "bot echo", true);

    assertThat(webhook(null)).isEmpty();
    assertThat(webhook(c)).isEmpty();
  }

  @Test
  void parseAgentReplies_privateAgentNote_notReturned() {
    long c = t.fake.agentReply(Long.parseLong(ticket.ticketId()), agent, "internal", false);
    adapter.appendInternalNote(ticket, InternalNote.of("note"));

    assertThat(webhook(c)).isEmpty();
  }

  @Test
  void parseAgentReplies_commentOnSecondPage_foundThroughCursorPagination() {
    long id = Long.parseLong(ticket.ticketId());
    long wanted = t.fake.agentReply(id, agent, "old reply", true);
    for (int i = 0; i < 120; i++) {
      t.fake.agentReply(id, agent, "reply " + i, true);
    }

    assertThat(webhook(wanted)).extracting(AgentReply::text).containsExactly("old reply");
    assertThat(t.drain()).anyMatch(r -> r.getUrl().queryParameter("page[after]") != null);
  }

  @Test
  void parseAgentReplies_serverIgnoresSortOrder_stillPicksLatestPublicComment() {
    t.fake.ignoreSortOrder(true);
    long id = Long.parseLong(ticket.ticketId());
    for (int i = 0; i < 149; i++) {
      t.fake.agentReply(id, agent, "reply " + i, true);
    }
    t.clock.advance(Duration.ofHours(1));
    t.fake.agentReply(id, agent, "reply 149", true);
    t.fake.agentReply(id, agent, "private", false);

    assertThat(webhook(null)).extracting(AgentReply::text).containsExactly("reply 149");
  }

  @Test
  void parseAgentReplies_badSignature_throwsWithoutCallingZendesk() {
    t.drain();
    byte[] body = FakeZendeskWebhooks.body(Long.parseLong(ticket.ticketId()), null);
    assertThatThrownBy(() -> adapter.parseAgentReplies(FakeZendeskWebhooks.signed("wrong", t.clock.instant(), body)))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> adapter.parseAgentReplies(FakeZendeskWebhooks.signed(ZendeskTestSupport.SECRET,
        t.clock.instant().minus(Duration.ofHours(1)), body))).isInstanceOf(WebhookVerificationException.class);
    assertThat(t.drain()).isEmpty();
  }

  @Test
  void parseAgentReplies_fakeHelpersForContractTest_replyAcceptedEchoAndUnsignedRejected() {
    long id = Long.parseLong(ticket.ticketId());
    assertThat(adapter.parseAgentReplies(t.fake.agentReplyWebhook(id, "Ships today", ZendeskTestSupport.SECRET)))
        .extracting(AgentReply::text).containsExactly("Ships today");
    String customerComment = adapter.appendCustomerMessage(ticket, Fixtures.message(customer, "w.e", "echo?")).commentId();
    assertThat(adapter.parseAgentReplies(t.fake.announce(id, Long.parseLong(customerComment), ZendeskTestSupport.SECRET)))
        .isEmpty();
    assertThatThrownBy(() -> adapter.parseAgentReplies(FakeZendeskWebhooks.withoutSignature(
        t.fake.agentReplyWebhook(id, "x", ZendeskTestSupport.SECRET)))).isInstanceOf(WebhookVerificationException.class);
    assertThat(t.fake.comments(id)).extracting(c -> c.get("body")).contains("Ships today", "echo?");
  }

  @Test
  void fakeAnnounce_existingComment_bodyCarriesTicketExternalIdAndAuthorRole() {
    long id = Long.parseLong(ticket.ticketId());
    long c = t.fake.agentReply(id, agent, "hi", true);

    Map<String, Object> named = Json.readObject(t.fake.announce(id, c, ZendeskTestSupport.SECRET).bodyAsString());
    Map<String, Object> latest = Json.readObject(t.fake.announceLatest(id, ZendeskTestSupport.SECRET).bodyAsString());

    assertThat(named).containsEntry("ticket_id", ticket.ticketId()).containsEntry("comment_id", Long.toString(c))
        .containsEntry("external_id", Fixtures.KEY).containsEntry("current_user_role", "Agent");
    assertThat(latest).doesNotContainKey("comment_id").containsEntry("external_id", Fixtures.KEY);
    assertThat(webhook(null)).extracting(AgentReply::replyId).containsExactly(Long.toString(c));
  }

  @Test
  void parseAgentReplies_payloadWithoutTicketId_validationError() {
    byte[] body = "{\"foo\":1}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> adapter.parseAgentReplies(FakeZendeskWebhooks.signed(ZendeskTestSupport.SECRET,
        t.clock.instant(), body))).isInstanceOf(HelpdeskValidationException.class).hasMessageContaining("ticket_id");
  }

  @Test
  void downloadAttachment_contentUrl_streamsBytesWithCredentials() {
    t.fake.agentReply(Long.parseLong(ticket.ticketId()), agent, "file", true, "label.png");
    AgentReply r = webhook(null).get(0);
    t.drain();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    adapter.downloadAttachment(r.attachments().get(0), out);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("png:label.png");
    assertThat(t.drain().get(0).getHeaders().get("Authorization")).startsWith("Bearer ");
  }
}
