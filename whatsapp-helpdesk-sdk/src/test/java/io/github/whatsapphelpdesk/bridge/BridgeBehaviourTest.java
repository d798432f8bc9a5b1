package io.github.whatsapphelpdesk.bridge;

import static io.github.whatsapphelpdesk.bridge.BridgeFixtures.PN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.client.Interactive;
import io.github.whatsapphelpdesk.client.InteractiveAction;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.Text;
import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.observe.ChannelHealthEvent;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.crm.StoredComment;
import io.github.whatsapphelpdesk.crm.StoredTicket;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import io.github.whatsapphelpdesk.template.PolicyParam;
import io.github.whatsapphelpdesk.template.PolicyRule;
import io.github.whatsapphelpdesk.template.TemplatePolicy;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.ContactProfile;
import io.github.whatsapphelpdesk.webhook.EventMetadata;
import io.github.whatsapphelpdesk.webhook.InboundContent;
import io.github.whatsapphelpdesk.webhook.UserPreferenceUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BridgeBehaviourTest {
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

  private String lastAgentCommentId(String ticketId) {
    List<StoredComment> cs = desk.comments(ticketId);
    return cs.stream().filter(c -> c.authorKind() == StoredComment.AuthorKind.AGENT).reduce((a, c) -> c)
        .orElseThrow().id();
  }

  @Test
  void inboundTextBecomesOneTicketAndAgentReplyGoesOutOnce() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Where is my order?");
    inbound(b, "wamid.1", "Where is my order?"); // duplicate delivery
    inbound(b, "wamid.2", "It is late");
    assertThat(desk.tickets()).hasSize(1);
    assertThat(desk.comments(t.id())).extracting(StoredComment::text).containsExactly("Where is my order?", "It is late");
    assertThat(t.tags()).contains("whatsapp");

    var hook = desk.agentReply(t.id(), "agent-1", "It ships today");
    assertThat(b.onAgentReplyWebhook(hook)).isEqualTo(1);
    assertThat(b.onAgentReplyWebhook(desk.webhookFor(t.id(), lastAgentCommentId(t.id())))).isZero();
    b.processOutbox();
    assertThat(meta.accepted).singleElement().satisfies(m -> {
      assertThat(m.kind()).isEqualTo("text");
      assertThat(m.text()).isEqualTo("It ships today");
    });
    String wamid = b.outbox().list(OutboxEntry.Status.SENT, 10).get(0).wamid();
    assertThat(b.conversations().messageLink(wamid)).get().satisfies(l -> assertThat(l.ticketId()).isEqualTo(t.id()));
  }

  @Test
  void replyAfterTheWindowIsHeldWithANoteWithoutATemplatePolicy() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hello");
    clock.advance(Duration.ofHours(25));
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Sorry for the wait"));
    b.tick();
    assertThat(meta.accepted).isEmpty();
    assertThat(meta.rejections).isEmpty();
    assertThat(desk.notes(t.id())).anySatisfy(n -> assertThat(n.text()).contains("NOT sent"));
    assertThat(b.stats().repliesHeld()).isEqualTo(1);
    // The same reply again is not re-decided.
    b.onAgentReplyWebhook(desk.webhookFor(t.id(), lastAgentCommentId(t.id())));
    assertThat(b.stats().repliesHeld()).isEqualTo(1);
  }

  @Test
  void replyAfterTheWindowUsesThePolicyTemplateCarryingTheAgentsText() {
    TemplatePolicy policy = TemplatePolicy.builder().rule(PolicyRule.builder("reopen").onReplyWindowClosed()
        .template("reopen_conversation", "en").body(PolicyParam.agentText()).build()).build();
    HelpdeskBridge b = bridge().policy(policy).build();
    StoredTicket t = inbound(b, "wamid.1", "Hello");
    clock.advance(Duration.ofHours(30));
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Your refund is done"));
    b.tick();
    assertThat(meta.accepted).singleElement().satisfies(m -> {
      assertThat(m.kind()).isEqualTo("template");
      TemplateMessage template = (TemplateMessage) m.message().content();
      assertThat(template.name()).isEqualTo("reopen_conversation");
      assertThat(template.components()).flatExtracting(c -> c.parameters()).extracting(p -> p.value())
          .contains("Your refund is done");
    });
    assertThat(desk.notes(t.id())).anySatisfy(n -> assertThat(n.text()).contains("reopen_conversation"));
  }

  @Test
  void mediaIsDownloadedAtOnceAndAttached_orAPlaceholderWhenItCannotBe() {
    HelpdeskBridge b = bridge().build();
    meta.media.put("media-1", "JPEGDATA".getBytes(StandardCharsets.US_ASCII));
    meta.customerWrote(PN, WA, clock.instant());
    b.onEvent(BridgeFixtures.message("wamid.m1", WA, clock.instant(), new InboundContent.Media(
        InboundContent.MediaType.IMAGE, "media-1", "image/jpeg", null, "my parcel", null, false, false, null)));
    b.onEvent(BridgeFixtures.message("wamid.m2", WA, clock.instant(), new InboundContent.Media(
        InboundContent.MediaType.DOCUMENT, "media-gone", "application/pdf", null, null, "invoice.pdf", false, false, null)));
    StoredTicket t = desk.tickets().get(0);
    List<StoredComment> cs = desk.comments(t.id());
    assertThat(cs.get(0).text()).isEqualTo("[image] my parcel");
    assertThat(cs.get(0).attachments()).hasSize(1);
    assertThat(cs.get(1).text()).contains("could not be fetched").contains("131052");
  }

  @Test
  void locationAndReactionsAreReadable() {
    HelpdeskBridge b = bridge().build();
    meta.customerWrote(PN, WA, clock.instant());
    b.onEvent(BridgeFixtures.message("wamid.l", WA, clock.instant(),
        new InboundContent.Location(52.52, 13.405, "Office", "Berlin", null)));
    b.onEvent(BridgeFixtures.message("wamid.r", WA, clock.instant(), new InboundContent.Reaction("wamid.l", "\uD83D\uDC4D")));
    List<StoredComment> cs = desk.comments(desk.tickets().get(0).id());
    assertThat(cs.get(0).text()).contains("[location] Office, Berlin, 52.520000, 13.405000");
    assertThat(cs.get(1).text()).isEqualTo("[reacted \uD83D\uDC4D to a message]");
  }

  @Test
  void failedDeliveryBecomesANoteWithTheReasonAndNextStep() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello!"));
    b.processOutbox();
    String wamid = b.outbox().list(OutboxEntry.Status.SENT, 10).get(0).wamid();
    b.onEvent(BridgeFixtures.failed(wamid, WA, clock.instant(), 131026));
    b.onEvent(BridgeFixtures.failed("wamid.not-ours", WA, clock.instant(), 131026));
    assertThat(desk.notes(t.id())).filteredOn(n -> n.text().contains("could not deliver")).singleElement()
        .satisfies(n -> assertThat(n.text()).contains("131026").contains("contact the customer another way"));
    assertThat(desk.deliveryStatuses(t.id())).hasSize(1);
  }

  @Test
  void permanentSendFailuresAreDeadLetteredWithANote_andTokenErrorsRaiseHealthEvents() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    meta.failAllWith = 190;
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello!"));
    b.tick();
    b.tick();
    assertThat(b.outbox().count(OutboxEntry.Status.DEAD)).isEqualTo(1);
    assertThat(desk.notes(t.id())).anySatisfy(n -> assertThat(n.text()).contains("NOT delivered").contains("190"));
    assertThat(health).extracting(ChannelHealthEvent::kind).contains(ChannelHealthEvent.Kind.TOKEN_INVALID);
  }

  @Test
  void aFailedStatusWhoseNoteIsRetriedRaisesItsHealthEventOnce() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello!"));
    b.processOutbox();
    String wamid = b.outbox().list(OutboxEntry.Status.SENT, 10).get(0).wamid();
    desk.rateLimitNext(1, java.time.Duration.ofSeconds(1));
    b.onEvent(BridgeFixtures.failed(wamid, WA, clock.instant(), 190));
    for (int i = 0; i < 5 && b.pendingInbound() > 0; i++) {
      clock.advance(java.time.Duration.ofMinutes(1));
      b.tick();
    }
    assertThat(b.pendingInbound()).isZero();
    assertThat(desk.deliveryStatuses(t.id())).hasSize(1);
    assertThat(health).filteredOn(h -> h.kind() == ChannelHealthEvent.Kind.TOKEN_INVALID).hasSize(1);
  }

  @Test
  void retryableSendFailuresAreRetriedWithBackoff() {
    HelpdeskBridge b = bridge().retryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(1)).build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    meta.failAllWith = 131000;
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello!"));
    b.tick();
    assertThat(b.outbox().count(OutboxEntry.Status.PENDING)).isEqualTo(1);
    meta.failAllWith = null;
    b.tick(); // not yet due
    assertThat(meta.accepted).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    b.tick();
    assertThat(meta.accepted).hasSize(1);
    assertThat(b.stats().sendRetries()).isEqualTo(1);
  }

  @Test
  void optOutByKeywordPreferenceAnd131050_andResume() {
    HelpdeskBridge b = bridge().build();
    inbound(b, "wamid.1", "  stop ");
    assertThat(b.suppressionList().isSuppressed(CUSTOMER)).isTrue();
    inbound(b, "wamid.2", "START");
    assertThat(b.suppressionList().isSuppressed(CUSTOMER)).isFalse();
    b.onEvent(new UserPreferenceUpdate(EventMetadata.of("w", PN, "1555"), WA, null, new ContactProfile(WA, "A", null, null, null),
        "marketing_messages", UserPreferenceUpdate.Value.STOP, "User requested to stop marketing messages", clock.instant()));
    assertThat(b.suppressionList().isSuppressed(CUSTOMER)).isTrue();
    assertThat(b.stats().optOuts()).isEqualTo(2);
  }

  @Test
  void csatAskedOnSolveAndTheAnswerIsRecordedOnTheTicket() {
    HelpdeskBridge b = bridge().csatQuestion("How did we do?").build();
    StoredTicket t = inbound(b, "wamid.1", "Thanks!");
    desk.solve(t.id());
    assertThat(b.onTicketSolved(t.id())).isTrue();
    assertThat(b.onTicketSolved(t.id())).isFalse(); // once per ticket
    b.processOutbox();
    assertThat(meta.accepted).singleElement().satisfies(m -> {
      assertThat(m.kind()).isEqualTo("interactive");
      assertThat(((InteractiveAction.ReplyButtons) ((Interactive) m.message().content()).action()).buttons()).hasSize(3);
    });
    b.onEvent(BridgeFixtures.message("wamid.csat", WA, clock.instant(),
        new InboundContent.ButtonReply("csat:" + t.id() + ":good", "Good")));
    assertThat(desk.notes(t.id())).anySatisfy(n -> assertThat(n.text()).isEqualTo("CSAT answer from the customer: Good"));
    assertThat(desk.tickets()).hasSize(1); // the answer does not open a ticket
  }

  @Test
  void windowWarningsBecomeNotesOnTheTicket() {
    HelpdeskBridge b = bridge().build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    clock.advance(Duration.ofHours(23));
    b.tick();
    assertThat(desk.notes(t.id())).anySatisfy(n -> assertThat(n.text()).contains("closes at").contains("60 min"));
  }

  @Test
  void aClosedTicketStartsANewEpisodeOnAFollowUp() {
    HelpdeskBridge b = bridge().build();
    StoredTicket first = inbound(b, "wamid.1", "First issue");
    desk.close(first.id());
    meta.customerWrote(PN, WA, clock.instant());
    b.onEvent(BridgeFixtures.text("wamid.2", WA, clock.instant(), "New issue"));
    assertThat(desk.tickets()).hasSize(2);
    assertThat(b.conversations().currentKey(PN, CUSTOMER).episode()).isEqualTo(2);
    String secondId = b.conversations().ticketFor(b.conversations().currentKey(PN, CUSTOMER)).orElseThrow().ticketId();
    StoredTicket second = desk.ticket(secondId).orElseThrow();
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(desk.comments(second.id())).extracting(StoredComment::text).contains("New issue");
  }

  @Test
  void shadowModeRecordsInsteadOfSending() {
    HelpdeskBridge b = bridge().shadowMode(true).build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hello!", Attachment.ofBytes("a.pdf", "application/pdf", new byte[] {1})));
    b.processOutbox();
    assertThat(meta.accepted).isEmpty();
    assertThat(b.shadowLog()).hasSize(2);
    assertThat(desk.comments(t.id())).extracting(StoredComment::text).contains("Hi");
  }

  @Test
  void shadowLogKeepsOnlyTheLatestEntries() {
    HelpdeskBridge b = bridge().shadowMode(true).build();
    StoredTicket t = inbound(b, "wamid.1", "Hi");
    int replies = HelpdeskBridge.SHADOW_LOG_LIMIT + 5;
    for (int i = 0; i < replies; i++) {
      b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Reply " + i));
      b.processOutbox();
    }
    assertThat(meta.accepted).isEmpty();
    assertThat(b.stats().shadowRecorded()).isEqualTo(replies);
    assertThat(b.shadowLog()).hasSize(HelpdeskBridge.SHADOW_LOG_LIMIT);
    assertThat(((Text) b.shadowLog().get(b.shadowLog().size() - 1).message().content()).body()).isEqualTo("Reply " + (replies - 1));
    assertThat(((Text) b.shadowLog().get(0).message().content()).body()).isEqualTo("Reply 5");
  }

  @Test
  void rolloutPercentageIsStableByWaId() {
    HelpdeskBridge none = bridge().rolloutPercent(0).build();
    none.onEvent(BridgeFixtures.text("wamid.1", WA, clock.instant(), "Hi"));
    assertThat(desk.tickets()).isEmpty();
    assertThat(none.stats().outsideRollout()).isEqualTo(1);
    HelpdeskBridge half = bridge().rolloutPercent(50).build();
    int in = 0;
    for (int i = 0; i < 1000; i++) {
      String wa = "49151" + (30_000_000 + i);
      assertThat(half.inRollout(wa)).isEqualTo(half.inRollout("+" + wa));
      in += half.inRollout(wa) ? 1 : 0;
    }
    assertThat(in).isBetween(400, 600);
  }

  @Test
  void everythingTheBridgeDoesIsReportedThroughTheListenerSeam() {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    SdkListener recorder = new SdkListener() {
      @Override public void ticketCreated(String adapterId) { seen.add("ticket:" + adapterId); }
      @Override public void messagesAppended(String adapterId, int count) { seen.add("appended:" + count); }
      @Override public void replyRouted(ReplyOutcome outcome) { seen.add("reply:" + outcome); }
      @Override public void messageSent(String kind) { seen.add("sent:" + kind); }
      @Override public void duplicateSkipped(String type) { seen.add("duplicate:" + type); }
      @Override public void outboxDepth(long depth, Duration oldestAge) { seen.add("depth:" + depth); }
      @Override public void helpdeskCall(String adapterId, String operation, String outcome, Duration elapsed) {
        seen.add("call:" + operation + ":" + outcome);
      }
    };
    SdkListener throwing = new SdkListener() {
      @Override public void ticketCreated(String adapterId) { throw new IllegalStateException("listener bug"); }
    };
    HelpdeskBridge b = bridge().listener(throwing).listener(recorder).build();
    StoredTicket t = inbound(b, "wamid.1", "Hello");
    b.onEvent(BridgeFixtures.text("wamid.1", WA, clock.instant(), "Hello"));
    b.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hi"));
    b.processOutbox();

    assertThat(seen).containsSubsequence("call:upsertContact:ok", "call:findOrCreateTicket:ok", "ticket:in-memory",
        "appended:1", "duplicate:InboundMessage", "reply:QUEUED_FREE_FORM", "sent:text", "depth:0");
    // A listener that throws changes nothing: the stats (on the same seam) still count the ticket.
    assertThat(b.stats().ticketsCreated()).isEqualTo(1);
    assertThat(seen).noneMatch(e -> e.contains(WA));
  }

  @Test
  void aCapabilityUpdateSetsThePortfolioMessagingLimitOfTheClientsLimiter() {
    io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter limiter =
        io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter.builder().clock(clock).build();
    HelpdeskBridge b = bridge().outboundLimiter(limiter).build();
    String portfolio = limiter.portfolioOf(PN);
    b.onEvent(new io.github.whatsapphelpdesk.webhook.BusinessCapabilityUpdate(
        new EventMetadata("102290129340398", null, null, "business_capability_update", clock.instant(), "c0ffee"),
        null, null, 10_000L, null));
    assertThat(limiter.messagingLimit(portfolio))
        .isEqualTo(io.github.whatsapphelpdesk.ratelimit.MessagingLimit.ofDailyConversations(10_000));
    limiter.close();
  }
}
