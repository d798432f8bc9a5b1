package io.github.whatsapphelpdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What is particular to {@link InMemoryConversationStore}: its retention sweep. The {@link ConversationStore}
 * behaviour itself, races included, is checked by the testkit's {@code ConversationStoreContractTest}
 * ({@code InMemoryConversationStoreContractTest}).
 */
class InMemoryConversationStoreTest {
  private static final String PHONE = "1000";
  private static final CustomerId WA = CustomerId.ofPhone("4915112345678");
  private final MutableClock clock = MutableClock.create();

  @Test
  void sweep_afterRetention_dropsLinksAndReplies() {
    InMemoryConversationStore s = InMemoryConversationStore.create(clock, Duration.ofHours(1));
    s.linkMessage(new MessageLink("w1", "T1", "C1", MessageLink.Direction.INBOUND, clock.instant()));
    s.claimReply("R1", "T1", null);
    s.bindTicketIfAbsent(s.currentKey(PHONE, WA), "T1");
    clock.advance(Duration.ofMinutes(59));
    s.sweep();
    assertThat(s.messageLinkCount()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));
    s.sweep();
    assertThat(s.messageLinkCount()).isZero();
    assertThat(s.wamidForItem("T1", "C1")).isEmpty();
    assertThat(s.reply("R1")).isEmpty();
    assertThat(s.ticketFor(s.currentKey(PHONE, WA))).isPresent();
  }

  @Test
  void linkMessage_everySweepEveryWrites_sweepsOnItsOwn() {
    InMemoryConversationStore s = InMemoryConversationStore.create(clock, Duration.ofHours(1));
    s.linkMessage(new MessageLink("old", "T1", "C0", MessageLink.Direction.INBOUND, clock.instant()));
    clock.advance(Duration.ofHours(2));
    for (int i = 1; i < InMemoryConversationStore.SWEEP_EVERY; i++) {
      s.linkMessage(new MessageLink("w" + i, "T1", "C" + i, MessageLink.Direction.INBOUND, clock.instant()));
    }
    assertThat(s.messageLink("old")).isEmpty();
    assertThat(s.wamidForItem("T1", "C0")).isEmpty();
    assertThat(s.messageLinkCount()).isEqualTo(InMemoryConversationStore.SWEEP_EVERY - 1);
  }
}
