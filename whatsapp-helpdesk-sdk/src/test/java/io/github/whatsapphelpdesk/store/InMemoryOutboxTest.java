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
}
