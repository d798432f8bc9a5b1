package io.github.whatsapphelpdesk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.whatsapphelpdesk.bridge.HelpdeskBridge;
import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.StoredTicket;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.sandbox.CloudApiSandbox;
import io.github.whatsapphelpdesk.testkit.sandbox.SimulatedCustomer;
import io.github.whatsapphelpdesk.webhook.WebhookHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meters after a real flow: the Cloud API sandbox posts signed webhooks over loopback HTTP to the SDK's
 * webhook handler, the bridge files tickets in the in-memory helpdesk, an agent's reply goes out through
 * the SDK's client to the sandbox. Every component reports to one {@link MicrometerSdkListener}; time is a
 * {@link MutableClock}.
 */
class MicrometerFlowTest {
  private final MutableClock clock = MutableClock.create();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerSdkListener metrics = MicrometerSdkListener.create(registry);
  private final InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
  private HttpServer server;
  private CloudApiSandbox sandbox;
  private WhatsAppClient client;
  private HelpdeskBridge bridge;
  private WebhookHandler handler;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/webhook", ex -> {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      WebhookResponse r = handler.handle(ex.getRequestMethod(), Map.of(), new HashMap<>(ex.getRequestHeaders()), body);
      ex.sendResponseHeaders(r.status(), -1);
      ex.close();
    });
    server.start();
    sandbox = CloudApiSandbox.builder().clock(clock).seed(7)
        .webhookUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook").start();
    client = WhatsAppClient.builder().accessToken(sandbox.accessToken()).phoneNumberId(sandbox.phoneNumberId())
        .wabaId(sandbox.wabaId()).baseUrl(sandbox.baseUrl()).clock(clock).listener(metrics).build();
    bridge = HelpdeskBridge.builder().adapter(desk).gateway(CloudApiGateway.of(client)).clock(clock)
        .listener(metrics).build();
    handler = WebhookHandler.builder().appSecret(sandbox.appSecret()).verifyToken("verify").listener(bridge)
        .listener(metrics).executor(Runnable::run).clock(clock).build();
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
    server.stop(0);
  }

  private double count(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  private long timerCount(String name, String... tags) {
    return registry.find(name).tags(tags).timers().stream().mapToLong(Timer::count).sum();
  }

  @Test
  void inboundMessagesTicketsRepliesAndApiCallsAreCounted() {
    SimulatedCustomer ana = sandbox.customer("+4915112345678", "Ana");
    sandbox.setDuplicateProbability(1.0); // Meta delivers this one twice
    ana.sendText("Where is my order?");
    sandbox.deliverPending();
    sandbox.setDuplicateProbability(0.0);
    ana.sendText("It is late");
    sandbox.deliverPending();
    bridge.tick();

    assertThat(count(MeterNames.WEBHOOKS_ACCEPTED)).isGreaterThanOrEqualTo(3);
    assertThat(count(MeterNames.EVENTS, "type", "inbound_message")).isEqualTo(3); // the copy is parsed too
    // The one redelivery is counted once, although this listener is on both the handler and the bridge.
    assertThat(count(MeterNames.DUPLICATES, "type", "inbound_message")).isEqualTo(1);
    assertThat(count(MeterNames.TICKETS_CREATED, "adapter", "in-memory")).isEqualTo(1);
    assertThat(count(MeterNames.MESSAGES_APPENDED, "adapter", "in-memory")).isEqualTo(2);
    assertThat(count(MeterNames.PARSE_PROBLEMS)).isZero();
    assertThat(timerCount(MeterNames.HELPDESK_CALLS, "adapter", "in-memory", "outcome", "ok")).isPositive();
    assertThat(registry.find(MeterNames.HELPDESK_CALLS).tag("operation", "findOrCreateTicket").timer()).isNotNull();

    StoredTicket ticket = desk.tickets().get(0);
    clock.advance(Duration.ofMinutes(5));
    assertThat(bridge.onAgentReplyWebhook(desk.agentReply(ticket.id(), "agent-1", "It ships today"))).isEqualTo(1);
    bridge.tick();
    sandbox.deliverPending(); // sent/delivered statuses come back
    bridge.tick();

    assertThat(count(MeterNames.REPLIES, "outcome", "queued_free_form")).isEqualTo(1);
    assertThat(count(MeterNames.MESSAGES_SENT, "kind", "text")).isEqualTo(1);
    assertThat(timerCount(MeterNames.CLOUD_API_CALLS, "operation", "messages", "status", "2xx")).isPositive();
    assertThat(count(MeterNames.EVENTS, "type", "status_update")).isPositive();
    Gauge depth = registry.find(MeterNames.OUTBOX_DEPTH).gauge();
    assertThat(depth).isNotNull();
    assertThat(depth.value()).isZero();
    assertThat(registry.find(MeterNames.OUTBOX_OLDEST_AGE).timeGauge().value(TimeUnit.SECONDS)).isZero();

    // The window closes 24 h after Ana's last message: the bridge warns the agents first.
    clock.advance(Duration.ofHours(23).plusMinutes(30));
    bridge.tick();
    assertThat(count(MeterNames.WINDOW_WARNINGS, "stage", "lead")).isEqualTo(1);
    assertThat(count(MeterNames.NOTES_WRITTEN, "adapter", "in-memory")).isPositive();
  }

  @Test
  void aRejectedWebhookIsCountedByReason() {
    byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"),
        "X-Hub-Signature-256", List.of("sha256=" + "00".repeat(32)));
    assertThat(handler.handle("POST", Map.of(), headers, body).status()).isEqualTo(401);
    assertThat(count(MeterNames.WEBHOOKS_REJECTED, "reason", "bad_signature")).isEqualTo(1);
    assertThat(count(MeterNames.WEBHOOKS_ACCEPTED)).isZero();
  }

  @Test
  void aFailedSendIsCountedByErrorCodeAndTheOutboxGaugesFollowIt() {
    SimulatedCustomer ben = sandbox.customer("+5511987654321", "Ben");
    ben.sendText("Hello");
    sandbox.deliverPending();
    bridge.tick();
    StoredTicket ticket = desk.tickets().get(0);

    sandbox.revokeAccessToken(sandbox.accessToken()); // the Cloud API now answers 401, code 190
    bridge.onAgentReplyWebhook(desk.agentReply(ticket.id(), "agent-1", "On it"));
    clock.advance(Duration.ofSeconds(30));
    bridge.tick();

    assertThat(count(MeterNames.MESSAGES_FAILED, "code", "190", "category", "authentication")).isPositive();
    assertThat(timerCount(MeterNames.CLOUD_API_CALLS, "operation", "messages", "status", "4xx")).isPositive();
    assertThat(count(MeterNames.MESSAGES_SENT, "kind", "text")).isZero();
    java.util.Collection<Meter> failures = registry.find(MeterNames.MESSAGES_FAILED).meters();
    assertThat(failures).allSatisfy(m -> assertThat(m.getId().getTag("code")).isEqualTo("190"));
  }
}
