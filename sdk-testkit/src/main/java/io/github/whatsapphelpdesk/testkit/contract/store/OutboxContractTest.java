package io.github.whatsapphelpdesk.testkit.contract.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.Text;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.EnqueueResult;
import io.github.whatsapphelpdesk.store.Outbox;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import io.github.whatsapphelpdesk.store.OutboxEntry.Status;
import io.github.whatsapphelpdesk.store.OutboxMessage;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Outbox} meets: idempotent enqueue by dedupe key, strict enqueue order within an
 * ordering group with at most one entry of a group leased at a time, priority then age across groups, lease
 * fencing and takeover after expiry, retries that block only their group, dead letters that release it,
 * retention of final entries (and their dedupe keys), and thread safety (N workers never hold one entry at
 * once; a stale worker's ack, fail or dead letter loses).
 *
 * <p>Extend it and implement {@link #newOutbox}: an empty outbox reading {@code clock} for every time it
 * records or compares (enqueue, lease expiry, retry times, retention). {@link #dispose} frees what it made
 * (a SQL implementation drops its schema).
 */
public abstract class OutboxContractTest extends StoreContract<Outbox> {
  /** The business phone number id of the test messages. */
  protected static final String PHONE_NUMBER_ID = "106540352242922";
  /** How long the outbox under test keeps final entries. */
  protected static final Duration RETENTION = Duration.ofHours(1);
  /** A message text that must never appear in a {@code toString}. */
  protected static final String SECRET_TEXT = "my card number is 4111";
  private static final Duration LEASE = Duration.ofSeconds(30);

  // ---- hooks ------------------------------------------------------------------------------------------

  /** An empty outbox on {@code clock} that keeps sent and dead-lettered entries for {@code retention}. */
  protected abstract Outbox newOutbox(MutableClock clock, Duration retention);

  /** The outbox of {@link #newOutbox} with the kit's {@link #RETENTION}. */
  @Override
  protected final Outbox newStore(MutableClock clock) {
    return newOutbox(clock, RETENTION);
  }

  // ---- messages -----------------------------------------------------------------------------------------

  /** The wa_id of customer {@code n} (each its own ordering group). */
  protected static String customer(int n) {
    return Long.toString(4915100000000L + n);
  }

  /** A text to customer {@code n} in their first conversation episode. */
  protected static OutboxMessage text(int n, String body, Priority priority) {
    ConversationKey key = new ConversationKey(PHONE_NUMBER_ID, CustomerId.ofPhone(customer(n)), 1);
    return OutboxMessage.send(PHONE_NUMBER_ID, Message.text("+" + customer(n), body), key, "T" + n, null,
        priority);
  }

  /** An agent reply to customer {@code n}. */
  protected static OutboxMessage text(int n, String body) {
    return text(n, body, Priority.AGENT_REPLY);
  }

  private static String body(OutboxEntry e) {
    return ((Text) e.message().message().content()).body();
  }

  private OutboxEntry enqueue(int customer, String dedupeKey) {
    EnqueueResult r = store.enqueue(text(customer, "body of " + dedupeKey), dedupeKey);
    assertThat(r.created()).as("created %s", dedupeKey).isTrue();
    return r.entry();
  }

  private OutboxEntry get(OutboxEntry e) {
    return store.get(e.id()).orElseThrow(() -> new AssertionError("entry " + e.id() + " not held"));
  }

  private static List<String> keys(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::dedupeKey).toList();
  }

  // ---- enqueue -------------------------------------------------------------------------------------------

  @Test
  void enqueueAddsAPendingEntryReadyNow() {
    OutboxMessage m = text(1, "hello");
    EnqueueResult r = store.enqueue(m, "R1");
    assertThat(r.created()).isTrue();
    OutboxEntry e = r.entry();
    assertThat(e.dedupeKey()).isEqualTo("R1");
    assertThat(e.message()).isEqualTo(m);
    assertThat(e.status()).isEqualTo(Status.PENDING);
    assertThat(e.attempts()).isZero();
    assertThat(e.enqueuedAt()).isEqualTo(clock.instant());
    assertThat(e.nextAttemptAt()).isEqualTo(clock.instant());
    assertThat(e.leaseToken()).isNull();
    assertThat(e.leaseOwner()).isNull();
    assertThat(e.leaseExpiresAt()).isNull();
    assertThat(e.wamid()).isNull();
    assertThat(e.lastError()).isNull();
    assertThat(e.completedAt()).isNull();
    assertThat(get(e)).isEqualTo(e);
    assertThat(store.findByDedupeKey("R1")).contains(e);
    assertThat(store.findByDedupeKey("R2")).isEmpty();
    assertThat(store.get("no-such-entry")).isEmpty();
    assertThat(store.count(Status.PENDING)).isEqualTo(1);
    OutboxEntry second = enqueue(2, "R2");
    assertThat(second.id()).isNotEqualTo(e.id());
    assertThat(second.sequence()).isGreaterThan(e.sequence());
  }

  @Test
  void theSameDedupeKeyKeepsTheFirstEntryAndMessage() {
    OutboxEntry first = enqueue(1, "R1");
    clock.advance(Duration.ofMinutes(5));
    EnqueueResult again = store.enqueue(text(2, "other"), "R1");
    assertThat(again.created()).isFalse();
    assertThat(again.entry()).isEqualTo(first);
    assertThat(body(again.entry())).isEqualTo("body of R1");
    assertThat(store.count(Status.PENDING)).isEqualTo(1);
    // Also while leased and once sent (within the retention).
    OutboxEntry leased = store.leaseOne("w1", LEASE).orElseThrow();
    assertThat(store.enqueue(text(1, "x"), "R1").entry().id()).isEqualTo(first.id());
    assertThat(store.enqueue(text(1, "x"), "R1").entry().status()).isEqualTo(Status.LEASED);
    assertThat(store.ack(leased.id(), leased.leaseToken(), "wamid.1")).isTrue();
    EnqueueResult afterSend = store.enqueue(text(1, "x"), "R1");
    assertThat(afterSend.created()).isFalse();
    assertThat(afterSend.entry().status()).isEqualTo(Status.SENT);
    assertThat(store.lease("w1", 10, LEASE)).isEmpty();
  }

  // ---- lease order -------------------------------------------------------------------------------------

  @Test
  void aGroupIsLeasedInEnqueueOrderOneEntryAtATime() {
    OutboxEntry a1 = enqueue(1, "a1");
    OutboxEntry b1 = enqueue(2, "b1");
    OutboxEntry a2 = enqueue(1, "a2");
    OutboxEntry a3 = enqueue(1, "a3");
    List<OutboxEntry> first = store.lease("w1", 10, LEASE);
    assertThat(keys(first)).as("one entry per group").containsExactly("a1", "b1");
    assertThat(store.lease("w2", 10, LEASE)).as("a2 waits for a1").isEmpty();
    assertThat(store.ack(a1.id(), first.get(0).leaseToken(), "wamid.a1")).isTrue();
    List<OutboxEntry> second = store.lease("w2", 10, LEASE);
    assertThat(keys(second)).containsExactly("a2");
    assertThat(store.deadLetter(a2.id(), second.get(0).leaseToken(), "131026 undeliverable")).isTrue();
    assertThat(keys(store.lease("w2", 10, LEASE))).as("a dead letter releases its group").containsExactly("a3");
    assertThat(get(b1).status()).isEqualTo(Status.LEASED);
    assertThat(get(a3).status()).isEqualTo(Status.LEASED);
  }

  @Test
  void aLeaseRecordsItsOwnerExpiryAndAttempt() {
    OutboxEntry e = enqueue(1, "R1");
    clock.advance(Duration.ofSeconds(3));
    Instant now = clock.instant();
    OutboxEntry leased = store.leaseOne("w1", LEASE).orElseThrow();
    assertThat(leased.id()).isEqualTo(e.id());
    assertThat(leased.status()).isEqualTo(Status.LEASED);
    assertThat(leased.leaseOwner()).isEqualTo("w1");
    assertThat(leased.leaseExpiresAt()).isEqualTo(now.plus(LEASE));
    assertThat(leased.leaseToken()).isNotNull();
    assertThat(leased.attempts()).isEqualTo(1);
    assertThat(leased.enqueuedAt()).isEqualTo(e.enqueuedAt());
    assertThat(leased.leasedAt(now)).isTrue();
    assertThat(get(e)).isEqualTo(leased);
    assertThat(store.count(Status.LEASED)).isEqualTo(1);
    assertThat(store.count(Status.PENDING)).isZero();
  }

  @Test
  void higherPriorityGoesFirstThenTheOldest() {
    store.enqueue(text(1, "x", Priority.BULK), "bulk-old");
    store.enqueue(text(2, "x", Priority.AUTOMATED), "auto");
    clock.advance(Duration.ofSeconds(1));
    store.enqueue(text(3, "x", Priority.AGENT_REPLY), "agent");
    store.enqueue(text(4, "x", Priority.BULK), "bulk-new");
    store.enqueue(text(1, "x", Priority.AGENT_REPLY), "agent-behind-bulk");
    assertThat(keys(store.lease("w", 2, LEASE))).containsExactly("agent", "auto");
    assertThat(keys(store.lease("w", 1, LEASE))).containsExactly("bulk-old");
    assertThat(keys(store.lease("w", 5, LEASE))).as("customer 1's agent reply waits behind their bulk message")
        .containsExactly("bulk-new");
  }

  @Test
  void amongEqualPrioritiesTheLongestWaitingGoesFirst() {
    enqueue(3, "c1");
    clock.advance(Duration.ofSeconds(1));
    enqueue(1, "a1");
    clock.advance(Duration.ofSeconds(1));
    enqueue(2, "b1");
    assertThat(keys(store.lease("w", 1, LEASE))).containsExactly("c1");
    assertThat(keys(store.lease("w", 1, LEASE))).containsExactly("a1");
    assertThat(keys(store.lease("w", 1, LEASE))).containsExactly("b1");
  }

  // ---- ack, fail, dead letter ------------------------------------------------------------------------

  @Test
  void ackMarksTheEntrySent() {
    OutboxEntry e = enqueue(1, "R1");
    OutboxEntry leased = store.leaseOne("w1", LEASE).orElseThrow();
    clock.advance(Duration.ofSeconds(2));
    assertThat(store.ack(e.id(), leased.leaseToken(), "wamid.OUT")).isTrue();
    OutboxEntry sent = get(e);
    assertThat(sent.status()).isEqualTo(Status.SENT);
    assertThat(sent.wamid()).isEqualTo("wamid.OUT");
    assertThat(sent.completedAt()).isEqualTo(clock.instant());
    assertThat(sent.leaseToken()).isNull();
    assertThat(sent.attempts()).isEqualTo(1);
    assertThat(sent.message()).isEqualTo(e.message());
    assertThat(store.count(Status.SENT)).isEqualTo(1);
    assertThat(store.count(Status.LEASED)).isZero();
    assertThat(store.list(Status.SENT, 10)).containsExactly(sent);
    assertThat(store.ack(e.id(), leased.leaseToken(), "wamid.OUT")).as("already sent").isFalse();
    assertThat(store.deadLetter(e.id(), leased.leaseToken(), "x")).isFalse();
    assertThat(store.fail(e.id(), leased.leaseToken(), clock.instant(), "x")).isFalse();
    assertThat(get(e)).isEqualTo(sent);
    assertThat(store.nextReadyAt()).isEmpty();
  }

  @Test
  void aFailureWaitsForItsRetryTimeAndBlocksOnlyItsGroup() {
    OutboxEntry a1 = enqueue(1, "a1");
    OutboxEntry a2 = enqueue(1, "a2");
    OutboxEntry b1 = enqueue(2, "b1");
    OutboxEntry leased = store.leaseOne("w1", LEASE).orElseThrow();
    assertThat(leased.id()).isEqualTo(a1.id());
    Instant retryAt = clock.instant().plusSeconds(10);
    assertThat(store.fail(a1.id(), leased.leaseToken(), retryAt, "131000 server")).isTrue();
    OutboxEntry failed = get(a1);
    assertThat(failed.status()).isEqualTo(Status.PENDING);
    assertThat(failed.nextAttemptAt()).isEqualTo(retryAt);
    assertThat(failed.lastError()).isEqualTo("131000 server");
    assertThat(failed.leaseToken()).isNull();
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(store.fail(a1.id(), leased.leaseToken(), retryAt, "again")).as("no longer leased").isFalse();
    assertThat(keys(store.lease("w1", 10, LEASE))).as("a2 waits behind the failed a1").containsExactly("b1");
    assertThat(store.ack(b1.id(), get(b1).leaseToken(), "wamid.b1")).isTrue();
    assertThat(store.nextReadyAt()).contains(retryAt);
    clock.advance(Duration.ofSeconds(9));
    assertThat(store.lease("w1", 10, LEASE)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    List<OutboxEntry> retry = store.lease("w2", 10, LEASE);
    assertThat(keys(retry)).containsExactly("a1");
    assertThat(retry.get(0).attempts()).isEqualTo(2);
    assertThat(retry.get(0).lastError()).isEqualTo("131000 server");
    assertThat(store.ack(a1.id(), retry.get(0).leaseToken(), "wamid.a1")).isTrue();
    assertThat(get(a1).lastError()).as("the last failure stays for operators").isEqualTo("131000 server");
    assertThat(keys(store.lease("w2", 10, LEASE))).containsExactly(a2.dedupeKey());
  }

  @Test
  void aDeadLetterIsFinalAndListed() {
    OutboxEntry e = enqueue(1, "R1");
    OutboxEntry leased = store.leaseOne("w", LEASE).orElseThrow();
    assertThat(store.deadLetter(e.id(), leased.leaseToken(), "131026 undeliverable")).isTrue();
    OutboxEntry dead = get(e);
    assertThat(dead.status()).isEqualTo(Status.DEAD);
    assertThat(dead.lastError()).isEqualTo("131026 undeliverable");
    assertThat(dead.completedAt()).isEqualTo(clock.instant());
    assertThat(dead.wamid()).isNull();
    assertThat(dead.leaseToken()).isNull();
    assertThat(store.list(Status.DEAD, 10)).containsExactly(dead);
    assertThat(store.count(Status.DEAD)).isEqualTo(1);
    assertThat(store.count(Status.SENT)).isZero();
    assertThat(store.ack(e.id(), leased.leaseToken(), "wamid.late")).isFalse();
    assertThat(store.lease("w", 10, LEASE)).isEmpty();
    assertThat(store.enqueue(text(1, "again"), "R1").created()).as("the key stays taken").isFalse();
  }

  // ---- fencing and takeover -------------------------------------------------------------------------

  @Test
  void anExpiredLeaseIsTakenOverAndTheStaleTokenLoses() {
    OutboxEntry e = enqueue(1, "R1");
    OutboxEntry first = store.leaseOne("crashed", LEASE).orElseThrow();
    clock.advance(LEASE.minusSeconds(1));
    assertThat(store.leaseOne("w2", LEASE)).as("still leased").isEmpty();
    assertThat(store.nextReadyAt()).contains(first.leaseExpiresAt());
    clock.advance(Duration.ofSeconds(1));
    OutboxEntry second = store.leaseOne("w2", LEASE).orElseThrow();
    assertThat(second.id()).isEqualTo(e.id());
    assertThat(second.leaseOwner()).isEqualTo("w2");
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.leaseToken()).isNotEqualTo(first.leaseToken());
    assertThat(store.ack(e.id(), first.leaseToken(), "wamid.stale")).isFalse();
    assertThat(store.fail(e.id(), first.leaseToken(), clock.instant(), "x")).isFalse();
    assertThat(store.deadLetter(e.id(), first.leaseToken(), "x")).isFalse();
    assertThat(get(e)).isEqualTo(second);
    assertThat(store.ack(e.id(), second.leaseToken(), "wamid.ok")).isTrue();
    assertThat(get(e).wamid()).isEqualTo("wamid.ok");
  }

  @Test
  void anExpiredLeaseNobodyTookOverStillCompletes() {
    OutboxEntry e = enqueue(1, "R1");
    OutboxEntry leased = store.leaseOne("w1", LEASE).orElseThrow();
    clock.advance(LEASE.multipliedBy(3));
    assertThat(store.ack(e.id(), leased.leaseToken(), "wamid.1")).isTrue();
    assertThat(store.leaseOne("w2", LEASE)).isEmpty();
  }

  @Test
  void onlyTheCurrentTokenOfALeasedEntryWorks() {
    OutboxEntry e = enqueue(1, "R1");
    assertThat(store.ack(e.id(), "no-such-token", "w")).as("pending, not leased").isFalse();
    OutboxEntry leased = store.leaseOne("w1", LEASE).orElseThrow();
    assertThat(store.ack(e.id(), leased.leaseToken() + "x", "w")).isFalse();
    assertThat(store.ack("no-such-entry", leased.leaseToken(), "w")).isFalse();
    assertThat(store.fail("no-such-entry", leased.leaseToken(), clock.instant(), "x")).isFalse();
    assertThat(store.deadLetter("no-such-entry", leased.leaseToken(), "x")).isFalse();
    OutboxEntry other = enqueue(2, "R2");
    OutboxEntry otherLeased = store.leaseOne("w1", LEASE).orElseThrow();
    assertThat(otherLeased.id()).isEqualTo(other.id());
    assertThat(store.ack(e.id(), otherLeased.leaseToken(), "w")).as("another entry's token").isFalse();
    assertThat(get(e).status()).isEqualTo(Status.LEASED);
    assertThat(store.ack(e.id(), leased.leaseToken(), "wamid.1")).isTrue();
  }

  // ---- retention ----------------------------------------------------------------------------------------

  @Test
  void finalEntriesAndTheirKeysAreKeptForTheRetentionThenDropped() {
    OutboxEntry sent = enqueue(1, "R1");
    OutboxEntry dead = enqueue(2, "R2");
    for (OutboxEntry l : store.lease("w", 10, LEASE)) {
      if (l.id().equals(sent.id())) {
        assertThat(store.ack(l.id(), l.leaseToken(), "wamid.1")).isTrue();
      } else {
        assertThat(store.deadLetter(l.id(), l.leaseToken(), "131026")).isTrue();
      }
    }
    OutboxEntry pending = enqueue(3, "R3");
    clock.advance(RETENTION.minusSeconds(1));
    assertThat(store.enqueue(text(1, "dup"), "R1").created()).isFalse();
    assertThat(store.get(sent.id())).isPresent();
    assertThat(store.findByDedupeKey("R2")).isPresent();
    clock.advance(Duration.ofSeconds(2));
    assertThat(store.get(sent.id())).isEmpty();
    assertThat(store.get(dead.id())).isEmpty();
    assertThat(store.findByDedupeKey("R1")).isEmpty();
    assertThat(store.findByDedupeKey("R2")).isEmpty();
    assertThat(store.count(Status.SENT) + store.count(Status.DEAD)).isZero();
    assertThat(store.get(pending.id())).as("unfinished entries are never dropped").contains(pending);
    EnqueueResult again = store.enqueue(text(1, "again"), "R1");
    assertThat(again.created()).as("a dropped key is free again").isTrue();
    assertThat(again.entry().id()).isNotEqualTo(sent.id());
  }

  // ---- inspection --------------------------------------------------------------------------------------

  @Test
  void listIsOldestFirstAndLimitedAndCountsByStatus() {
    OutboxEntry a = enqueue(1, "a");
    OutboxEntry b = enqueue(2, "b");
    OutboxEntry c = enqueue(3, "c");
    assertThat(store.list(Status.PENDING, 10)).extracting(OutboxEntry::id).containsExactly(a.id(), b.id(), c.id());
    assertThat(store.list(Status.PENDING, 2)).extracting(OutboxEntry::id).containsExactly(a.id(), b.id());
    assertThat(store.list(Status.PENDING, 0)).isEmpty();
    OutboxEntry leased = store.leaseOne("w", LEASE).orElseThrow();
    assertThat(store.list(Status.LEASED, 10)).containsExactly(leased);
    assertThat(store.count(Status.PENDING)).isEqualTo(2);
    assertThat(store.count(Status.LEASED)).isEqualTo(1);
    assertThat(store.list(Status.DEAD, 10)).isEmpty();
  }

  @Test
  void nextReadyAtIsTheEarliestLeasableTime() {
    assertThat(store.nextReadyAt()).isEmpty();
    enqueue(1, "a1");
    Instant enqueuedAt = clock.instant();
    clock.advance(Duration.ofSeconds(5));
    assertThat(store.nextReadyAt()).contains(enqueuedAt);
    OutboxEntry leased = store.leaseOne("w", LEASE).orElseThrow();
    assertThat(store.nextReadyAt()).contains(leased.leaseExpiresAt());
    Instant retryAt = clock.instant().plusSeconds(7);
    assertThat(store.fail(leased.id(), leased.leaseToken(), retryAt, "x")).isTrue();
    assertThat(store.nextReadyAt()).contains(retryAt);
    clock.advance(Duration.ofSeconds(7));
    OutboxEntry again = store.leaseOne("w", LEASE).orElseThrow();
    assertThat(store.ack(again.id(), again.leaseToken(), "wamid.1")).isTrue();
    assertThat(store.nextReadyAt()).isEmpty();
  }

  @Test
  void entriesShowNoMessageTextAndNoPhoneNumber() {
    OutboxEntry e = store.enqueue(text(1, SECRET_TEXT), "R1").entry();
    for (OutboxEntry x : List.of(e, get(e), store.leaseOne("w", LEASE).orElseThrow())) {
      assertThat(x.toString()).doesNotContain(SECRET_TEXT).doesNotContain(customer(1)).contains(x.id());
    }
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> store.lease("w", 0, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.lease("w", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.lease("w", 1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.lease(null, 1, LEASE)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.enqueue(null, "k")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.enqueue(text(1, "x"), null)).isInstanceOf(NullPointerException.class);
    assertThat(store.count(Status.PENDING)).as("nothing of a refused call is stored").isZero();
    OutboxEntry e = enqueue(1, "R1");
    OutboxEntry leased = store.leaseOne("w", LEASE).orElseThrow();
    assertThatThrownBy(() -> store.ack(e.id(), leased.leaseToken(), null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.fail(e.id(), leased.leaseToken(), null, "x"))
        .isInstanceOf(NullPointerException.class);
    assertThat(get(e)).as("a refused call leaves the lease alone").isEqualTo(leased);
  }

  // ---- races --------------------------------------------------------------------------------------------

  @Test
  void concurrentEnqueuesOfOneDedupeKeyCreateOneEntry() {
    int threads = 8;
    for (int round = 0; round < 50; round++) {
      String key = "race-" + round;
      int r = round;
      List<EnqueueResult> results = Race.run(threads, i -> store.enqueue(text(r, "from " + i), key));
      assertThat(results.stream().filter(EnqueueResult::created).count()).as("creators in round %d", round)
          .isEqualTo(1);
      assertThat(results.stream().map(x -> x.entry().id()).distinct()).hasSize(1);
      String winner = body(results.stream().filter(EnqueueResult::created).findFirst().orElseThrow().entry());
      assertThat(results).allSatisfy(x -> assertThat(body(x.entry())).isEqualTo(winner));
    }
    assertThat(store.count(Status.PENDING)).isEqualTo(50);
  }

  @Test
  void workersRacingForOneGroupNeverShareAnEntry() {
    int threads = 8;
    for (int round = 0; round < 50; round++) {
      for (int m = 0; m < 3; m++) {
        enqueue(round, "g" + round + "-" + m);
      }
      List<List<OutboxEntry>> got = Race.run(threads, i -> store.lease("w" + i, 5, LEASE));
      List<OutboxEntry> all = got.stream().flatMap(List::stream).toList();
      assertThat(keys(all)).as("round %d: only the group's head, once", round).containsExactly("g" + round + "-0");
      OutboxEntry head = all.get(0);
      assertThat(store.ack(head.id(), head.leaseToken(), "wamid." + round)).isTrue();
      // Drain the rest of the group so the next round starts clean.
      for (int m = 1; m < 3; m++) {
        OutboxEntry next = store.leaseOne("drain", LEASE).orElseThrow();
        assertThat(next.dedupeKey()).isEqualTo("g" + round + "-" + m);
        assertThat(store.ack(next.id(), next.leaseToken(), "wamid." + round + "." + m)).isTrue();
      }
    }
  }

  @Test
  void aStaleWorkerRacingATakeoverNeverWinsWithTheOther() {
    int threads = 2;
    for (int round = 0; round < 100; round++) {
      OutboxEntry e = enqueue(round, "R" + round);
      OutboxEntry stale = store.leaseOne("crashed", LEASE).orElseThrow();
      clock.advance(LEASE);
      int op = round % 3;
      Instant retryAt = clock.instant().plus(LEASE);
      List<Object> results = Race.run(threads, i -> i == 0
          ? (Object) switch (op) {
            case 0 -> store.ack(e.id(), stale.leaseToken(), "wamid.stale");
            case 1 -> store.fail(e.id(), stale.leaseToken(), retryAt, "x");
            default -> store.deadLetter(e.id(), stale.leaseToken(), "x");
          }
          : (Object) store.leaseOne("w2", LEASE));
      boolean staleWon = (Boolean) results.get(0);
      @SuppressWarnings("unchecked")
      Optional<OutboxEntry> takeover = (Optional<OutboxEntry>) results.get(1);
      assertThat(staleWon && takeover.isPresent()).as("round %d: both the stale worker and the new one won", round)
          .isFalse();
      if (takeover.isPresent()) {
        assertThat(staleWon).isFalse();
        assertThat(get(e).leaseToken()).isEqualTo(takeover.get().leaseToken());
        assertThat(store.ack(e.id(), takeover.get().leaseToken(), "wamid." + round)).isTrue();
      } else {
        assertThat(staleWon).as("round %d: nobody won", round).isTrue();
        if (op == 1) {
          assertThat(get(e).nextAttemptAt()).isEqualTo(retryAt);
          clock.advance(LEASE);
          OutboxEntry retry = store.leaseOne("w3", LEASE).orElseThrow();
          assertThat(store.ack(e.id(), retry.leaseToken(), "wamid." + round)).isTrue();
        }
      }
      assertThat(get(e).status().isFinal()).isTrue();
    }
  }

  @Test
  void concurrentFinishesWithOneTokenSucceedOnce() {
    int threads = 6;
    for (int round = 0; round < 50; round++) {
      OutboxEntry e = enqueue(round, "R" + round);
      OutboxEntry leased = store.leaseOne("w", LEASE).orElseThrow();
      List<Boolean> won = Race.run(threads, i -> switch (i % 3) {
        case 0 -> store.ack(e.id(), leased.leaseToken(), "wamid." + i);
        case 1 -> store.fail(e.id(), leased.leaseToken(), clock.instant().plusSeconds(1), "x" + i);
        default -> store.deadLetter(e.id(), leased.leaseToken(), "x" + i);
      });
      assertThat(won.stream().filter(b -> b).count()).as("winners of round %d", round).isEqualTo(1);
      OutboxEntry after = get(e);
      assertThat(after.leaseToken()).isNull();
      if (after.status() == Status.PENDING) {
        clock.advance(Duration.ofSeconds(1));
        OutboxEntry retry = store.leaseOne("w", LEASE).orElseThrow();
        assertThat(store.ack(e.id(), retry.leaseToken(), "wamid.retry")).isTrue();
      }
    }
  }

  @Test
  void concurrentWorkersDrainEveryGroupInOrderAndNeverHoldOneEntryTwice() {
    int groups = 12;
    int perGroup = 20;
    for (int m = 0; m < perGroup; m++) {
      for (int g = 0; g < groups; g++) {
        enqueue(g, g + ":" + m);
      }
    }
    int workers = 4;
    Set<String> held = ConcurrentHashMap.newKeySet();
    List<String> sent = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger violations = new AtomicInteger();
    Race.run(workers, w -> {
      for (int spins = 0; spins < 200_000 && sent.size() < groups * perGroup; spins++) {
        for (OutboxEntry e : store.lease("w" + w, 3, Duration.ofHours(1))) {
          String group = e.message().orderingGroup();
          if (!held.add(group)) {
            violations.incrementAndGet();
          }
          sent.add(e.dedupeKey());
          held.remove(group);
          if (!store.ack(e.id(), e.leaseToken(), "wamid." + e.dedupeKey())) {
            violations.incrementAndGet();
          }
        }
      }
      return null;
    });
    assertThat(violations).as("a group held twice at once, or an ack lost").hasValue(0);
    assertThat(sent).hasSize(groups * perGroup).doesNotHaveDuplicates();
    for (int g = 0; g < groups; g++) {
      String prefix = g + ":";
      List<String> expected = new ArrayList<>();
      for (int m = 0; m < perGroup; m++) {
        expected.add(prefix + m);
      }
      assertThat(sent.stream().filter(k -> k.startsWith(prefix)).toList()).as("group %d", g).isEqualTo(expected);
    }
    assertThat(store.count(Status.SENT)).isEqualTo(groups * perGroup);
  }

  // ---- unknown outcomes and operators' re-drives -------------------------------------------------------

  @Test
  void markUnconfirmed_releasesTheGroup_isNeverLeasedAgain_andConfirmSettlesIt() {
    store.enqueue(text(1, "one"), "R1");
    store.enqueue(text(1, "two"), "R2");
    OutboxEntry first = store.leaseOne("w1", LEASE).orElseThrow();
    assertThat(store.markUnconfirmed(first.id(), "wrong-token", "x")).isFalse();
    assertThat(store.markUnconfirmed(first.id(), first.leaseToken(), "outcome unknown: ApiConnectionException")).isTrue();
    assertThat(store.get(first.id()).orElseThrow().status()).isEqualTo(OutboxEntry.Status.UNCONFIRMED);
    assertThat(OutboxEntry.Status.UNCONFIRMED.isFinal()).isTrue();
    // the group moves on; the unconfirmed entry is not leased again, even after its lease time
    clock.advance(Duration.ofMinutes(5));
    assertThat(store.lease("w1", 10, LEASE)).extracting(OutboxEntry::dedupeKey).containsExactly("R2");
    assertThat(store.confirm(first.id(), "wamid.A")).isTrue();
    assertThat(store.get(first.id()).orElseThrow()).satisfies(e -> {
      assertThat(e.status()).isEqualTo(OutboxEntry.Status.SENT);
      assertThat(e.wamid()).isEqualTo("wamid.A");
    });
    assertThat(store.confirm(first.id(), "wamid.B")).as("only an unconfirmed entry").isFalse();
  }

  @Test
  void redrive_putsADeadEntryBackAheadOfItsGroupsLaterEntries_withAFreshBudget() {
    store.enqueue(text(1, "one"), "R1");
    store.enqueue(text(1, "two"), "R2");
    OutboxEntry first = store.leaseOne("w1", LEASE).orElseThrow();
    store.deadLetter(first.id(), first.leaseToken(), "131016 Service unavailable");
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.redrive("no-such-entry")).isFalse();
    assertThat(store.redrive(first.id())).isTrue();
    assertThat(store.redrive(first.id())).as("pending now, not dead").isFalse();
    OutboxEntry again = store.leaseOne("w1", LEASE).orElseThrow();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.attempts()).isEqualTo(1);
    assertThat(again.enqueuedAt()).isEqualTo(clock.instant());
    store.ack(again.id(), again.leaseToken(), "wamid.1");
    assertThat(store.leaseOne("w1", LEASE).orElseThrow().dedupeKey()).isEqualTo("R2");
  }

  @Test
  void redrive_ofAnUnconfirmedEntry_andNotOfASentOne() {
    store.enqueue(text(1, "one"), "R1");
    OutboxEntry e = store.leaseOne("w1", LEASE).orElseThrow();
    store.markUnconfirmed(e.id(), e.leaseToken(), "outcome unknown");
    assertThat(store.redrive(e.id())).isTrue();
    OutboxEntry again = store.leaseOne("w1", LEASE).orElseThrow();
    store.ack(again.id(), again.leaseToken(), "wamid.1");
    assertThat(store.redrive(e.id())).isFalse();
  }
}
