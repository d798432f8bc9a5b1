package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.bridge.HelpdeskBridge;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.http.internal.Json;
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
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendesk;
import java.io.IOException;
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
 * End to end: the Cloud API sandbox (sdk-testkit), {@link HelpdeskBridge} and {@link ZendeskAdapter}
 * against {@link FakeZendesk} behind MockWebServer. The sandbox POSTs signed webhooks to a MockWebServer
 * that hands them to the SDK's {@link WebhookHandler}, whose listener is the bridge; agent replies come
 * back as the signed trigger webhook. One fake clock drives all of them; no sleeps.
 */
class ZendeskEndToEndTest {
  private static final String PHONE = "+4915112345678";
  private static final String WA_ID = "4915112345678";
  private static final String SECRET = ZendeskTestSupport.SECRET;
  private static final long WA_FIELD = 360001L;
  private static final long MAX_DOWNLOAD = 1024;

  private final MutableClock clock = MutableClock.create();
  private final FakeZendesk zendesk = new FakeZendesk(clock);
  private final MockWebServer zendeskServer = new MockWebServer();
  private final MockWebServer inbox = new MockWebServer();
  private CloudApiSandbox sandbox;
  private WhatsAppClient client;
  private ZendeskAdapter adapter;
  private HelpdeskBridge bridge;
  private SimulatedCustomer customer;

  @BeforeEach
  void start() throws IOException {
    zendeskServer.setServerSocketFactory(new ZendeskTestSupport.NoDelayServerSocketFactory());
    zendeskServer.setDispatcher(zendesk);
    zendeskServer.start();
    zendesk.baseUrl(zendeskServer.url("/").toString());
    sandbox = CloudApiSandbox.builder().clock(clock)
        .template(SandboxTemplate.approved("reopen_conversation", "en_US", "An agent replied to you: {{1}}"))
        .start();
    client = WhatsAppClient.builder().accessToken(sandbox.accessToken()).phoneNumberId(sandbox.phoneNumberId())
        .baseUrl(sandbox.baseUrl()).graphVersion(sandbox.apiVersion()).clock(clock).sleeper(clock::advance).build();
    adapter = ZendeskAdapter.create(ZendeskConfig.builder().baseUrl(zendeskServer.url("/").toString())
        .auth(ZendeskAuth.clientCredentials(FakeZendesk.CLIENT_ID, FakeZendesk.CLIENT_SECRET, "read write"))
        .addWebhookSecret(SECRET).addExtraTag("wa_de").waIdFieldId(WA_FIELD).maxDownloadBytes(MAX_DOWNLOAD)
        .clock(clock).sleeper(clock::advance).build());
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
    zendeskServer.close();
  }

  /** Delivers the sandbox's pending webhooks (each handled synchronously by the bridge). */
  private void deliver() {
    sandbox.deliverPending();
    assertThat(sandbox.webhooks()).allSatisfy(d -> assertThat(d.acknowledged()).as("webhook acknowledged").isTrue());
  }

  private long currentTicket() {
    ConversationKey key = bridge.conversations().currentKey(sandbox.phoneNumberId(), customerId());
    return Long.parseLong(bridge.conversations().ticketFor(key).map(TicketBinding::ticketId).orElseThrow());
  }

  private List<Map<String, Object>> comments(long ticketId) {
    return zendesk.comments(ticketId);
  }

  private List<SentMessage> sentTo() {
    return sandbox.sentMessages().stream().filter(m -> WA_ID.equals(m.waId()) || WA_ID.equals(m.to())
        || PHONE.equals(m.to())).toList();
  }

  @SuppressWarnings("unchecked")
  /**
   * The customer's stable id: the sandbox sends a BSUID with every message (as Meta does since
   * 2026-03-31), so the bridge keys the customer, the Zendesk user's external id and the ticket field by it.
   */
  private CustomerId customerId() {
    return bridge.customers().findByPhone(WA_ID).orElseThrow().id();
  }

