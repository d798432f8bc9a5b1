package io.github.whatsapphelpdesk.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.SessionWindowClosedException;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Windows of customers keyed by BSUID (username customers whose number is withheld). */
class BsuidSessionTest {
  private static final String PN = "106540352242922";
  private static final CustomerId ANNA = CustomerId.ofBsuid("US.13491208655302741918");
  private static final CustomerId PARENT = CustomerId.ofBsuid("US.ENT.5566778899");
  private static final CustomerId PHONE = CustomerId.ofPhone("+49 151 23456789");
  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-06-01T00:00:00Z"));
  private final List<SessionWindowEvent> events = new CopyOnWriteArrayList<>();

  private SessionWindowTracker tracker(SessionStore store) {
    return SessionWindowTracker.builder().store(store).clock(clock).listener(events::add).build();
  }

  @Test
  void aBsuidCustomerHasAWindowLikeAPhoneCustomer() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    assertThat(t.canSendFreeForm(PN, ANNA)).isFalse();
    assertThatThrownBy(() -> t.requireOpen(PN, ANNA)).isInstanceOf(SessionWindowClosedException.class)
        .hasMessageNotContaining("13491208655302741918");
    t.onInbound(PN, ANNA, T0);
    t.onInbound(PN, ANNA, T0.minus(Duration.ofHours(3))); // late webhook: never moves back
    SessionWindow w = t.window(PN, ANNA);
    assertThat(w.key()).isEqualTo(SessionKey.of(PN, ANNA));
    assertThat(w.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
    assertThat(t.canSendFreeForm(PN, ANNA)).isTrue();
    assertThat(t.requireOpen(PN, ANNA).isOpen()).isTrue();
    // keyed by the customer id: neither the parent BSUID, a phone customer nor another number shares it
    assertThat(t.canSendFreeForm(PN, PARENT)).isFalse();
    assertThat(t.canSendFreeForm(PN, PHONE)).isFalse();
    assertThat(t.canSendFreeForm("other-number", ANNA)).isFalse();
    clock.set(T0.plus(Duration.ofHours(24)));
    assertThat(t.canSendFreeForm(PN, ANNA)).isFalse();
    assertThat(t.window(PN, ANNA).isOpen()).isFalse();
  }

