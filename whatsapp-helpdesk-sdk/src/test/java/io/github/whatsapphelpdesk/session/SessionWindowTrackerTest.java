package io.github.whatsapphelpdesk.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.SessionWindowClosedException;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import io.github.whatsapphelpdesk.webhook.WebhookParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SessionWindowTrackerTest {
  private static final String PN = "106540352242922";
  private static final String WA = "4915123456789";
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-28T12:00:00Z"));
  private final List<SessionWindowEvent> events = new CopyOnWriteArrayList<>();

  private SessionWindowTracker tracker(SessionStore store) {
    return SessionWindowTracker.builder().store(store).clock(clock).listener(events::add).build();
  }

  @Test
  void inboundOpensWindowAtWhatsAppTimestampNotArrival() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    Instant sent = clock.instant().minus(Duration.ofHours(3)); // delivered 3 h late
    SessionWindow w = t.onInbound(PN, CustomerId.ofPhone(WA), sent);
    assertThat(w.isOpen()).isTrue();
    assertThat(w.expiresAt()).isEqualTo(sent.plus(Duration.ofHours(24)));
    assertThat(w.remaining()).isEqualTo(Duration.ofHours(21));
    assertThat(t.canSendFreeForm(PN, CustomerId.ofPhone("+" + WA))).isTrue();
  }

  @Test
  void lateAndDuplicateWebhooksNeverMoveTheWindowBack() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    Instant t1 = clock.instant();
    t.onInbound(PN, CustomerId.ofPhone(WA), t1);
    t.onInbound(PN, CustomerId.ofPhone(WA), t1.minus(Duration.ofHours(5))); // out of order
    t.onInbound(PN, CustomerId.ofPhone(WA), t1);                              // duplicate
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).expiresAt()).isEqualTo(t1.plus(Duration.ofHours(24)));
    t.onInbound(PN, CustomerId.ofPhone(WA), t1.plusSeconds(60));
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).expiresAt()).isEqualTo(t1.plusSeconds(60).plus(Duration.ofHours(24)));
  }

  @Test
  void exactBoundarySecondIsClosed() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    Instant t0 = clock.instant();
    t.onInbound(PN, CustomerId.ofPhone(WA), t0);
    clock.set(t0.plus(Duration.ofHours(24)).minusSeconds(1));
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).isOpen()).isTrue();
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).remaining()).isEqualTo(Duration.ofSeconds(1));
    clock.set(t0.plus(Duration.ofHours(24)));
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).state()).isEqualTo(SessionWindow.State.CLOSED);
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).remaining()).isZero();
  }

  @Test
  void canSendFreeFormAgreesWithTheWindowAtTheBoundaryOnTheFastPathAndTheSpiDefault() {
    InMemorySessionStore fast = InMemorySessionStore.create();
    for (SessionStore store : List.of(fast, onlyRequiredMethods(InMemorySessionStore.create()))) {
      clock.set(Instant.parse("2026-03-28T12:00:00Z"));
      SessionWindowTracker t = tracker(store);
      Instant t0 = clock.instant();
      assertThat(t.canSendFreeForm(PN, CustomerId.ofPhone(WA))).isFalse(); // no record
      t.onInbound(PN, CustomerId.ofPhone(WA), t0.plusMillis(999)); // sub-second part is dropped: WhatsApp sends seconds
      assertThat(store.lastInboundEpochSecond(new SessionKey(PN, CustomerId.ofPhone(WA)))).isEqualTo(t0.getEpochSecond());
      clock.set(t0.plus(Duration.ofHours(24)).minusMillis(1));
      assertThat(t.canSendFreeForm(PN, CustomerId.ofPhone(WA))).isTrue().isEqualTo(t.window(PN, CustomerId.ofPhone(WA)).isOpen());
      clock.set(t0.plus(Duration.ofHours(24)));
      assertThat(t.canSendFreeForm(PN, CustomerId.ofPhone(WA))).isFalse().isEqualTo(t.window(PN, CustomerId.ofPhone(WA)).isOpen());
      assertThat(t.canSendFreeForm(PN, CustomerId.ofPhone("+49 151 23456789"))).isFalse();
      assertThat(t.canSendFreeForm("other-number", CustomerId.ofPhone(WA))).isFalse();
    }
  }

  /** A store implementing only the abstract methods, so the SPI's default methods run. */
  private static SessionStore onlyRequiredMethods(SessionStore d) {
    return new SessionStore() {
      @Override
      public SessionRecord recordInbound(SessionKey key, Instant at, boolean referral) {
        return d.recordInbound(key, at, referral);
      }

      @Override
      public java.util.Optional<SessionRecord> openFreeEntryPoint(
          SessionKey key, Instant replyAt, Duration replyWithin, Duration length) {
        return d.openFreeEntryPoint(key, replyAt, replyWithin, length);
      }

      @Override
      public java.util.Optional<SessionRecord> get(SessionKey key) {
        return d.get(key);
      }

      @Override
      public int claimNotifications(SessionKey key, Instant lastInboundAt, int bits) {
        return d.claimNotifications(key, lastInboundAt, bits);
      }

      @Override
      public void forEachInboundBetween(Instant from, Instant to,
          java.util.function.Consumer<SessionRecord> visitor) {
        d.forEachInboundBetween(from, to, visitor);
      }

      @Override
      public boolean erase(SessionKey key) {
        return d.erase(key);
      }

      @Override
      public long evictBefore(Instant cutoff) {
        return d.evictBefore(cutoff);
      }

      @Override
      public long size() {
        return d.size();
      }
    };
  }

  @Test
  void twentyFourHoursAreAbsoluteAcrossADstChange() {
    // Europe/Berlin springs forward on 2026-03-29 at 02:00 local: that local day has 23 hours.
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant t0 = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, berlin).toInstant();
    clock.set(t0);
    SessionWindowTracker t = SessionWindowTracker.builder()
        .clock(clock.withZone(berlin)).listener(events::add).build();
    t.onInbound(PN, CustomerId.ofPhone(WA), t0);
    SessionWindow w = t.window(PN, CustomerId.ofPhone(WA));
    assertThat(w.expiresAt()).isEqualTo(t0.plus(Duration.ofHours(24)));
    // Local wall time of expiry is 13:00, not 12:00: the window is 24 real hours.
    assertThat(w.expiresAt().atZone(berlin).getHour()).isEqualTo(13);
    clock.set(ZonedDateTime.of(2026, 3, 29, 12, 30, 0, 0, berlin).toInstant());
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).isOpen()).isTrue();
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).remaining()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void requireOpenThrowsTheClientsWindowClosedException() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    assertThatThrownBy(() -> t.requireOpen(PN, CustomerId.ofPhone(WA)))
        .isInstanceOf(SessionWindowClosedException.class)
        .satisfies(e -> assertThat(((SessionWindowClosedException) e).code()).isEqualTo(131047))
        .hasMessageNotContaining(WA);
    t.onInbound(PN, CustomerId.ofPhone(WA), clock.instant());
    assertThat(t.requireOpen(PN, CustomerId.ofPhone(WA)).isOpen()).isTrue();
    clock.advance(Duration.ofHours(25));
    assertThatThrownBy(() -> t.requireOpen(PN, CustomerId.ofPhone(WA))).isInstanceOf(SessionWindowClosedException.class);
  }

  @Test
  void numberVariantsShareOneWindow() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    t.onInbound(PN, CustomerId.ofPhone("+55 11 8765 4321"), clock.instant()); // Brazilian mobile without the ninth digit
    assertThat(t.canSendFreeForm(PN, CustomerId.ofPhone("5511987654321"))).isTrue();
    assertThat(t.canSendFreeForm("other-number-id", CustomerId.ofPhone("5511987654321"))).isFalse();
  }

  @Test
  void warningsFireOnceAtEachLeadTimeAndAtClose() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    Instant t0 = clock.instant();
    t.onInbound(PN, CustomerId.ofPhone(WA), t0);
    Instant expires = t0.plus(Duration.ofHours(24));

    clock.set(expires.minus(Duration.ofHours(1)).minusSeconds(1));
    assertThat(t.runDue()).isZero();
    clock.set(expires.minus(Duration.ofHours(1)));
    assertThat(t.runDue()).isEqualTo(1);
    assertThat(t.runDue()).isZero(); // at most once
    clock.advance(Duration.ofMinutes(20));
    assertThat(t.runDue()).isZero();
    clock.set(expires.minus(Duration.ofMinutes(10)));
    assertThat(t.runDue()).isEqualTo(1);
    clock.set(expires);
    assertThat(t.runDue()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(5));
    assertThat(t.runDue()).isZero();

    assertThat(events).extracting(SessionWindowEvent::kind, SessionWindowEvent::leadTime).containsExactly(
        org.assertj.core.groups.Tuple.tuple(SessionWindowEvent.Kind.WARNING, Duration.ofHours(1)),
        org.assertj.core.groups.Tuple.tuple(SessionWindowEvent.Kind.WARNING, Duration.ofMinutes(10)),
        org.assertj.core.groups.Tuple.tuple(SessionWindowEvent.Kind.CLOSED, Duration.ZERO));
    assertThat(events).allSatisfy(e -> assertThat(e.expiresAt()).isEqualTo(expires));
    assertThat(events.get(0).remaining()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void anExtendedWindowIsANewWindowAndItsWarningsReArm() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    Instant t0 = clock.instant();
    t.onInbound(PN, CustomerId.ofPhone(WA), t0);
    clock.set(t0.plus(Duration.ofHours(23)));
    assertThat(t.runDue()).isEqualTo(1);
    t.onInbound(PN, CustomerId.ofPhone(WA), clock.instant()); // customer writes again
    assertThat(t.runDue()).isZero();
    clock.advance(Duration.ofHours(23));
    assertThat(t.runDue()).isEqualTo(1);
    assertThat(events).hasSize(2);
    assertThat(events.get(1).expiresAt()).isEqualTo(t0.plus(Duration.ofHours(47)));
  }

  @Test
  void afterAPauseOnlyTheMostUrgentWarningFires() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    Instant t0 = clock.instant();
    t.onInbound(PN, CustomerId.ofPhone(WA), t0);
    clock.set(t0.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(5)));
    assertThat(t.runDue()).isEqualTo(1);
    assertThat(events).singleElement().satisfies(e -> assertThat(e.leadTime()).isEqualTo(Duration.ofMinutes(10)));
  }

  @Test
  void noticesStayExactlyOnceAcrossARestartWithTheSameStore() {
    SessionStore durable = InMemorySessionStore.create(); // stands in for a durable backend
    SessionWindowTracker first = tracker(durable);
    Instant t0 = clock.instant();
    first.onInbound(PN, CustomerId.ofPhone(WA), t0);
    clock.set(t0.plus(Duration.ofHours(23)));
    assertThat(first.runDue()).isEqualTo(1);
    first.close();

    SessionWindowTracker second = tracker(durable); // "restarted" process
    assertThat(second.runDue()).isZero();
    clock.set(t0.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(10)));
    assertThat(second.runDue()).isEqualTo(1);
    clock.set(t0.plus(Duration.ofHours(24)).plusSeconds(30));
    assertThat(second.runDue()).isEqualTo(1);
    assertThat(tracker(durable).runDue()).isZero();
    assertThat(events).extracting(SessionWindowEvent::kind).containsExactly(
        SessionWindowEvent.Kind.WARNING, SessionWindowEvent.Kind.WARNING, SessionWindowEvent.Kind.CLOSED);
  }

  @Test
  void closingNoticesOlderThanTheLookbackAreNotRaised() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    Instant t0 = clock.instant();
    t.onInbound(PN, CustomerId.ofPhone(WA), t0);
    clock.set(t0.plus(Duration.ofHours(30))); // the process was down for the whole end of the window
    assertThat(t.runDue()).isZero();
    assertThat(events).isEmpty();
  }

  @Test
  void oneScanServesManyConversations() {
    SessionWindowTracker t = tracker(InMemorySessionStore.withExpectedSize(20_000));
    Instant t0 = clock.instant();
    for (int i = 0; i < 20_000; i++) {
      t.onInbound(PN, CustomerId.ofPhone("49151" + (10_000_000 + i)), t0.plusSeconds(i % 600));
    }
    clock.set(t0.plus(Duration.ofHours(23)).plusSeconds(600));
    assertThat(t.runDue()).isEqualTo(20_000);
    clock.set(t0.plus(Duration.ofHours(24)).plusSeconds(600));
    assertThat(t.runDue()).isEqualTo(20_000); // every window closed: one closing notice each
  }

  @Test
  void aFailingListenerDoesNotStopOtherNotices() {
    List<SessionWindowEvent> seen = new ArrayList<>();
    SessionWindowTracker t = SessionWindowTracker.builder().clock(clock)
        .listener(e -> { throw new IllegalStateException("boom"); })
        .listener(seen::add).build();
    t.onInbound(PN, CustomerId.ofPhone(WA), clock.instant());
    t.onInbound(PN, CustomerId.ofPhone("4915199999999"), clock.instant());
    clock.advance(Duration.ofHours(23));
    assertThat(t.runDue()).isEqualTo(2);
    assertThat(seen).hasSize(2);
  }

  @Test
  void freeEntryPointOpensOnAReplyWithin24HoursOfAReferral() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    Instant t0 = clock.instant();
    t.onInbound(PN, CustomerId.ofPhone(WA), t0, true);
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).freeEntryPointActive()).isFalse();
    SessionWindow w = t.onBusinessReply(PN, CustomerId.ofPhone(WA), t0.plus(Duration.ofHours(2)));
    assertThat(w.freeEntryPointActive()).isTrue();
    assertThat(w.freeEntryPointExpiresAt()).isEqualTo(t0.plus(Duration.ofHours(74)));
    // A later reply does not extend a running free-entry-point window.
    t.onBusinessReply(PN, CustomerId.ofPhone(WA), t0.plus(Duration.ofHours(3)));
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).freeEntryPointExpiresAt()).isEqualTo(t0.plus(Duration.ofHours(74)));
    // It changes cost, not what may be sent: after 24 h without a customer message only templates.
    clock.set(t0.plus(Duration.ofHours(30)));
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).freeEntryPointActive()).isTrue();
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).canSendFreeForm()).isFalse();
  }

  @Test
  void noFreeEntryPointWithoutReferralOrForALateReply() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    Instant t0 = clock.instant();
    t.onInbound(PN, CustomerId.ofPhone(WA), t0);
    assertThat(t.onBusinessReply(PN, CustomerId.ofPhone(WA), t0.plusSeconds(60)).freeEntryPointActive()).isFalse();
    t.onInbound(PN, CustomerId.ofPhone("4915100000001"), t0, true);
    clock.set(t0.plus(Duration.ofHours(25)));
    assertThat(t.onBusinessReply(PN, CustomerId.ofPhone("4915100000001"), clock.instant()).freeEntryPointExpiresAt()).isNull();
    assertThat(t.onBusinessReply(PN, CustomerId.ofPhone("4915100000002"), clock.instant()).isOpen()).isFalse();
  }

  @Test
  void timestampsFarAheadOfTheClockAreTakenAsNow() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    SessionWindow w = t.onInbound(PN, CustomerId.ofPhone(WA), clock.instant().plus(Duration.ofDays(400)));
    assertThat(w.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
  }

  @Test
  void erasureForgetsTheCustomer() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    t.onInbound(PN, CustomerId.ofPhone(WA), clock.instant());
    assertThat(t.erase(PN, CustomerId.ofPhone("+" + WA))).isTrue();
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).isOpen()).isFalse();
    assertThat(t.window(PN, CustomerId.ofPhone(WA)).lastInboundAt()).isNull();
    assertThat(t.erase(PN, CustomerId.ofPhone(WA))).isFalse();
  }

  @Test
  void badInputIsATypedError() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    assertThatThrownBy(() -> t.onInbound(PN, CustomerId.ofPhone("not a number"), clock.instant()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> t.onInbound(PN, CustomerId.ofPhone(WA), Instant.parse("2001-01-01T00:00:00Z")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> SessionWindowTracker.builder().warningLeadTimes(Duration.ofHours(25)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsedWebhookMessagesFeedTheTracker() throws Exception {
    byte[] body = getClass().getResourceAsStream(
        "/conformance/webhooks/webhooks-openapi/text-message-from-click-to-whatsapp-ad.json").readAllBytes();
    List<WebhookEvent> parsed = WebhookParser.create().parse(body).events();
    InboundMessage m = parsed.stream().filter(InboundMessage.class::isInstance)
        .map(InboundMessage.class::cast).findFirst().orElseThrow();
    clock.set(m.timestamp().plusSeconds(10));
    SessionWindow w = tracker(InMemorySessionStore.create()).onInbound(m);
    assertThat(w.isOpen()).isTrue();
    assertThat(w.expiresAt()).isEqualTo(m.timestamp().plus(Duration.ofHours(24)));
    assertThat(m.referral()).isNotNull();
    assertThat(new String(body, StandardCharsets.UTF_8)).contains("referral");
  }
}
