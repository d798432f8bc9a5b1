package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.ErrorCodes;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.observe.ChannelHealthEvent;
import io.github.whatsapphelpdesk.session.SessionWindowEvent;
import io.github.whatsapphelpdesk.spi.DeliveryStatusUpdate;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.MessageLink;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import io.github.whatsapphelpdesk.store.TicketBinding;
import io.github.whatsapphelpdesk.webhook.AccountUpdate;
import io.github.whatsapphelpdesk.webhook.BusinessCapabilityUpdate;
import io.github.whatsapphelpdesk.webhook.DeliveryStatus;
import io.github.whatsapphelpdesk.webhook.PhoneNumberQualityUpdate;
import io.github.whatsapphelpdesk.webhook.StatusTransition;
import io.github.whatsapphelpdesk.webhook.StatusUpdate;
import io.github.whatsapphelpdesk.webhook.TemplateStatusEvent;
import io.github.whatsapphelpdesk.webhook.TemplateStatusUpdate;
import io.github.whatsapphelpdesk.webhook.UserIdUpdate;
import io.github.whatsapphelpdesk.webhook.UserPreferenceUpdate;
import io.github.whatsapphelpdesk.webhook.WebhookError;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel events: delivery statuses of what the bridge sent (failures become notes, 131050 an opt-out,
 * 190 a health event), marketing preferences, BSUID changes ({@code user_id_update}), template and number
 * notices, and the session tracker's window warnings. Each handler returns normally when done and throws
 * a retryable {@link HelpdeskException} when the helpdesk was unavailable (the caller retries the event).
 */
