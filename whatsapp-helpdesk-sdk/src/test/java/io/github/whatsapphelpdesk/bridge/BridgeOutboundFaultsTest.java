package io.github.whatsapphelpdesk.bridge;

import static io.github.whatsapphelpdesk.bridge.BridgeFixtures.PN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.bridge.BridgeOperations.RedriveResult;
import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.StoredTicket;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.observe.ChannelHealthEvent;
import io.github.whatsapphelpdesk.spi.DeliveryStatusUpdate;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.DeliveryStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbound path under faults (issue 17, items 5-8): lost answers, early statuses, outages of hours,
 * operator re-drives and the 131048 spam rate limit. Time is a {@link MutableClock}.
 */
class BridgeOutboundFaultsTest {
  private static final String WA = "4915123456789";
  private static final CustomerId CUSTOMER = CustomerId.ofPhone(WA);
  private final MutableClock clock = MutableClock.create();
  private final InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
  private final FakeCloudApi meta = new FakeCloudApi(clock, 1, 0.0);
  private final List<ChannelHealthEvent> health = new ArrayList<>();

  private HelpdeskBridge.Builder bridge() {
    return HelpdeskBridge.builder().adapter(desk).gateway(meta).clock(clock).healthListener(health::add);
  }

  private StoredTicket inbound(HelpdeskBridge b, String wamid, String text) {
    meta.customerWrote(PN, WA, clock.instant());
    b.onEvent(BridgeFixtures.text(wamid, WA, clock.instant(), text));
    return desk.ticketsForConversation(b.conversations().currentKey(PN, CUSTOMER).format()).get(0);
  }

  private List<String> notes(StoredTicket t) {
    return desk.notes(t.id()).stream().map(n -> n.text()).toList();
  }

