package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.store.MessageLink;
import io.github.whatsapphelpdesk.store.OutboxMessage;
import io.github.whatsapphelpdesk.webhook.StatusUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a send that reached Meta leaves behind (the wamid linked to the ticket, the reply marked sent, the
 * business's reply counted in the session), and the statuses that arrived before that link existed.
 *
 * <p><b>Early statuses.</b> Meta does not order webhooks ("ordering is not guaranteed", Cloud API webhooks
 * overview), and a status can even beat the send's own HTTP answer. Such a status names the outbox entry in
 * its {@code biz_opaque_callback_data} (Meta: "Cloud API does not process this field, it just returns it as
 * part of sent/delivered/read message webhooks"), but the entry is still leased. It is parked here, keyed by
 * the entry id, and applied once the send is acked or marked unconfirmed. Parked statuses live in memory:
 * bounded ({@value #MAX_PARKED} statuses, the oldest dropped first) and kept for the retention only. They
 * are not held in the inbox, because an inbox entry that waits blocks its whole conversation lane (the
 * customer's next messages). A restart loses them: the status is then missing from the ticket, as it was
 * before; an unconfirmed entry stays unconfirmed until a later status (delivered, read) settles it.
 * Thread-safe.
 */
public final class SendSettlement {
  private static final Logger LOG = LoggerFactory.getLogger(SendSettlement.class);
  /** The most statuses parked at once. */
  public static final int MAX_PARKED = 10_000;

  private record Parked(StatusUpdate status, Instant parkedAt) {}

  private final BridgeContext ctx;
  private final Duration retention;
  private final Map<String, List<Parked>> parked = new LinkedHashMap<>();
  private int size;

  public SendSettlement(BridgeContext ctx, Duration retention) {
    this.ctx = ctx;
    this.retention = retention;
  }

  /**
   * Records a send Meta accepted: links the wamid to the ticket (so its statuses reach the ticket), marks
   * the agent reply sent and counts the business's reply in the session window.
   */
  public void recordSent(OutboxMessage m, String wamid) {
    if (m.isReadReceipt()) {
      return;
    }
    if (m.ticketId() != null) {
      ctx.conversations.linkMessage(new MessageLink(wamid, m.ticketId(), m.replyId() != null ? m.replyId() : m.kind(),
          MessageLink.Direction.OUTBOUND, ctx.clock.instant()));
    }
    if (m.replyId() != null) {
      ctx.conversations.markReplySent(m.replyId(), wamid);
    }
    CustomerId customer = m.conversation() == null ? null : m.conversation().customer();
    if (customer != null) {
      ctx.sessions.onBusinessReply(m.phoneNumberId(), customer, ctx.clock.instant());
    }
  }

  /** Parks a status for the outbox entry {@code entryId}; false when it was dropped (the bound is reached). */
  public boolean park(String entryId, StatusUpdate status) {
    synchronized (parked) {
      dropExpired();
      if (size >= MAX_PARKED) {
        Iterator<Map.Entry<String, List<Parked>>> it = parked.entrySet().iterator();
        Map.Entry<String, List<Parked>> oldest = it.next();
        size -= oldest.getValue().size();
        it.remove();
        LOG.warn("Parked-status store full ({}): dropped the oldest statuses of outbox entry {}", MAX_PARKED,
            oldest.getKey());
      }
      parked.computeIfAbsent(entryId, k -> new ArrayList<>()).add(new Parked(status, ctx.clock.instant()));
      size++;
      return true;
    }
  }

  /** Takes (removes) the statuses parked for an entry, oldest first. */
  public List<StatusUpdate> take(String entryId) {
    synchronized (parked) {
      List<Parked> p = parked.remove(entryId);
      if (p == null) {
        return List.of();
      }
      size -= p.size();
      return p.stream().map(Parked::status).toList();
    }
  }

  /** The entry ids with parked statuses, after dropping expired ones. */
  public List<String> parkedEntries() {
    synchronized (parked) {
      dropExpired();
      return List.copyOf(parked.keySet());
    }
  }

  /** Drops the statuses of entries for which {@code drop} holds. */
  public void dropIf(Predicate<String> drop) {
    synchronized (parked) {
      Iterator<Map.Entry<String, List<Parked>>> it = parked.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, List<Parked>> e = it.next();
        if (drop.test(e.getKey())) {
          size -= e.getValue().size();
          it.remove();
        }
      }
    }
  }

  /** How many statuses are parked. */
  public int size() {
    synchronized (parked) {
      return size;
    }
  }

  /** Under the lock: drops statuses parked longer than the retention. */
  private void dropExpired() {
    Instant cutoff = ctx.clock.instant().minus(retention);
    Iterator<Map.Entry<String, List<Parked>>> it = parked.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, List<Parked>> e = it.next();
      List<Parked> list = e.getValue();
      if (list.get(list.size() - 1).parkedAt().isBefore(cutoff)) {
        size -= list.size();
        it.remove();
        LOG.info("Dropped statuses parked over {} for outbox entry {}: its send never linked a wamid", retention,
            e.getKey());
      }
    }
  }
}
