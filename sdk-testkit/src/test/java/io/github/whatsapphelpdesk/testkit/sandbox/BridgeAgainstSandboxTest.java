package io.github.whatsapphelpdesk.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.bridge.HelpdeskBridge;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.crm.FailureInjector;
import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.StoredComment;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.OutboundLimiter;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import io.github.whatsapphelpdesk.template.PolicyParam;
import io.github.whatsapphelpdesk.template.PolicyRule;
import io.github.whatsapphelpdesk.template.TemplatePolicy;
import io.github.whatsapphelpdesk.template.TemplateRegistry;
import io.github.whatsapphelpdesk.testkit.CompressedTimeGateway;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.WebhookHandler;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's acceptance scenario against the sandbox (issue 7): duplicated and retried webhooks, a
 * helpdesk failing 20 % of its calls, agents replying to every conversation, some after the window
 * closed. Every rule the SDK can know locally is kept: the sandbox rejects nothing.
 */
class BridgeAgainstSandboxTest {
  private static final int CONVERSATIONS = 60;
  private static final int PER_CONVERSATION = 8;
  private static final int LATE = 20;
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void zeroRuleViolations() throws Exception {
    MutableClock clock = MutableClock.create();
    Random rnd = new Random(7);
    InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock)
        .failureInjector(FailureInjector.seeded(3, 0.2, 0.5)).build();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    WebhookHandler[] handler = new WebhookHandler[1];
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
    try (CloudApiSandbox sandbox = CloudApiSandbox.builder().clock(clock).seed(5)
        .webhookUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/wh")
        .template(SandboxTemplate.approved("reopen_conversation", "en_US", "An update on your request: {{1}}"))
        .start();
        WhatsAppClient client = WhatsAppClient.builder().accessToken(sandbox.accessToken())
            .phoneNumberId(sandbox.phoneNumberId()).wabaId(sandbox.wabaId()).baseUrl(sandbox.baseUrl()).clock(clock)
            .outboundLimiter(OutboundLimiter.unlimited()).build()) {
      sandbox.setDuplicateProbability(0.2);
      TemplateRegistry registry = TemplateRegistry.builder().client(client).clock(clock).build();
      registry.sync();
      // Pacing in compressed time: a limiter wait moves the fake clock instead of sleeping.
      DefaultOutboundLimiter limiter = DefaultOutboundLimiter.builder().clock(clock).build();
      CompressedTimeGateway paced = new CompressedTimeGateway(CloudApiGateway.of(client), limiter, clock);
      HelpdeskBridge bridge = HelpdeskBridge.builder().adapter(desk).gateway(paced).clock(clock).templates(registry)
          .policy(TemplatePolicy.builder().rule(PolicyRule.builder("reopen").onReplyWindowClosed()
              .template("reopen_conversation", "en_US").body(PolicyParam.agentText().maxLength(500)).build()).build())
          .retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(20)).build();
      handler[0] = WebhookHandler.builder().appSecret(sandbox.appSecret()).verifyToken("v")
          .listener(bridge).executor(Runnable::run).clock(clock).build();

      List<SimulatedCustomer> customers = new ArrayList<>();
      int[] next = new int[CONVERSATIONS];
      for (int c = 0; c < CONVERSATIONS; c++) {
        customers.add(sandbox.customer("+4915" + (100_000_000 + c * 7_919), "C" + c));
      }
      List<Integer> open = new ArrayList<>();
      for (int c = 0; c < CONVERSATIONS; c++) {
        open.add(c);
      }
      while (!open.isEmpty()) {
        int c = open.get(rnd.nextInt(open.size()));
        customers.get(c).sendText("message " + next[c] + " from " + c);
        if (++next[c] == PER_CONVERSATION) {
          open.remove(Integer.valueOf(c));
        }
        if (rnd.nextInt(10) == 0) {
          sandbox.deliverPending();
        }
        clock.advance(Duration.ofMillis(200));
      }
      sandbox.deliverPending();
      settle(bridge, sandbox, clock);

      for (int c = 0; c < CONVERSATIONS; c++) {
        if (c == CONVERSATIONS - LATE) {
          clock.advance(Duration.ofHours(25));
        }
        String ticket = bridge.conversations().ticketFor(bridge.conversations()
            .currentKey(sandbox.phoneNumberId(), bridge.customers().findByPhone(customers.get(c).waId()).orElseThrow().id())).orElseThrow().ticketId();
        WebhookRequest hook = desk.agentReply(ticket, "agent", "Answer " + c);
        String commentId = desk.comments(ticket).get(desk.comments(ticket).size() - 1).id();
        deliver(bridge, hook, () -> desk.webhookFor(ticket, commentId));
      }
      settle(bridge, sandbox, clock);

      // Every customer message on exactly one ticket, once, in order.
      assertThat(desk.tickets()).hasSize(CONVERSATIONS);
      for (int c = 0; c < CONVERSATIONS; c++) {
        String ticket = bridge.conversations().ticketFor(bridge.conversations()
            .currentKey(sandbox.phoneNumberId(), bridge.customers().findByPhone(customers.get(c).waId()).orElseThrow().id())).orElseThrow().ticketId();
        List<String> texts = desk.comments(ticket).stream()
            .filter(x -> x.authorKind() == StoredComment.AuthorKind.CUSTOMER).map(StoredComment::text).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < PER_CONVERSATION; i++) {
          expected.add("message " + i + " from " + c);
        }
        assertThat(texts).containsExactlyElementsOf(expected);
      }
      // One message per reply reached WhatsApp: free-form in the window, the template after it.
      List<SentMessage> sent = sandbox.sentMessages();
      assertThat(sent).hasSize(CONVERSATIONS);
      assertThat(sent.stream().filter(m -> m.type().equals("template")).count()).isGreaterThanOrEqualTo(LATE);
      // Zero rule violations: no request was rejected and no accepted message failed.
      assertThat(sandbox.requests()).allSatisfy(r -> assertThat(r.responseStatus()).as(r.path()).isLessThan(400));
      assertThat(sent).allSatisfy(m -> assertThat(m.failureCode()).isZero());
      assertThat(bridge.outbox().count(OutboxEntry.Status.PENDING)).isZero();
      assertThat(bridge.stats().duplicatesSkipped()).isPositive();
      assertThat(paced.throttledAnswers()).isZero();
    }
  }

  private static void deliver(HelpdeskBridge bridge, WebhookRequest first, Supplier<WebhookRequest> retry) {
    WebhookRequest hook = first;
    for (int attempt = 0; ; attempt++) {
      try {
        bridge.onAgentReplyWebhook(hook);
        return;
      } catch (HelpdeskException e) {
        if (!e.retryable() || attempt > 50) {
          throw e;
        }
        hook = retry.get();
      }
    }
  }

  private static void settle(HelpdeskBridge bridge, CloudApiSandbox sandbox, MutableClock clock) {
    for (int i = 0; i < 2_000; i++) {
      bridge.tick();
      sandbox.deliverPending();
      if (bridge.pendingInbound() == 0 && bridge.outbox().count(OutboxEntry.Status.PENDING) == 0
          && sandbox.pendingWebhooks() == 0) {
        return;
      }
      clock.advance(Duration.ofSeconds(1));
    }
    throw new AssertionError("did not settle");
  }
}