  /** Ticks every {@code step} for {@code total}. */
  private void runFor(HelpdeskBridge b, Duration total, Duration step) {
    for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plus(step)) {
      clock.advance(step);
      b.tick();
    }
  }

  // ------------------------------------------------------------------------------ lost answers (item 5)

  @ParameterizedTest
  @ValueSource(strings = {"timeout", "gateway"})
  void aLostAnswerIsNotAFailure_theAgentIsToldTheTruth_andTheStatusSettlesIt(String how) {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    meta.loseAnswers = how;
    meta.answersToLose.set(1);
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Your parcel ships today"));
    b.processOutbox();

    assertThat(meta.accepted).hasSize(1);
    assertThat(b.outbox().count(OutboxEntry.Status.DEAD)).isZero();
    assertThat(b.outbox().count(OutboxEntry.Status.UNCONFIRMED)).isEqualTo(1);
    assertThat(notes(t)).noneMatch(n -> n.contains("NOT delivered"))
        .anyMatch(n -> n.contains("not confirmed yet") && n.contains("not sent again"));
    runFor(b, Duration.ofHours(2), Duration.ofMinutes(5));
    assertThat(meta.accepted).as("never resent blindly").hasSize(1);

    FakeCloudApi.Sent sent = meta.accepted.get(0);
    OutboxEntry entry = b.outbox().list(OutboxEntry.Status.UNCONFIRMED, 1).get(0);
    assertThat(sent.callbackData()).isEqualTo(entry.id());
    b.onEvent(BridgeFixtures.status(sent.wamid(), WA, clock.instant(), DeliveryStatus.SENT, sent.callbackData(), null));

    assertThat(b.outbox().get(entry.id())).get().satisfies(e -> {
      assertThat(e.status()).isEqualTo(OutboxEntry.Status.SENT);
      assertThat(e.wamid()).isEqualTo(sent.wamid());
    });
    assertThat(b.conversations().messageLink(sent.wamid())).get()
        .satisfies(l -> assertThat(l.ticketId()).isEqualTo(t.id()));
    assertThat(notes(t)).anyMatch(n -> n.contains("now confirmed"));
    // Linked now: a later failed status reaches the ticket.
    b.onEvent(BridgeFixtures.status(sent.wamid(), WA, clock.instant(), DeliveryStatus.FAILED, sent.callbackData(), 131026));
    assertThat(desk.deliveryStatuses(t.id())).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo(DeliveryStatusUpdate.Status.FAILED));
  }

  @Test
  void aStatusWithAnotherNumbersOrAnUnknownCallbackDataSettlesNothing() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    meta.loseAnswers = "timeout";
    meta.answersToLose.set(1);
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello"));
    b.processOutbox();
    FakeCloudApi.Sent sent = meta.accepted.get(0);
    b.onEvent(BridgeFixtures.status(sent.wamid(), WA, clock.instant(), DeliveryStatus.SENT, "ob-999", null));
    b.onEvent(BridgeFixtures.status(sent.wamid(), WA, clock.instant(), DeliveryStatus.SENT, "not-an-entry", null));
    assertThat(b.outbox().count(OutboxEntry.Status.UNCONFIRMED)).isEqualTo(1);
    assertThat(b.conversations().messageLink(sent.wamid())).isEmpty();
  }

  // ---------------------------------------------------------------------------- early statuses (item 6)

  @Test
  void aFailedStatusThatArrivesBeforeTheSendsAnswerIsParkedAndApplied() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    meta.duringSend = s -> b.onEvent(BridgeFixtures.status(s.wamid(), WA, clock.instant(), DeliveryStatus.FAILED,
        s.callbackData(), 131026));
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello"));
    b.processOutbox();

    assertThat(b.outbox().count(OutboxEntry.Status.SENT)).isEqualTo(1);
    assertThat(desk.deliveryStatuses(t.id())).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo(DeliveryStatusUpdate.Status.FAILED);
      assertThat(s.errorCode()).isEqualTo(131026);
    });
  }

  @Test
  void aStatusThatBeatsALostAnswerSettlesTheSendAtOnce() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    meta.loseAnswers = "timeout";
    meta.answersToLose.set(1);
    meta.duringSend = s -> b.onEvent(BridgeFixtures.status(s.wamid(), WA, clock.instant(), DeliveryStatus.SENT,
        s.callbackData(), null));
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello"));
    b.processOutbox();

    assertThat(b.outbox().count(OutboxEntry.Status.UNCONFIRMED)).isZero();
    assertThat(b.outbox().list(OutboxEntry.Status.SENT, 1)).singleElement()
        .satisfies(e -> assertThat(e.wamid()).isEqualTo(meta.accepted.get(0).wamid()));
    assertThat(b.conversations().messageLink(meta.accepted.get(0).wamid())).isPresent();
  }

  // ------------------------------------------------------------------------------------ outages (item 7)

  @Test
  void aThreeHourOutageOfServerErrorsIsRiddenOut() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    clock.advance(Duration.ofMinutes(1));
    meta.failAllWith = 131016; // service unavailable, retryable
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Sorry for the wait"));
    runFor(b, Duration.ofHours(3), Duration.ofMinutes(1));
    assertThat(b.outbox().count(OutboxEntry.Status.DEAD)).isZero();
    int attempts = meta.rejections.size();
    assertThat(attempts).as("capped backoff: about one attempt per 5 minutes").isBetween(30, 50);
    meta.failAllWith = null;
    runFor(b, Duration.ofMinutes(6), Duration.ofMinutes(1));
    assertThat(meta.accepted).singleElement().satisfies(s -> assertThat(s.text()).isEqualTo("Sorry for the wait"));
    assertThat(notes(t)).noneMatch(n -> n.contains("NOT delivered"));
  }

  @Test
  void afterTheRetryWindowTheSendIsDeadLettered_andAnOperatorReDrivesIt() {
    HelpdeskBridge b = bridge().retryFor(Duration.ofMinutes(30)).build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    meta.failAllWith = 2;
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello"));
    runFor(b, Duration.ofMinutes(40), Duration.ofMinutes(1));
    assertThat(b.outbox().count(OutboxEntry.Status.DEAD)).isEqualTo(1);
    assertThat(notes(t)).anyMatch(n -> n.contains("NOT delivered"));

    meta.failAllWith = null;
    assertThat(b.operations().deadLetters(10)).hasSize(1);
    assertThat(b.operations().redriveDeadLetters(e -> true, 100)).isEqualTo(1);
    b.tick();
    assertThat(meta.accepted).hasSize(1);
    assertThat(b.outbox().count(OutboxEntry.Status.DEAD)).isZero();
    assertThat(b.outbox().count(OutboxEntry.Status.SENT)).isEqualTo(1);
    assertThat(b.conversations().messageLink(meta.accepted.get(0).wamid())).isPresent();
  }

  @Test
  void aReRoutedDeadLetterIsNotReDriven() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello"));
    clock.advance(Duration.ofHours(25)); // the window closed while the reply was queued: re-routed (held)
    b.tick();
    OutboxEntry dead = b.outbox().list(OutboxEntry.Status.DEAD, 1).get(0);
    assertThat(dead.lastError()).endsWith("re-routed");
    assertThat(b.operations().redrive(dead.id())).isEqualTo(RedriveResult.NOT_REDRIVABLE);
    assertThat(b.operations().redriveDeadLetters(e -> true, 10)).isZero();
    assertThat(b.operations().redrive("ob-404")).isEqualTo(RedriveResult.NOT_FOUND);
  }

  @Test
  void anUnconfirmedSendIsReDrivableOnlyAfterTheSettleTimeout() {
    HelpdeskBridge b = bridge().settleTimeout(Duration.ofMinutes(20)).build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    meta.loseAnswers = "gateway";
    meta.answersToLose.set(1);
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello"));
    b.processOutbox();
    String id = b.operations().unconfirmed(1).get(0).id();
    clock.advance(Duration.ofMinutes(19));
    assertThat(b.operations().redrive(id)).isEqualTo(RedriveResult.TOO_EARLY);
    clock.advance(Duration.ofMinutes(1));
    assertThat(b.operations().redrive(id)).isEqualTo(RedriveResult.REDRIVEN);
    b.tick();
    assertThat(meta.accepted).hasSize(2);
    assertThat(b.outbox().get(id)).get().satisfies(e -> assertThat(e.status()).isEqualTo(OutboxEntry.Status.SENT));
  }

  // ---------------------------------------------------------------------------- 131048 (item 8)

  @Test
  void theSpamRateLimitWaitsLongAndAlertsTheOperatorOnce() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    meta.failAllWith = 131048;
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello"));
    b.tick();
    assertThat(meta.rejections).hasSize(1);
    assertThat(health).filteredOn(h -> h.kind() == ChannelHealthEvent.Kind.SPAM_RATE_LIMITED).singleElement()
        .satisfies(h -> assertThat(h.code()).isEqualTo(131048));
    runFor(b, Duration.ofMinutes(59), Duration.ofMinutes(1));
    assertThat(meta.rejections).as("no retry within the hour").hasSize(1);
    meta.failAllWith = null;
    runFor(b, Duration.ofMinutes(2), Duration.ofMinutes(1));
    assertThat(meta.accepted).hasSize(1);
    assertThat(b.outbox().count(OutboxEntry.Status.DEAD)).isZero();
    assertThat(health).filteredOn(h -> h.kind() == ChannelHealthEvent.Kind.SPAM_RATE_LIMITED).hasSize(1);
  }

  @Test
  void aFailedStatusWith131048AlertsTheOperator() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello"));
    b.processOutbox();
    String wamid = meta.accepted.get(0).wamid();
    b.onEvent(BridgeFixtures.failed(wamid, WA, clock.instant(), 131048));
    assertThat(health).extracting(ChannelHealthEvent::kind).contains(ChannelHealthEvent.Kind.SPAM_RATE_LIMITED);
  }
}
