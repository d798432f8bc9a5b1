package io.github.whatsapphelpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.MessageLink;
import io.github.whatsapphelpdesk.store.ReplyClaim;
import io.github.whatsapphelpdesk.store.ReplyRecord;
import io.github.whatsapphelpdesk.store.TicketBinding;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresConversationStore} and {@link PostgresSuppressionList} against the real server, with two
 * pools standing for two bridge instances in the races.
 */
class PostgresConversationAndSuppressionTest {
  private static final String PN = "106540352242922";
  private static final CustomerId JANE = CustomerId.ofBsuid("US.13491208655302741918");
  private static PgSchema db;
  private static DataSource one;
  private static DataSource two;

  private MutableClock clock;
  private PostgresConversationStore a;
  private PostgresConversationStore b;

  @BeforeAll
  static void schema() {
    db = PgSchema.create();
    one = db.pool(6);
    two = db.pool(6);
    JdbcMigrations.migrate(one);
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  @BeforeEach
  void fresh() {
    db.truncateAll();
    clock = MutableClock.create();
    a = PostgresConversationStore.create(one, clock);
    b = PostgresConversationStore.create(two, clock);
  }

  @Test
  void aTicketIsBoundOnceAndMappedBack() {
    ConversationKey k = new ConversationKey(PN, JANE, 1);
    assertThat(a.ticketFor(k)).isEmpty();
    TicketBinding first = a.bindTicketIfAbsent(k, "T1");
    assertThat(first).isEqualTo(new TicketBinding(k, "T1", clock.instant()));
    clock.advance(Duration.ofMinutes(1));
    assertThat(b.bindTicketIfAbsent(k, "T2")).as("the existing binding wins").isEqualTo(first);
    assertThat(b.ticketFor(k)).contains(first);
    assertThat(a.conversationForTicket("T1")).contains(k);
    assertThat(a.conversationForTicket("T2")).as("the losing ticket is not mapped").isEmpty();
  }

  @Test
  void twoInstancesRacingToBindGetOneTicket() {
    for (int round = 0; round < 40; round++) {
      ConversationKey k = new ConversationKey(PN, JANE, round + 1);
      String prefix = "T" + round + "-";
      List<TicketBinding> got = PgSchema.race(6, i -> (i % 2 == 0 ? a : b).bindTicketIfAbsent(k, prefix + i));
      assertThat(got.stream().map(TicketBinding::ticketId).distinct()).as("round %d", round).hasSize(1);
      assertThat(a.conversationForTicket(got.get(0).ticketId())).contains(k);
    }
  }

  @Test
  void replaceTicketIsACompareAndSetAndTheOldTicketStillMaps() {
    ConversationKey k = new ConversationKey(PN, JANE, 1);
    assertThat(a.replaceTicket(k, "T1", "T2")).as("no binding").isFalse();
    a.bindTicketIfAbsent(k, "T1");
    clock.advance(Duration.ofHours(1));
    assertThat(a.replaceTicket(k, "T9", "T2")).as("another ticket expected").isFalse();
    assertThat(b.replaceTicket(k, "T1", "T2")).isTrue();
    assertThat(a.replaceTicket(k, "T1", "T3")).as("already replaced").isFalse();
    assertThat(a.ticketFor(k)).contains(new TicketBinding(k, "T2", clock.instant()));
    assertThat(a.conversationForTicket("T1")).contains(k);
    assertThat(a.conversationForTicket("T2")).contains(k);
  }

  @Test
  void theEpisodeAdvancesOnceForItsTerminalTicket() {
    assertThat(a.currentEpisode(PN, JANE)).isEqualTo(1);
    assertThat(a.advanceEpisodeIfTicket(PN, JANE, "T1")).as("no ticket bound").isEqualTo(1);
    a.bindTicketIfAbsent(new ConversationKey(PN, JANE, 1), "T1");
    assertThat(a.advanceEpisodeIfTicket(PN, JANE, "T0")).as("another ticket").isEqualTo(1);
    assertThat(a.advanceEpisodeIfTicket(PN, JANE, "T1")).isEqualTo(2);
    assertThat(b.advanceEpisodeIfTicket(PN, JANE, "T1")).as("repeated").isEqualTo(2);
    assertThat(b.currentKey(PN, JANE)).isEqualTo(new ConversationKey(PN, JANE, 2));
    b.bindTicketIfAbsent(new ConversationKey(PN, JANE, 2), "T2");
    assertThat(a.advanceEpisodeIfTicket(PN, JANE, "T2")).isEqualTo(3);
    assertThat(a.currentEpisode(PN, CustomerId.ofPhone("14155550101"))).as("other customers").isEqualTo(1);
  }

  @Test
  void racingAdvancesFromTwoInstancesAdvanceOnce() {
    for (int round = 0; round < 30; round++) {
      CustomerId who = CustomerId.ofPhone(String.format("1415%07d", round));
      String ticket = "T" + round;
      a.bindTicketIfAbsent(new ConversationKey(PN, who, 1), ticket);
      List<Long> got = PgSchema.race(6, i -> (i % 2 == 0 ? a : b).advanceEpisodeIfTicket(PN, who, ticket));
      assertThat(got).as("round %d", round).containsOnly(2L);
      assertThat(a.currentEpisode(PN, who)).isEqualTo(2);
    }
  }

  @Test
  void messageLinksAreFirstWins() {
    MessageLink in = new MessageLink("wamid.A", "T1", "c1", MessageLink.Direction.INBOUND, clock.instant());
    assertThat(a.linkMessage(in)).isTrue();
    assertThat(b.linkMessage(new MessageLink("wamid.A", "T9", "c9", MessageLink.Direction.OUTBOUND,
        clock.instant()))).isFalse();
    assertThat(b.messageLink("wamid.A")).contains(in);
    assertThat(a.linkMessage(new MessageLink("wamid.B", "T1", "c1", MessageLink.Direction.INBOUND,
        clock.instant()))).isTrue();
    assertThat(a.wamidForItem("T1", "c1")).as("the first link of the item").contains("wamid.A");
    assertThat(a.wamidForItem("T1", "c2")).isEmpty();
    assertThat(a.messageLink("wamid.none")).isEmpty();
  }

  @Test
  void aReplyIsClaimedOnceAcrossInstancesAndMarkedSent() {
    for (int round = 0; round < 30; round++) {
      String reply = "r" + round;
      List<ReplyClaim> got = PgSchema.race(6, i -> (i % 2 == 0 ? a : b).claimReply(reply, "T1", "ob-" + i));
      assertThat(got.stream().filter(ReplyClaim::claimed)).as("round %d", round).hasSize(1);
      ReplyRecord winner = got.stream().filter(ReplyClaim::claimed).findFirst().orElseThrow().record();
      assertThat(got).allSatisfy(c -> assertThat(c.record()).isEqualTo(winner));
      assertThat(winner.state()).isEqualTo(ReplyRecord.State.CLAIMED);
    }
    assertThat(a.markReplySent("unknown", "wamid.X")).isFalse();
    assertThat(a.markReplySent("r0", "wamid.S")).isTrue();
    assertThat(b.markReplySent("r0", "wamid.S")).as("the same wamid again").isTrue();
    assertThat(b.markReplySent("r0", "wamid.T")).as("another wamid").isFalse();
    ReplyRecord sent = a.reply("r0").orElseThrow();
    assertThat(sent.state()).isEqualTo(ReplyRecord.State.SENT);
    assertThat(sent.wamid()).isEqualTo("wamid.S");
    assertThat(a.messageLink("wamid.S")).contains(new MessageLink("wamid.S", "T1", "r0",
        MessageLink.Direction.OUTBOUND, clock.instant()));
    assertThat(a.wamidForItem("T1", "r0")).contains("wamid.S");
    assertThat(a.reply("never")).isEmpty();
  }

  @Test
  void suppressionIsSharedAndEachChangeIsReportedOnce() {
    PostgresSuppressionList sa = PostgresSuppressionList.create(one, clock);
    PostgresSuppressionList sb = PostgresSuppressionList.create(two, clock);
    CustomerId bob = CustomerId.ofPhone("+44 7700 900123");
    assertThat(sa.isSuppressed(JANE)).isFalse();
    assertThat(sa.suppress(JANE, "STOP keyword")).isTrue();
    assertThat(sb.suppress(JANE, "131050")).isFalse();
    assertThat(sb.isSuppressed(JANE)).isTrue();
    assertThat(sb.isSuppressed(bob)).isFalse();
    assertThat(sb.lift(JANE)).isTrue();
    assertThat(sa.lift(JANE)).isFalse();
    assertThat(sa.isSuppressed(JANE)).isFalse();
    for (int round = 0; round < 20; round++) {
      CustomerId who = CustomerId.ofPhone(String.format("1415%07d", round));
      List<Boolean> added = PgSchema.race(6, i -> (i % 2 == 0 ? sa : sb).suppress(who, "stop"));
      assertThat(added.stream().filter(x -> x)).as("round %d", round).hasSize(1);
      List<Boolean> lifted = PgSchema.race(6, i -> (i % 2 == 0 ? sa : sb).lift(who));
      assertThat(lifted.stream().filter(x -> x)).hasSize(1);
    }
  }
}
