package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.client.Interactive;
import io.github.whatsapphelpdesk.client.InteractiveAction;
import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.MediaKind;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.MessageContent;
import io.github.whatsapphelpdesk.client.Text;
import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.error.WhatsAppException;
import io.github.whatsapphelpdesk.observe.SdkListener.ReplyOutcome;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import io.github.whatsapphelpdesk.spi.AgentAttachment;
import io.github.whatsapphelpdesk.spi.AgentReply;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.OutboxMessage;
import io.github.whatsapphelpdesk.store.ReplyClaim;
import io.github.whatsapphelpdesk.template.ClosedWindowPolicy;
import io.github.whatsapphelpdesk.template.MessageTemplate;
import io.github.whatsapphelpdesk.template.PolicyDecision;
import io.github.whatsapphelpdesk.template.PolicyEvent;
import io.github.whatsapphelpdesk.template.TemplateCategory;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbound flow for agent replies: claim the reply id (once) → is the window open? → free-form text
 * and media, or outside it the {@code TemplatePolicy}'s template validated by the registry, or hold with a
 * note → the {@link io.github.whatsapphelpdesk.store.Outbox}, before the reply is acknowledged. Also the
 * CSAT question on solved tickets, and the re-routing of a free-form reply whose window closed while it
 * was queued.
 */
public final class ReplyRouter {
  private final BridgeContext ctx;

