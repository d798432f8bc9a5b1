package io.github.whatsapphelpdesk.store;

import io.github.whatsapphelpdesk.customer.CustomerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded {@link ConversationStore}: concurrent maps, lost on restart. Thread-safe; every operation
 * is atomic through {@link ConcurrentHashMap}'s per-key compute methods.
 *
 * <p>Ticket bindings and episodes are kept for the life of the store (one small entry per conversation).
 * Message links and agent-reply records are dropped once older than the retention (default
 * {@link #DEFAULT_RETENTION}), swept every {@value #SWEEP_EVERY} writes, so memory stays bounded by
 * traffic within the retention.
 */
public final class InMemoryConversationStore implements ConversationStore {
  /** How long message links and reply records are kept by default. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

  static final int SWEEP_EVERY = 4096;

  private final Clock clock;
  private final Duration retention;
  private final Map<String, Long> episodes = new ConcurrentHashMap<>();
  private final Map<ConversationKey, TicketBinding> bindings = new ConcurrentHashMap<>();
  private final Map<String, ConversationKey> byTicket = new ConcurrentHashMap<>();
  private final Map<String, MessageLink> links = new ConcurrentHashMap<>();
  private final Map<String, String> wamidByItem = new ConcurrentHashMap<>();
  private final Map<String, ReplyRecord> replies = new ConcurrentHashMap<>();
  private final AtomicLong writes = new AtomicLong();

  private InMemoryConversationStore(Clock clock, Duration retention) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive");
    }
  }

  /** A store with the default retention. */
  public static InMemoryConversationStore create(Clock clock) {
    return new InMemoryConversationStore(clock, DEFAULT_RETENTION);
  }

  /** A store that keeps message links and reply records for {@code retention}. */
  public static InMemoryConversationStore create(Clock clock, Duration retention) {
    return new InMemoryConversationStore(clock, retention);
  }

  private static String customer(String phoneNumberId, CustomerId customer) {
    return Objects.requireNonNull(phoneNumberId, "phoneNumberId") + ':'
        + Objects.requireNonNull(customer, "customer").value();
  }

  private static String item(String ticketId, String itemId) {
    return ticketId.length() + ":" + ticketId + ':' + itemId;
  }

  @Override
  public long currentEpisode(String phoneNumberId, CustomerId customer) {
    return episodes.getOrDefault(customer(phoneNumberId, customer), ConversationKey.FIRST_EPISODE);
  }

  @Override
  public TicketBinding bindTicketIfAbsent(ConversationKey key, String ticketId) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ticketId, "ticketId");
    TicketBinding binding = bindings.computeIfAbsent(key, k -> new TicketBinding(k, ticketId, clock.instant()));
    byTicket.putIfAbsent(binding.ticketId(), key);
    return binding;
  }

  @Override
  public Optional<TicketBinding> ticketFor(ConversationKey key) {
    return Optional.ofNullable(bindings.get(Objects.requireNonNull(key, "key")));
  }

  @Override
  public boolean replaceTicket(ConversationKey key, String expectedTicketId, String newTicketId) {
    Objects.requireNonNull(expectedTicketId, "expectedTicketId");
    Objects.requireNonNull(newTicketId, "newTicketId");
    boolean[] replaced = {false};
    bindings.computeIfPresent(key, (k, current) -> {
      if (!current.ticketId().equals(expectedTicketId)) {
        return current;
      }
      replaced[0] = true;
      return new TicketBinding(k, newTicketId, clock.instant());
    });
    if (replaced[0]) {
      byTicket.putIfAbsent(newTicketId, key);
    }
    return replaced[0];
  }

  @Override
  public long advanceEpisodeIfTicket(String phoneNumberId, CustomerId customer, String terminalTicketId) {
    Objects.requireNonNull(terminalTicketId, "terminalTicketId");
    return episodes.compute(customer(phoneNumberId, customer), (k, stored) -> {
      long current = stored == null ? ConversationKey.FIRST_EPISODE : stored;
      TicketBinding binding = bindings.get(new ConversationKey(phoneNumberId, customer, current));
      return binding != null && binding.ticketId().equals(terminalTicketId) ? current + 1 : current;
    });
  }

  @Override
  public Optional<ConversationKey> conversationForTicket(String ticketId) {
    return Optional.ofNullable(byTicket.get(Objects.requireNonNull(ticketId, "ticketId")));
  }

  @Override
  public boolean linkMessage(MessageLink link) {
    Objects.requireNonNull(link, "link");
    boolean added = links.putIfAbsent(link.wamid(), link) == null;
    if (added) {
      wamidByItem.putIfAbsent(item(link.ticketId(), link.itemId()), link.wamid());
      afterWrite();
    }
    return added;
  }

  @Override
  public Optional<MessageLink> messageLink(String wamid) {
    return Optional.ofNullable(links.get(Objects.requireNonNull(wamid, "wamid")));
  }

  @Override
  public Optional<String> wamidForItem(String ticketId, String itemId) {
    return Optional.ofNullable(wamidByItem.get(item(
        Objects.requireNonNull(ticketId, "ticketId"), Objects.requireNonNull(itemId, "itemId"))));
  }

  @Override
  public ReplyClaim claimReply(String replyId, String ticketId, String outboxEntryId) {
    Objects.requireNonNull(replyId, "replyId");
    Objects.requireNonNull(ticketId, "ticketId");
    boolean[] claimed = {false};
    ReplyRecord record = replies.computeIfAbsent(replyId, id -> {
      claimed[0] = true;
      return new ReplyRecord(id, ticketId, ReplyRecord.State.CLAIMED, outboxEntryId, null, clock.instant());
    });
    if (claimed[0]) {
      afterWrite();
    }
    return new ReplyClaim(claimed[0], record);
  }

  @Override
  public boolean markReplySent(String replyId, String wamid) {
    Objects.requireNonNull(replyId, "replyId");
    Objects.requireNonNull(wamid, "wamid");
    boolean[] ok = {false};
    ReplyRecord after = replies.computeIfPresent(replyId, (id, r) -> {
      if (r.state() == ReplyRecord.State.SENT) {
        ok[0] = r.wamid().equals(wamid);
        return r;
      }
      ok[0] = true;
      return new ReplyRecord(id, r.ticketId(), ReplyRecord.State.SENT, r.outboxEntryId(), wamid, r.claimedAt());
    });
    if (ok[0] && after != null) {
      linkMessage(new MessageLink(wamid, after.ticketId(), replyId, MessageLink.Direction.OUTBOUND,
          clock.instant()));
    }
    return ok[0];
  }

  @Override
  public Optional<ReplyRecord> reply(String replyId) {
    return Optional.ofNullable(replies.get(Objects.requireNonNull(replyId, "replyId")));
  }

  /** Drops message links and reply records older than the retention; runs on its own every few writes. */
  public void sweep() {
    Instant cutoff = clock.instant().minus(retention);
    links.values().removeIf(l -> {
      if (l.linkedAt().isBefore(cutoff)) {
        wamidByItem.remove(item(l.ticketId(), l.itemId()), l.wamid());
        return true;
      }
      return false;
    });
    replies.values().removeIf(r -> r.claimedAt().isBefore(cutoff));
  }

  /** The number of message links held (for tests and metrics). */
  public int messageLinkCount() {
    return links.size();
  }

  private void afterWrite() {
    if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
      sweep();
    }
  }
}
