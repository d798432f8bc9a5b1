package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.error.WhatsAppException;
import io.github.whatsapphelpdesk.observe.ChannelHealthEvent;
import io.github.whatsapphelpdesk.store.MessageLink;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import io.github.whatsapphelpdesk.store.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The outbox dispatcher: lease → (suppression, window) checks → the Cloud API (or the shadow log) → ack,
 * retry with backoff, or dead letter with a note to the agent. The outbox entry id travels as
 * {@code biz_opaque_callback_data}, which Meta echoes in the message's status webhooks.
 */
public final class OutboxDispatcher {
  /** Shadow mode keeps only the latest entries, so a long shadow run cannot grow memory without bound. */
  public static final int SHADOW_LOG_LIMIT = 1_000;
  private static final int BATCH = 50;
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final BridgeContext ctx;
  private final ReplyRouter router;
  private final ArrayDeque<OutboxMessage> shadowLog = new ArrayDeque<>();

  public OutboxDispatcher(BridgeContext ctx, ReplyRouter router) {
    this.ctx = ctx;
    this.router = router;
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
      deadLetter(e, "customer opted out of marketing", 0);
      return;
    }
    boolean freeFormReply = m.replyId() != null && !m.isTemplate();
    if (freeFormReply && !ctx.sessions.canSendFreeForm(m.phoneNumberId(), customer)) {
      // Queued inside the window, but it closed before the send: re-route instead of a certain 131047.
      ctx.outbox.deadLetter(e.id(), e.leaseToken(), "window closed before sending; re-routed");
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
      if (!m.isReadReceipt()) {
        if (m.ticketId() != null) {
          ctx.conversations.linkMessage(new MessageLink(wamid, m.ticketId(), m.replyId() != null ? m.replyId() : m.kind(),
              MessageLink.Direction.OUTBOUND, ctx.clock.instant()));
        }
        if (m.replyId() != null) {
          ctx.conversations.markReplySent(m.replyId(), wamid);
        }
        if (customer != null) {
          ctx.sessions.onBusinessReply(m.phoneNumberId(), customer, ctx.clock.instant());
        }
      }
    } catch (WhatsAppException ex) {
      failed(e, m, customer, freeFormReply, ex);
    }
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
      ctx.outbox.deadLetter(e.id(), e.leaseToken(), "131047 from Meta; re-routed");
      ctx.listener.sendFailed(code, false);
      router.reroute(m);
      return;
    }
    if (ex.retryable() && e.attempts() < ctx.settings.maxSendAttempts) {
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

  /** What shadow mode recorded, oldest first. */
  public List<OutboxMessage> shadowLog() {
    synchronized (shadowLog) {
      return List.copyOf(shadowLog);
    }
  }
}
