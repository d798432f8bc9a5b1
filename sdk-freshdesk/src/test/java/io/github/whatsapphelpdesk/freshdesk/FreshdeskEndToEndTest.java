package io.github.whatsapphelpdesk.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.bridge.HelpdeskBridge;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeFreshdesk;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeStore;
import io.github.whatsapphelpdesk.freshdesk.fake.NoDelayServerSocketFactory;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.TicketBinding;
import io.github.whatsapphelpdesk.template.PolicyParam;
import io.github.whatsapphelpdesk.template.PolicyRule;
import io.github.whatsapphelpdesk.template.TemplatePolicy;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.sandbox.CloudApiSandbox;
import io.github.whatsapphelpdesk.testkit.sandbox.SandboxTemplate;
import io.github.whatsapphelpdesk.testkit.sandbox.SentMessage;
import io.github.whatsapphelpdesk.testkit.sandbox.SimulatedCustomer;
import io.github.whatsapphelpdesk.webhook.WebhookHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: the Cloud API sandbox (sdk-testkit), {@link HelpdeskBridge} and {@link FreshdeskAdapter}
 * against {@link FakeFreshdesk} behind MockWebServer. The sandbox POSTs signed webhooks to a MockWebServer
 * that hands them to the SDK's {@link WebhookHandler}, whose listener is the bridge; agent replies come
 * back as the "Reply is sent" automation's webhook with the URL token. One fake clock; no sleeps.
 */
class FreshdeskEndToEndTest {
  private static final String PHONE = "+4915112345678";
  private static final String WA_ID = "4915112345678";
  private static final String TOKEN = "e2e-webhook-token-0123456789abcdef";
  private static final long AGENT = 4242L;

  private final MutableClock clock = MutableClock.create();
  private final FakeFreshdesk freshdesk = new FakeFreshdesk(clock);
  private final MockWebServer freshdeskServer = new MockWebServer();
  private final MockWebServer inbox = new MockWebServer();
  private CloudApiSandbox sandbox;
  private WhatsAppClient client;
  private FreshdeskAdapter adapter;
  private HelpdeskBridge bridge;
  private SimulatedCustomer customer;

