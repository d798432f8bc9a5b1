package io.github.whatsapphelpdesk.testkit.contract.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.session.SessionKey;
import io.github.whatsapphelpdesk.session.SessionRecord;
import io.github.whatsapphelpdesk.session.SessionStore;
import io.github.whatsapphelpdesk.session.SessionWindowEvent;
import io.github.whatsapphelpdesk.session.SessionWindowTracker;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SessionStore} meets, for customers keyed by number and by BSUID alike: the
 * last-inbound time never moves back (and clears the notice bits only when it moves forward), referrals
 * open the free-entry-point window within their reply time, notice bits are claimed once per window
 * (fenced by the last-inbound time), the due-window scan is half-open and lets the visitor call back,
 * erasure and eviction forget what they should, and all of it holds under races (concurrent inbounds never
 * move a window backwards; racing claims, and racing trackers sharing the store, raise each notice once).
 *
 * <p>Extend it and implement {@link #newStore}: an empty store. Every time is passed in by the caller;
 * {@code clock} is the test's clock, which the trackers of the race tests run on. {@link #dispose} frees
 * what the store made.
 */
public abstract class SessionStoreContractTest extends StoreContract<SessionStore> {
  /** A business phone number id. */
  protected static final String PHONE = "106540352242922";
  /** Another business phone number id. */
  protected static final String OTHER_PHONE = "106540352242923";
  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration FEP = Duration.ofHours(72);
  /** A whole second: where the test clock starts. */
  protected static final Instant T0 = MutableClock.DEFAULT_START;

  /** How a customer is keyed: the store may hold each kind differently. */
  protected enum Kind {
    /** By canonical wa_id. */
    PHONE,
    /** By BSUID. */
    BSUID;

    /** The id of customer {@code n} of this kind. */
    public CustomerId customer(int n) {
      return this == PHONE ? CustomerId.ofPhone(Long.toString(4915100000000L + n))
          : CustomerId.ofBsuid("US." + (13491208655302741L + n));
    }
  }

  private static SessionKey key(Kind kind, int n) {
    return SessionKey.of(PHONE, kind.customer(n));
  }

  private Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private SessionRecord get(SessionKey k) {
    return store.get(k).orElseThrow(() -> new AssertionError("no record for " + k));
  }

  // ---- recordInbound -------------------------------------------------------------------------------

  @Test
  void aFirstInboundCreatesTheRecord() {
    for (Kind kind : Kind.values()) {
      SessionKey k = key(kind, 1);
      assertThat(store.get(k)).as(kind.name()).isEmpty();
      assertThat(store.lastInboundEpochSecond(k)).isEqualTo(-1);
      SessionRecord r = store.recordInbound(k, at(0), false);
      assertThat(r).as(kind.name()).isEqualTo(new SessionRecord(k, at(0), null, null, 0));
      assertThat(get(k)).isEqualTo(r);
      assertThat(store.lastInboundEpochSecond(k)).isEqualTo(at(0).getEpochSecond());
      SessionKey withReferral = key(kind, 2);
      assertThat(store.recordInbound(withReferral, at(5), true))
          .isEqualTo(new SessionRecord(withReferral, at(5), at(5), null, 0));
    }
    assertThat(store.size()).isEqualTo(4);
  }

  @Test
  void theLastInboundTimeNeverMovesBack() {
    for (Kind kind : Kind.values()) {
      SessionKey k = key(kind, 1);
      store.recordInbound(k, at(10), false);
      assertThat(store.recordInbound(k, at(5), false).lastInboundAt()).as(kind.name()).isEqualTo(at(10));
      assertThat(store.recordInbound(k, at(10), false).lastInboundAt()).isEqualTo(at(10));
      assertThat(store.recordInbound(k, at(11), false).lastInboundAt()).isEqualTo(at(11));
      assertThat(get(k).lastInboundAt()).isEqualTo(at(11));
      assertThat(store.lastInboundEpochSecond(k)).isEqualTo(at(11).getEpochSecond());
    }
  }

  @Test
  void theReferralTimeIsTheLatestReferralEvenALateOne() {
    for (Kind kind : Kind.values()) {
      SessionKey k = key(kind, 1);
      store.recordInbound(k, at(100), false);
      SessionRecord r = store.recordInbound(k, at(50), true);
      assertThat(r.lastInboundAt()).as(kind.name()).isEqualTo(at(100));
      assertThat(r.referralAt()).as("a late referral still counts").isEqualTo(at(50));
      assertThat(store.recordInbound(k, at(40), true).referralAt()).as("an older referral").isEqualTo(at(50));
      assertThat(store.recordInbound(k, at(200), false).referralAt()).isEqualTo(at(50));
      assertThat(store.recordInbound(k, at(300), true).referralAt()).isEqualTo(at(300));
    }
  }

  @Test
  void onlyAForwardMoveClearsTheNoticeBits() {
    for (Kind kind : Kind.values()) {
      SessionKey k = key(kind, 1);
      store.recordInbound(k, at(10), false);
      assertThat(store.claimNotifications(k, at(10), 0b101)).isEqualTo(0b101);
      assertThat(store.recordInbound(k, at(10), false).notified()).as("%s: a repeat", kind).isEqualTo(0b101);
      assertThat(store.recordInbound(k, at(9), true).notified()).as("a late inbound").isEqualTo(0b101);
      assertThat(store.recordInbound(k, at(11), false).notified()).as("a newer inbound").isZero();
      assertThat(get(k).notified()).isZero();
    }
  }

  @Test
  void businessNumbersAndKeyKindsAreKeptApart() {
    CustomerId phone = Kind.PHONE.customer(1);
    CustomerId bsuid = Kind.BSUID.customer(1);
    store.recordInbound(SessionKey.of(PHONE, phone), at(1), false);
    store.recordInbound(SessionKey.of(OTHER_PHONE, phone), at(2), false);
    store.recordInbound(SessionKey.of(PHONE, bsuid), at(3), false);
    store.recordInbound(SessionKey.of(OTHER_PHONE, bsuid), at(4), false);
    store.recordInbound(SessionKey.of(PHONE, CustomerId.ofPhone("+49 151 00000001")), at(5), false);
    assertThat(store.size()).isEqualTo(4);
    assertThat(get(SessionKey.of(PHONE, phone)).lastInboundAt()).as("the same canonical number").isEqualTo(at(5));
    assertThat(get(SessionKey.of(OTHER_PHONE, phone)).lastInboundAt()).isEqualTo(at(2));
    assertThat(get(SessionKey.of(PHONE, bsuid)).lastInboundAt()).isEqualTo(at(3));
    assertThat(get(SessionKey.of(OTHER_PHONE, bsuid)).lastInboundAt()).isEqualTo(at(4));
    assertThat(store.get(SessionKey.of("999", phone))).isEmpty();
    assertThat(store.get(key(Kind.PHONE, 2))).isEmpty();
    assertThat(store.get(key(Kind.BSUID, 2))).isEmpty();
  }

  // ---- free entry point ---------------------------------------------------------------------------

  @Test
  void aReplyWithinTheReferralsReplyTimeOpensTheFreeEntryPointOnce() {
    for (Kind kind : Kind.values()) {
      assertThat(store.openFreeEntryPoint(key(kind, 9), at(0), DAY, FEP)).as("%s: no record", kind).isEmpty();
      SessionKey plain = key(kind, 1);
      store.recordInbound(plain, at(0), false);
      assertThat(store.openFreeEntryPoint(plain, at(10), DAY, FEP)).get()
          .extracting(SessionRecord::freeEntryPointExpiresAt).as("no referral").isNull();

      SessionKey k = key(kind, 2);
      store.recordInbound(k, at(100), true);
      assertThat(store.openFreeEntryPoint(k, at(99), DAY, FEP).orElseThrow().freeEntryPointExpiresAt())
          .as("a reply before the referral").isNull();
      assertThat(store.openFreeEntryPoint(k, at(100).plus(DAY), DAY, FEP).orElseThrow().freeEntryPointExpiresAt())
          .as("a reply at the end of the reply time").isNull();
      Instant reply = at(100).plus(DAY).minusSeconds(1);
      SessionRecord opened = store.openFreeEntryPoint(k, reply, DAY, FEP).orElseThrow();
      assertThat(opened.freeEntryPointExpiresAt()).isEqualTo(reply.plus(FEP));
      assertThat(opened.lastInboundAt()).isEqualTo(at(100));
      assertThat(get(k)).isEqualTo(opened);
      assertThat(store.openFreeEntryPoint(k, reply.plusSeconds(1), DAY, FEP).orElseThrow()
          .freeEntryPointExpiresAt()).as("already running").isEqualTo(reply.plus(FEP));

      // After it ends, a new referral can open another one.
      Instant later = reply.plus(FEP).plusSeconds(60);
      store.recordInbound(k, later, true);
      assertThat(store.openFreeEntryPoint(k, later.plusSeconds(5), DAY, FEP).orElseThrow()
          .freeEntryPointExpiresAt()).isEqualTo(later.plusSeconds(5).plus(FEP));
    }
  }

  // ---- notices ------------------------------------------------------------------------------------

  @Test
  void noticeBitsAreClaimedOncePerWindow() {
    for (Kind kind : Kind.values()) {
      SessionKey k = key(kind, 1);
      assertThat(store.claimNotifications(k, at(0), 1)).as("%s: no record", kind).isZero();
      store.recordInbound(k, at(0), false);
      assertThat(store.claimNotifications(k, at(0), 0b011)).isEqualTo(0b011);
      assertThat(store.claimNotifications(k, at(0), 0b111)).isEqualTo(0b100);
      assertThat(store.claimNotifications(k, at(0), 0b111)).isZero();
      assertThat(store.claimNotifications(k, at(0), SessionRecord.CLOSED_BIT)).isEqualTo(SessionRecord.CLOSED_BIT);
      assertThat(store.claimNotifications(k, at(0), SessionRecord.CLOSED_BIT | 0b1000)).isEqualTo(0b1000);
      assertThat(get(k).notified()).isEqualTo(SessionRecord.CLOSED_BIT | 0b1111);
      assertThat(store.claimNotifications(k, at(-1), 0b10000)).as("a stale window").isZero();
      assertThat(store.claimNotifications(k, at(1), 0b10000)).as("a window not yet seen").isZero();
      store.recordInbound(k, at(60), false);
      assertThat(store.claimNotifications(k, at(0), 0b1)).as("the old window").isZero();
      assertThat(store.claimNotifications(k, at(60), 0b1)).as("the new window").isEqualTo(0b1);
    }
  }

  @Test
  void theDueScanIsHalfOpenAndSeesEachRecordOnce() {
    Map<SessionKey, Instant> all = new HashMap<>();
    for (Kind kind : Kind.values()) {
      for (int i = 0; i < 50; i++) {
        SessionKey k = key(kind, i);
        store.recordInbound(k, at(i), false);
        all.put(k, at(i));
      }
    }
    List<SessionRecord> seen = new ArrayList<>();
    store.forEachInboundBetween(at(10), at(20), seen::add);
    assertThat(seen).extracting(SessionRecord::key).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(all.keySet().stream()
            .filter(k -> !all.get(k).isBefore(at(10)) && all.get(k).isBefore(at(20))).toList());
    assertThat(seen).hasSize(20).allSatisfy(r -> assertThat(r).isEqualTo(get(r.key())));
    List<SessionRecord> none = new ArrayList<>();
    store.forEachInboundBetween(at(20), at(20), none::add);
    store.forEachInboundBetween(at(60), at(120), none::add);
    assertThat(none).isEmpty();
    List<SessionKey> everything = new ArrayList<>();
    store.forEachInboundBetween(Instant.EPOCH, at(3600), r -> everything.add(r.key()));
    assertThat(everything).containsExactlyInAnyOrderElementsOf(all.keySet());
  }

  @Test
  void theVisitorMayCallBackIntoTheStore() {
    for (Kind kind : Kind.values()) {
      for (int i = 0; i < 20; i++) {
        store.recordInbound(key(kind, i), at(i), false);
      }
    }
    int[] claimed = {0};
    store.forEachInboundBetween(at(0), at(20), r -> {
      claimed[0] += store.claimNotifications(r.key(), r.lastInboundAt(), 1);
      store.get(r.key());
    });
    assertThat(claimed[0]).isEqualTo(40);
    for (Kind kind : Kind.values()) {
      assertThat(get(key(kind, 7)).notified()).isEqualTo(1);
    }
  }

  // ---- erase and evict ------------------------------------------------------------------------------

  @Test
  void erasureForgetsTheCustomer() {
    for (Kind kind : Kind.values()) {
      SessionKey k = key(kind, 1);
      SessionKey other = key(kind, 2);
      store.recordInbound(k, at(0), true);
      store.recordInbound(other, at(0), false);
      store.claimNotifications(k, at(0), 1);
      assertThat(store.erase(k)).as(kind.name()).isTrue();
      assertThat(store.erase(k)).isFalse();
      assertThat(store.get(k)).isEmpty();
      assertThat(store.lastInboundEpochSecond(k)).isEqualTo(-1);
      assertThat(store.get(other)).isPresent();
      List<SessionKey> seen = new ArrayList<>();
      store.forEachInboundBetween(at(0), at(1), r -> seen.add(r.key()));
      assertThat(seen).doesNotContain(k);
      assertThat(store.recordInbound(k, at(-5), false)).as("a fresh record, late time accepted")
          .isEqualTo(new SessionRecord(k, at(-5), null, null, 0));
    }
    assertThat(store.erase(key(Kind.PHONE, 99))).isFalse();
    assertThat(store.erase(key(Kind.BSUID, 99))).isFalse();
  }

  @Test
  void evictionRemovesOnlyRecordsIdleOnBothWindows() {
    for (Kind kind : Kind.values()) {
      store.recordInbound(key(kind, 1), at(0), false);
      store.recordInbound(key(kind, 2), at(100), false);
      store.recordInbound(key(kind, 3), at(0), true);
      store.openFreeEntryPoint(key(kind, 3), at(10), DAY, FEP);
      store.recordInbound(key(kind, 4), at(99), false);
    }
    assertThat(store.evictBefore(at(0))).as("nothing is before the cutoff").isZero();
    assertThat(store.evictBefore(at(100))).isEqualTo(4);
    assertThat(store.size()).isEqualTo(4);
    for (Kind kind : Kind.values()) {
      assertThat(store.get(key(kind, 1))).as(kind.name()).isEmpty();
      assertThat(store.get(key(kind, 4))).isEmpty();
      assertThat(store.get(key(kind, 2))).as("at the cutoff").isPresent();
      assertThat(store.get(key(kind, 3))).as("its free-entry-point window runs on").isPresent();
    }
    assertThat(store.evictBefore(at(10).plus(FEP).plusSeconds(1))).isEqualTo(4);
    assertThat(store.size()).isZero();
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> store.recordInbound(key(Kind.PHONE, 1), null, false))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.recordInbound(key(Kind.BSUID, 1), null, false))
        .isInstanceOf(NullPointerException.class);
    assertThat(store.size()).isZero();
  }

  // ---- races ------------------------------------------------------------------------------------------

  @Test
  void concurrentInboundsNeverMoveAWindowBackwards() {
    int writers = 6;
    int perWriter = 400;
    for (Kind kind : Kind.values()) {
      SessionKey k = key(kind, 1);
      List<List<Integer>> orders = new ArrayList<>();
      Random random = new Random(7);
      for (int w = 0; w < writers; w++) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < perWriter; i++) {
          order.add(1 + i * writers + w);
        }
        Collections.shuffle(order, random);
        orders.add(order);
      }
      store.recordInbound(k, at(0), false);
      // One reader besides the writers: every read is at least the previous one.
      List<Boolean> ok = Race.run(writers + 1, t -> {
        if (t == writers) {
          long previous = -1;
          for (int i = 0; i < 5_000; i++) {
            long now = store.lastInboundEpochSecond(k);
            if (now < previous) {
              return false;
            }
            previous = now;
          }
          return true;
        }
        for (int s : orders.get(t)) {
          if (store.recordInbound(k, at(s), s % 3 == 0).lastInboundAt().isBefore(at(s))) {
            return false;
          }
        }
        return true;
      });
      assertThat(ok).as("%s: no read or write saw the window move back", kind).containsOnly(true);
      long last = (long) perWriter * writers;
      assertThat(get(k).lastInboundAt()).isEqualTo(at(last));
      assertThat(get(k).referralAt()).isEqualTo(at(last - last % 3));
    }
  }

  @Test
  void racingClaimsRaiseEachNoticeOnce() {
    int threads = 8;
    for (Kind kind : Kind.values()) {
      for (int round = 0; round < 30; round++) {
        SessionKey k = key(kind, round);
        store.recordInbound(k, at(round), false);
        int r = round;
        // Thread i asks for bits i and i+1: every bit is asked for by two threads.
        List<Integer> claimed = Race.run(threads, i -> store.claimNotifications(k, at(r),
            (1 << i) | (1 << ((i + 1) % threads))));
        int union = 0;
        for (int c : claimed) {
          assertThat(union & c).as("%s round %d: a bit claimed twice", kind, round).isZero();
          union |= c;
        }
        assertThat(union).isEqualTo(0xFF);
        assertThat(get(k).notified()).isEqualTo(0xFF);
      }
    }
  }

  @Test
  void aClaimRacingANewerInboundNeverSticksToTheNewWindow() {
    for (Kind kind : Kind.values()) {
      for (int round = 0; round < 100; round++) {
        SessionKey k = key(kind, round);
        store.recordInbound(k, at(0), false);
        Race.run(2, i -> i == 0 ? store.claimNotifications(k, at(0), 0b11)
            : store.recordInbound(k, at(60), false).notified());
        assertThat(get(k).lastInboundAt()).isEqualTo(at(60));
        assertThat(get(k).notified()).as("%s round %d: the new window's bits", kind, round).isZero();
      }
    }
  }

  @Test
  void trackersSharingTheStoreRaiseEachWarningOnce() {
    int windows = 10;
    for (Kind kind : Kind.values()) {
      for (int i = 0; i < windows; i++) {
        store.recordInbound(key(kind, i), T0, false);
      }
    }
    List<SessionWindowEvent> events = Collections.synchronizedList(new ArrayList<>());
    int instances = 4;
    List<SessionWindowTracker> trackers = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      trackers.add(SessionWindowTracker.builder().store(store).clock(clock)
          .warningLeadTimes(Duration.ofHours(1)).listener(events::add).build());
    }
    try {
      clock.set(T0.plus(DAY).minus(Duration.ofMinutes(30)));
      Race.run(instances, i -> trackers.get(i).runDue());
      assertThat(events).extracting(SessionWindowEvent::kind).containsOnly(SessionWindowEvent.Kind.WARNING);
      assertThat(events).extracting(SessionWindowEvent::key).hasSize(2 * windows).doesNotHaveDuplicates();
      events.clear();
      clock.set(T0.plus(DAY).plus(Duration.ofMinutes(1)));
      Race.run(instances, i -> trackers.get(i).runDue());
      assertThat(events).extracting(SessionWindowEvent::kind).containsOnly(SessionWindowEvent.Kind.CLOSED);
      assertThat(events).extracting(SessionWindowEvent::key).hasSize(2 * windows).doesNotHaveDuplicates();
    } finally {
      trackers.forEach(SessionWindowTracker::close);
    }
  }
}