  @Test
  void conversation_media_reply_closedWindow_solved_closedFollowUp() {
    // 1. Inbound text -> one ticket, requester = the customer, channel tags and the wa_id field.
    customer.sendText("Hi, my parcel is late");
    deliver();
    assertThat(zendesk.ticketIds()).hasSize(1);
    long ticket = currentTicket();
    Map<String, Object> t = zendesk.ticket(ticket);
    assertThat((List<Object>) t.get("tags")).contains("whatsapp", "wa_de");
    assertThat(Json.str(t, "external_id")).isEqualTo(
        bridge.conversations().currentKey(sandbox.phoneNumberId(), customerId()).format());
    assertThat(t.get("custom_fields").toString()).contains(Long.toString(WA_FIELD)).contains(customerId().value());
    Map<String, Object> customerUser = zendesk.userByExternalId("whatsapp:" + customerId().value());
    assertThat(Json.str(customerUser, "phone")).isEqualTo(PHONE);
    assertThat(comments(ticket)).singleElement().satisfies(c -> {
      assertThat(Json.str(c, "body")).contains("Hi, my parcel is late");
      assertThat(Json.str(c, "author_id")).isEqualTo(Json.str(customerUser, "id"));
      assertThat(c).containsEntry("public", true);
    });

    // 2. Inbound image -> a comment with the uploaded file (bytes fetched from the sandbox's media API).
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5};
    customer.sendImage(jpeg, "image/jpeg", "photo of the box");
    deliver();
    assertThat(comments(ticket)).hasSize(2);
    Map<String, Object> photo = comments(ticket).get(1);
    assertThat(Json.str(photo, "body")).contains("photo of the box");
    assertThat(Json.objs(photo, "attachments")).singleElement().satisfies(a -> {
      assertThat(a).containsEntry("content_type", "image/jpeg").containsEntry("size", jpeg.length);
      assertThat(Json.str(a, "file_name")).endsWith(".jpeg");
    });

    // 3. Agent reply (with a file) via the trigger webhook -> WhatsApp text + image in the sandbox.
    long agent = zendesk.addUser("Agent Smith", "agent");
    long replyId = zendesk.agentReply(ticket, agent, "It ships today, here is the label", true, "label.png");
    assertThat(bridge.onAgentReplyWebhook(zendesk.announce(ticket, replyId, SECRET))).isEqualTo(1);
    assertThat(bridge.onAgentReplyWebhook(zendesk.announce(ticket, replyId, SECRET))).as("redelivery").isZero();
    bridge.processOutbox();
    assertThat(sentTo()).extracting(SentMessage::type).containsExactly("text", "image");
    assertThat(sentTo().get(0).bodyJson()).contains("It ships today, here is the label");
    deliver(); // sent/delivered statuses go back through the bridge without notes
    assertThat(comments(ticket)).filteredOn(c -> Boolean.FALSE.equals(c.get("public")))
        .noneSatisfy(c -> assertThat(Json.str(c, "body")).contains("could not deliver"));

    // 4. The window closes -> the next reply goes out as the policy's template, with a note to the agent.
    sandbox.advance(Duration.ofHours(25));
    assertThat(sandbox.windowOpen(PHONE)).isFalse();
    assertThat(bridge.onAgentReplyWebhook(zendesk.agentReplyWebhook(ticket, "Your refund is done", SECRET)))
        .isEqualTo(1);
    bridge.processOutbox();
    SentMessage template = sentTo().get(sentTo().size() - 1);
    assertThat(template.type()).isEqualTo("template");
    assertThat(template.failureCode()).isZero();
    assertThat(template.bodyJson()).contains("reopen_conversation").contains("Your refund is done");
    assertThat(comments(ticket)).anySatisfy(c -> {
      assertThat(c).containsEntry("public", false);
      assertThat(Json.str(c, "body")).contains("reopen_conversation");
    });

    // 5. Solved, then the customer writes -> the same ticket, reopened by the requester's comment.
    zendesk.setStatus(ticket, "solved");
    customer.sendText("One more question");
    deliver();
    assertThat(currentTicket()).isEqualTo(ticket);
    assertThat(zendesk.ticket(ticket)).containsEntry("status", "open");
    assertThat(Json.str(comments(ticket).get(comments(ticket).size() - 1), "body")).contains("One more question");

