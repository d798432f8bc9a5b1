package io.github.whatsapphelpdesk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.MessageLink;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.DeliveryStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Migrations (idempotent, concurrent, staged, checksummed) and the retention purge, each in a fresh schema. */
class JdbcMigrationsAndRetentionTest {

  @Test
  void migrateTwiceIsANoOp() {
    try (PgSchema db = PgSchema.create()) {
      DataSource ds = db.pool(2);
      assertThat(JdbcMigrations.currentVersion(ds)).isZero();
      assertThat(JdbcMigrations.migrate(ds)).containsExactly(1, 2);
      assertThat(JdbcMigrations.migrate(ds)).isEmpty();
      assertThat(JdbcMigrations.currentVersion(ds)).isEqualTo(JdbcMigrations.LATEST_VERSION);
      assertThat(count(ds, "SELECT count(*) FROM wh_schema_version")).isEqualTo(2);
    }
  }

  @Test
  void instancesMigratingAtOnceApplyEachVersionOnce() {
    for (int round = 0; round < 3; round++) {
      try (PgSchema db = PgSchema.create()) {
        List<DataSource> pools = List.of(db.pool(1), db.pool(1), db.pool(1), db.pool(1));
        List<List<Integer>> applied = PgSchema.race(4, i -> JdbcMigrations.migrate(pools.get(i)));
        assertThat(applied.stream().filter(l -> !l.isEmpty())).as("one instance migrated").hasSize(1);
        assertThat(applied).filteredOn(l -> !l.isEmpty()).containsExactly(List.of(1, 2));
        assertThat(count(pools.get(0), "SELECT count(*) FROM wh_schema_version")).isEqualTo(2);
      }
    }
  }

