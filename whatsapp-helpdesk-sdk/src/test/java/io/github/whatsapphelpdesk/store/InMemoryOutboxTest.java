package io.github.whatsapphelpdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.ValidationException;
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

  private static OutboundMessage text(String conversation, String text, Priority priority) {
    return OutboundMessage.builder(OutboundMessage.Kind.TEXT).conversationKey(conversation)
        .phoneNumberId("1000").recipientWaId("4915112345678").text(text).priority(priority).build();
  }

  private static OutboundMessage text(String conversation, String text) {
    return text(conversation, text, Priority.AGENT_REPLY);
  }

  @Test
  void enqueue_sameDedupeKey_keepsFirstEntry() {
    EnqueueResult first = outbox.enqueue(text("c1", "hello"), "R1");
    EnqueueResult again = outbox.enqueue(text("c1", "other"), "R1");
    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.entry().id()).isEqualTo(first.entry().id());
    assertThat(again.entry().message().text()).isEqualTo("hello");
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
  void builder_missingFields_namesEveryProblem() {
    assertThatThrownBy(() -> OutboundMessage.builder(OutboundMessage.Kind.TEMPLATE).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("phoneNumberId").hasMessageContaining("recipientWaId")
        .hasMessageContaining("templateName").hasMessageContaining("templateLanguage");
    OutboundMessage m = OutboundMessage.builder(OutboundMessage.Kind.TEMPLATE).phoneNumberId("1")
        .recipientWaId("4915112345678").template("hello", "en").putTemplateParameter("2", "b")
        .putTemplateParameter("1", "a").build();
    assertThat(m.templateParameters().keySet()).containsExactly("2", "1");
    assertThat(m.orderingGroup()).isEqualTo("to:1:4915112345678");
    assertThat(m.toString()).doesNotContain("4915112345678");
  }

  @Test
  void outboundMessage_javaSerialization_roundTrips() throws Exception {
    OutboundMessage m = OutboundMessage.builder(OutboundMessage.Kind.MEDIA).conversationKey("wa:1:4915112345678:1")
        .phoneNumberId("1").recipientWaId("4915112345678").text("caption")
        .addAttachment(new AttachmentRef("a1", "label.pdf", "application/pdf", 10, "https://crm/a1"))
        .priority(Priority.AGENT_REPLY).replyId("R1").ticketId("T1").build();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(m);
    }
  }
}
