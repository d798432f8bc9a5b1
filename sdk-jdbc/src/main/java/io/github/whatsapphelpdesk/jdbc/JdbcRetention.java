package io.github.whatsapphelpdesk.jdbc;

import io.github.whatsapphelpdesk.jdbc.internal.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The purge job that keeps every SDK table bounded. Run {@link #purge()} on a schedule (every few minutes
 * to every hour; any instance, or several at once: each delete is idempotent). Rows are deleted in batches of
 * {@link Builder#batchSize} (one short transaction each, through an index on the retention column), so a
 * purge never holds locks for long.
 *
 * <ul>
 *   <li>{@code wh_idempotency}, {@code wh_status}, {@code wh_token_replay}: rows whose {@code expires_at} has
 *       passed (they already behave as absent);
 *   <li>{@code wh_message_link}: links older than {@link Builder#messageLinks} (default 7 days);
 *       {@code wh_agent_reply}: replies claimed longer ago than {@link Builder#agentReplies} (default 7 days);
 *   <li>{@code wh_conversation}: bindings made longer ago than {@link Builder#conversations} (default 180 days)
 *       whose ticket has no message link in that time; then {@code wh_ticket} and {@code wh_episode} rows older
 *       than that whose conversation has no binding left;
 *   <li>{@code wh_customer} (with its aliases): only when {@link Builder#customers} is set, customers not seen
 *       for that long; {@code wh_suppression}: only when {@link Builder#suppressions} is set (a consent record,
 *       kept by default).
 * </ul>
 * Time comes from the injected {@link Clock}. Thread-safe.
 */
public final class JdbcRetention {
  private final Sql sql;
  private final Clock clock;
  private final Duration messageLinks;
  private final Duration agentReplies;
  private final Duration conversations;
  private final Duration customers;
  private final Duration suppressions;
  private final int batchSize;

  private JdbcRetention(Builder b) {
    this.sql = new Sql(b.dataSource, "retention");
    this.clock = b.clock;
    this.messageLinks = b.messageLinks;
    this.agentReplies = b.agentReplies;
    this.conversations = b.conversations;
    this.customers = b.customers;
    this.suppressions = b.suppressions;
    this.batchSize = b.batchSize;
  }

  /** A builder for a purge job on {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * What one {@link #purge()} deleted.
   *
   * @param deleted rows deleted per table, in purge order
   */
  public record PurgeResult(Map<String, Long> deleted) {
    public PurgeResult {
      deleted = Map.copyOf(deleted);
    }

    /** Rows deleted from {@code table} (0 when none or not purged). */
    public long deleted(String table) {
      return deleted.getOrDefault(table, 0L);
    }

    /** Rows deleted in all. */
    public long total() {
      return deleted.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Deletes every row past its retention, as of the clock's reading now.
   *
   * @return the rows deleted per table
   * @throws JdbcStoreException when the database fails (rows deleted by earlier batches stay deleted)
   */
  public PurgeResult purge() {
    Instant now = clock.instant();
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("wh_idempotency", delete("wh_idempotency", "expires_at <= ?", now));
    out.put("wh_status", delete("wh_status", "expires_at <= ?", now));
    out.put("wh_token_replay", delete("wh_token_replay", "expires_at <= ?", now));
    out.put("wh_message_link", delete("wh_message_link", "linked_at < ?", now.minus(messageLinks)));
    out.put("wh_agent_reply", delete("wh_agent_reply", "claimed_at < ?", now.minus(agentReplies)));
    Instant conv = now.minus(conversations);
    out.put("wh_conversation", delete("wh_conversation", "bound_at < ? AND NOT EXISTS (SELECT 1 FROM"
        + " wh_message_link l WHERE l.ticket_id = x.ticket_id AND l.linked_at >= ?)", conv, conv));
    out.put("wh_ticket", delete("wh_ticket", "mapped_at < ? AND NOT EXISTS (SELECT 1 FROM wh_conversation c"
        + " WHERE c.phone_number_id = x.phone_number_id AND c.customer_id = x.customer_id"
        + " AND c.episode = x.episode)", conv));
    out.put("wh_episode", delete("wh_episode", "updated_at < ? AND NOT EXISTS (SELECT 1 FROM wh_conversation c"
        + " WHERE c.phone_number_id = x.phone_number_id AND c.customer_id = x.customer_id)", conv));
    if (customers != null) {
      out.put("wh_customer", delete("wh_customer", "last_seen_at < ?", now.minus(customers)));
    }
    if (suppressions != null) {
      out.put("wh_suppression", delete("wh_suppression", "suppressed_at < ?", now.minus(suppressions)));
    }
    return new PurgeResult(out);
  }

  /** Deletes matching rows in batches; {@code where} refers to the table as {@code x}. */
  private long delete(String table, String where, Instant... cutoffs) {
    String statement = "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT x.ctid FROM " + table + " x WHERE "
        + where + " LIMIT " + batchSize + "))";
    Object[] params = new Object[cutoffs.length];
    for (int i = 0; i < cutoffs.length; i++) {
      params[i] = Sql.ts(cutoffs[i]);
    }
    long total = 0;
    while (true) {
      int n = sql.call("purge " + table, c -> Sql.update(c, statement, params));
      total += n;
      if (n < batchSize) {
        return total;
      }
    }
  }

  /** Builds a {@link JdbcRetention}. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private Duration messageLinks = Duration.ofDays(7);
    private Duration agentReplies = Duration.ofDays(7);
    private Duration conversations = Duration.ofDays(180);
    private Duration customers;
    private Duration suppressions;
    private int batchSize = 5_000;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The clock that decides what is old (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long wamid links are kept (default 7 days, Meta's redelivery window). */
    public Builder messageLinks(Duration d) {
      this.messageLinks = positive(d);
      return this;
    }

    /** How long agent-reply records are kept (default 7 days); a duplicate reply webhook after that is sent again. */
    public Builder agentReplies(Duration d) {
      this.agentReplies = positive(d);
      return this;
    }

    /**
     * How long a conversation binding is kept after it was made and its ticket last saw a message (default 180
     * days); a customer writing after that gets a new ticket.
     */
    public Builder conversations(Duration d) {
      this.conversations = positive(d);
      return this;
    }

    /** Purges customers not seen for {@code d} (default: customers are kept until erased). */
    public Builder customers(Duration d) {
      this.customers = positive(d);
      return this;
    }

    /** Purges suppressions older than {@code d} (default: kept until lifted). */
    public Builder suppressions(Duration d) {
      this.suppressions = positive(d);
      return this;
    }

    /** Rows deleted per statement (default 5,000; 1 to 100,000). */
    public Builder batchSize(int n) {
      if (n < 1 || n > 100_000) {
        throw new IllegalArgumentException("batchSize must be in [1, 100000]: " + n);
      }
      this.batchSize = n;
      return this;
    }

    /** Builds the job. */
    public JdbcRetention build() {
      return new JdbcRetention(this);
    }

    private static Duration positive(Duration d) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("a retention must be positive");
      }
      return d;
    }
  }
}
