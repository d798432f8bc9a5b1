package io.github.whatsapphelpdesk.testkit.contract.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.ConversationStore;
import io.github.whatsapphelpdesk.store.MessageLink;
import io.github.whatsapphelpdesk.store.MessageLink.Direction;
import io.github.whatsapphelpdesk.store.ReplyClaim;
import io.github.whatsapphelpdesk.store.ReplyRecord;
import io.github.whatsapphelpdesk.store.TicketBinding;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ConversationStore} meets: a conversation episode is bound to one ticket
 * (insert-if-absent, with the reverse mapping), rollovers compare and set, the episode advances once per
 * terminal ticket, message links and agent-reply claims are first-writer-wins, and all of it holds under
 * races (threads binding one episode get one ticket, racing advances advance once, racing claims give one
 * claimer).
 *
 * <p>Extend it and implement {@link #newStore}: an empty store reading {@code clock} for the times it records
 * ({@link TicketBinding#boundAt()}, {@link ReplyRecord#claimedAt()}), keeping message links and reply
 * records for at least a day. {@link #dispose} frees what it made.
 */
public abstract class ConversationStoreContractTest extends StoreContract<ConversationStore> {
  /** A business phone number id. */
  protected static final String PHONE = "106540352242922";
  /** Another business phone number id. */
  protected static final String OTHER_PHONE = "106540352242923";
  /** A customer known by number. */
  protected static final CustomerId ALICE = CustomerId.ofPhone("16505551234");
  /** Another customer known by number. */
  protected static final CustomerId BOB = CustomerId.ofPhone("447700900123");
  /** A customer known by BSUID. */
  protected static final CustomerId CAROL = CustomerId.ofBsuid("US.13491208655302741918");

  private static ConversationKey key(CustomerId customer, long episode) {
    return new ConversationKey(PHONE, customer, episode);
  }

  private MessageLink link(String wamid, String ticketId, String itemId, Direction direction) {
    return new MessageLink(wamid, ticketId, itemId, direction, clock.instant());
  }

  // ---- episodes and bindings ---------------------------------------------------------------------------

  @Test
  void aNewCustomerIsInTheFirstEpisodeWithNoTicket() {
    for (CustomerId c : List.of(ALICE, CAROL)) {
      assertThat(store.currentEpisode(PHONE, c)).isEqualTo(ConversationKey.FIRST_EPISODE);
      assertThat(store.currentKey(PHONE, c)).isEqualTo(key(c, ConversationKey.FIRST_EPISODE));
      assertThat(store.ticketFor(key(c, 1))).isEmpty();
    }
    assertThat(store.conversationForTicket("T1")).isEmpty();
  }

  @Test
  void theFirstBindingWinsAndMapsItsTicketBack() {
    ConversationKey k = key(ALICE, 1);
    TicketBinding first = store.bindTicketIfAbsent(k, "T1");
    assertThat(first).isEqualTo(new TicketBinding(k, "T1", clock.instant()));
    clock.advance(Duration.ofMinutes(1));
    TicketBinding second = store.bindTicketIfAbsent(k, "T2");
    assertThat(second).as("the binding in effect").isEqualTo(first);
    assertThat(store.ticketFor(k)).contains(first);
    assertThat(store.conversationForTicket("T1")).contains(k);
    assertThat(store.conversationForTicket("T2")).as("the losing ticket maps nowhere").isEmpty();
  }

  @Test
  void bindingsAreKeptApartByNumberCustomerAndEpisode() {
    List<ConversationKey> keys = List.of(key(ALICE, 1), key(ALICE, 2), key(BOB, 1), key(CAROL, 1),
        new ConversationKey(OTHER_PHONE, ALICE, 1));
    for (int i = 0; i < keys.size(); i++) {
      assertThat(store.bindTicketIfAbsent(keys.get(i), "T" + i).ticketId()).isEqualTo("T" + i);
    }
    for (int i = 0; i < keys.size(); i++) {
      assertThat(store.ticketFor(keys.get(i))).map(TicketBinding::ticketId).contains("T" + i);
      assertThat(store.conversationForTicket("T" + i)).contains(keys.get(i));
    }
    assertThat(store.currentEpisode(PHONE, ALICE)).as("binding episode 2 does not move the episode").isEqualTo(1);
  }

  @Test
  void aRolloverReplacesOnlyTheExpectedTicket() {
    ConversationKey k = key(ALICE, 1);
    store.bindTicketIfAbsent(k, "T1");
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.replaceTicket(k, "T9", "T2")).isFalse();
    assertThat(store.ticketFor(k)).map(TicketBinding::ticketId).contains("T1");
    assertThat(store.replaceTicket(k, "T1", "T2")).isTrue();
    assertThat(store.ticketFor(k)).contains(new TicketBinding(k, "T2", clock.instant()));
    assertThat(store.conversationForTicket("T1")).as("the old ticket still maps back").contains(k);
    assertThat(store.conversationForTicket("T2")).contains(k);
    assertThat(store.replaceTicket(k, "T1", "T3")).as("T1 is no longer current").isFalse();
    assertThat(store.replaceTicket(key(ALICE, 2), "T2", "T3")).as("no binding").isFalse();
    assertThat(store.ticketFor(key(ALICE, 2))).isEmpty();
    assertThat(store.bindTicketIfAbsent(k, "T4").ticketId()).isEqualTo("T2");
  }

  @Test
  void theEpisodeAdvancesOncePerTerminalTicket() {
    assertThat(store.advanceEpisodeIfTicket(PHONE, ALICE, "T1")).as("nothing bound").isEqualTo(1);
    store.bindTicketIfAbsent(key(ALICE, 1), "T1");
    assertThat(store.advanceEpisodeIfTicket(PHONE, ALICE, "OTHER")).isEqualTo(1);
    assertThat(store.advanceEpisodeIfTicket(PHONE, ALICE, "T1")).isEqualTo(2);
    assertThat(store.advanceEpisodeIfTicket(PHONE, ALICE, "T1")).as("repeated").isEqualTo(2);
    assertThat(store.currentEpisode(PHONE, ALICE)).isEqualTo(2);
    assertThat(store.currentKey(PHONE, ALICE)).isEqualTo(key(ALICE, 2));
    assertThat(store.ticketFor(key(ALICE, 2))).isEmpty();
    assertThat(store.ticketFor(key(ALICE, 1))).map(TicketBinding::ticketId).contains("T1");
    store.bindTicketIfAbsent(key(ALICE, 2), "T2");
    assertThat(store.advanceEpisodeIfTicket(PHONE, ALICE, "T1")).as("an old ticket").isEqualTo(2);
    assertThat(store.advanceEpisodeIfTicket(PHONE, ALICE, "T2")).isEqualTo(3);
    // Other customers and numbers are untouched.
    assertThat(store.currentEpisode(PHONE, BOB)).isEqualTo(1);
    assertThat(store.currentEpisode(OTHER_PHONE, ALICE)).isEqualTo(1);
    assertThat(store.currentEpisode(PHONE, CAROL)).isEqualTo(1);
  }

  @Test
  void afterARolloverTheNewTicketEndsTheEpisode() {
    store.bindTicketIfAbsent(key(CAROL, 1), "T1");
    assertThat(store.replaceTicket(key(CAROL, 1), "T1", "T2")).isTrue();
    assertThat(store.advanceEpisodeIfTicket(PHONE, CAROL, "T1")).isEqualTo(1);
    assertThat(store.advanceEpisodeIfTicket(PHONE, CAROL, "T2")).isEqualTo(2);
  }

  // ---- message links ------------------------------------------------------------------------------------

  @Test
  void aWamidIsLinkedOnceAndFoundBothWays() {
    MessageLink in = link("wamid.IN", "T1", "C1", Direction.INBOUND);
    assertThat(store.linkMessage(in)).isTrue();
    assertThat(store.linkMessage(link("wamid.IN", "T1", "C2", Direction.INBOUND))).isFalse();
    assertThat(store.linkMessage(link("wamid.IN", "T9", "C9", Direction.OUTBOUND))).isFalse();
    assertThat(store.messageLink("wamid.IN")).contains(in);
    assertThat(store.wamidForItem("T1", "C1")).contains("wamid.IN");
    assertThat(store.wamidForItem("T1", "C2")).isEmpty();
    assertThat(store.wamidForItem("T9", "C9")).isEmpty();
    assertThat(store.messageLink("wamid.OTHER")).isEmpty();
  }

  @Test
  void itemKeysAreComparedInFull() {
    // Ids that would collide if the store joined ticket and item with a separator.
    assertThat(store.linkMessage(link("wamid.1", "T:1", "C", Direction.INBOUND))).isTrue();
    assertThat(store.linkMessage(link("wamid.2", "T", "1:C", Direction.INBOUND))).isTrue();
    assertThat(store.linkMessage(link("wamid.3", "T1", "C", Direction.INBOUND))).isTrue();
    assertThat(store.wamidForItem("T:1", "C")).contains("wamid.1");
    assertThat(store.wamidForItem("T", "1:C")).contains("wamid.2");
    assertThat(store.wamidForItem("T1", "C")).contains("wamid.3");
    assertThat(store.wamidForItem("T", "1C")).isEmpty();
  }

  // ---- agent replies -------------------------------------------------------------------------------------

  @Test
  void aReplyIsClaimedOnce() {
    Instant claimedAt = clock.instant();
    ReplyClaim first = store.claimReply("R1", "T1", "ob-1");
    assertThat(first.claimed()).isTrue();
    assertThat(first.record()).isEqualTo(new ReplyRecord("R1", "T1", ReplyRecord.State.CLAIMED, "ob-1", null,
        claimedAt));
    clock.advance(Duration.ofMinutes(1));
    ReplyClaim again = store.claimReply("R1", "T1", "ob-2");
    assertThat(again.claimed()).isFalse();
    assertThat(again.record()).as("the first claim's record").isEqualTo(first.record());
    assertThat(store.reply("R1")).contains(first.record());
    assertThat(store.reply("R2")).isEmpty();
    assertThat(store.claimReply("R2", "T1", null).record().outboxEntryId()).isNull();
  }

  @Test
  void aSentReplyRecordsItsWamidAndAnOutboundLink() {
    store.claimReply("R1", "T1", "ob-1");
    assertThat(store.markReplySent("UNKNOWN", "wamid.X")).isFalse();
    assertThat(store.messageLink("wamid.X")).isEmpty();
    assertThat(store.markReplySent("R1", "wamid.OUT")).isTrue();
    assertThat(store.markReplySent("R1", "wamid.OUT")).as("repeated with the same wamid").isTrue();
    assertThat(store.markReplySent("R1", "wamid.OTHER")).isFalse();
    ReplyRecord r = store.reply("R1").orElseThrow();
    assertThat(r.state()).isEqualTo(ReplyRecord.State.SENT);
    assertThat(r.wamid()).isEqualTo("wamid.OUT");
    assertThat(r.outboxEntryId()).isEqualTo("ob-1");
    assertThat(store.messageLink("wamid.OUT")).get()
        .extracting(MessageLink::ticketId, MessageLink::itemId, MessageLink::direction)
        .containsExactly("T1", "R1", Direction.OUTBOUND);
    assertThat(store.messageLink("wamid.OTHER")).isEmpty();
    assertThat(store.wamidForItem("T1", "R1")).contains("wamid.OUT");
    assertThat(store.claimReply("R1", "T1", null).claimed()).isFalse();
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> store.bindTicketIfAbsent(null, "T1")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.bindTicketIfAbsent(key(ALICE, 1), null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.claimReply(null, "T1", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.claimReply("R1", null, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.linkMessage(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.advanceEpisodeIfTicket(PHONE, ALICE, null))
        .isInstanceOf(NullPointerException.class);
    assertThat(store.ticketFor(key(ALICE, 1))).as("nothing of a refused call is stored").isEmpty();
    assertThat(store.reply("R1")).isEmpty();
  }

  // ---- races -------------------------------------------------------------------------------------------

  @Test
  void threadsBindingOneEpisodeAllGetTheSameTicket() {
    int threads = 8;
    for (int round = 0; round < 100; round++) {
      ConversationKey k = key(round % 2 == 0 ? ALICE : CAROL, round + 1);
      int r = round;
      List<TicketBinding> got = Race.run(threads, i -> store.bindTicketIfAbsent(k, "T" + r + "-" + i));
      String winner = got.get(0).ticketId();
      assertThat(got).as("round %d", round).allSatisfy(b -> assertThat(b.ticketId()).isEqualTo(winner));
      assertThat(store.ticketFor(k)).map(TicketBinding::ticketId).contains(winner);
      for (int i = 0; i < threads; i++) {
        String t = "T" + round + "-" + i;
        if (t.equals(winner)) {
          assertThat(store.conversationForTicket(t)).contains(k);
        } else {
          assertThat(store.conversationForTicket(t)).as("loser %s maps nowhere", t).isEmpty();
        }
      }
    }
  }

  @Test
  void racingAdvancesForOneTerminalTicketAdvanceOnce() {
    int threads = 8;
    for (int round = 0; round < 50; round++) {
      CustomerId c = CustomerId.ofPhone(Long.toString(4915100000000L + round));
      store.bindTicketIfAbsent(key(c, 1), "T" + round);
      String ticket = "T" + round;
      List<Long> episodes = Race.run(threads, i -> store.advanceEpisodeIfTicket(PHONE, c, ticket));
      assertThat(episodes).as("round %d", round).containsOnly(2L);
      assertThat(store.currentEpisode(PHONE, c)).isEqualTo(2);
    }
  }

  @Test
  void racingRolloversReplaceOnce() {
    int threads = 8;
    for (int round = 0; round < 50; round++) {
      ConversationKey k = key(BOB, round + 1);
      store.bindTicketIfAbsent(k, "T");
      int r = round;
      List<Boolean> won = Race.run(threads, i -> store.replaceTicket(k, "T", "T" + r + "-" + i));
      assertThat(won.stream().filter(b -> b).count()).as("round %d", round).isEqualTo(1);
      String winner = "T" + round + "-" + won.indexOf(true);
      assertThat(store.ticketFor(k)).map(TicketBinding::ticketId).contains(winner);
    }
  }

  @Test
  void racingClaimsOfOneReplyGiveOneClaimer() {
    int threads = 8;
    for (int round = 0; round < 100; round++) {
      String replyId = "R" + round;
      List<ReplyClaim> claims = Race.run(threads, i -> store.claimReply(replyId, "T1", "ob-" + i));
      assertThat(claims.stream().filter(ReplyClaim::claimed).count()).as("claimers of %s", replyId).isEqualTo(1);
      ReplyRecord winner = claims.stream().filter(ReplyClaim::claimed).findFirst().orElseThrow().record();
      assertThat(claims).allSatisfy(c -> assertThat(c.record()).isEqualTo(winner));
      assertThat(store.reply(replyId)).contains(winner);
    }
  }

  @Test
  void racingLinksAndSendsOfOneWamidOrReplyHaveOneWinner() {
    int threads = 6;
    for (int round = 0; round < 50; round++) {
      String wamid = "wamid.L" + round;
      int r = round;
      List<Boolean> linked = Race.run(threads, i -> store.linkMessage(
          link(wamid, "T" + r, "C" + i, Direction.INBOUND)));
      assertThat(linked.stream().filter(b -> b).count()).as("links of %s", wamid).isEqualTo(1);
      String item = "C" + linked.indexOf(true);
      assertThat(store.messageLink(wamid)).map(MessageLink::itemId).contains(item);

      String replyId = "R" + round;
      store.claimReply(replyId, "T" + round, null);
      List<Boolean> sent = Race.run(threads, i -> store.markReplySent(replyId, "wamid.S" + r + "-" + i));
      assertThat(sent.stream().filter(b -> b).count()).as("sends of %s", replyId).isEqualTo(1);
      String sentWamid = "wamid.S" + round + "-" + sent.indexOf(true);
      assertThat(store.reply(replyId)).map(ReplyRecord::wamid).contains(sentWamid);
      assertThat(store.wamidForItem("T" + round, replyId)).contains(sentWamid);
    }
  }
}