  public ReplyRouter(BridgeContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Routes one agent reply (already authenticated), at most once per reply id.
   *
   * @return false for a reply seen before, or for a ticket that is not a WhatsApp conversation
   */
  public boolean route(AgentReply reply) {
    Optional<ConversationKey> conv = ctx.conversations.conversationForTicket(reply.ticketId());
    if (conv.isEmpty()) {
      return false;
    }
    ConversationKey key = conv.get();
    String dedupe = "reply:" + reply.replyId();
    ReplyClaim claim = ctx.conversations.claimReply(reply.replyId(), reply.ticketId(), dedupe);
    if (!claim.claimed()) {
      boolean crashedBeforeQueueing = claim.record().wamid() == null && ctx.outbox.findByDedupeKey(dedupe).isEmpty();
      if (!crashedBeforeQueueing) {
        ctx.listener.replyRouted(ReplyOutcome.DUPLICATE);
        return false;
      }
    }
    if (ctx.sessions.canSendFreeForm(key.phoneNumberId(), key.customer())) {
      List<Message> parts = freeForm(reply, key);
      for (int i = 0; i < parts.size(); i++) {
        ctx.enqueue(OutboxMessage.send(key.phoneNumberId(), parts.get(i), key, reply.ticketId(), reply.replyId(),
            Priority.AGENT_REPLY), i == 0 ? dedupe : dedupe + ":" + i);
      }
      ctx.listener.replyRouted(ReplyOutcome.QUEUED_FREE_FORM);
      return true;
    }
    closedWindow(key, reply.replyId(), reply.ticketId(), reply.text(), reply.authorName(), dedupe);
    return true;
  }

  /** The window is closed: the policy's template, validated, or the reply is held with a note. */
  void closedWindow(ConversationKey key, String replyId, String ticketId, String text, String agentName, String dedupe) {
    String pn = key.phoneNumberId();
    Customer customer = ctx.customer(key.customer());
    if (ctx.closedWindowPolicy == ClosedWindowPolicy.TEMPLATE_FALLBACK && ctx.policy != null) {
      PolicyEvent event = PolicyEvent.replyWindowClosed(ticketId, key.customer().value(), text).toBuilder()
          .phoneNumberId(pn).agentName(agentName).customerName(customer.profileName()).build();
      Optional<PolicyDecision> d = ctx.templates == null ? ctx.policy.decide(event) : ctx.policy.decide(event, ctx.templates);
      if (d.isPresent()) {
        List<String> problems = ctx.templates == null ? List.of()
            : ctx.templates.check(d.get().message()).stream().map(p -> p.message()).toList();
        if (problems.isEmpty()) {
          ctx.enqueue(OutboxMessage.send(pn, ctx.messageTo(key.customer(), d.get().message()), key, ticketId, replyId,
              Priority.AGENT_REPLY), dedupe);
          ctx.listener.replyRouted(ReplyOutcome.QUEUED_TEMPLATE);
          ctx.noteLater(ticketId, key, "The 24-hour window had closed, so your reply goes out as the template '"
              + d.get().message().name() + "'" + (d.get().agentTextIncluded() ? " carrying your text." : " (without your text)."),
              "fallback:" + replyId);
          return;
        }
        hold(key, ticketId, replyId, "the template '" + d.get().message().name() + "' cannot be sent: "
            + String.join("; ", problems));
        return;
      }
    }
    hold(key, ticketId, replyId, ctx.closedWindowPolicy == ClosedWindowPolicy.HOLD
        ? "replies outside the window are held by configuration"
        : "no template is configured for replies outside the window");
  }

  private void hold(ConversationKey key, String ticketId, String replyId, String why) {
    ctx.listener.replyRouted(ReplyOutcome.HELD);
    // Recorded as handled (pseudo-wamid "held:<reply id>"), so a repeated webhook does not re-decide it.
    ctx.conversations.markReplySent(replyId, "held:" + replyId);
    ctx.noteLater(ticketId, key, "Your reply was NOT sent to WhatsApp: the customer's 24-hour window has closed and "
        + why + ". Ask the customer to write again, or send an approved template.", "held:" + replyId);
  }

  private List<Message> freeForm(AgentReply reply, ConversationKey key) {
    List<Message> out = new ArrayList<>();
    String text = reply.text() == null ? "" : reply.text().strip();
    if (!text.isEmpty()) {
      out.add(ctx.messageTo(key.customer(), Text.of(text.length() > 4096 ? text.substring(0, 4096) : text)));
    }
    List<String> skipped = new ArrayList<>();
    for (AgentAttachment a : reply.attachments()) {
      String mediaId;
      try {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ctx.adapter.downloadAttachment(a, buf);
        mediaId = ctx.settings.shadowMode ? "shadow-media-" + a.id()
            : ctx.gateway.uploadMedia(key.phoneNumberId(), buf.toByteArray(), a.mimeType(), a.filename());
      } catch (WhatsAppException e) {
        if (e.retryable()) {
          throw e; // the helpdesk retries its webhook; the reply claim lets the retry continue
        }
        skipped.add(a.filename() + " (" + (e instanceof WhatsAppApiException api ? BridgeContext.reason(api) : e.getMessage()) + ")");
        continue;
      }
      out.add(ctx.messageTo(key.customer(), media(mediaId, a)));
    }
    if (!skipped.isEmpty()) {
      ctx.noteLater(reply.ticketId(), key, "These attachments of your reply could not be sent to WhatsApp: "
          + String.join(", ", skipped) + ". The text was sent; send the files again or share a link.",
          "skipped:" + reply.replyId());
    }
    return out;
  }

  private static MessageContent media(String mediaId, AgentAttachment a) {
    MediaKind kind = MediaKinds.forMime(a.mimeType());
    Media media = Media.byId(kind, mediaId);
    if (kind == MediaKind.DOCUMENT && a.filename() != null) {
      media = media.withFilename(a.filename());
    }
    return media;
  }

  /**
   * The ticket was solved: queues the CSAT question (reply buttons inside the window; outside it the
   * template the policy chooses for {@code TICKET_SOLVED}, unless the customer opted out of marketing). At
   * most once per ticket.
   */
  public boolean onTicketSolved(String ticketId) {
    if (ctx.settings.csatQuestion == null) {
      return false;
    }
    Optional<ConversationKey> conv = ctx.conversations.conversationForTicket(ticketId);
    if (conv.isEmpty()) {
      return false;
    }
    ConversationKey key = conv.get();
    if (ctx.sessions.canSendFreeForm(key.phoneNumberId(), key.customer())) {
      MessageContent question = Interactive.replyButtons(ctx.settings.csatQuestion,
          new InteractiveAction.ReplyButton(InboundPipeline.CSAT_PREFIX + ticketId + ":good", "Good"),
          new InteractiveAction.ReplyButton(InboundPipeline.CSAT_PREFIX + ticketId + ":ok", "OK"),
          new InteractiveAction.ReplyButton(InboundPipeline.CSAT_PREFIX + ticketId + ":bad", "Bad"));
      return ctx.enqueue(OutboxMessage.send(key.phoneNumberId(), ctx.messageTo(key.customer(), question), key, ticketId,
          null, Priority.AUTOMATED), "csat:" + ticketId);
    }
    if (ctx.policy == null) {
      return false;
    }
    Customer customer = ctx.customer(key.customer());
    PolicyEvent event = PolicyEvent.ticketSolved(ticketId, key.customer().value()).toBuilder()
        .phoneNumberId(key.phoneNumberId()).customerName(customer.profileName()).build();
    Optional<PolicyDecision> d = ctx.templates == null ? ctx.policy.decide(event) : ctx.policy.decide(event, ctx.templates);
    if (d.isEmpty() || isMarketing(d.get().message().name(), d.get().message().languageCode())
        && ctx.suppression.isSuppressed(key.customer())) {
      return false;
    }
    if (ctx.templates != null && !ctx.templates.check(d.get().message()).isEmpty()) {
      return false;
    }
    return ctx.enqueue(OutboxMessage.send(key.phoneNumberId(), ctx.messageTo(key.customer(), d.get().message()), key,
        ticketId, null, Priority.AUTOMATED), "csat:" + ticketId);
  }

  /** Whether a template is marketing; an unknown one counts as marketing (the safe side for opt-outs). */
  boolean isMarketing(String name, String language) {
    if (ctx.templates == null) {
      return true;
    }
    return ctx.templates.find(name, language).map(MessageTemplate::category)
        .map(c -> c == TemplateCategory.MARKETING).orElse(true);
  }

  /**
   * A free-form reply could not go out because the window closed while it was queued (or Meta answered
   * 131047): decide again as a closed-window reply, in the conversation's lane.
   */
  void reroute(OutboxMessage m) {
    ConversationKey key = m.conversation();
    String text = m.message().content() instanceof Text t ? t.body() : null;
    ctx.laterInLane(key, () -> closedWindow(key, m.replyId(), m.ticketId(), text, null,
        "reply:" + m.replyId() + ":reroute"), "re-routed reply");
  }
}
