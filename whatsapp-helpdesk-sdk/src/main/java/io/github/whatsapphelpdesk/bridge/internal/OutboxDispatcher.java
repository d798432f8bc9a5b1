package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.error.WhatsAppException;
import io.github.whatsapphelpdesk.observe.ChannelHealthEvent;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import io.github.whatsapphelpdesk.store.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox dispatcher: lease → (suppression, window) checks → the Cloud API (or the shadow log) → ack,
 * retry with backoff, mark unconfirmed, or dead letter with a note to the agent. The outbox entry id travels
 * as {@code biz_opaque_callback_data}, which Meta echoes in the message's status webhooks.
 *
 * <p><b>Unknown outcomes.</b> A send whose answer was lost ({@link WhatsAppException#outcomeUnknown()}: a
 * read timeout or a proxy's 5xx after the body was written) may have reached the customer. It is neither
 * resent nor reported as failed: the entry becomes UNCONFIRMED, the agent is told the delivery is not
 * confirmed yet, and the first status webhook naming the entry settles it ({@link ChannelEvents}).
 *
 * <p><b>Outages.</b> Retryable failures (Meta's 5xx with an error body, a connection that failed before the
 * request was written) are retried with the capped backoff for as long as the retry window lasts (hours by
 * default), so an outage is ridden out rather than dead-lettered after a minute.
 */
public final class OutboxDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  /** Shadow mode keeps only the latest entries, so a long shadow run cannot grow memory without bound. */
  public static final int SHADOW_LOG_LIMIT = 1_000;
  /**
   * 131048, "Spam rate limit hit": the number may send to fewer users for a while because too many of its
   * messages were blocked or flagged (Meta's error-code reference,
   * developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes). Retrying within seconds only adds
   * to it: retried after the long spam back-off, with an operator alert.
   */
  static final int SPAM_RATE_LIMIT = 131048;
  static final String SPAM_DETAIL = "131048 spam rate limit: the number's sends are restricted because too many"
      + " messages were blocked or flagged; sends wait, check the number's quality rating";
  private static final String OPTED_OUT = "customer opted out of marketing";
  private static final String REROUTED = "; re-routed";
  private static final int BATCH = 50;
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final BridgeContext ctx;
  private final ReplyRouter router;
  private final ChannelEvents channel;
  private final SendSettlement settlement;
  private final ArrayDeque<OutboxMessage> shadowLog = new ArrayDeque<>();
  /** Per business number, until when its 131048 alert is not repeated. */
  private final Map<String, Instant> spamAlertedUntil = new ConcurrentHashMap<>();

  public OutboxDispatcher(BridgeContext ctx, ReplyRouter router, ChannelEvents channel, SendSettlement settlement) {
    this.ctx = ctx;
    this.router = router;
    this.channel = channel;
    this.settlement = settlement;
  }

  /** Sends what is due, once; returns how many entries it handled. */
  public int processOutbox() {
    int handled = 0;
    while (true) {
      List<OutboxEntry> batch = ctx.outbox.lease(ctx.settings.workerId, BATCH, LEASE);
      if (batch.isEmpty()) {
        reportDepth();
        return handled;
      }
      for (OutboxEntry e : batch) {
        deliver(e);
        handled++;
      }
    }
  }

  private void reportDepth() {
    long depth = ctx.outbox.count(OutboxEntry.Status.PENDING) + ctx.outbox.count(OutboxEntry.Status.LEASED);
    Optional<OutboxEntry> oldest = ctx.outbox.list(OutboxEntry.Status.PENDING, 1).stream().findFirst();
    ctx.listener.outboxDepth(depth, oldest.map(e -> Duration.between(e.enqueuedAt(), ctx.clock.instant()))
        .filter(d -> !d.isNegative()).orElse(Duration.ZERO));
  }

  private void deliver(OutboxEntry e) {
    OutboxMessage m = e.message();
    CustomerId customer = m.conversation() == null ? null : m.conversation().customer();
    if (m.isTemplate() && m.replyId() == null && customer != null && ctx.suppression.isSuppressed(customer)
        && router.isMarketing(template(m).name(), template(m).languageCode())) {
      deadLetter(e, OPTED_OUT, 0);
      return;
    }
    boolean freeFormReply = m.replyId() != null && !m.isTemplate();
    if (freeFormReply && !ctx.sessions.canSendFreeForm(m.phoneNumberId(), customer)) {
      // Queued inside the window, but it closed before the send: re-route instead of a certain 131047.
      ctx.outbox.deadLetter(e.id(), e.leaseToken(), "window closed before sending" + REROUTED);
      router.reroute(m);
      return;
    }
    if (ctx.settings.shadowMode) {
      synchronized (shadowLog) {
        if (shadowLog.size() == SHADOW_LOG_LIMIT) {
          shadowLog.removeFirst();
        }
        shadowLog.addLast(m);
      }
      ctx.listener.shadowRecorded();
      ctx.outbox.ack(e.id(), e.leaseToken(), "shadow-" + e.id());
      return;
    }
    try {
      String wamid;
      if (m.isReadReceipt()) {
        ctx.gateway.markRead(m.phoneNumberId(), m.readWamid());
        wamid = m.readWamid();
      } else {
        wamid = ctx.gateway.send(m.phoneNumberId(), withCallbackData(m.message(), e.id()), m.priority());
      }
      ctx.outbox.ack(e.id(), e.leaseToken(), wamid);
      ctx.listener.messageSent(m.kind());
      settlement.recordSent(m, wamid);
      if (!m.isReadReceipt()) {
        channel.replayParked(e.id());
      }
    } catch (WhatsAppException ex) {
      failed(e, m, customer, freeFormReply, ex);
    }
  }

  /** Whether a retryable failure may still be retried: within the attempt budget and the retry window. */
  private boolean mayRetry(OutboxEntry e) {
    return e.attempts() < ctx.settings.maxSendAttempts
        && Duration.between(e.enqueuedAt(), ctx.clock.instant()).compareTo(ctx.settings.retryFor) < 0;
  }

  /** The send may have reached the customer: never resent, never reported as failed; settled from statuses. */
  private void unconfirmed(OutboxEntry e, OutboxMessage m, WhatsAppException ex) {
    if (!ctx.outbox.markUnconfirmed(e.id(), e.leaseToken(), "outcome unknown: " + BridgeContext.reason(ex))) {
      return;
    }
    LOG.warn("Outbox entry {} has an unknown outcome ({}): not resent; waiting for a status webhook", e.id(),
        BridgeContext.reason(ex));
    if (m.ticketId() != null && m.conversation() != null) {
      ctx.noteLater(m.ticketId(), m.conversation(), "Delivery of this message is not confirmed yet: WhatsApp's answer"
          + " was lost (" + BridgeContext.reason(ex) + "). It may have reached the customer, so it is not sent again"
          + " automatically; the ticket is updated when WhatsApp reports its status. If nothing is reported within "
          + minutes(ctx.settings.settleTimeout) + ", an administrator can re-drive it.",
          "unconfirmed:" + (m.replyId() != null ? m.replyId() : e.id()));
    }
    channel.replayParked(e.id()); // a status that beat the lost answer settles it at once
  }

  private static String minutes(Duration d) {
    return d.toMinutes() + " minutes";
  }

  private void failed(OutboxEntry e, OutboxMessage m, CustomerId customer, boolean freeFormReply, WhatsAppException ex) {
    int code = ex instanceof WhatsAppApiException api ? api.code() : 0;
    if (code == 190) {
      ctx.health(ChannelHealthEvent.Kind.TOKEN_INVALID, m.phoneNumberId(), code, "Access token rejected");
    }
    if (code == 131050 && customer != null) {
      ctx.suppress(customer, "131050");
    }
    if (code == 131047 && freeFormReply) {
      ctx.outbox.deadLetter(e.id(), e.leaseToken(), "131047 from Meta" + REROUTED);
      ctx.listener.sendFailed(code, false);
      router.reroute(m);
      return;
    }
    if (ex.outcomeUnknown() && !m.isReadReceipt()) {
      unconfirmed(e, m, ex);
      return;
    }
    if (code == SPAM_RATE_LIMIT && mayRetry(e)) {
      Instant now = ctx.clock.instant();
      Instant retryAt = now.plus(ctx.settings.spamRetry);
      Instant backoff = ctx.backoff(e.attempts());
      ctx.outbox.fail(e.id(), e.leaseToken(), backoff.isAfter(retryAt) ? backoff : retryAt, BridgeContext.reason(ex));
      ctx.listener.sendFailed(code, true);
      Instant until = spamAlertedUntil.get(m.phoneNumberId());
      if (until == null || !now.isBefore(until)) {
        spamAlertedUntil.put(m.phoneNumberId(), retryAt);
        ctx.health(ChannelHealthEvent.Kind.SPAM_RATE_LIMITED, m.phoneNumberId(), code, SPAM_DETAIL);
      }
      return;
    }
    // A read receipt is idempotent: marking a message read twice is harmless, so an unknown outcome is retried.
    boolean retryable = ex.retryable() || m.isReadReceipt() && ex.outcomeUnknown();
    if (retryable && mayRetry(e)) {
      Instant retryAt = ctx.backoff(e.attempts());
      ctx.outbox.fail(e.id(), e.leaseToken(), retryAt, BridgeContext.reason(ex));
      ctx.listener.sendFailed(code, true);
      return;
    }
    ctx.listener.sendFailed(code, false);
    deadLetter(e, BridgeContext.reason(ex), code);
    if (m.ticketId() != null && !m.isReadReceipt() && m.conversation() != null) {
      ctx.noteLater(m.ticketId(), m.conversation(), "This message was NOT delivered to WhatsApp: "
          + BridgeContext.reason(ex) + ". " + BridgeContext.nextStep(code),
          "dead:" + (m.replyId() != null ? m.replyId() : m.conversation().format() + ":" + m.kind()));
    }
  }

  private void deadLetter(OutboxEntry e, String reason, int code) {
    ctx.outbox.deadLetter(e.id(), e.leaseToken(), reason);
    ctx.listener.deadLettered(code);
  }

  private static TemplateMessage template(OutboxMessage m) {
    return (TemplateMessage) m.message().content();
  }

  /** The message with the outbox entry id as {@code biz_opaque_callback_data}, unless it carries its own. */
  private static Message withCallbackData(Message message, String entryId) {
    if (message.bizOpaqueCallbackData() != null) {
      return message;
    }
    return message.withBizOpaqueCallbackData(entryId);
  }

  /**
   * Whether a dead letter's reason says its message was handled another way (re-routed as a template or a
   * hold, or suppressed by an opt-out), so re-driving it would send what must not be sent.
   */
  public static boolean handledElsewhere(String deadLetterReason) {
    return deadLetterReason != null && (deadLetterReason.endsWith(REROUTED) || deadLetterReason.equals(OPTED_OUT));
  }

  /** What shadow mode recorded, oldest first. */
  public List<OutboxMessage> shadowLog() {
    synchronized (shadowLog) {
      return List.copyOf(shadowLog);
    }
  }
}
