package io.github.whatsapphelpdesk.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.error.WebhookVerificationException.Reason;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeFreshdeskServer;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeStore;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.spi.AgentReply;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FreshdeskWebhookTest {
  private static final long AGENT = 31L;
  private final FakeFreshdeskServer fake;
  private final FreshdeskAdapter adapter;
  private final long ticketId;

  FreshdeskWebhookTest() throws Exception {
    fake = new FakeFreshdeskServer();
    adapter = FreshdeskAdapter.create(fake.config().webhookBasicAuth("freshdesk", "basic-pass-0123456789").build());
    HelpdeskContact customer = adapter.upsertContact(Fixtures.CUSTOMER);
    TicketResult r = adapter.findOrCreateTicket(Fixtures.request(customer, "1", "hello"));
    ticketId = Long.parseLong(r.ticket().ticketId());
  }

  @AfterEach
  void tearDown() {
    adapter.close();
    fake.close();
  }

  private static WebhookRequest.Builder hook(String body) {
    return WebhookRequest.builder().method("POST").path("/freshdesk/replies")
        .header("Content-Type", "application/json").body(body.getBytes(StandardCharsets.UTF_8));
  }

  private String body() {
    return "{\"ticket_id\":\"" + ticketId + "\",\"latest_public_comment\":\"ignored\"}";
  }

  private WebhookRequest withToken() {
    return hook(body()).header("X-Webhook-Token", FakeFreshdeskServer.WEBHOOK_TOKEN).build();
  }

  @Test
  void parseAgentReplies_validHeaderToken_returnsReplyReadFromApi() {
    long id = fake.freshdesk.agentReply(ticketId, AGENT, "<div>Hello <b>Maria</b> &amp; welcome</div>");

    List<AgentReply> replies = adapter.parseAgentReplies(withToken());

    assertThat(replies).singleElement().satisfies(r -> {
      assertThat(r.replyId()).isEqualTo(String.valueOf(id));
      assertThat(r.ticketId()).isEqualTo(String.valueOf(ticketId));
      assertThat(r.authorId()).isEqualTo(String.valueOf(AGENT));
      assertThat(r.text()).isEqualTo("Hello Maria & welcome");
      assertThat(r.createdAt()).isEqualTo(fake.clock.instant());
    });
  }

  @Test
  void parseAgentReplies_tokenInQueryParam_accepted() {
    fake.freshdesk.agentReply(ticketId, AGENT, "ok");
    WebhookRequest r = hook(body()).queryParam("token", FakeFreshdeskServer.WEBHOOK_TOKEN).build();

    assertThat(adapter.parseAgentReplies(r)).hasSize(1);
  }

  @Test
  void parseAgentReplies_validBasicAuth_accepted() {
    fake.freshdesk.agentReply(ticketId, AGENT, "ok");
    String basic = Base64.getEncoder().encodeToString("freshdesk:basic-pass-0123456789".getBytes(StandardCharsets.UTF_8));

    assertThat(adapter.parseAgentReplies(hook(body()).header("authorization", "Basic " + basic).build())).hasSize(1);
  }

  @Test
  void parseAgentReplies_wrongToken_throwsInvalidCredentialsWithoutCallingFreshdesk() {
    int before = fake.freshdesk.requests().size();
    WebhookRequest r = hook(body()).header("X-Webhook-Token", FakeFreshdeskServer.WEBHOOK_TOKEN + "x").build();

    assertThatThrownBy(() -> adapter.parseAgentReplies(r))
        .isInstanceOfSatisfying(WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS))
        .message().doesNotContain(FakeFreshdeskServer.WEBHOOK_TOKEN);
    assertThat(fake.freshdesk.requests()).hasSize(before);
  }

  @Test
  void parseAgentReplies_wrongBasicPassword_throwsInvalidCredentials() {
    String basic = Base64.getEncoder().encodeToString("freshdesk:guess".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> adapter.parseAgentReplies(hook(body()).header("Authorization", "Basic " + basic).build()))
        .isInstanceOfSatisfying(WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));
  }

  @Test
  void parseAgentReplies_missingSecret_throwsMissingCredentials() {
    assertThatThrownBy(() -> adapter.parseAgentReplies(hook(body()).build()))
        .isInstanceOfSatisfying(WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_CREDENTIALS));
  }

  @Test
  void parseAgentReplies_malformedBasicAuth_throwsMalformed() {
    assertThatThrownBy(() -> adapter.parseAgentReplies(hook(body()).header("Authorization", "Basic %%%").build()))
        .isInstanceOfSatisfying(WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_SIGNATURE));
  }

  @Test
  void parseAgentReplies_rotatedTokens_acceptsBoth() {
    try (FreshdeskAdapter rotating = FreshdeskAdapter.create(fake.config().addWebhookToken("next-token-abcdefghijklmnop").build())) {
      fake.freshdesk.agentReply(ticketId, AGENT, "one");
      assertThat(rotating.parseAgentReplies(withToken())).hasSize(1);
      fake.freshdesk.agentReply(ticketId, AGENT, "two");
      assertThat(rotating.parseAgentReplies(hook(body()).header("X-Webhook-Token", "next-token-abcdefghijklmnop").build()))
          .extracting(AgentReply::text).containsExactly("two");
    }
  }

  @Test
  void parseAgentReplies_forgedPayloadText_isIgnored() {
    fake.freshdesk.agentReply(ticketId, AGENT, "Your order ships today");
    String forged = "{\"ticket_id\":" + ticketId + ",\"latest_public_comment\":\"Send your card number to evil\","
        + "\"text\":\"Send your card number\"}";

    List<AgentReply> replies = adapter.parseAgentReplies(
        hook(forged).header("X-Webhook-Token", FakeFreshdeskServer.WEBHOOK_TOKEN).build());

    assertThat(replies).extracting(AgentReply::text).containsExactly("Your order ships today");
  }

  @Test
  void parseAgentReplies_noAgentReply_returnsEmptyEvenIfPayloadClaimsOne() {
    fake.freshdesk.agentPrivateNote(ticketId, AGENT, "internal only");

    assertThat(adapter.parseAgentReplies(withToken())).isEmpty();
  }

  @Test
  void parseAgentReplies_skipsNotesCustomerMessagesAndIntegrationAgentReplies() {
    long real = fake.freshdesk.agentReply(ticketId, AGENT, "real reply");
    fake.freshdesk.agentPrivateNote(ticketId, AGENT, "private");
    adapter.appendCustomerMessage(new io.github.whatsapphelpdesk.spi.TicketHandle(String.valueOf(ticketId),
        new HelpdeskContact(String.valueOf(fake.freshdesk.store().ticket(ticketId).requesterId), io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(Fixtures.WA_ID)), "k"),
        Fixtures.message(new HelpdeskContact(String.valueOf(fake.freshdesk.store().ticket(ticketId).requesterId),
            io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(Fixtures.WA_ID)), "w", "customer text"));
    fake.freshdesk.agentReply(ticketId, FakeFreshdeskServer.INTEGRATION_AGENT_ID, "CSAT by integration");

    assertThat(adapter.parseAgentReplies(withToken())).extracting(AgentReply::replyId)
        .containsExactly(String.valueOf(real));
  }

  @Test
  void parseAgentReplies_repeatedWebhook_returnsEachReplyOnce() {
    fake.freshdesk.agentReply(ticketId, AGENT, "first");
    assertThat(adapter.parseAgentReplies(withToken())).extracting(AgentReply::text).containsExactly("first");

    assertThat(adapter.parseAgentReplies(withToken())).isEmpty();

    fake.freshdesk.agentReply(ticketId, AGENT, "second");
    fake.freshdesk.agentReply(ticketId, AGENT, "third");
    assertThat(adapter.parseAgentReplies(withToken())).extracting(AgentReply::text).containsExactly("second", "third");
  }

  @Test
  void parseAgentReplies_manyConversations_followsLinkHeaderToNewest() {
    for (int i = 0; i < 120; i++) {
      fake.freshdesk.agentPrivateNote(ticketId, AGENT, "n" + i);
    }
    fake.freshdesk.agentReply(ticketId, AGENT, "newest <blockquote>On Monday Maria wrote: <blockquote>old</blockquote> hi</blockquote>");

    assertThat(adapter.parseAgentReplies(withToken())).extracting(AgentReply::text).containsExactly("newest");
    assertThat(fake.freshdesk.requests()).anyMatch(q -> q.contains("/conversations?") && q.contains("page=2"));
  }

  @Test
  void parseAgentReplies_afterRestart_catchUpWindowReturnsRecentRepliesOldestFirst() {
    fake.freshdesk.agentReply(ticketId, AGENT, "yesterday");
    fake.clock.advance(java.time.Duration.ofHours(30));
    fake.freshdesk.agentReply(ticketId, AGENT, "while down 1");
    fake.clock.advance(java.time.Duration.ofMinutes(20));
    fake.freshdesk.agentReply(ticketId, AGENT, "while down 2");
    fake.clock.advance(java.time.Duration.ofMinutes(5));

    // A restarted adapter (empty memory) with the default window: only the newest reply.
    try (FreshdeskAdapter fresh = FreshdeskAdapter.create(fake.config().build())) {
      assertThat(fresh.parseAgentReplies(withToken())).extracting(AgentReply::text).containsExactly("while down 2");
    }
    // With a 24 h catch-up window: everything agents wrote in the last 24 h, oldest first, not the older one.
    try (FreshdeskAdapter fresh = FreshdeskAdapter.create(
        fake.config().replyCatchUpWindow(java.time.Duration.ofHours(24)).build())) {
      assertThat(fresh.parseAgentReplies(withToken())).extracting(AgentReply::text)
          .containsExactly("while down 1", "while down 2");
      // Remembered now: the next webhook returns only what is new.
      fake.freshdesk.agentReply(ticketId, AGENT, "after");
      assertThat(fresh.parseAgentReplies(withToken())).extracting(AgentReply::text).containsExactly("after");
    }
    assertThatThrownBy(() -> fake.config().replyCatchUpWindow(java.time.Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replyCatchUpWindow");
  }

  @Test
  void parseAgentReplies_nestedFreshdeskWebhookEnvelope_readsTicketId() {
    fake.freshdesk.agentReply(ticketId, AGENT, "ok");
    WebhookRequest r = hook("{\"freshdesk_webhook\":{\"ticket_id\":" + ticketId + "}}")
        .header("X-Webhook-Token", FakeFreshdeskServer.WEBHOOK_TOKEN).build();

    assertThat(adapter.parseAgentReplies(r)).hasSize(1);
  }

  @Test
  void parseAgentReplies_noTicketId_throwsValidation() {
    WebhookRequest r = hook("{\"ticket_id\":\"{{ticket.id}}\"}")
        .header("X-Webhook-Token", FakeFreshdeskServer.WEBHOOK_TOKEN).build();

    assertThatThrownBy(() -> adapter.parseAgentReplies(r)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("ticket_id");
  }

  @Test
  void downloadAttachment_agentFile_streamsBytesWithCredentials() {
    FakeStore.Attachment file = fake.freshdesk.store().newAttachment("invoice.pdf", "application/pdf", new byte[] {1, 2, 3});
    fake.freshdesk.agentReply(ticketId, AGENT, "see attached", file);
    AgentReply reply = adapter.parseAgentReplies(withToken()).get(0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    adapter.downloadAttachment(reply.attachments().get(0), out);

    assertThat(reply.attachments()).singleElement().satisfies(a -> {
      assertThat(a.filename()).isEqualTo("invoice.pdf");
      assertThat(a.mimeType()).isEqualTo("application/pdf");
      assertThat(a.sizeBytes()).isEqualTo(3);
    });
    assertThat(out.toByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void downloadAttachment_foreignHost_sentWithoutApiKey() throws Exception {
    try (mockwebserver3.MockWebServer storage = new mockwebserver3.MockWebServer()) {
      storage.setServerSocketFactory(new io.github.whatsapphelpdesk.freshdesk.fake.NoDelayServerSocketFactory());
      storage.enqueue(new mockwebserver3.MockResponse.Builder().body("bytes").build());
      storage.start();
      String url = storage.url("/s3/signed?X-Amz-Signature=abc").toString();
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      adapter.downloadAttachment(new io.github.whatsapphelpdesk.spi.AgentAttachment("1", "a.txt", "text/plain", 5, url), out);

      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("bytes");
      assertThat(storage.takeRequest().getHeaders().get("Authorization")).isNull();
    }
  }
}
