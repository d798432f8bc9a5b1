package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.bridge.HelpdeskBridge;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.MessageLink;
import io.github.whatsapphelpdesk.store.TicketBinding;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.sandbox.CloudApiSandbox;
import io.github.whatsapphelpdesk.testkit.sandbox.SimulatedCustomer;
import io.github.whatsapphelpdesk.webhook.WebhookHandler;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendesk;
import java.io.IOException;
import java.util.ArrayDeque;
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
 * End to end, burst merging: the sandbox's webhooks queue in the bridge's conversation lane (a held
 * executor), the Zendesk adapter reports a nearly used budget ({@code coalesceBelowFraction} 1.0: any
 * used request counts), and the bridge writes the queued burst as one Zendesk comment.
 */
class ZendeskBurstEndToEndTest {
  private static final String PHONE = "+4915112345678";
  private static final String WA_ID = "4915112345678";

  private final MutableClock clock = MutableClock.create();
  private final FakeZendesk zendesk = new FakeZendesk(clock);
  private final MockWebServer zendeskServer = new MockWebServer();
  private final MockWebServer inbox = new MockWebServer();
  private final ArrayDeque<Runnable> lanes = new ArrayDeque<>();
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
    sandbox = CloudApiSandbox.builder().clock(clock).start();
    client = WhatsAppClient.builder().accessToken(sandbox.accessToken()).phoneNumberId(sandbox.phoneNumberId())
        .baseUrl(sandbox.baseUrl()).graphVersion(sandbox.apiVersion()).clock(clock).sleeper(clock::advance).build();
    adapter = ZendeskAdapter.create(ZendeskConfig.builder().baseUrl(zendeskServer.url("/").toString())
        .auth(ZendeskAuth.clientCredentials(FakeZendesk.CLIENT_ID, FakeZendesk.CLIENT_SECRET, "read write"))
        .coalesceBelowFraction(1.0).clock(clock).sleeper(clock::advance).build());
    bridge = HelpdeskBridge.builder().adapter(adapter).gateway(CloudApiGateway.of(client)).clock(clock)
        .executor(lanes::add).build();
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

  private void deliverAndRunLanes() {
    sandbox.deliverPending();
    assertThat(sandbox.webhooks()).allSatisfy(d -> assertThat(d.acknowledged()).isTrue());
    while (!lanes.isEmpty()) {
      lanes.poll().run();
    }
  }

  private String itemOf(String wamid) {
    return bridge.conversations().messageLink(wamid).map(MessageLink::itemId).orElseThrow();
  }

  @Test
  void aQueuedBurstBecomesOneZendeskCommentNearTheLimit() {
    customer.sendText("Hi, my parcel is late");
    deliverAndRunLanes();
    ConversationKey key = bridge.conversations().currentKey(sandbox.phoneNumberId(), bridge.customers().findByPhone(WA_ID).orElseThrow().id());
    long ticket = Long.parseLong(bridge.conversations().ticketFor(key).map(TicketBinding::ticketId).orElseThrow());
    assertThat(zendesk.comments(ticket)).hasSize(1);

    sandbox.setDuplicateProbability(1.0); // every webhook of the burst is delivered twice
    String a = customer.sendText("It was due Monday");
    String b = customer.sendText("Order 4711");
    String c = customer.sendText("Please call me");
    deliverAndRunLanes();

    List<Map<String, Object>> comments = zendesk.comments(ticket);
    assertThat(comments).hasSize(2);
    Map<String, Object> merged = comments.get(1);
    assertThat(Json.str(merged, "body")).isEqualTo("It was due Monday\n\nOrder 4711\n\nPlease call me");
    assertThat(merged).containsEntry("public", true);
    assertThat(Json.str(merged, "author_id")).isEqualTo(Json.str(zendesk.userByExternalId("whatsapp:" + key.customer().value()), "id"));
    assertThat(List.of(itemOf(a), itemOf(b), itemOf(c))).containsOnly(itemOf(a));
  }
}
