package io.github.whatsapphelpdesk.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.whatsapphelpdesk.bridge.HelpdeskBridge;
import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.StoredComment;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.ratelimit.OutboundLimiter;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import io.github.whatsapphelpdesk.template.PolicyParam;
import io.github.whatsapphelpdesk.template.PolicyRule;
import io.github.whatsapphelpdesk.template.TemplatePolicy;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.WebhookHandler;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 end to end over HTTP: the real client against the sandbox, whose proxy loses a send's answer
 * (504 page) after the message was accepted (item 5); and the customer's profile name in a template (item 20).
 */
class BridgeFaultsAgainstSandboxTest {
  private final MutableClock clock = MutableClock.create();
  private final InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
  private HttpServer server;
  private CloudApiSandbox sandbox;
  private WhatsAppClient client;
  private final WebhookHandler[] handler = new WebhookHandler[1];

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/wh", ex -> {
      try (InputStream in = ex.getRequestBody()) {
        WebhookResponse r = handler[0].handle(ex.getRequestMethod(), Map.of(), new HashMap<>(ex.getRequestHeaders()),
            in.readAllBytes());
        ex.sendResponseHeaders(r.status(), -1);
      } finally {
        ex.close();
      }
    });
    server.start();
    sandbox = CloudApiSandbox.builder().clock(clock).seed(5)
        .webhookUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/wh")
        .template(SandboxTemplate.approved("reopen_conversation", "en_US", "Hello {{1}}, an update: {{2}}"))
        .start();
    client = WhatsAppClient.builder().accessToken(sandbox.accessToken()).phoneNumberId(sandbox.phoneNumberId())
        .wabaId(sandbox.wabaId()).baseUrl(sandbox.baseUrl()).clock(clock)
        .outboundLimiter(OutboundLimiter.unlimited()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
    server.stop(0);
  }

  private HelpdeskBridge bridge() {
    HelpdeskBridge b = HelpdeskBridge.builder().adapter(desk).gateway(CloudApiGateway.of(client)).clock(clock)
        .policy(TemplatePolicy.builder().rule(PolicyRule.builder("reopen").onReplyWindowClosed()
            .template("reopen_conversation", "en_US")
            .body(PolicyParam.customerName().orElse("there"), PolicyParam.agentText()).build()).build())
        .build();
    handler[0] = WebhookHandler.builder().appSecret(sandbox.appSecret()).verifyToken("v").listener(b)
        .executor(Runnable::run).clock(clock).build();
    return b;
  }

  private String ticketOf(HelpdeskBridge b, SimulatedCustomer c) {
    return b.conversations().ticketFor(b.conversations().currentKey(sandbox.phoneNumberId(),
        b.customers().findByPhone(c.waId()).orElseThrow().id())).orElseThrow().ticketId();
  }

  private List<String> notes(String ticket) {
    return desk.comments(ticket).stream().filter(c -> c.authorKind() != StoredComment.AuthorKind.CUSTOMER
        && c.authorKind() != StoredComment.AuthorKind.AGENT).map(StoredComment::text).toList();
  }

  @Test
  void aProxyLosesTheSendsAnswer_theBridgeNeitherResendsNorCallsItFailed_andTheStatusSettlesIt() {
    HelpdeskBridge b = bridge();
    SimulatedCustomer ana = sandbox.customer("+4915112345678", "Ana");
    ana.sendText("Where is my parcel?");
    sandbox.deliverPending();
    String ticket = ticketOf(b, ana);

    sandbox.loseNextAnswers(1);
    b.onAgentReplyWebhook(desk.agentReply(ticket, "agent-1", "It ships today"));
    b.processOutbox();
    assertThat(sandbox.sentMessages()).hasSize(1);
    assertThat(b.outbox().count(OutboxEntry.Status.UNCONFIRMED)).isEqualTo(1);
    assertThat(notes(ticket)).noneMatch(n -> n.contains("NOT delivered")).anyMatch(n -> n.contains("not confirmed yet"));

    for (int i = 0; i < 30; i++) { // the statuses Meta sends arrive; nothing is resent meanwhile
      clock.advance(Duration.ofSeconds(10));
      sandbox.deliverPending();
      b.tick();
    }
    assertThat(sandbox.sentMessages()).hasSize(1);
    OutboxEntry e = b.outbox().list(OutboxEntry.Status.SENT, 10).get(0);
    assertThat(e.wamid()).isEqualTo(sandbox.sentMessages().get(0).wamid());
    assertThat(b.conversations().messageLink(e.wamid())).get().satisfies(l -> assertThat(l.ticketId()).isEqualTo(ticket));
    assertThat(notes(ticket)).anyMatch(n -> n.contains("now confirmed"));
  }

  @Test
  void theCustomersProfileNameFillsTheTemplateAfterTheWindowClosed() {
    HelpdeskBridge b = bridge();
    SimulatedCustomer ben = sandbox.customer("+4915112345679", "Ben Ortiz");
    ben.sendText("Hello");
    sandbox.deliverPending();
    String ticket = ticketOf(b, ben);
    clock.advance(Duration.ofHours(25));
    b.onAgentReplyWebhook(desk.agentReply(ticket, "agent-1", "Your refund is done"));
    b.processOutbox();
    assertThat(sandbox.sentMessages()).singleElement().satisfies(m -> {
      assertThat(m.type()).isEqualTo("template");
      assertThat(m.bodyJson()).contains("\"Ben Ortiz\"").contains("Your refund is done");
      assertThat(m.failureCode()).isZero();
    });
  }
}