  @Test
  void warningsAndTheClosingNoticeFireOnceForBsuidAndPhoneCustomersAlike() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    t.onInbound(PN, ANNA, T0);
    t.onInbound(PN, PHONE, T0);
    Instant expires = T0.plus(Duration.ofHours(24));
    clock.set(expires.minus(Duration.ofHours(1)));
    assertThat(t.runDue()).isEqualTo(2);
    assertThat(t.runDue()).isZero();
    clock.set(expires.minus(Duration.ofMinutes(10)));
    assertThat(t.runDue()).isEqualTo(2);
    clock.set(expires);
    assertThat(t.runDue()).isEqualTo(2);
    assertThat(t.runDue()).isZero();
    assertThat(events).filteredOn(e -> e.key().customer().equals(ANNA))
        .extracting(SessionWindowEvent::kind, SessionWindowEvent::leadTime).containsExactly(
            org.assertj.core.groups.Tuple.tuple(SessionWindowEvent.Kind.WARNING, Duration.ofHours(1)),
            org.assertj.core.groups.Tuple.tuple(SessionWindowEvent.Kind.WARNING, Duration.ofMinutes(10)),
            org.assertj.core.groups.Tuple.tuple(SessionWindowEvent.Kind.CLOSED, Duration.ZERO));
    assertThat(events).filteredOn(e -> e.key().customer().equals(PHONE)).hasSize(3);
    assertThat(events).allSatisfy(e -> assertThat(e.key().phoneNumberId()).isEqualTo(PN));
  }

  @Test
  void aCustomerWritingAgainIsANewWindowWithNewNotices() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    t.onInbound(PN, ANNA, T0);
    clock.set(T0.plus(Duration.ofHours(23)));
    assertThat(t.runDue()).isEqualTo(1);
    t.onInbound(PN, ANNA, clock.instant());
    assertThat(t.runDue()).isZero();
    clock.set(clock.instant().plus(Duration.ofHours(23)));
    assertThat(t.runDue()).isEqualTo(1);
  }

  @Test
  void freeEntryPointOpensForABsuidReferral() {
    SessionWindowTracker t = tracker(InMemorySessionStore.create());
    t.onInbound(PN, ANNA, T0, true);
    SessionWindow w = t.onBusinessReply(PN, ANNA, T0.plus(Duration.ofHours(2)));
    assertThat(w.freeEntryPointExpiresAt()).isEqualTo(T0.plus(Duration.ofHours(74)));
    t.onBusinessReply(PN, ANNA, T0.plus(Duration.ofHours(3))); // running: not moved
    assertThat(t.window(PN, ANNA).freeEntryPointExpiresAt()).isEqualTo(T0.plus(Duration.ofHours(74)));
    t.onInbound(PN, PARENT, T0);
    assertThat(t.onBusinessReply(PN, PARENT, T0.plusSeconds(60)).freeEntryPointExpiresAt()).isNull();
    assertThat(t.onBusinessReply(PN, CustomerId.ofBsuid("DE.1"), T0).isOpen()).isFalse();
  }

  @Test
  void erasureForgetsOnlyThatCustomer() {
    InMemorySessionStore store = InMemorySessionStore.create();
    SessionWindowTracker t = tracker(store);
    t.onInbound(PN, ANNA, T0);
    t.onInbound(PN, PHONE, T0);
    assertThat(store.size()).isEqualTo(2);
    assertThat(t.erase(PN, ANNA)).isTrue();
    assertThat(t.erase(PN, ANNA)).isFalse();
    assertThat(t.window(PN, ANNA).lastInboundAt()).isNull();
    assertThat(t.canSendFreeForm(PN, PHONE)).isTrue();
    assertThat(store.size()).isEqualTo(1);
    clock.set(T0.plus(Duration.ofHours(23)));
    assertThat(t.runDue()).isEqualTo(1); // only the phone customer is warned
    assertThat(events).allSatisfy(e -> assertThat(e.key().customer()).isEqualTo(PHONE));
  }

  @Test
  void storeAgreesWithAModelForMixedKeys_andEvictsBoth() {
    InMemorySessionStore store = InMemorySessionStore.create();
    Map<SessionKey, Instant> model = new HashMap<>();
    Random rnd = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      int who = rnd.nextInt(400);
      CustomerId c = who % 2 == 0 ? CustomerId.ofBsuid("BR." + (1_000_000 + who))
          : new CustomerId(Long.toString(4915100000000L + who));
      SessionKey k = SessionKey.of("pn" + rnd.nextInt(2), c);
      Instant at = T0.plusSeconds(rnd.nextInt(86_400));
      store.recordInbound(k, at, false);
      model.merge(k, at, (a, b) -> a.isAfter(b) ? a : b);
    }
    assertThat(store.size()).isEqualTo(model.size());
    model.forEach((k, at) -> {
      assertThat(store.get(k).orElseThrow().lastInboundAt()).isEqualTo(at);
      assertThat(store.lastInboundEpochSecond(k)).isEqualTo(at.getEpochSecond());
    });
    List<SessionRecord> seen = new ArrayList<>();
    Instant from = T0.plusSeconds(84_000);
    Instant to = T0.plusSeconds(85_800);
    store.forEachInboundBetween(from, to, seen::add);
    long expected = model.values().stream().filter(at -> !at.isBefore(from) && at.isBefore(to)).count();
    assertThat(expected).isPositive();
    assertThat(seen).hasSize((int) expected);
    assertThat(seen).anyMatch(r -> r.key().customer().isBsuid()).anyMatch(r -> r.key().customer().isPhone());
    // claim is exactly-once per window for BSUID keys too
    SessionKey anna = SessionKey.of("pn0", ANNA);
    store.recordInbound(anna, T0, false);
    assertThat(store.claimNotifications(anna, T0, 0b11)).isEqualTo(0b11);
    assertThat(store.claimNotifications(anna, T0, 0b111)).isEqualTo(0b100);
    assertThat(store.claimNotifications(anna, T0.plusSeconds(1), 0b1000)).isZero(); // another window: nothing claimed
    long before = store.size();
    long removed = store.evictBefore(T0.plus(Duration.ofDays(2)));
    assertThat(removed).isEqualTo(before);
    assertThat(store.size()).isZero();
  }

  @Test
  void bsuidTimestampsOutsideTheRangeAreRejectedLikePhoneOnes() {
    InMemorySessionStore store = InMemorySessionStore.create();
    assertThatThrownBy(() -> store.recordInbound(SessionKey.of(PN, ANNA), Instant.parse("2001-01-01T00:00:00Z"), false))
        .isInstanceOf(ValidationException.class);
    assertThat(store.size()).isZero();
    assertThat(SessionKey.of(PN, ANNA).toString()).doesNotContain("13491208655302741918");
  }
}