  @Test
  void aStagedUpgradeAppliesOnlyWhatIsMissing() {
    try (PgSchema db = PgSchema.create()) {
      DataSource ds = db.pool(2);
      assertThat(JdbcMigrations.migrate(ds, 1, MutableClock.create())).containsExactly(1);
      assertThat(JdbcMigrations.currentVersion(ds)).isEqualTo(1);
      assertThat(count(ds, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
          + " AND tablename = 'wh_customer'")).isZero();
      assertThat(JdbcMigrations.migrate(ds)).containsExactly(2);
      assertThatThrownBy(() -> JdbcMigrations.migrate(ds, 0, MutableClock.create()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aChangedOrNewerSchemaIsRefused() throws SQLException {
    try (PgSchema db = PgSchema.create()) {
      DataSource ds = db.pool(2);
      JdbcMigrations.migrate(ds);
      exec(ds, "UPDATE wh_schema_version SET checksum = 'edited' WHERE version = 1");
      assertThatThrownBy(() -> JdbcMigrations.migrate(ds)).isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("checksum mismatch");
      exec(ds, "DELETE FROM wh_schema_version WHERE version = 1");
      exec(ds, "INSERT INTO wh_schema_version VALUES (99, 'V99__future.sql', 'x', now())");
      assertThatThrownBy(() -> JdbcMigrations.migrate(ds)).isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("newer than this SDK");
    }
  }

  @Test
  void theMigrationsAreShippedUnderFlywayNames() {
    assertThat(JdbcMigrations.load("V1__webhook_state.sql")).contains("CREATE TABLE wh_idempotency");
    assertThat(JdbcMigrations.load("V2__customers_and_conversations.sql")).contains("CREATE TABLE wh_customer");
  }

  @Test
  void aMissingServerIsAClearRetryableError() {
    org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/test");
    nowhere.setConnectTimeout(2);
    assertThatThrownBy(() -> PostgresIdempotencyStore.create(nowhere, MutableClock.create())
        .claim("k", Duration.ofDays(7)))
        .isInstanceOfSatisfying(JdbcStoreException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.getMessage()).contains("idempotency store: claim failed (SQLSTATE 08");
        });
  }

  @Test
  void retentionPurgesOnlyOldRows() throws SQLException {
    try (PgSchema db = PgSchema.create()) {
      DataSource ds = db.pool(2);
      JdbcMigrations.migrate(ds);
      MutableClock clock = MutableClock.create();
      PostgresIdempotencyStore idem = PostgresIdempotencyStore.create(ds, clock);
      PostgresTokenReplayStore tokens = PostgresTokenReplayStore.create(ds, clock);
      PostgresStatusStore statuses = PostgresStatusStore.builder(ds).retention(Duration.ofDays(8)).build();
      PostgresConversationStore conv = PostgresConversationStore.create(ds, clock);
      PostgresCustomerDirectory dir = PostgresCustomerDirectory.create(ds, clock);
      PostgresSuppressionList supp = PostgresSuppressionList.create(ds, clock);
      String pn = "106540352242922";
      CustomerId oldC = CustomerId.ofPhone("14155550101");
      CustomerId activeC = CustomerId.ofPhone("14155550102");
      CustomerId newC = CustomerId.ofPhone("14155550103");

      // Day 0: old rows.
      idem.claim("old", Duration.ofDays(7));
      tokens.claim("old-jti", clock.instant().plus(Duration.ofMinutes(5)));
      statuses.advance("wamid.old", DeliveryStatus.SENT, clock.instant());
      conv.bindTicketIfAbsent(new ConversationKey(pn, oldC, 1), "T-old");
      conv.advanceEpisodeIfTicket(pn, oldC, "T-old");
      conv.bindTicketIfAbsent(new ConversationKey(pn, activeC, 1), "T-active");
      conv.linkMessage(new MessageLink("wamid.in-old", "T-old", "c1", MessageLink.Direction.INBOUND, clock.instant()));
      conv.claimReply("reply-old", "T-old", null);
      dir.resolve(Customer.ofPhone(oldC.value()));
      supp.suppress(oldC, "stop");

      // Day 200: new rows; the active conversation's ticket saw a message recently.
      clock.advance(Duration.ofDays(200));
      idem.claim("new", Duration.ofDays(7));
      tokens.claim("new-jti", clock.instant().plus(Duration.ofMinutes(5)));
      statuses.advance("wamid.new", DeliveryStatus.SENT, clock.instant());
      conv.bindTicketIfAbsent(new ConversationKey(pn, newC, 1), "T-new");
      conv.linkMessage(new MessageLink("wamid.in-active", "T-active", "c2", MessageLink.Direction.INBOUND,
          clock.instant()));
      conv.claimReply("reply-new", "T-new", null);
      dir.resolve(Customer.ofPhone(newC.value()));

      JdbcRetention.PurgeResult r = JdbcRetention.builder(ds).clock(clock).customers(Duration.ofDays(100))
          .batchSize(1).build().purge();
      assertThat(r.deleted("wh_idempotency")).isEqualTo(1);
      assertThat(r.deleted("wh_token_replay")).isEqualTo(1);
      assertThat(r.deleted("wh_status")).isEqualTo(1);
      assertThat(r.deleted("wh_message_link")).isEqualTo(1);
      assertThat(r.deleted("wh_agent_reply")).isEqualTo(1);
      assertThat(r.deleted("wh_conversation")).as("only the idle conversation").isEqualTo(1);
      assertThat(r.deleted("wh_ticket")).isEqualTo(1);
      assertThat(r.deleted("wh_episode")).isEqualTo(1);
      assertThat(r.deleted("wh_customer")).isEqualTo(1);
      assertThat(r.deleted("wh_suppression")).as("kept unless configured").isZero();
      assertThat(r.total()).isEqualTo(9);

      assertThat(idem.claim("new", Duration.ofDays(7))).isFalse();
      assertThat(tokens.claim("new-jti", clock.instant().plus(Duration.ofMinutes(5)))).isFalse();
      assertThat(statuses.current("wamid.new", clock.instant())).isEqualTo(DeliveryStatus.SENT);
      assertThat(conv.ticketFor(new ConversationKey(pn, activeC, 1))).isPresent();
      assertThat(conv.ticketFor(new ConversationKey(pn, newC, 1))).isPresent();
      assertThat(conv.ticketFor(new ConversationKey(pn, oldC, 1))).isEmpty();
      assertThat(conv.conversationForTicket("T-old")).isEmpty();
      assertThat(conv.currentEpisode(pn, oldC)).isEqualTo(1);
      assertThat(conv.reply("reply-new")).isPresent();
      assertThat(conv.messageLink("wamid.in-active")).isPresent();
      assertThat(dir.find(newC)).isPresent();
      assertThat(dir.find(oldC)).isEmpty();
      assertThat(dir.findByPhone(oldC.value())).as("the aliases went with the customer").isEmpty();
      assertThat(supp.isSuppressed(oldC)).isTrue();
      assertThat(JdbcRetention.builder(ds).clock(clock).build().purge().total()).as("nothing left to purge").isZero();
    }
  }

  private static long count(DataSource ds, String sql) {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static void exec(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