public final class ChannelEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelEvents.class);
  private final BridgeContext ctx;
  private final SendSettlement settlement;

  public ChannelEvents(BridgeContext ctx, SendSettlement settlement) {
    this.ctx = ctx;
    this.settlement = settlement;
  }

  /** Handles one event that is not a customer message. */
  public void handle(WebhookEvent event) {
    if (event instanceof StatusUpdate s) {
      status(s);
    } else if (event instanceof UserPreferenceUpdate u) {
      preference(u);
    } else if (event instanceof UserIdUpdate u) {
      ctx.customers.changeBsuid(u.previousUserId(), u.customer());
    } else if (event instanceof io.github.whatsapphelpdesk.webhook.CallEvent c) {
      // A customer's call opens or extends the 24 h window like a message (Meta, "Send messages").
      if (c.opensServiceWindow()) {
        ctx.sessions.onInboundCall(c.metadata().phoneNumberId(), ctx.customers.resolve(c.customer()).id(),
            c.timestamp() == null ? ctx.clock.instant() : c.timestamp());
      }
    } else if (event instanceof BusinessCapabilityUpdate u) {
      // The portfolio's messaging limit, shared by all its numbers (Meta, since 2025-10-07).
      if (ctx.settings.limiter != null) {
        u.applyTo(ctx.settings.limiter);
      }
    } else if (event instanceof TemplateStatusUpdate t) {
      templateStatus(t);
    } else if (event instanceof PhoneNumberQualityUpdate q) {
      if (q.event() == PhoneNumberQualityUpdate.Event.DOWNGRADE || q.event() == PhoneNumberQualityUpdate.Event.FLAGGED) {
        ctx.health(ChannelHealthEvent.Kind.QUALITY_DOWNGRADED, q.metadata().phoneNumberId(), 0,
            "Phone number quality " + q.rawEvent() + (q.currentLimit() == null ? "" : ", messaging limit " + q.currentLimit()));
      }
    } else if (event instanceof AccountUpdate a) {
      if (a.event() == AccountUpdate.Event.ACCOUNT_RESTRICTION || a.event() == AccountUpdate.Event.ACCOUNT_VIOLATION
          || a.event() == AccountUpdate.Event.DISABLED_UPDATE) {
        ctx.health(ChannelHealthEvent.Kind.ACCOUNT_RESTRICTED, a.metadata().phoneNumberId(), 0,
            "Account update " + a.rawEvent());
      }
    } else if (ctx.templates != null) {
      ctx.templates.applyWebhook(event);
    }
  }

  private void status(StatusUpdate s) {
    if (ctx.conversations.messageLink(s.wamid()).isEmpty() && s.bizOpaqueCallbackData() != null && settle(s)) {
      return; // parked until its send links the wamid
    }
    StatusTransition t = ctx.statuses.observe(s.wamid(), s.status());
    // A retried inbox entry sees its own status again: that is a repeat, not a regression.
    boolean firstTime = t.previous() != s.status();
    if (t.stale() && firstTime) {
      return; // a late, earlier status: never applied as a regression
    }
    Optional<MessageLink> link = ctx.conversations.messageLink(s.wamid());
    if (link.isEmpty() || link.get().direction() != MessageLink.Direction.OUTBOUND) {
      return; // not a message the bridge sent
    }
    String ticketId = link.get().ticketId();
    Optional<ConversationKey> conv = ctx.conversations.conversationForTicket(ticketId);
    CustomerId customer = conv.map(ConversationKey::customer)
        .orElseGet(() -> s.customer() == null ? null : ctx.customers.resolve(s.customer()).id());
    if (customer == null) {
      return;
    }
    WebhookError err = s.errors().isEmpty() ? null : s.errors().get(0);
    if (s.status() == DeliveryStatus.FAILED && err != null && firstTime) {
      // Once per status: a retried note must not fire these again.
      if (err.code() == 131050) {
        ctx.suppress(customer, "131050");
      }
      if (err.code() == 190) {
        ctx.health(ChannelHealthEvent.Kind.TOKEN_INVALID, s.metadata().phoneNumberId(), err.code(), "Access token rejected");
      }
      if (err.code() == OutboxDispatcher.SPAM_RATE_LIMIT) {
        ctx.health(ChannelHealthEvent.Kind.SPAM_RATE_LIMITED, s.metadata().phoneNumberId(), err.code(),
            OutboxDispatcher.SPAM_DETAIL);
      }
    }
    String convKey = conv.map(ConversationKey::format).orElse(ticketId);
    TicketHandle handle = new TicketHandle(ticketId, ctx.contact(customer), convKey);
    if (s.status() == DeliveryStatus.FAILED) {
      int code = err == null ? 0 : err.code();
      // The adapter turns a failed status into a visible note (SPI rule); the bridge adds the meaning and
      // the next step to its description.
      String description = (code == 0 ? "no error code" : ErrorCodes.classify(code).meaning()) + ". "
          + BridgeContext.nextStep(code);
      ctx.adapter.recordDeliveryStatus(handle, new DeliveryStatusUpdate(s.wamid(), link.get().itemId(),
          DeliveryStatusUpdate.Status.FAILED, s.timestamp(), code == 0 ? null : code, description));
      ctx.listener.noteWritten(ctx.adapter.id());
    } else if (ctx.settings.noteDeliveredAndRead && (s.status() == DeliveryStatus.DELIVERED || s.status() == DeliveryStatus.READ)) {
      ctx.adapter.recordDeliveryStatus(handle, new DeliveryStatusUpdate(s.wamid(), link.get().itemId(),
          s.status() == DeliveryStatus.READ ? DeliveryStatusUpdate.Status.READ : DeliveryStatusUpdate.Status.DELIVERED,
          s.timestamp(), null, null));
    }
  }

  /**
   * A status whose wamid is not linked yet, naming an outbox entry in its {@code biz_opaque_callback_data}:
   * settles an unconfirmed entry (the send's answer was lost, yet Meta reports the message, so it was sent:
   * link it now), or parks the status while the entry's send is still in flight. Returns true when parked.
   */
  private boolean settle(StatusUpdate s) {
    Optional<OutboxEntry> found = ctx.outbox.get(s.bizOpaqueCallbackData());
    if (found.isEmpty() || !found.get().message().phoneNumberId().equals(s.metadata().phoneNumberId())) {
      return false; // not an entry id of ours (another app's data, or an entry past its retention)
    }
    OutboxEntry e = found.get();
    switch (e.status()) {
      case LEASED, PENDING -> {
        return settlement.park(e.id(), s);
      }
      case UNCONFIRMED -> {
        if (ctx.outbox.confirm(e.id(), s.wamid())) {
          settlement.recordSent(e.message(), s.wamid());
          ctx.listener.messageSent(e.message().kind());
          LOG.info("Outbox entry {} settled by a {} status: it was sent", e.id(), s.rawStatus());
          ConversationKey key = e.message().conversation();
          if (s.status() != DeliveryStatus.FAILED && e.message().ticketId() != null && key != null) {
            ctx.noteLater(e.message().ticketId(), key, "WhatsApp has now confirmed the message whose delivery was"
                + " not confirmed (status: " + s.rawStatus() + "). Do not send it again.", "confirmed:" + e.id());
          }
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * Applies the statuses parked for an outbox entry whose send now linked its wamid (acked) or ended with an
   * unknown outcome. A status the helpdesk could not take yet is parked again.
   */
  public void replayParked(String entryId) {
    List<StatusUpdate> statuses = settlement.take(entryId);
    for (int i = 0; i < statuses.size(); i++) {
      try {
        status(statuses.get(i));
      } catch (HelpdeskException ex) {
        if (!ex.retryable()) {
          LOG.warn("Helpdesk {} refused a parked status permanently: {}", ctx.adapter.id(), ex.getClass().getSimpleName());
          continue;
        }
        ctx.listener.helpdeskRetry(ctx.adapter.id());
        for (StatusUpdate rest : statuses.subList(i, statuses.size())) {
          settlement.park(entryId, rest);
        }
        return;
      }
    }
  }

  /**
   * The periodic pass over parked statuses: applies those whose entry was acked meanwhile (perhaps by
   * another instance sharing the stores), drops those whose entry was dead-lettered or is gone; the rest
   * wait until the retention drops them.
   */
  public void sweepParked() {
    for (String id : settlement.parkedEntries()) {
      Optional<OutboxEntry> e = ctx.outbox.get(id);
      if (e.isEmpty() || e.get().status() == OutboxEntry.Status.DEAD) {
        settlement.dropIf(id::equals);
      } else if (e.get().status() == OutboxEntry.Status.SENT || e.get().status() == OutboxEntry.Status.UNCONFIRMED) {
        replayParked(id);
      }
    }
  }

  private void preference(UserPreferenceUpdate u) {
    Customer seen = u.customer();
    if (seen == null) {
      return;
    }
    CustomerId id = ctx.customers.resolve(seen).id();
    if (u.marketingStopped()) {
      ctx.suppress(id, "user_preferences");
    } else if (u.marketingResumed()) {
      ctx.suppression.lift(id);
    }
  }

  private void templateStatus(TemplateStatusUpdate t) {
    if (ctx.templates != null) {
      ctx.templates.applyStatusUpdate(t);
    }
    if (t.event() == TemplateStatusEvent.PAUSED || t.event() == TemplateStatusEvent.DISABLED) {
      ctx.health(ChannelHealthEvent.Kind.TEMPLATE_PAUSED, t.metadata().phoneNumberId(), 0,
          "Template " + t.templateName() + " (" + t.language() + ") is " + t.rawEvent()
              + (t.reason() == null ? "" : ": " + t.reason()));
    }
  }

  /** A window warning or close from the session tracker: a note on the conversation's ticket, once. */
  public void onWindowEvent(SessionWindowEvent e) {
    ConversationKey key = ctx.conversations.currentKey(e.key().phoneNumberId(), e.key().customer());
    Optional<TicketBinding> b = ctx.conversations.ticketFor(key);
    if (b.isEmpty()) {
      return;
    }
    boolean closed = e.kind() == SessionWindowEvent.Kind.CLOSED;
    String text = closed
        ? "The customer's 24-hour WhatsApp window closed at " + e.expiresAt()
            + ". Replies now go out as an approved template (or are held)."
        : "The customer's 24-hour WhatsApp window closes at " + e.expiresAt() + " (in "
            + e.remaining().toMinutes() + " min). Reply before then to answer in free text.";
    ctx.laterInLane(key, () -> {
      ctx.note(ctx.handle(b.get().ticketId(), key), text,
          "window:" + e.expiresAt().getEpochSecond() + ":" + e.leadTime().toSeconds());
      ctx.listener.windowWarning(closed);
    }, "window note");
  }
}