  @BeforeEach
  void start() throws IOException {
    freshdeskServer.setServerSocketFactory(new NoDelayServerSocketFactory());
    freshdeskServer.setDispatcher(freshdesk);
    freshdeskServer.start();
    sandbox = CloudApiSandbox.builder().clock(clock)
        .template(SandboxTemplate.approved("reopen_conversation", "en_US", "An agent replied to you: {{1}}"))
        .start();
    client = WhatsAppClient.builder().accessToken(sandbox.accessToken()).phoneNumberId(sandbox.phoneNumberId())
        .baseUrl(sandbox.baseUrl()).graphVersion(sandbox.apiVersion()).clock(clock).sleeper(clock::advance).build();
    adapter = FreshdeskAdapter.create(FreshdeskConfig.builder().baseUrl(freshdeskServer.url("/").toString())
        .apiKey(FakeFreshdesk.API_KEY).integrationAgentId(FakeStore.API_AGENT_ID).addWebhookToken(TOKEN)
        .conversationKeyField("cf_whatsapp_conversation").clock(clock).sleeper(clock::advance).build());
    TemplatePolicy policy = TemplatePolicy.builder().rule(PolicyRule.builder("reopen").onReplyWindowClosed()
        .template("reopen_conversation", "en_US").body(PolicyParam.agentText()).build()).build();
    bridge = HelpdeskBridge.builder().adapter(adapter).gateway(CloudApiGateway.of(client)).clock(clock)
        .policy(policy).build();
    WebhookHandler handler = WebhookHandler.builder().appSecret(sandbox.appSecret()).listener(bridge)
        .executor(Runnable::run).clock(clock).build();
    inbox.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        WebhookResponse w = handler.handle(r.getMethod(), Map.of(), r.getHeaders().toMultimap(),
            r.getBody() == null ? new byte[0] : r.getBody().toByteArray());
        return new MockResponse.Builder().code(w.status()).body(w.body() == null ? "" : w.body()).build();
      }
    });
    inbox.start();
    sandbox.setWebhookUrl(inbox.url("/whatsapp").toString());
    customer = sandbox.customer(PHONE, "Lena Schmidt");
  }

  @AfterEach
  void stop() {
    bridge.close();
    adapter.close();
    client.close();
    sandbox.close();
    inbox.close();
    freshdeskServer.close();
  }

  private void deliver() {
    sandbox.deliverPending();
    assertThat(sandbox.webhooks()).allSatisfy(d -> assertThat(d.acknowledged()).as("webhook acknowledged").isTrue());
  }

  private long currentTicket() {
    ConversationKey key = bridge.conversations().currentKey(sandbox.phoneNumberId(), bridge.customers().findByPhone(WA_ID).orElseThrow().id());
    return Long.parseLong(bridge.conversations().ticketFor(key).map(TicketBinding::ticketId).orElseThrow());
  }

  /** The "Reply is sent" automation's request, as docs/freshdesk.md sets it up (token in the URL). */
  private static WebhookRequest replySent(long ticketId) {
    return WebhookRequest.builder().method("POST").path("/freshdesk/replies").queryParam("token", TOKEN)
        .header("Content-Type", "application/json")
        .body(("{\"ticket_id\": \"" + ticketId + "\", \"event\": \"reply_sent\"}").getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private List<SentMessage> sent() {
    return sandbox.sentMessages().stream().filter(m -> WA_ID.equals(m.waId()) || WA_ID.equals(m.to())
        || PHONE.equals(m.to())).toList();
  }

  private List<FakeStore.Conversation> customerNotes(long ticketId) {
    return freshdesk.store().ticket(ticketId).conversations.stream().filter(c -> c.incoming).toList();
  }

  @Test
  void conversation_attachment_reply_closedWindow_resolvedReopened_closedNewTicket() {
    // 1. Inbound text -> a ticket (requester = the contact by unique_external_id, source Portal by default, the tag).
    customer.sendText("Hi, my invoice is wrong");
    deliver();
    assertThat(freshdesk.store().tickets()).hasSize(1);
    long ticket = currentTicket();
    FakeStore.Ticket t = freshdesk.store().ticket(ticket);
    FakeStore.Contact contact = freshdesk.store().contactByExternalId("whatsapp:" + bridge.customers().findByPhone(WA_ID).orElseThrow().id().value());
    assertThat(contact.mobile).isEqualTo(PHONE);
    assertThat(t.requesterId).isEqualTo(contact.id);
    assertThat(t.source).isEqualTo(FreshdeskSource.PORTAL.code());
    assertThat(t.tags).contains("whatsapp");
    assertThat(t.description).contains("Hi, my invoice is wrong");
    assertThat(t.customFields).containsEntry("cf_whatsapp_conversation",
        bridge.conversations().currentKey(sandbox.phoneNumberId(), bridge.customers().findByPhone(WA_ID).orElseThrow().id()).format());

    // 2. Inbound document -> an incoming public note by the contact with the file attached (multipart).
    byte[] pdf = "%PDF-1.7 invoice 4711".getBytes(StandardCharsets.US_ASCII);
    customer.sendDocument(pdf, "application/pdf", "invoice.pdf", "this one");
    deliver();
    assertThat(customerNotes(ticket)).singleElement().satisfies(n -> {
      assertThat(n.isPrivate).isFalse();
      assertThat(n.userId).isEqualTo(contact.id);
      assertThat(n.body).contains("this one");
      assertThat(n.attachments).singleElement().satisfies(a -> {
        assertThat(a.name).isEqualTo("invoice.pdf");
        assertThat(a.contentType).isEqualTo("application/pdf");
        assertThat(a.bytes).isEqualTo(pdf);
      });
    });

    // 3. An agent replies with a file -> the automation webhook -> text + document on WhatsApp, once.
    FakeStore.Attachment credit = freshdesk.store().newAttachment("credit-note.pdf", "application/pdf",
        "%PDF-1.7 credit".getBytes(StandardCharsets.US_ASCII));
    freshdesk.agentReply(ticket, AGENT, "<p>Sorry! Here is the <b>credit note</b>.</p>", credit);
    assertThat(bridge.onAgentReplyWebhook(replySent(ticket))).isEqualTo(1);
    assertThat(bridge.onAgentReplyWebhook(replySent(ticket))).as("redelivery").isZero();
    bridge.processOutbox();
    assertThat(sent()).extracting(SentMessage::type).containsExactly("text", "document");
    assertThat(sent().get(0).bodyJson()).contains("Sorry! Here is the credit note.");
    deliver();

    // 4. The window closes -> the next reply goes out as the policy's template, with a private note.
    sandbox.advance(Duration.ofHours(25));
    assertThat(sandbox.windowOpen(PHONE)).isFalse();
    freshdesk.agentReply(ticket, AGENT, "<p>Your refund is done</p>");
    assertThat(bridge.onAgentReplyWebhook(replySent(ticket))).isEqualTo(1);
    bridge.processOutbox();
    SentMessage template = sent().get(sent().size() - 1);
    assertThat(template.type()).isEqualTo("template");
    assertThat(template.failureCode()).isZero();
    assertThat(template.bodyJson()).contains("reopen_conversation").contains("Your refund is done");
    assertThat(freshdesk.store().ticket(ticket).conversations).anySatisfy(c -> {
      assertThat(c.isPrivate).isTrue();
      assertThat(c.body).contains("reopen_conversation");
    });

    // 5. Resolved, then the customer writes -> the same ticket, reopened (status 2), with the note.
    freshdesk.setStatus(ticket, 4);
    customer.sendText("It is still wrong");
    deliver();
    assertThat(currentTicket()).isEqualTo(ticket);
    assertThat(freshdesk.store().ticket(ticket).status).isEqualTo(2);
    assertThat(customerNotes(ticket)).last().satisfies(n -> assertThat(n.body).contains("It is still wrong"));

    // 6. Closed, then the customer writes -> a new ticket (default policy); replies flow from it.
    freshdesk.setStatus(ticket, 5);
    customer.sendText("New problem");
    deliver();
    long next = currentTicket();
    assertThat(next).isNotEqualTo(ticket);
    assertThat(freshdesk.store().ticket(next).description).contains("New problem");
    assertThat(freshdesk.store().ticket(ticket).conversations).noneSatisfy(c -> assertThat(c.body).contains("New problem"));
    int before = sent().size();
    freshdesk.agentReply(next, AGENT, "<p>On it</p>");
    assertThat(bridge.onAgentReplyWebhook(replySent(next))).isEqualTo(1);
    bridge.processOutbox();
    assertThat(sent()).hasSize(before + 1);
    assertThat(sent().get(before).bodyJson()).contains("On it");
  }

  /**
   * docs/freshdesk.md: the adapter's "already returned" memory is in-process; after a restart (a new
   * adapter and bridge over the same stores) a redelivered webhook returns the newest reply again and
   * the bridge's reply claims in the shared {@code ConversationStore} keep it from being sent twice.
   */
  @Test
  void restart_redeliveredWebhook_isDedupedByTheBridgesReplyClaims() {
    customer.sendText("Hello");
    deliver();
    long ticket = currentTicket();
    freshdesk.agentReply(ticket, AGENT, "<p>Hi there</p>");
    assertThat(bridge.onAgentReplyWebhook(replySent(ticket))).isEqualTo(1);
    bridge.processOutbox();
    assertThat(sent()).hasSize(1);

    try (FreshdeskAdapter restarted = FreshdeskAdapter.create(adapter.config());
        HelpdeskBridge again = HelpdeskBridge.builder().adapter(restarted).gateway(CloudApiGateway.of(client))
            .clock(clock).conversationStore(bridge.conversations()).outbox(bridge.outbox())
            .sessions(bridge.sessions()).build()) {
      assertThat(restarted.parseAgentReplies(replySent(ticket))).as("the adapter forgot it").hasSize(1);
      assertThat(again.onAgentReplyWebhook(replySent(ticket))).isZero();
      again.processOutbox();
      assertThat(sent()).hasSize(1);

      freshdesk.agentReply(ticket, AGENT, "<p>Anything else?</p>");
      assertThat(again.onAgentReplyWebhook(replySent(ticket))).isEqualTo(1);
      again.processOutbox();
      assertThat(sent()).hasSize(2);
      assertThat(sent().get(1).bodyJson()).contains("Anything else?");
    }
  }

  /**
   * The catch-up window closes the restart gap: two replies agents posted while the bridge was down
   * (their webhooks lost) are both sent after the restart, oldest first, and the reply sent before the
   * restart is not sent again, because the bridge's reply claims survive in the shared store.
   */
  @Test
  void restart_withCatchUpWindow_sendsEveryReplyPostedWhileDownExactlyOnce() {
    customer.sendText("Hello");
    deliver();
    long ticket = currentTicket();
    freshdesk.agentReply(ticket, AGENT, "<p>Hi there</p>");
    assertThat(bridge.onAgentReplyWebhook(replySent(ticket))).isEqualTo(1);
    bridge.processOutbox();
    assertThat(sent()).hasSize(1);

    // The bridge is down: two replies, whose webhooks nobody receives.
    freshdesk.agentReply(ticket, AGENT, "<p>First while down</p>");
    freshdesk.agentReply(ticket, AGENT, "<p>Second while down</p>");

    try (FreshdeskAdapter restarted = FreshdeskAdapter.create(
            adapter.config().toBuilder().replyCatchUpWindow(java.time.Duration.ofHours(24)).build());
        HelpdeskBridge again = HelpdeskBridge.builder().adapter(restarted).gateway(CloudApiGateway.of(client))
            .clock(clock).conversationStore(bridge.conversations()).outbox(bridge.outbox())
            .sessions(bridge.sessions()).build()) {
      // Freshdesk redelivers the last webhook (or the next reply's webhook arrives).
      assertThat(again.onAgentReplyWebhook(replySent(ticket))).isEqualTo(2);
      again.processOutbox();
      assertThat(sent()).hasSize(3);
      assertThat(sent().get(1).bodyJson()).contains("First while down");
      assertThat(sent().get(2).bodyJson()).contains("Second while down");
      assertThat(again.onAgentReplyWebhook(replySent(ticket))).isZero();
    }
  }
}
