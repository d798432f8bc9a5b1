package io.github.whatsapphelpdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryConversationStoreTest {
  private static final String PHONE = "1000";
  private static final String WA = "4915112345678";
  private final MutableClock clock = MutableClock.create();
  private final InMemoryConversationStore store = InMemoryConversationStore.create(clock);

  @Test
  void bindTicketIfAbsent_secondBinding_returnsFirst() {
    ConversationKey key = store.currentKey(PHONE, WA);
    assertThat(key.episode()).isEqualTo(ConversationKey.FIRST_EPISODE);
    assertThat(store.bindTicketIfAbsent(key, "T1").ticketId()).isEqualTo("T1");
    assertThat(store.bindTicketIfAbsent(key, "T2").ticketId()).isEqualTo("T1");
    assertThat(store.ticketFor(key)).map(TicketBinding::ticketId).contains("T1");
    assertThat(store.conversationForTicket("T1")).contains(key);
    assertThat(store.conversationForTicket("T2")).isEmpty();
  }

  @Test
  void replaceTicket_expectedMatches_replacesAndKeepsOldReverseMapping() {
    ConversationKey key = store.currentKey(PHONE, WA);
    store.bindTicketIfAbsent(key, "T1");
    assertThat(store.replaceTicket(key, "T9", "T2")).isFalse();
    assertThat(store.replaceTicket(key, "T1", "T2")).isTrue();
    assertThat(store.ticketFor(key)).map(TicketBinding::ticketId).contains("T2");
    assertThat(store.conversationForTicket("T1")).contains(key);
    assertThat(store.conversationForTicket("T2")).contains(key);
    assertThat(store.replaceTicket(key.nextEpisode(), "T2", "T3")).isFalse();
  }

  @Test
  void advanceEpisodeIfTicket_repeatedForSameTicket_advancesOnce() {
    ConversationKey first = store.currentKey(PHONE, WA);
    store.bindTicketIfAbsent(first, "T1");
    assertThat(store.advanceEpisodeIfTicket(PHONE, WA, "OTHER")).isEqualTo(1);
    assertThat(store.advanceEpisodeIfTicket(PHONE, WA, "T1")).isEqualTo(2);
    assertThat(store.advanceEpisodeIfTicket(PHONE, WA, "T1")).isEqualTo(2);
    assertThat(store.currentEpisode(PHONE, WA)).isEqualTo(2);
    // Another customer is untouched.
    assertThat(store.currentEpisode(PHONE, "4915100000000")).isEqualTo(1);
  }

  @Test
  void advanceEpisodeIfTicket_unboundEpisode_staysPut() {
    assertThat(store.advanceEpisodeIfTicket(PHONE, WA, "T1")).isEqualTo(1);
  }

  @Test
  void advanceEpisodeIfTicket_concurrentCallers_advanceOnce() throws Exception {
    store.bindTicketIfAbsent(store.currentKey(PHONE, WA), "T1");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Long>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(() -> store.advanceEpisodeIfTicket(PHONE, WA, "T1"));
      }
      for (Future<Long> f : pool.invokeAll(calls)) {
        assertThat(f.get()).isEqualTo(2);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void linkMessage_bothDirections_lookedUpByWamidAndItem() {
    MessageLink in = new MessageLink("wamid.IN", "T1", "C1", MessageLink.Direction.INBOUND, clock.instant());
    assertThat(store.linkMessage(in)).isTrue();
    assertThat(store.linkMessage(new MessageLink("wamid.IN", "T1", "C2", MessageLink.Direction.INBOUND,
        clock.instant()))).isFalse();
    assertThat(store.messageLink("wamid.IN")).contains(in);
    assertThat(store.wamidForItem("T1", "C1")).contains("wamid.IN");
    assertThat(store.wamidForItem("T1", "C2")).isEmpty();
  }

  @Test
  void claimReply_concurrentDuplicates_exactlyOneClaims() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<ReplyClaim>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(() -> store.claimReply("R1", "T1", "ob-1"));
      }
      int claimed = 0;
      for (Future<ReplyClaim> f : pool.invokeAll(calls)) {
        claimed += f.get().claimed() ? 1 : 0;
      }
      assertThat(claimed).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.reply("R1")).get().extracting(ReplyRecord::state).isEqualTo(ReplyRecord.State.CLAIMED);
  }

  @Test
  void markReplySent_claimed_recordsWamidAndOutboundLink() {
    store.claimReply("R1", "T1", "ob-1");
    assertThat(store.markReplySent("R1", "wamid.OUT")).isTrue();
    assertThat(store.markReplySent("R1", "wamid.OUT")).isTrue();
    assertThat(store.markReplySent("R1", "wamid.OTHER")).isFalse();
    assertThat(store.markReplySent("UNKNOWN", "wamid.X")).isFalse();
    assertThat(store.reply("R1")).get().extracting(ReplyRecord::wamid).isEqualTo("wamid.OUT");
    assertThat(store.messageLink("wamid.OUT")).get()
        .extracting(MessageLink::direction, MessageLink::itemId)
        .containsExactly(MessageLink.Direction.OUTBOUND, "R1");
    assertThat(store.wamidForItem("T1", "R1")).contains("wamid.OUT");
    assertThat(store.claimReply("R1", "T1", null).claimed()).isFalse();
  }

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
}
