package io.github.whatsapphelpdesk.bridge;

import static io.github.whatsapphelpdesk.bridge.BridgeFixtures.PN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.StoredTicket;
import io.github.whatsapphelpdesk.customer.CustomerDirectory;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.WhatsAppException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.session.SessionWindowTracker;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.store.ConversationStore;
import io.github.whatsapphelpdesk.store.InMemoryConversationStore;
import io.github.whatsapphelpdesk.store.InMemoryOutbox;
import io.github.whatsapphelpdesk.store.Outbox;
import io.github.whatsapphelpdesk.template.PolicyParam;
import io.github.whatsapphelpdesk.template.PolicyRule;
import io.github.whatsapphelpdesk.template.TemplatePolicy;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.InMemoryInbox;
import io.github.whatsapphelpdesk.webhook.Inbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17 items 17 (a CRM's verbatim retry after a 503) and 20 (the customer's name in templates). */
class BridgeCrmRetryAndNamesTest {
  private static final String WA = "4915123456789";
  private static final CustomerId CUSTOMER = CustomerId.ofPhone(WA);
  private final MutableClock clock = MutableClock.create();
  private final InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
  private final FakeCloudApi meta = new FakeCloudApi(clock, 1, 0.0);

  private StoredTicket inbound(HelpdeskBridge b, String wamid, String text) {
    meta.customerWrote(PN, WA, clock.instant());
    b.onEvent(BridgeFixtures.text(wamid, WA, clock.instant(), text));
    return desk.ticketsForConversation(b.conversations().currentKey(PN, CUSTOMER).format()).get(0);
  }

  @Test
  void theCrmsVerbatimRetryAfterA503IsAccepted_andTheReplyGoesOutOnce() {
    HelpdeskBridge b = HelpdeskBridge.builder().adapter(desk).gateway(meta).clock(clock).build();
    StoredTicket t = inbound(b, "wamid.1", "Can you send the invoice?");
    WebhookRequest hook = desk.agentReply(t.id(), "agent-1", "Here it is",
        Attachment.ofBytes("invoice.pdf", "application/pdf", new byte[] {1, 2, 3}));
    meta.uploadsToFail.set(1);
    // The media upload failed: the bridge answers 503 (a retryable exception) and the CRM retries verbatim.
    assertThatThrownBy(() -> b.onAgentReplyWebhook(hook)).isInstanceOfSatisfying(WhatsAppException.class,
        e -> assertThat(e.retryable()).isTrue());
    clock.advance(Duration.ofSeconds(30));
    assertThat(b.onAgentReplyWebhook(hook)).isEqualTo(1);
    b.processOutbox();
    assertThat(meta.accepted).extracting(FakeCloudApi.Sent::kind).containsExactly("text", "document");
    // a third delivery of the same request is accepted and deduplicated by reply id: nothing more is sent
    assertThat(b.onAgentReplyWebhook(hook)).isZero();
    b.processOutbox();
    assertThat(meta.accepted).hasSize(2);
  }

  private static TemplatePolicy greetingPolicy() {
    return TemplatePolicy.builder()
        .rule(PolicyRule.builder("reopen").onReplyWindowClosed().template("reopen_conversation", "en")
            .body(PolicyParam.customerName().orElse("there"), PolicyParam.agentText()).build())
        .rule(PolicyRule.builder("csat").onTicketSolved().template("csat_survey", "en")
            .body(PolicyParam.customerName().orElse("there")).build())
        .build();
  }

  private static List<String> bodyValues(FakeCloudApi.Sent s) {
    TemplateMessage template = (TemplateMessage) s.message().content();
    return template.components().stream().flatMap(c -> c.parameters().stream()).map(p -> String.valueOf(p.value()))
        .toList();
  }

  @Test
  void theCustomersProfileNameReachesTheTemplate_alsoAfterARestartWithAColdContactCache() {
    ConversationStore conversations = InMemoryConversationStore.create(clock);
    Outbox outbox = InMemoryOutbox.create(clock);
    Inbox inbox = InMemoryInbox.create(clock);
    CustomerDirectory customers = CustomerDirectory.inMemory();
    SessionWindowTracker sessions = SessionWindowTracker.builder().clock(clock).build();
    HelpdeskBridge first = HelpdeskBridge.builder().adapter(desk).gateway(meta).clock(clock).policy(greetingPolicy())
        .conversationStore(conversations).outbox(outbox).inbox(inbox).customerDirectory(customers).sessions(sessions)
        .csatQuestion("How did we do?").build();
    StoredTicket t = inbound(first, "wamid.1", "Hello");
    first.close();

    // A restart: the durable stores survive, the bridge's contact cache does not.
    HelpdeskBridge b = HelpdeskBridge.builder().adapter(desk).gateway(meta).clock(clock).policy(greetingPolicy())
        .conversationStore(conversations).outbox(outbox).inbox(inbox).customerDirectory(customers).sessions(sessions)
        .csatQuestion("How did we do?").build();
    clock.advance(Duration.ofHours(30));
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Your refund is done"));
    b.processOutbox();
    assertThat(meta.accepted).singleElement().satisfies(s -> assertThat(bodyValues(s))
        .containsExactly("Customer 6789", "Your refund is done"));

    assertThat(b.onTicketSolved(t.id())).isTrue();
    b.processOutbox();
    assertThat(meta.accepted).hasSize(2);
    assertThat(bodyValues(meta.accepted.get(1))).containsExactly("Customer 6789");
  }

  @Test
  void aLaterMessageWithoutAProfileNameKeepsTheKnownName() {
    HelpdeskBridge b = HelpdeskBridge.builder().adapter(desk).gateway(meta).clock(clock).policy(greetingPolicy()).build();
    StoredTicket t = inbound(b, "wamid.1", "Hello");
    b.onEvent(new io.github.whatsapphelpdesk.webhook.InboundMessage(
        io.github.whatsapphelpdesk.webhook.EventMetadata.of("102290129340398", PN, "15550783881"), "wamid.2", WA, null,
        null, clock.instant(), new io.github.whatsapphelpdesk.webhook.InboundContent.Text("still there?"), null, null,
        List.of()));
    clock.advance(Duration.ofHours(30));
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Yes"));
    b.processOutbox();
    assertThat(meta.accepted).singleElement().satisfies(s -> assertThat(bodyValues(s)).first()
        .isEqualTo("Customer 6789"));
  }
}
