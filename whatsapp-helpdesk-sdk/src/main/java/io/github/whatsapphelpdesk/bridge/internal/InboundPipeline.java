package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.error.WhatsAppException;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import io.github.whatsapphelpdesk.spi.TicketResult;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.MessageLink;
import io.github.whatsapphelpdesk.store.OutboxMessage;
import io.github.whatsapphelpdesk.store.TicketBinding;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.Text;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import io.github.whatsapphelpdesk.webhook.InboundContent;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The inbound flow for customer messages: customer identity → session window → opt-out keywords →
 * helpdesk contact → the episode's ticket (found or created once) → the message appended once (wamid
 * link). A run of text and media messages of one conversation can be appended as one when the adapter
 * asks ({@code shouldCoalesce}). Works on messages the caller leased from the inbox, in order; returns
 * what became of each so the caller can complete, retry or reject the inbox entries.
 */
public final class InboundPipeline {
  /** Button ids of the CSAT question start with this. */
  public static final String CSAT_PREFIX = "csat:";

  /** What became of one message. */
  public enum Outcome {
    /** Appended (or already linked, or recorded as a CSAT answer): done. */
    DONE,
    /** The helpdesk was unavailable: retry later, keeping the conversation's order. */
    RETRY,
    /** The helpdesk rejected it permanently: kept in the inbox for replay. */
    REJECTED
  }

  private final BridgeContext ctx;

  public InboundPipeline(BridgeContext ctx) {
    this.ctx = ctx;
  }

  /** True when the message can be merged into a burst (text or media). */
  public static boolean mergeable(InboundMessage m) {
    return m.content() instanceof InboundContent.Text || m.content() instanceof InboundContent.Media;
  }

  /**
   * Handles a run of messages of one conversation, in order. Stops at the first that must be retried;
   * the outcomes list is as long as the messages handled.
   */
  public List<Outcome> handle(List<InboundMessage> run) {
    List<Outcome> out = new ArrayList<>(run.size());
    int i = 0;
    while (i < run.size()) {
      InboundMessage m = run.get(i);
      int end = i + 1;
      while (end < run.size() && mergeable(m) && mergeable(run.get(end))) {
        end++;
      }
      List<InboundMessage> burst = run.subList(i, end);
      Customer c = burst.size() > 1 ? ctx.customers.resolve(burst.get(0).customer()) : null;
      List<Outcome> r = c != null && coalesce(burst.get(0), c) ? burst(burst, c) : List.of(single(m));
      out.addAll(r);
      if (r.get(r.size() - 1) == Outcome.RETRY) {
        return out;
      }
      i += r.size();
    }
    return out;
  }

