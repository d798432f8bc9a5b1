package io.github.whatsapphelpdesk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.crm.FailureInjector;
import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.StoredComment;
import io.github.whatsapphelpdesk.crm.StoredTicket;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.store.InMemoryOutbox;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import io.github.whatsapphelpdesk.template.PolicyParam;
import io.github.whatsapphelpdesk.template.PolicyRule;
import io.github.whatsapphelpdesk.template.TemplatePolicy;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reliability acceptance test: 10,000 inbound messages over 500 conversations, a fifth of the
 * customers username-only (a BSUID, no phone number anywhere), 20 % delivered twice, shuffled across
 * conversations (never within one), a helpdesk failing 20 % of its calls, agents replying to every
 * conversation, 150 of them after the window closed. Seeded and deterministic.
 */
class BridgeAcceptanceTest {
  private static final int CONVERSATIONS = 500;
  private static final int PER_CONVERSATION = 20;
  private static final int LATE_REPLIES = 150;

  @Test
  void nothingIsLostOrDuplicated() {
    Random rnd = new Random(20261203L);
    MutableClock clock = MutableClock.create();
    InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock)
        .failureInjector(FailureInjector.seeded(7, 0.2, 0.5)).build();
    FakeCloudApi meta = new FakeCloudApi(clock, 11, 0.1);
    TemplatePolicy policy = TemplatePolicy.builder()
        .rule(PolicyRule.builder("reopen").onReplyWindowClosed().template("reopen_conversation", "en")
            .body(PolicyParam.agentText().maxLength(500)).build())
        .build();
    // Sent entries are kept for the whole run, so each accepted send can be traced to its agent reply.
    HelpdeskBridge bridge = HelpdeskBridge.builder().adapter(desk).gateway(meta).clock(clock).policy(policy)
        .outbox(InMemoryOutbox.create(clock, Duration.ofDays(30)))
        .retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)).maxSendAttempts(12).build();

    // Per-conversation queues in order; duplicates re-enter the stream later.
    List<String> customers = new ArrayList<>();
    Map<String, ArrayDeque<Integer>> queues = new HashMap<>();
    for (int c = 0; c < CONVERSATIONS; c++) {
      // Every fifth customer adopted a username: Meta sends only their BSUID.
      String wa = c % 5 == 4 ? "DE." + (7_000_000_000_000L + c * 7919L) : "49151" + (20_000_000 + c * 37);
      customers.add(wa);
      ArrayDeque<Integer> q = new ArrayDeque<>();
      for (int i = 0; i < PER_CONVERSATION; i++) {
        q.add(i);
      }
      queues.put(wa, q);
    }
    Map<String, InboundMessage> sentMessages = new HashMap<>();
    List<InboundMessage> redeliveries = new ArrayList<>();
    List<String> open = new ArrayList<>(customers);
    int deliveries = 0;
    while (!open.isEmpty() || !redeliveries.isEmpty()) {
      if (!redeliveries.isEmpty() && (open.isEmpty() || rnd.nextInt(5) == 0)) {
        bridge.onEvent(redeliveries.remove(rnd.nextInt(redeliveries.size())));
      } else {
        String wa = open.get(rnd.nextInt(open.size()));
        int i = queues.get(wa).poll();
        if (queues.get(wa).isEmpty()) {
          open.remove(wa);
        }
        InboundMessage m = BridgeFixtures.text("wamid." + wa + "." + i, wa, clock.instant(), "message " + i + " from " + wa);
        sentMessages.put(m.wamid(), m);
        meta.customerWrote(BridgeFixtures.PN, wa, m.timestamp());
        bridge.onEvent(m);
        if (rnd.nextDouble() < 0.2) {
          redeliveries.add(m);
        }
      }
      deliveries++;
      clock.advance(Duration.ofMillis(500));
      if (deliveries % 50 == 0) {
        bridge.tick();
      }
    }
    settle(bridge, clock);
    assertThat(sentMessages).hasSize(CONVERSATIONS * PER_CONVERSATION);
    assertThat(deliveries).isGreaterThan(CONVERSATIONS * PER_CONVERSATION * 11 / 10);
    assertThat(bridge.stats().helpdeskRetries()).isPositive();

    // Exactly one ticket per conversation episode, every message once and in order.
    assertThat(desk.tickets()).hasSize(CONVERSATIONS);
    Map<String, StoredTicket> ticketByWa = new HashMap<>();
    for (String wa : customers) {
      String key = bridge.conversations().currentKey(BridgeFixtures.PN, CustomerId.parse(wa)).format();
      List<StoredTicket> tickets = desk.ticketsForConversation(key);
      assertThat(tickets).as("tickets of %s", key).hasSize(1);
      ticketByWa.put(wa, tickets.get(0));
      List<String> texts = desk.comments(tickets.get(0).id()).stream()
          .filter(c -> c.authorKind() == StoredComment.AuthorKind.CUSTOMER).map(StoredComment::text).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < PER_CONVERSATION; i++) {
        expected.add("message " + i + " from " + wa);
      }
      assertThat(texts).as("comments of %s", key).containsExactlyElementsOf(expected);
    }

    // Agents reply to every conversation; each webhook arrives twice; the last 150 after the window closed.
    Map<String, String> replyIdByTicket = new HashMap<>();
    for (int c = 0; c < CONVERSATIONS; c++) {
      if (c == CONVERSATIONS - LATE_REPLIES) {
        clock.advance(Duration.ofHours(25));
      }
      StoredTicket t = ticketByWa.get(customers.get(c));
      WebhookRequest hook = desk.agentReply(t.id(), "agent-" + (c % 7), "Answer for ticket " + t.id());
      String commentId = lastAgentComment(desk, t.id());
      // Retries and the duplicate delivery carry fresh tokens (a replayed token is rejected).
      deliverWebhook(bridge, hook, () -> desk.webhookFor(t.id(), commentId));
      deliverWebhook(bridge, desk.webhookFor(t.id(), commentId), () -> desk.webhookFor(t.id(), commentId));
      if (rnd.nextInt(4) == 0) {
        bridge.tick();
      }
      replyIdByTicket.put(t.id(), commentId);
    }
    settle(bridge, clock);

    // Every reply sent exactly once: free-form while the window was open, the template after it closed.
    Map<String, OutboxEntry> entries = new HashMap<>();
    bridge.outbox().list(OutboxEntry.Status.SENT, 100_000).forEach(e -> entries.put(e.id(), e));
    Map<String, List<FakeCloudApi.Sent>> byReply = meta.accepted.stream()
        .filter(m -> entries.get(m.callbackData()).message().replyId() != null)
        .collect(Collectors.groupingBy(m -> entries.get(m.callbackData()).message().replyId()));
    assertThat(byReply).hasSize(CONVERSATIONS);
    byReply.forEach((id, ms) -> assertThat(ms).as("reply %s", id).hasSize(1));
    assertThat(replyIdByTicket.values()).containsExactlyInAnyOrderElementsOf(byReply.keySet());
    long templates = meta.accepted.stream().filter(FakeCloudApi.Sent::isTemplate).count();
    // Every late reply went out as the template; some replies queued in the window whose send retries
    // outlived it were re-routed to the template too, never sent free-form into a 131047.
    assertThat(templates).isGreaterThanOrEqualTo(LATE_REPLIES);
    for (int c = CONVERSATIONS - LATE_REPLIES; c < CONVERSATIONS; c++) {
      String replyId = replyIdByTicket.get(ticketByWa.get(customers.get(c)).id());
      assertThat(byReply.get(replyId).get(0).isTemplate()).isTrue();
    }
    assertThat(meta.rejections).as("no 131047 reached Meta").isEmpty();
    // Username-only customers were answered by BSUID, the others by phone number.
    for (FakeCloudApi.Sent sent : meta.accepted) {
      assertThat(sent.message().to() == null).isEqualTo(sent.address().startsWith("DE."));
    }
    assertThat(meta.accepted).anyMatch(m -> m.message().recipient() != null);

    // No outbound message lost: nothing pending, leased or dead.
    assertThat(bridge.outbox().count(OutboxEntry.Status.PENDING)).isZero();
    assertThat(bridge.outbox().count(OutboxEntry.Status.LEASED)).isZero();
    // Dead entries are only the free-form sends re-routed to a template (their replacement was sent).
    assertThat(bridge.outbox().list(OutboxEntry.Status.DEAD, 10_000))
        .allSatisfy(e -> assertThat(e.lastError()).contains("re-routed"))
        .hasSize((int) templates - LATE_REPLIES);
    assertThat(bridge.stats().sendRetries()).isPositive();
    assertThat(bridge.stats().repliesQueued()).isEqualTo(CONVERSATIONS + templates - LATE_REPLIES);
    assertThat(bridge.stats().repliesHeld()).isZero();
    assertThat(bridge.stats().duplicatesSkipped()).isGreaterThanOrEqualTo(CONVERSATIONS);
    // Each late reply's ticket got exactly one note explaining the template fallback.
    for (int c = CONVERSATIONS - LATE_REPLIES; c < CONVERSATIONS; c++) {
      StoredTicket t = ticketByWa.get(customers.get(c));
      assertThat(desk.notes(t.id()).stream().filter(n -> n.text().contains("reopen_conversation")).count())
          .isEqualTo(1);
    }
  }

  private static String lastAgentComment(InMemoryHelpdesk desk, String ticketId) {
    List<StoredComment> cs = desk.comments(ticketId);
    for (int i = cs.size() - 1; i >= 0; i--) {
      if (cs.get(i).authorKind() == StoredComment.AuthorKind.AGENT) {
        return cs.get(i).id();
      }
    }
    throw new AssertionError("no agent comment on " + ticketId);
  }

  /** A helpdesk retries its webhook until the bridge accepts it. */
  private static void deliverWebhook(HelpdeskBridge bridge, WebhookRequest first,
      java.util.function.Supplier<WebhookRequest> retry) {
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

  /** Runs the background work until nothing is parked or queued. */
  private static void settle(HelpdeskBridge bridge, MutableClock clock) {
    for (int i = 0; i < 10_000; i++) {
      bridge.tick();
      boolean idle = bridge.pendingInbound() == 0 && bridge.outbox().count(OutboxEntry.Status.PENDING) == 0
          && bridge.outbox().count(OutboxEntry.Status.LEASED) == 0;
      if (idle) {
        return;
      }
      clock.advance(Duration.ofSeconds(1));
    }
    throw new AssertionError("the bridge did not settle");
  }
}
