package io.github.whatsapphelpdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What is particular to {@link InMemoryOutbox}: its retention settings. The {@link Outbox} behaviour itself
 * is checked by the testkit's {@code OutboxContractTest} ({@code InMemoryOutboxContractTest}).
 */
class InMemoryOutboxTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private final MutableClock clock = MutableClock.create();

  private static OutboxMessage text(String customer, String text) {
    ConversationKey key = new ConversationKey("1000", CustomerId.ofPhone(customer), 1);
    return OutboxMessage.send("1000", Message.text("+" + customer, text), key, null, null, Priority.AGENT_REPLY);
  }

  @Test
  void create_defaultRetention_keepsFinalEntriesForADay() {
    InMemoryOutbox outbox = InMemoryOutbox.create(clock);
    outbox.enqueue(text("4915112345678", "one"), "R1");
    OutboxEntry e = outbox.leaseOne("w", LEASE).orElseThrow();
    assertThat(outbox.ack(e.id(), e.leaseToken(), "wamid.1")).isTrue();
    clock.advance(InMemoryOutbox.DEFAULT_RETENTION.minusSeconds(1));
    assertThat(outbox.findByDedupeKey("R1")).get().extracting(OutboxEntry::status).isEqualTo(OutboxEntry.Status.SENT);
    clock.advance(Duration.ofSeconds(1));
    assertThat(outbox.findByDedupeKey("R1")).isEmpty();
    assertThat(outbox.count(OutboxEntry.Status.SENT)).isZero();
  }

  @Test
  void create_zeroRetention_dropsFinalEntriesAndTheirKeysAtOnce() {
    InMemoryOutbox outbox = InMemoryOutbox.create(clock, Duration.ZERO);
    outbox.enqueue(text("4915112345678", "one"), "R1");
    outbox.enqueue(text("4915112345679", "two"), "R2");
    for (OutboxEntry e : outbox.lease("w", 10, LEASE)) {
      assertThat(e.dedupeKey().equals("R1") ? outbox.ack(e.id(), e.leaseToken(), "wamid.1")
          : outbox.deadLetter(e.id(), e.leaseToken(), "131026")).isTrue();
      assertThat(outbox.get(e.id())).isEmpty();
    }
    assertThat(outbox.count(OutboxEntry.Status.SENT) + outbox.count(OutboxEntry.Status.DEAD)).isZero();
    assertThat(outbox.findByDedupeKey("R1")).isEmpty();
    assertThat(outbox.enqueue(text("4915112345678", "again"), "R1").created()).isTrue();
    assertThat(outbox.enqueue(text("4915112345679", "again"), "R2").created()).isTrue();
  }

  @Test
  void create_badArguments_refused() {
    assertThatThrownBy(() -> InMemoryOutbox.create(clock, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryOutbox.create(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> InMemoryOutbox.create(clock, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toString_countsOnly() {
    InMemoryOutbox outbox = InMemoryOutbox.create(clock);
    outbox.enqueue(text("4915112345678", "secret text"), "R1");
    assertThat(outbox.toString()).isEqualTo("InMemoryOutbox[1 unfinished, 0 final]");
  }

  @Test
  void outboxMessage_groupsByCustomer_andHidesIdentifiers() {
    OutboxMessage m = text("4915112345678", "hello");
    assertThat(m.orderingGroup()).isEqualTo("1000:4915112345678");
    assertThat(m.toString()).doesNotContain("4915112345678").doesNotContain("hello");
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
