package io.github.whatsapphelpdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.Text;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryOutboxTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private final MutableClock clock = MutableClock.create();
  private final InMemoryOutbox outbox = InMemoryOutbox.create(clock);

  /** One customer per conversation name, so each name is its own ordering group. */
  private static ConversationKey conversation(String name) {
    return new ConversationKey("1000", CustomerId.ofPhone("49151" + (10_000_000 + Math.floorMod(name.hashCode(), 9_000_000))), 1);
  }

  private static OutboxMessage text(String conversation, String text, Priority priority) {
    ConversationKey key = conversation(conversation);
    return OutboxMessage.send("1000", Message.text("+" + key.customer().value(), text), key, null, null, priority);
  }

  private static String body(OutboxEntry e) {
    return ((Text) e.message().message().content()).body();
  }

  private static OutboxMessage text(String conversation, String text) {
    return text(conversation, text, Priority.AGENT_REPLY);
  }

  @Test
  void enqueue_sameDedupeKey_keepsFirstEntry() {
    EnqueueResult first = outbox.enqueue(text("c1", "hello"), "R1");
    EnqueueResult again = outbox.enqueue(text("c1", "other"), "R1");
    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.entry().id()).isEqualTo(first.entry().id());
    assertThat(body(again.entry())).isEqualTo("hello");
    assertThat(outbox.count(OutboxEntry.Status.PENDING)).isEqualTo(1);
  }

  @Test
  void lease_sameConversation_secondWaitsUntilFirstAcked() {
    outbox.enqueue(text("c1", "one"), "R1");
    outbox.enqueue(text("c1", "two"), "R2");
    List<OutboxEntry> leased = outbox.lease("w1", 10, LEASE);
    assertThat(leased).extracting(OutboxEntry::dedupeKey).containsExactly("R1");
    assertThat(outbox.lease("w2", 10, LEASE)).isEmpty();
    assertThat(outbox.ack(leased.get(0).id(), leased.get(0).leaseToken(), "wamid.1")).isTrue();
    assertThat(outbox.lease("w2", 10, LEASE)).extracting(OutboxEntry::dedupeKey).containsExactly("R2");
    assertThat(outbox.get(leased.get(0).id())).get().extracting(OutboxEntry::status, OutboxEntry::wamid)
        .containsExactly(OutboxEntry.Status.SENT, "wamid.1");
  }

  @Test
  void lease_failedHeadWaitingForRetry_blocksItsConversationOnly() {
    outbox.enqueue(text("c1", "one"), "R1");
    outbox.enqueue(text("c1", "two"), "R2");
    outbox.enqueue(text("c2", "x"), "R3");
    List<OutboxEntry> leased = outbox.lease("w1", 10, LEASE);
    assertThat(leased).extracting(OutboxEntry::dedupeKey).containsExactlyInAnyOrder("R1", "R3");
    OutboxEntry r1 = leased.stream().filter(e -> e.dedupeKey().equals("R1")).findFirst().orElseThrow();
    assertThat(outbox.fail(r1.id(), r1.leaseToken(), clock.instant().plusSeconds(10), "131000 server"))
        .isTrue();
    assertThat(outbox.lease("w1", 10, LEASE)).isEmpty();
    assertThat(outbox.nextReadyAt()).contains(clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    List<OutboxEntry> retry = outbox.lease("w1", 10, LEASE);
    assertThat(retry).extracting(OutboxEntry::dedupeKey).containsExactly("R1");
    assertThat(retry.get(0).attempts()).isEqualTo(2);
    assertThat(retry.get(0).lastError()).isEqualTo("131000 server");
  }

  @Test
  void lease_expiredLease_reLeasedAndStaleTokenRejected() {
    outbox.enqueue(text("c1", "one"), "R1");
    OutboxEntry first = outbox.leaseOne("crashed", LEASE).orElseThrow();
    clock.advance(LEASE.minusSeconds(1));
    assertThat(outbox.leaseOne("w2", LEASE)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    OutboxEntry second = outbox.leaseOne("w2", LEASE).orElseThrow();
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.leaseToken()).isNotEqualTo(first.leaseToken());
    assertThat(second.leaseOwner()).isEqualTo("w2");
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(outbox.ack(first.id(), first.leaseToken(), "wamid.stale")).isFalse();
    assertThat(outbox.fail(first.id(), first.leaseToken(), clock.instant(), "x")).isFalse();
    assertThat(outbox.deadLetter(first.id(), first.leaseToken(), "x")).isFalse();
    assertThat(outbox.ack(second.id(), second.leaseToken(), "wamid.ok")).isTrue();
    assertThat(outbox.ack(second.id(), second.leaseToken(), "wamid.again")).isFalse();
  }

  @Test
  void lease_mixedPriorities_agentRepliesFirst() {
    outbox.enqueue(text("c1", "bulk", Priority.BULK), "B");
    outbox.enqueue(text("c2", "auto", Priority.AUTOMATED), "A");
    outbox.enqueue(text("c3", "agent", Priority.AGENT_REPLY), "R");
    assertThat(outbox.lease("w", 2, LEASE)).extracting(OutboxEntry::dedupeKey).containsExactly("R", "A");
    assertThat(outbox.lease("w", 2, LEASE)).extracting(OutboxEntry::dedupeKey).containsExactly("B");
  }

  @Test
  void deadLetter_head_releasesNextAndIsListed() {
    outbox.enqueue(text("c1", "one"), "R1");
    outbox.enqueue(text("c1", "two"), "R2");
    OutboxEntry head = outbox.leaseOne("w", LEASE).orElseThrow();
    assertThat(outbox.deadLetter(head.id(), head.leaseToken(), "131026 undeliverable")).isTrue();
    assertThat(outbox.list(OutboxEntry.Status.DEAD, 10)).extracting(OutboxEntry::dedupeKey, OutboxEntry::lastError)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("R1", "131026 undeliverable"));
    assertThat(outbox.leaseOne("w", LEASE)).get().extracting(OutboxEntry::dedupeKey).isEqualTo("R2");
  }

  @Test
  void enqueue_afterRetention_finalEntriesAndDedupeKeysDropped() {
    InMemoryOutbox o = InMemoryOutbox.create(clock, Duration.ofHours(1));
    o.enqueue(text("c1", "one"), "R1");
    OutboxEntry e = o.leaseOne("w", LEASE).orElseThrow();
    o.ack(e.id(), e.leaseToken(), "wamid.1");
    clock.advance(Duration.ofMinutes(59));
    assertThat(o.enqueue(text("c1", "dup"), "R1").created()).isFalse();
    clock.advance(Duration.ofMinutes(2));
    o.enqueue(text("c2", "other"), "R9");
    assertThat(o.get(e.id())).isEmpty();
    assertThat(o.findByDedupeKey("R1")).isEmpty();
  }

  @Test
  void lease_concurrentWorkers_eachEntryLeasedOnceAndGroupOrderKept() throws Exception {
    int conversations = 20;
    int perConversation = 25;
    for (int m = 0; m < perConversation; m++) {
      for (int c = 0; c < conversations; c++) {
        outbox.enqueue(text("c" + c, "m" + m), "c" + c + ":" + m);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String worker = "w" + w;
        workers.add(pool.submit(() -> {
          while (outbox.count(OutboxEntry.Status.SENT) < conversations * perConversation) {
            for (OutboxEntry e : outbox.lease(worker, 3, LEASE)) {
              sent.add(e.dedupeKey());
              assertThat(outbox.ack(e.id(), e.leaseToken(), "wamid." + e.dedupeKey())).isTrue();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sent).hasSize(conversations * perConversation);
    Set<String> unique = new HashSet<>(sent);
    assertThat(unique).hasSize(sent.size());
    for (int c = 0; c < conversations; c++) {
      String prefix = "c" + c + ":";
      List<String> order = sent.stream().filter(k -> k.startsWith(prefix)).toList();
      List<String> expected = new ArrayList<>();
      for (int m = 0; m < perConversation; m++) {
        expected.add(prefix + m);
      }
      assertThat(order).isEqualTo(expected);
    }
  }

  @Test
  void outboxMessage_groupsByCustomer_andHidesIdentifiers() {
    OutboxMessage m = text("c1", "hello");
    assertThat(m.orderingGroup()).isEqualTo("1000:" + conversation("c1").customer().value());
    assertThat(m.toString()).doesNotContain(conversation("c1").customer().value()).doesNotContain("hello");
    OutboxMessage read = OutboxMessage.markRead("1000", "wamid.1", null);
    assertThat(read.isReadReceipt()).isTrue();
    assertThat(read.kind()).isEqualTo("read");
    assertThatThrownBy(() -> new OutboxMessage("1000", Message.text("+4915112345678", "x"), "wamid.1", null, null,
        null, Priority.AUTOMATED)).isInstanceOf(IllegalArgumentException.class);
  }
  @Test
  void markUnconfirmed_releasesTheGroup_isNeverLeasedAgain_andConfirmSettlesIt() {
    outbox.enqueue(text("c1", "one"), "R1");
    outbox.enqueue(text("c1", "two"), "R2");
    OutboxEntry first = outbox.leaseOne("w1", LEASE).orElseThrow();
    assertThat(outbox.markUnconfirmed(first.id(), "wrong-token", "x")).isFalse();
    assertThat(outbox.markUnconfirmed(first.id(), first.leaseToken(), "outcome unknown: ApiConnectionException")).isTrue();
    assertThat(outbox.get(first.id()).orElseThrow().status()).isEqualTo(OutboxEntry.Status.UNCONFIRMED);
    assertThat(OutboxEntry.Status.UNCONFIRMED.isFinal()).isTrue();
    // the group moves on; the unconfirmed entry is not leased again, even after its lease time
    clock.advance(Duration.ofMinutes(5));
    assertThat(outbox.lease("w1", 10, LEASE)).extracting(OutboxEntry::dedupeKey).containsExactly("R2");
    assertThat(outbox.confirm(first.id(), "wamid.A")).isTrue();
    assertThat(outbox.get(first.id()).orElseThrow()).satisfies(e -> {
      assertThat(e.status()).isEqualTo(OutboxEntry.Status.SENT);
      assertThat(e.wamid()).isEqualTo("wamid.A");
    });
    assertThat(outbox.confirm(first.id(), "wamid.B")).as("only an unconfirmed entry").isFalse();
  }

  @Test
  void redrive_putsADeadEntryBackAheadOfItsGroupsLaterEntries_withAFreshBudget() {
    outbox.enqueue(text("c1", "one"), "R1");
    outbox.enqueue(text("c1", "two"), "R2");
    OutboxEntry first = outbox.leaseOne("w1", LEASE).orElseThrow();
    outbox.deadLetter(first.id(), first.leaseToken(), "131016 Service unavailable");
    clock.advance(Duration.ofMinutes(1));
    assertThat(outbox.redrive("ob-404")).isFalse();
    assertThat(outbox.redrive(first.id())).isTrue();
    assertThat(outbox.redrive(first.id())).as("pending now, not dead").isFalse();
    OutboxEntry again = outbox.leaseOne("w1", LEASE).orElseThrow();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.attempts()).isEqualTo(1);
    assertThat(again.enqueuedAt()).isEqualTo(clock.instant());
    outbox.ack(again.id(), again.leaseToken(), "wamid.1");
    assertThat(outbox.leaseOne("w1", LEASE).orElseThrow().dedupeKey()).isEqualTo("R2");
  }

  @Test
  void redrive_ofAnUnconfirmedEntry_andNotOfASentOne() {
    outbox.enqueue(text("c1", "one"), "R1");
    OutboxEntry e = outbox.leaseOne("w1", LEASE).orElseThrow();
    outbox.markUnconfirmed(e.id(), e.leaseToken(), "outcome unknown");
    assertThat(outbox.redrive(e.id())).isTrue();
    OutboxEntry again = outbox.leaseOne("w1", LEASE).orElseThrow();
    outbox.ack(again.id(), again.leaseToken(), "wamid.1");
    assertThat(outbox.redrive(e.id())).isFalse();
  }
}