    // 6. Closed, then the customer writes -> a follow-up ticket (via_followup_source_id) carrying the
    //    conversation's tags and wa_id field; the bridge maps the conversation to it and replies flow.
    zendesk.setStatus(ticket, "closed");
    customer.sendText("Hello again");
    deliver();
    long followUp = currentTicket();
    assertThat(followUp).isNotEqualTo(ticket);
    Map<String, Object> f = zendesk.ticket(followUp);
    assertThat(Json.lng(f, "via_followup_source_id")).isEqualTo(ticket);
    assertThat((List<Object>) f.get("tags")).contains("whatsapp", "wa_de");
    assertThat(f.get("custom_fields").toString()).contains(customerId().value());
    assertThat(comments(followUp)).singleElement().satisfies(c -> assertThat(Json.str(c, "body")).contains("Hello again"));
    int before = sentTo().size();
    assertThat(bridge.onAgentReplyWebhook(zendesk.agentReplyWebhook(followUp, "Welcome back", SECRET))).isEqualTo(1);
    bridge.processOutbox();
    assertThat(sentTo()).hasSize(before + 1);
    assertThat(sentTo().get(before).type()).isEqualTo("text");
    assertThat(sentTo().get(before).bodyJson()).contains("Welcome back");
    assertThat(zendesk.ticketIds()).hasSize(2);
  }

  /**
   * A restart (new adapter and bridge over the same stores): the bridge's contact cache is cold, so it
   * upserts the customer without a profile name for the agent reply; the Zendesk user keeps its name,
   * and a redelivered webhook for an already sent reply is deduped by the store's reply claims.
   */
  @Test
  void restart_coldContactCache_keepsTheUsersName_andRedeliveryIsDeduped() {
    customer.sendText("Hello");
    deliver();
    long ticket = currentTicket();
    long agent = zendesk.addUser("Agent Smith", "agent");
    long first = zendesk.agentReply(ticket, agent, "Hi there", true);
    assertThat(bridge.onAgentReplyWebhook(zendesk.announce(ticket, first, SECRET))).isEqualTo(1);
    bridge.processOutbox();

    try (ZendeskAdapter restarted = ZendeskAdapter.create(adapter.config());
        HelpdeskBridge again = HelpdeskBridge.builder().adapter(restarted).gateway(CloudApiGateway.of(client))
            .clock(clock).conversationStore(bridge.conversations()).outbox(bridge.outbox())
            .sessions(bridge.sessions()).build()) {
      assertThat(again.onAgentReplyWebhook(zendesk.announce(ticket, first, SECRET))).isZero();
      assertThat(again.onAgentReplyWebhook(zendesk.agentReplyWebhook(ticket, "Anything else?", SECRET)))
          .isEqualTo(1);
      again.processOutbox();
    }
    assertThat(sentTo()).extracting(SentMessage::bodyJson).satisfiesExactly(
        b -> assertThat(b).contains("Hi there"), b -> assertThat(b).contains("Anything else?"));
    assertThat(zendesk.userByExternalId("whatsapp:" + customerId().value())).containsEntry("name", "Lena Schmidt");
  }

  /**
   * An agent attachment over {@code maxDownloadBytes} ({@link AttachmentTooLargeException}, a permanent
   * failure) must not drop the reply: the text goes out and the agent is told about the file (bridge fix
   * 38db71c; before it, the exception escaped {@code onAgentReplyWebhook} and the text was never sent).
   */
  @Test
  void agentReply_attachmentOverDownloadCap_textStillSentAndAgentTold() {
    customer.sendText("Please send the manual");
    deliver();
    long ticket = currentTicket();
    long agent = zendesk.addUser("Agent Smith", "agent");
    long reply = zendesk.agentReplyWithFile(ticket, agent, "Here is the manual", "manual.pdf", "application/pdf",
        new byte[(int) MAX_DOWNLOAD + 1]);

    bridge.onAgentReplyWebhook(zendesk.announce(ticket, reply, SECRET));
    bridge.processOutbox();

    assertThat(sentTo()).extracting(SentMessage::type).containsExactly("text");
    assertThat(comments(ticket)).anySatisfy(c -> {
      assertThat(c).containsEntry("public", false);
      assertThat(Json.str(c, "body")).contains("manual.pdf");
    });
  }
}