  /** Whether the conversation's ticket exists and the adapter wants bursts merged. */
  private boolean coalesce(InboundMessage first, Customer c) {
    String pn = first.metadata().phoneNumberId();
    ConversationKey key = ctx.conversations.currentKey(pn, c.id());
    Optional<TicketBinding> binding = ctx.conversations.ticketFor(key);
    if (binding.isEmpty()) {
      return false;
    }
    try {
      return ctx.adapter.shouldCoalesce(new TicketHandle(binding.get().ticketId(), ctx.contact(c.id()), key.format()));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private Outcome single(InboundMessage m) {
    if (ctx.conversations.messageLink(m.wamid()).isPresent()) {
      ctx.listener.duplicateSkipped("InboundMessage");
      return Outcome.DONE;
    }
    String pn = m.metadata().phoneNumberId();
    Customer c = ctx.customers.resolve(m.customer());
    followIdentityChange(m);
    try {
      window(m, pn, c);
      if (m.content() instanceof InboundContent.ButtonReply r && r.id() != null && r.id().startsWith(CSAT_PREFIX)) {
        recordCsat(m, c, r);
        return Outcome.DONE;
      }
      keywords(m, c);
      HelpdeskContact contact = ctx.contact(c, m.customer().profileName() != null || m.customer().username() != null);
      CustomerMessage msg = customerMessage(m, pn, contact);
      ConversationKey key = ctx.conversations.currentKey(pn, c.id());
      Optional<TicketBinding> binding = ctx.conversations.ticketFor(key);
      String itemId;
      if (binding.isEmpty()) {
        TicketResult r = ctx.adapter.findOrCreateTicket(ticketRequest(key, contact, msg, c));
        TicketBinding b = ctx.conversations.bindTicketIfAbsent(key, r.ticket().ticketId());
        if (r.created()) {
          ctx.listener.ticketCreated(ctx.adapter.id());
        }
        itemId = r.firstCommentId();
        if (!b.ticketId().equals(r.ticket().ticketId())) {
          itemId = append(key, b.ticketId(), contact, msg, c); // lost a race: the winner's ticket
        } else {
          ctx.listener.messagesAppended(ctx.adapter.id(), 1);
        }
      } else {
        itemId = append(key, binding.get().ticketId(), contact, msg, c);
      }
      finish(m, pn, c, itemId);
      return Outcome.DONE;
    } catch (HelpdeskException e) {
      if (e.retryable()) {
        ctx.listener.helpdeskRetry(ctx.adapter.id());
        return Outcome.RETRY;
      }
      reject(m, c, e);
      return Outcome.REJECTED;
    }
  }

  /**
   * Appends a burst with one {@code appendCustomerMessages} call and links every wamid to the comment.
   * On a non-retryable failure the messages go one by one.
   */
  private List<Outcome> burst(List<InboundMessage> burst, Customer c) {
    InboundMessage first = burst.get(0);
    String pn = first.metadata().phoneNumberId();
    List<InboundMessage> fresh = new ArrayList<>(burst.size());
    for (InboundMessage m : burst) {
      if (ctx.conversations.messageLink(m.wamid()).isPresent() || fresh.stream().anyMatch(f -> f.wamid().equals(m.wamid()))) {
        ctx.listener.duplicateSkipped("InboundMessage");
      } else {
        fresh.add(m);
      }
    }
    List<Outcome> done = new ArrayList<>(burst.size());
    if (fresh.size() < 2) {
      for (InboundMessage m : burst) {
        Outcome o = fresh.contains(m) ? single(m) : Outcome.DONE;
        done.add(o);
        if (o == Outcome.RETRY) {
          break;
        }
      }
      return done;
    }
    ConversationKey key = ctx.conversations.currentKey(pn, c.id());
    Optional<TicketBinding> binding = ctx.conversations.ticketFor(key);
    if (binding.isEmpty()) {
      return List.of(single(first));
    }
    try {
      HelpdeskContact contact = ctx.contact(c, burst.get(burst.size() - 1).customer().profileName() != null);
      List<CustomerMessage> msgs = new ArrayList<>(fresh.size());
      for (InboundMessage m : fresh) {
        window(m, pn, c);
        keywords(m, c);
        msgs.add(customerMessage(m, pn, contact));
      }
      String ticketId = binding.get().ticketId();
      TicketHandle handle = new TicketHandle(ticketId, contact, key.format());
      try {
        AppendResult r = ctx.adapter.appendCustomerMessages(handle, msgs);
        if (r.rolledOver()) {
          adoptRollOver(key, ticketId, r);
        }
        ctx.listener.messagesAppended(ctx.adapter.id(), fresh.size());
        for (InboundMessage m : fresh) {
          finish(m, pn, c, r.commentId());
        }
        burst.forEach(m -> done.add(Outcome.DONE));
        return done;
      } catch (TerminalTicketException closed) {
        // The first message opens the follow-up episode; the rest follow one by one on the new ticket.
        String itemId = followUp(key, ticketId, handle, contact, msgs.get(0), c);
        finish(fresh.get(0), pn, c, itemId);
        done.add(Outcome.DONE);
        for (InboundMessage m : burst.subList(1, burst.size())) {
          Outcome o = single(m);
          done.add(o);
          if (o == Outcome.RETRY) {
            break;
          }
        }
        return done;
      }
    } catch (HelpdeskException e) {
      if (e.retryable()) {
        ctx.listener.helpdeskRetry(ctx.adapter.id());
        return List.of(Outcome.RETRY);
      }
      // A merged append was refused: go one by one, so only the offending message is rejected.
      for (InboundMessage m : burst) {
        Outcome o = single(m);
        done.add(o);
        if (o == Outcome.RETRY) {
          break;
        }
      }
      return done;
    }
  }

  /**
   * A {@code system} message {@code user_changed_number} / {@code user_changed_user_id} (Meta's changelog,
   * 2026-08-11: BSUID changes arrive this way): the customer keeps their stable id under the new BSUID and
   * number, so the helpdesk contact and the conversation stay the same. {@code user_id_update} events
   * (still forwarded by some providers) take the same path in {@link ChannelEvents}.
   */
  private void followIdentityChange(InboundMessage m) {
    if (m.content() instanceof InboundContent.SystemChange sc && sc.newCustomer() != null) {
      String previous = sc.previousUserId() != null ? sc.previousUserId() : m.fromUserId();
      if (previous != null) {
        ctx.customers.changeBsuid(previous, sc.newCustomer());
      }
    }
  }

  private void window(InboundMessage m, String pn, Customer c) {
    Instant ts = m.timestamp() == null ? ctx.clock.instant() : m.timestamp();
    ctx.sessions.onInbound(pn, c.id(), ts, m.referral() != null);
  }

  /** Links the handled message to its comment (exactly once from now on) and queues what follows it. */
  private void finish(InboundMessage m, String pn, Customer c, String itemId) {
    ConversationKey key = ctx.conversations.currentKey(pn, c.id());
    String ticketId = ctx.conversations.ticketFor(key).map(TicketBinding::ticketId).orElse("unknown");
    ctx.conversations.linkMessage(new MessageLink(m.wamid(), ticketId, itemId == null ? "unknown" : itemId,
        MessageLink.Direction.INBOUND, ctx.clock.instant()));
    if (ctx.settings.markRead) {
      ctx.enqueue(OutboxMessage.markRead(pn, m.wamid(), key), "read:" + m.wamid());
    }
    if (ctx.settings.unsupportedApology != null && (m.content() instanceof InboundContent.Unsupported
        || m.content() instanceof InboundContent.Unknown)) {
      Message apology = ctx.messageTo(c.id(), Text.of(ctx.settings.unsupportedApology));
      ctx.enqueue(OutboxMessage.send(pn, apology, key, ticketId, null, Priority.AUTOMATED), "apology:" + m.wamid());
    }
  }

  private String append(ConversationKey key, String ticketId, HelpdeskContact contact, CustomerMessage msg, Customer c) {
    TicketHandle handle = new TicketHandle(ticketId, contact, key.format());
    try {
      AppendResult r = ctx.adapter.appendCustomerMessage(handle, msg);
      if (r.rolledOver()) {
        adoptRollOver(key, ticketId, r);
      }
      ctx.listener.messagesAppended(ctx.adapter.id(), 1);
      return r.commentId();
    } catch (TerminalTicketException closed) {
      return followUp(key, ticketId, handle, contact, msg, c);
    }
  }

  /** The adapter continued on a follow-up ticket: that is the conversation's next episode. */
  private void adoptRollOver(ConversationKey key, String ticketId, AppendResult r) {
    ctx.conversations.advanceEpisodeIfTicket(key.phoneNumberId(), key.customer(), ticketId);
    ctx.conversations.bindTicketIfAbsent(ctx.conversations.currentKey(key.phoneNumberId(), key.customer()),
        r.ticket().ticketId());
    ctx.listener.ticketCreated(ctx.adapter.id());
  }

  /**
   * The ticket is finished: a new episode starts on a follow-up (or reopened) ticket carrying {@code msg}.
   * Returns its comment id, or null when another instance bound the episode first.
   */
  private String followUp(ConversationKey key, String ticketId, TicketHandle handle, HelpdeskContact contact,
      CustomerMessage msg, Customer c) {
    ctx.conversations.advanceEpisodeIfTicket(key.phoneNumberId(), key.customer(), ticketId);
    ConversationKey next = ctx.conversations.currentKey(key.phoneNumberId(), key.customer());
    TicketResult r = ctx.adapter.reopenOrFollowUp(handle, ticketRequest(next, contact, msg, c));
    TicketBinding b = ctx.conversations.bindTicketIfAbsent(next, r.ticket().ticketId());
    if (r.created()) {
      ctx.listener.ticketCreated(ctx.adapter.id());
    }
    ctx.listener.messagesAppended(ctx.adapter.id(), 1);
    return b.ticketId().equals(r.ticket().ticketId()) ? r.firstCommentId() : null;
  }

  private TicketRequest ticketRequest(ConversationKey key, HelpdeskContact contact, CustomerMessage msg, Customer c) {
    return new TicketRequest(key.format(), key.format(), contact, "WhatsApp conversation with " + c.displayName(),
        msg, ctx.settings.channelTags, Map.of());
  }

  private CustomerMessage customerMessage(InboundMessage m, String pn, HelpdeskContact contact) {
    String text = ContentRenderer.render(m.content());
    List<Attachment> files = new ArrayList<>();
    if (m.content() instanceof InboundContent.Media media) {
      try {
        byte[] data = ctx.gateway.downloadMedia(pn, media.mediaId(), ctx.adapter.maxAttachmentBytes());
        String ext = media.mimeType() == null ? "bin" : media.mimeType().replaceAll(".*/", "").replaceAll(";.*", "");
        String filename = media.filename() != null ? media.filename()
            : media.mediaType().name().toLowerCase(Locale.ROOT) + "-" + media.mediaId() + "." + ext;
        files.add(Attachment.ofBytes(filename, media.mimeType() == null ? "application/octet-stream" : media.mimeType(), data));
      } catch (WhatsAppException e) {
        text = text + "\n[The file could not be fetched from WhatsApp (" + BridgeContext.reason(e)
            + "); ask the customer to send it again.]";
      }
    }
    if (m.replyToWamid() != null) {
      text = text + "\n(in reply to an earlier message)";
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("wamid", m.wamid());
    meta.put("type", m.content().type());
    return new CustomerMessage(m.wamid(), contact, text, files,
        m.timestamp() == null ? ctx.clock.instant() : m.timestamp(), meta);
  }

  private void keywords(InboundMessage m, Customer c) {
    if (m.content() instanceof InboundContent.Text t) {
      String word = t.body().trim().toUpperCase(Locale.ROOT);
      if (ctx.settings.stopKeywords.contains(word)) {
        ctx.suppress(c.id(), "keyword");
      } else if (ctx.settings.startKeywords.contains(word)) {
        ctx.suppression.lift(c.id());
      }
    }
  }

  private void recordCsat(InboundMessage m, Customer c, InboundContent.ButtonReply r) {
    String[] parts = r.id().split(":", 3);
    if (parts.length < 2 || parts[1].isEmpty()) {
      return;
    }
    String ticketId = parts[1];
    ctx.conversations.linkMessage(new MessageLink(m.wamid(), ticketId, "csat-answer", MessageLink.Direction.INBOUND,
        ctx.clock.instant()));
    String key = ctx.conversations.conversationForTicket(ticketId).map(ConversationKey::format).orElse("csat");
    ctx.note(new TicketHandle(ticketId, ctx.contact(c, false), key), "CSAT answer from the customer: " + r.title(),
        "csat-answer:" + ticketId);
  }

  /**
   * The helpdesk rejected the message permanently: it stays in the inbox (rejected, replayable), is
   * counted, logged without its text, and noted on the conversation's ticket when there is one.
   */
  private void reject(InboundMessage m, Customer c, HelpdeskException e) {
    ctx.listener.inboundRejected(ctx.adapter.id(), e.httpStatus());
    ConversationKey key = ctx.conversations.currentKey(m.metadata().phoneNumberId(), c.id());
    ctx.conversations.ticketFor(key).ifPresent(b -> {
      try {
        ctx.note(new TicketHandle(b.ticketId(), ctx.contact(c, false), b.key().format()),
            "A WhatsApp message from the customer (" + m.content().type() + ", " + m.wamid()
                + ") could not be added to this ticket: the helpdesk answered HTTP " + e.httpStatus()
                + ". It is kept by the bridge and can be replayed.", "rejected:" + m.wamid());
      } catch (HelpdeskException ignored) {
        // the message itself is kept in the inbox; the note is best effort
      }
    });
  }
}
