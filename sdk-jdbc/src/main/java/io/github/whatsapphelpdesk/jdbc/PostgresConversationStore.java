package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.jdbc.internal.Sql;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.ConversationStore;
import io.github.whatsapphelpdesk.store.MessageLink;
import io.github.whatsapphelpdesk.store.ReplyClaim;
import io.github.whatsapphelpdesk.store.ReplyRecord;
import io.github.whatsapphelpdesk.store.TicketBinding;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ConversationStore} in PostgreSQL, shared by every bridge instance. Each operation is one atomic
 * statement:
 * <ul>
 *   <li>{@link #bindTicketIfAbsent}: {@code INSERT INTO wh_conversation ... ON CONFLICT DO UPDATE} (a no-op
 *       update that returns the row in effect), with the reverse mapping {@code wh_ticket} written in the same
 *       statement: one ticket per conversation episode across instances;
 *   <li>{@link #replaceTicket}: a conditional {@code UPDATE ... WHERE ticket_id = expected};
 *   <li>{@link #advanceEpisodeIfTicket}: {@code INSERT INTO wh_episode ... ON CONFLICT DO UPDATE SET episode =
 *       episode + 1 WHERE} the current episode's ticket is the terminal one, so racing callers advance once;
 *   <li>{@link #linkMessage}, {@link #claimReply}: {@code INSERT ... ON CONFLICT DO NOTHING RETURNING};
 *   <li>{@link #markReplySent}: {@code UPDATE ... WHERE state = 'CLAIMED'} plus the outbound link, in one
 *       statement.
 * </ul>
 * Timestamps come from the injected {@link Clock}. {@link JdbcRetention} bounds the tables. Thread-safe.
 */
public final class PostgresConversationStore implements ConversationStore {
  private static final String BIND = "WITH b AS ("
      + " INSERT INTO wh_conversation AS t (phone_number_id, customer_id, episode, ticket_id, bound_at)"
      + " VALUES (?, ?, ?, ?, ?)"
      + " ON CONFLICT (phone_number_id, customer_id, episode) DO UPDATE SET ticket_id = t.ticket_id"
      + " RETURNING t.ticket_id, t.bound_at),"
      + " r AS (INSERT INTO wh_ticket (ticket_id, phone_number_id, customer_id, episode, mapped_at)"
      + " SELECT b.ticket_id, ?, ?, ?, ? FROM b ON CONFLICT (ticket_id) DO NOTHING)"
      + " SELECT ticket_id, bound_at FROM b";
  private static final String REPLACE = "WITH u AS ("
      + " UPDATE wh_conversation SET ticket_id = ?, bound_at = ?"
      + " WHERE phone_number_id = ? AND customer_id = ? AND episode = ? AND ticket_id = ? RETURNING ticket_id),"
      + " r AS (INSERT INTO wh_ticket (ticket_id, phone_number_id, customer_id, episode, mapped_at)"
      + " SELECT u.ticket_id, ?, ?, ?, ? FROM u ON CONFLICT (ticket_id) DO NOTHING)"
      + " SELECT count(*) FROM u";
  // The INSERT arm covers a customer with no row yet (episode 1); the UPDATE arm the others.
  private static final String ADVANCE = "INSERT INTO wh_episode AS e (phone_number_id, customer_id, episode, updated_at)"
      + " SELECT ?, ?, CASE WHEN EXISTS (SELECT 1 FROM wh_conversation c WHERE c.phone_number_id = ?"
      + " AND c.customer_id = ? AND c.episode = 1 AND c.ticket_id = ?) THEN 2 ELSE 1 END, ?"
      + " ON CONFLICT (phone_number_id, customer_id) DO UPDATE SET episode = e.episode + 1,"
      + " updated_at = EXCLUDED.updated_at"
      + " WHERE EXISTS (SELECT 1 FROM wh_conversation c WHERE c.phone_number_id = e.phone_number_id"
      + " AND c.customer_id = e.customer_id AND c.episode = e.episode AND c.ticket_id = ?)"
      + " RETURNING e.episode";
  private static final String MARK_SENT = "WITH u AS ("
      + " UPDATE wh_agent_reply SET state = 'SENT', wamid = ?, sent_at = ?"
      + " WHERE reply_id = ? AND state = 'CLAIMED' RETURNING ticket_id),"
      + " l AS (INSERT INTO wh_message_link (wamid, ticket_id, item_id, direction, linked_at)"
      + " SELECT ?, u.ticket_id, ?, 'OUTBOUND', ? FROM u ON CONFLICT (wamid) DO NOTHING)"
      + " SELECT count(*) FROM u";
  private static final String REPLY_COLUMNS = "reply_id, ticket_id, state, outbox_entry_id, wamid, claimed_at";

  private final Sql sql;
  private final Clock clock;

  private PostgresConversationStore(DataSource dataSource, Clock clock) {
    this.sql = new Sql(dataSource, "conversation");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A store on {@code dataSource} (migrated with {@link JdbcMigrations}) that timestamps by {@code clock}. */
  public static PostgresConversationStore create(DataSource dataSource, Clock clock) {
    return new PostgresConversationStore(dataSource, clock);
  }

  @Override
  public long currentEpisode(String phoneNumberId, CustomerId customer) {
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    Objects.requireNonNull(customer, "customer");
    Long e = sql.call("currentEpisode", c -> episode(c, phoneNumberId, customer));
    return e == null ? ConversationKey.FIRST_EPISODE : e;
  }

  private static Long episode(Connection c, String phoneNumberId, CustomerId customer) throws SQLException {
    return Sql.queryOne(c, "SELECT episode FROM wh_episode WHERE phone_number_id = ? AND customer_id = ?",
        rs -> rs.getLong(1), phoneNumberId, customer.value());
  }

  @Override
  public TicketBinding bindTicketIfAbsent(ConversationKey key, String ticketId) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ticketId, "ticketId");
    Instant now = clock.instant();
    return sql.call("bindTicketIfAbsent", c -> Sql.queryOne(c, BIND,
        rs -> new TicketBinding(key, rs.getString(1), Sql.instant(rs, "bound_at")),
        key.phoneNumberId(), key.customer().value(), key.episode(), ticketId, Sql.ts(now),
        key.phoneNumberId(), key.customer().value(), key.episode(), Sql.ts(now)));
  }

  @Override
  public Optional<TicketBinding> ticketFor(ConversationKey key) {
    Objects.requireNonNull(key, "key");
    return Optional.ofNullable(sql.call("ticketFor", c -> Sql.queryOne(c,
        "SELECT ticket_id, bound_at FROM wh_conversation WHERE phone_number_id = ? AND customer_id = ? AND episode = ?",
        rs -> new TicketBinding(key, rs.getString(1), Sql.instant(rs, "bound_at")),
        key.phoneNumberId(), key.customer().value(), key.episode())));
  }

  @Override
  public boolean replaceTicket(ConversationKey key, String expectedTicketId, String newTicketId) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expectedTicketId, "expectedTicketId");
    Objects.requireNonNull(newTicketId, "newTicketId");
    Instant now = clock.instant();
    long n = sql.call("replaceTicket", c -> Sql.queryOne(c, REPLACE, rs -> rs.getLong(1),
        newTicketId, Sql.ts(now), key.phoneNumberId(), key.customer().value(), key.episode(), expectedTicketId,
        key.phoneNumberId(), key.customer().value(), key.episode(), Sql.ts(now)));
    return n > 0;
  }

  @Override
  public long advanceEpisodeIfTicket(String phoneNumberId, CustomerId customer, String terminalTicketId) {
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(terminalTicketId, "terminalTicketId");
    Instant now = clock.instant();
    return sql.call("advanceEpisodeIfTicket", c -> {
      Long advanced = Sql.queryOne(c, ADVANCE, rs -> rs.getLong(1),
          phoneNumberId, customer.value(), phoneNumberId, customer.value(), terminalTicketId, Sql.ts(now),
          terminalTicketId);
      if (advanced != null) {
        return advanced;
      }
      // Not advanced (another caller did, or the ticket is not the current one): the episode as it is now.
      Long e = episode(c, phoneNumberId, customer);
      return e == null ? ConversationKey.FIRST_EPISODE : e;
    });
  }

  @Override
  public Optional<ConversationKey> conversationForTicket(String ticketId) {
    Objects.requireNonNull(ticketId, "ticketId");
    return Optional.ofNullable(sql.call("conversationForTicket", c -> Sql.queryOne(c,
        "SELECT phone_number_id, customer_id, episode FROM wh_ticket WHERE ticket_id = ?",
        rs -> new ConversationKey(rs.getString(1), new CustomerId(rs.getString(2)), rs.getLong(3)), ticketId)));
  }

  @Override
  public boolean linkMessage(MessageLink link) {
    Objects.requireNonNull(link, "link");
    return sql.call("linkMessage", c -> Sql.queryOne(c,
        "INSERT INTO wh_message_link (wamid, ticket_id, item_id, direction, linked_at) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (wamid) DO NOTHING RETURNING wamid",
        rs -> Boolean.TRUE, link.wamid(), link.ticketId(), link.itemId(), link.direction().name(),
        Sql.ts(link.linkedAt())) != null);
  }

  @Override
  public Optional<MessageLink> messageLink(String wamid) {
    Objects.requireNonNull(wamid, "wamid");
    return Optional.ofNullable(sql.call("messageLink", c -> Sql.queryOne(c,
        "SELECT wamid, ticket_id, item_id, direction, linked_at FROM wh_message_link WHERE wamid = ?",
        rs -> new MessageLink(rs.getString(1), rs.getString(2), rs.getString(3),
            MessageLink.Direction.valueOf(rs.getString(4)), Sql.instant(rs, "linked_at")), wamid)));
  }

  /** The first wamid linked to the item (the same answer as the in-memory store's first-wins map). */
  @Override
  public Optional<String> wamidForItem(String ticketId, String itemId) {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(itemId, "itemId");
    return Optional.ofNullable(sql.call("wamidForItem", c -> Sql.queryOne(c,
        "SELECT wamid FROM wh_message_link WHERE ticket_id = ? AND item_id = ? ORDER BY seq LIMIT 1",
        rs -> rs.getString(1), ticketId, itemId)));
  }

  @Override
  public ReplyClaim claimReply(String replyId, String ticketId, String outboxEntryId) {
    Objects.requireNonNull(replyId, "replyId");
    Objects.requireNonNull(ticketId, "ticketId");
    Instant now = clock.instant();
    ReplyClaim claim = null;
    for (int attempt = 0; claim == null && attempt < 3; attempt++) {
      claim = sql.call("claimReply", c -> {
      ReplyRecord mine = Sql.queryOne(c, "INSERT INTO wh_agent_reply"
              + " (reply_id, ticket_id, state, outbox_entry_id, wamid, claimed_at) VALUES (?, ?, 'CLAIMED', ?, NULL, ?)"
              + " ON CONFLICT (reply_id) DO NOTHING RETURNING " + REPLY_COLUMNS,
          PostgresConversationStore::readReply, replyId, ticketId, outboxEntryId, Sql.ts(now));
      if (mine != null) {
        return new ReplyClaim(true, mine);
      }
      // Lost: ON CONFLICT DO NOTHING waited for the winner to commit, so this new statement sees its row
      // (unless a purge removed it in between: then claim again).
      ReplyRecord theirs = reply(c, replyId);
      return theirs != null ? new ReplyClaim(false, theirs) : null;
      });
    }
    if (claim == null) {
      throw new JdbcStoreException("conversation", "claimReply", "the reply's record vanished three times in a row");
    }
    return claim;
  }

  @Override
  public boolean markReplySent(String replyId, String wamid) {
    Objects.requireNonNull(replyId, "replyId");
    Objects.requireNonNull(wamid, "wamid");
    Instant now = clock.instant();
    return sql.call("markReplySent", c -> {
      long n = Sql.queryOne(c, MARK_SENT, rs -> rs.getLong(1), wamid, Sql.ts(now), replyId, wamid, replyId,
          Sql.ts(now));
      if (n > 0) {
        return true;
      }
      ReplyRecord r = reply(c, replyId);
      return r != null && r.state() == ReplyRecord.State.SENT && wamid.equals(r.wamid());
    });
  }

  @Override
  public Optional<ReplyRecord> reply(String replyId) {
    Objects.requireNonNull(replyId, "replyId");
    return Optional.ofNullable(sql.call("reply", c -> reply(c, replyId)));
  }

  private static ReplyRecord reply(Connection c, String replyId) throws SQLException {
    return Sql.queryOne(c, "SELECT " + REPLY_COLUMNS + " FROM wh_agent_reply WHERE reply_id = ?",
        PostgresConversationStore::readReply, replyId);
  }

  private static ReplyRecord readReply(ResultSet rs) throws SQLException {
    return new ReplyRecord(rs.getString(1), rs.getString(2), ReplyRecord.State.valueOf(rs.getString(3)),
        rs.getString(4), rs.getString(5), Sql.instant(rs, "claimed_at"));
  }
}
