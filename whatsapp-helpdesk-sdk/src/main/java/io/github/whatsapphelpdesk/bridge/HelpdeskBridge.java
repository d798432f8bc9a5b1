package io.github.whatsapphelpdesk.bridge;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.bridge.internal.ContentRenderer;
import io.github.whatsapphelpdesk.bridge.internal.KeyedLanes;
import io.github.whatsapphelpdesk.bridge.internal.TemplateCodec;
import io.github.whatsapphelpdesk.error.ErrorCodes;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.error.WhatsAppException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import io.github.whatsapphelpdesk.session.SessionWindow;
import io.github.whatsapphelpdesk.session.SessionWindowEvent;
import io.github.whatsapphelpdesk.session.SessionWindowTracker;
import io.github.whatsapphelpdesk.spi.AgentAttachment;
import io.github.whatsapphelpdesk.spi.AgentReply;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.DeliveryStatusUpdate;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.InternalNote;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import io.github.whatsapphelpdesk.spi.TicketResult;
import io.github.whatsapphelpdesk.store.AttachmentRef;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.ConversationStore;
import io.github.whatsapphelpdesk.store.EnqueueResult;
import io.github.whatsapphelpdesk.store.InMemoryConversationStore;
import io.github.whatsapphelpdesk.store.InMemoryOutbox;
import io.github.whatsapphelpdesk.store.MessageLink;
import io.github.whatsapphelpdesk.store.OutboundMessage;
import io.github.whatsapphelpdesk.store.Outbox;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import io.github.whatsapphelpdesk.store.ReplyClaim;
import io.github.whatsapphelpdesk.store.TicketBinding;
import io.github.whatsapphelpdesk.template.MessageTemplate;
import io.github.whatsapphelpdesk.template.PolicyDecision;
import io.github.whatsapphelpdesk.template.PolicyEvent;
import io.github.whatsapphelpdesk.template.TemplateCategory;
import io.github.whatsapphelpdesk.template.TemplatePolicy;
import io.github.whatsapphelpdesk.template.TemplateRegistry;
import io.github.whatsapphelpdesk.webhook.AccountUpdate;
import io.github.whatsapphelpdesk.webhook.DeliveryStatus;
import io.github.whatsapphelpdesk.webhook.InboundContent;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.PhoneNumberQualityUpdate;
import io.github.whatsapphelpdesk.webhook.StatusUpdate;
import io.github.whatsapphelpdesk.webhook.TemplateStatusEvent;
import io.github.whatsapphelpdesk.webhook.TemplateStatusUpdate;
import io.github.whatsapphelpdesk.webhook.UserPreferenceUpdate;
import io.github.whatsapphelpdesk.webhook.WebhookError;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import io.github.whatsapphelpdesk.webhook.WebhookListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-way sync between WhatsApp and a helpdesk.
 *
 * <p><b>Inbound</b> ({@link #onEvent}, usually as the {@link WebhookListener} of a
 * {@code WebhookHandler}): per conversation, one event at a time (conversations in parallel on the
 * caller's executor, without a thread per conversation): the session window is updated from the
 * message's own timestamp, the contact upserted by canonical wa_id, the conversation's ticket found or
 * created exactly once per episode (store binding plus the adapter's idempotency key), and the message
 * appended as the customer once (wamid links), media downloaded at once and attached. A retryable
 * helpdesk failure parks the conversation and retries it later in order: nothing is lost or doubled.
 * When the adapter asks ({@link HelpdeskAdapter#shouldCoalesce}), the text and media messages queued in
 * a conversation's lane for its ticket are appended as one ({@link HelpdeskAdapter#appendCustomerMessages}).
 *
 * <p><b>Outbound</b> ({@link #onAgentReplyWebhook}): each agent reply is deduplicated by reply id, then
 * written to the durable {@link Outbox} before anything is sent: free-form inside the window; outside it
 * a template chosen by the {@link TemplatePolicy} and validated by the {@link TemplateRegistry}, or the
 * reply is held with a note to the agent. {@link #processOutbox()} sends (through the client's limiter),
 * maps the wamid to the ticket, retries retryable failures with backoff and dead-letters the rest with a
 * note. Failed delivery statuses become notes; window warnings become notes; solved tickets can get a
 * CSAT question; opt-outs go to the {@link SuppressionList}; channel problems go to a
 * {@link ChannelHealthListener}. Shadow mode records instead of sending; a rollout percentage limits the
 * bridge to a stable share of customers.
 *
 * <p>Thread-safe. Time comes from the injected {@link Clock}.
 */
public final class HelpdeskBridge implements WebhookListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HelpdeskBridge.class);
  /** Button ids of the CSAT question start with this. */
  public static final String CSAT_PREFIX = "csat:";
  private static final int MAX_CONTACT_CACHE = 100_000;
  /** The most messages merged into one comment (bounds the media held in memory at once). */
  static final int MAX_BURST = 10;

  private final HelpdeskAdapter adapter;
  private final CloudApiGateway gateway;
  private final Clock clock;
  private final ConversationStore conversations;
  private final Outbox outbox;
  private final SessionWindowTracker sessions;
  private final TemplateRegistry templates;
  private final TemplatePolicy policy;
  private final SuppressionList suppression;
  private final ClosedWindowPolicy closedWindowPolicy;
  private final KeyedLanes lanes;
  private final boolean shadowMode;
  private final int rolloutPercent;
  private final Set<String> stopKeywords;
  private final Set<String> startKeywords;
  private final boolean markRead;
  private final boolean noteDeliveredAndRead;
  private final String unsupportedApology;
  private final boolean csatEnabled;
  private final String csatQuestion;
  private final int maxSendAttempts;
  private final Duration retryBase;
  private final Duration retryMax;
  private final String workerId;
  private final List<String> channelTags;
  private final List<ChannelHealthListener> healthListeners;
  private final Map<String, HelpdeskContact> contactCache = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, HelpdeskContact> eldest) {
      return size() > MAX_CONTACT_CACHE;
    }
  };
  /** Shadow mode keeps only the latest entries, so a long shadow run cannot grow memory without bound. */
  static final int SHADOW_LOG_LIMIT = 1_000;

  private final java.util.ArrayDeque<OutboundMessage> shadowLog = new java.util.ArrayDeque<>();
  private final AtomicLong inbound = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong ticketsCreated = new AtomicLong();
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong notes = new AtomicLong();
  private final AtomicLong repliesQueued = new AtomicLong();
  private final AtomicLong repliesHeld = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong templatesSent = new AtomicLong();
  private final AtomicLong shadowed = new AtomicLong();
  private final AtomicLong sendRetries = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong optOuts = new AtomicLong();
  private final AtomicLong outsideRollout = new AtomicLong();
  private final AtomicLong helpdeskRetries = new AtomicLong();
  private final AtomicLong inboundRejected = new AtomicLong();
  /** Inbound messages the helpdesk rejected permanently: kept (bounded) so nothing is silently lost. */
  private final java.util.ArrayDeque<InboundMessage> rejected = new java.util.ArrayDeque<>();
  private static final int MAX_REJECTED = 10_000;
  private volatile ScheduledFuture<?> task;

  private HelpdeskBridge(Builder b) {
    this.adapter = Objects.requireNonNull(b.adapter, "adapter");
    this.gateway = Objects.requireNonNull(b.gateway, "gateway");
    this.clock = b.clock;
    this.conversations = b.conversations != null ? b.conversations : InMemoryConversationStore.create(clock);
    this.outbox = b.outbox != null ? b.outbox : InMemoryOutbox.create(clock);
    this.sessions = b.sessions != null ? b.sessions : SessionWindowTracker.builder().clock(clock).build();
    this.templates = b.templates;
    this.policy = b.policy;
    this.suppression = b.suppression != null ? b.suppression : SuppressionList.inMemory();
    this.closedWindowPolicy = b.closedWindowPolicy;
    this.lanes = new KeyedLanes(b.executor, clock);
    this.shadowMode = b.shadowMode;
    this.rolloutPercent = b.rolloutPercent;
    this.stopKeywords = Set.copyOf(b.stopKeywords);
    this.startKeywords = Set.copyOf(b.startKeywords);
    this.markRead = b.markRead;
    this.noteDeliveredAndRead = b.noteDeliveredAndRead;
    this.unsupportedApology = b.unsupportedApology;
    this.csatEnabled = b.csatQuestion != null;
    this.csatQuestion = b.csatQuestion;
    this.maxSendAttempts = b.maxSendAttempts;
    this.retryBase = b.retryBase;
    this.retryMax = b.retryMax;
    this.workerId = b.workerId;
    this.channelTags = List.copyOf(b.channelTags);
    this.healthListeners = List.copyOf(b.healthListeners);
    this.sessions.addListener(this::onWindowEvent);
  }

  /** A builder; {@code adapter} and {@code gateway} are required. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------------------------------ inbound

  /** Handles one webhook event (the {@link WebhookListener} callback). Never throws. */
  @Override
  public void onEvent(WebhookEvent event) {
    try {
      if (event instanceof InboundMessage m) {
        onInbound(m);
      } else if (event instanceof StatusUpdate s) {
        onStatus(s);
      } else if (event instanceof UserPreferenceUpdate u) {
        onPreference(u);
      } else if (event instanceof TemplateStatusUpdate t) {
        onTemplateStatus(t);
      } else if (event instanceof PhoneNumberQualityUpdate q) {
        if (q.event() == PhoneNumberQualityUpdate.Event.DOWNGRADE || q.event() == PhoneNumberQualityUpdate.Event.FLAGGED) {
          health(ChannelHealthEvent.Kind.QUALITY_DOWNGRADED, q.metadata().phoneNumberId(), 0,
              "Phone number quality " + q.rawEvent() + (q.currentLimit() == null ? "" : ", messaging limit " + q.currentLimit()));
        }
      } else if (event instanceof AccountUpdate a) {
        if (a.event() == AccountUpdate.Event.ACCOUNT_RESTRICTION || a.event() == AccountUpdate.Event.ACCOUNT_VIOLATION
            || a.event() == AccountUpdate.Event.DISABLED_UPDATE) {
          health(ChannelHealthEvent.Kind.ACCOUNT_RESTRICTED, a.metadata().phoneNumberId(), 0,
              "Account update " + a.rawEvent());
        }
      } else if (templates != null) {
        templates.applyWebhook(event);
      }
    } catch (RuntimeException e) {
      LOG.warn("Bridge could not handle {}: {}", event.getClass().getSimpleName(), e.toString());
    }
  }

  /** A delivery the webhook handler recognised as a repeat (counted; nothing else to do). */
  @Override
  public void onDuplicate(WebhookEvent event) {
    duplicates.incrementAndGet();
  }

  private void onInbound(InboundMessage m) {
    String pn = m.metadata().phoneNumberId();
    String wa = PhoneNumbers.canonicalWaId(m.from());
    if (!inRollout(wa)) {
      outsideRollout.incrementAndGet();
      return;
    }
    lanes.submit(pn + ":" + wa, new InboundTask(m, pn, wa));
  }

  /**
   * An inbound message's lane task. When the adapter asks for it ({@link HelpdeskAdapter#shouldCoalesce})
   * it absorbs the text and media messages queued right behind it (a burst) and appends them as one.
   */
  private final class InboundTask implements KeyedLanes.Task {
    final String pn;
    final String wa;
    /** Messages still to handle, in order; touched only by the lane's running task. */
    final List<InboundMessage> messages = new ArrayList<>(1);
    /** Set once the task ran: a parked burst is retried as it was, never grown. */
    boolean started;
    /** Set after a non-retryable failure of a merged append: the rest go one by one. */
    boolean oneByOne;

    InboundTask(InboundMessage m, String pn, String wa) {
      this.pn = pn;
      this.wa = wa;
      this.messages.add(m);
    }

    @Override
    public Instant run() {
      if (!started) {
        started = true;
        absorbBurst(this);
      }
      return messages.size() == 1 ? handleInbound(messages.get(0), pn, wa) : handleBurst(this);
    }
  }

  private static boolean mergeable(KeyedLanes.Task task) {
    return task instanceof InboundTask it && it.messages.size() == 1 && !it.started
        && (it.messages.get(0).content() instanceof InboundContent.Text
            || it.messages.get(0).content() instanceof InboundContent.Media);
  }

  /** Takes the mergeable messages queued behind {@code t} when its ticket exists and the adapter asks. */
  private void absorbBurst(InboundTask t) {
    String laneKey = t.pn + ":" + t.wa;
    InboundMessage first = t.messages.get(0);
    if (!(first.content() instanceof InboundContent.Text || first.content() instanceof InboundContent.Media)
        || !lanes.nextQueuedMatches(laneKey, HelpdeskBridge::mergeable)) {
      return;
    }
    HelpdeskContact contact;
    synchronized (contactCache) {
      contact = contactCache.get(t.wa);
    }
    ConversationKey key = conversations.currentKey(t.pn, t.wa);
    Optional<TicketBinding> binding = conversations.ticketFor(key);
    if (contact == null || binding.isEmpty()) {
      return;
    }
    try {
      if (!adapter.shouldCoalesce(new TicketHandle(binding.get().ticketId(), contact, key.format()))) {
        return;
      }
    } catch (RuntimeException e) {
      LOG.warn("Adapter shouldCoalesce failed; appending one by one: {}", e.toString());
      return;
    }
    for (KeyedLanes.Task task : lanes.takeQueued(laneKey, HelpdeskBridge::mergeable, MAX_BURST - 1)) {
      t.messages.addAll(((InboundTask) task).messages);
    }
  }

  /**
   * Appends a burst with one {@link HelpdeskAdapter#appendCustomerMessages} call and links every wamid
   * to the comment. Messages handled are removed from the task, so a parked retry resumes with the rest.
   */
  private Instant handleBurst(InboundTask t) {
    String pn = t.pn;
    String wa = t.wa;
    List<InboundMessage> burst = t.messages;
    Set<String> wamids = new HashSet<>();
    burst.removeIf(m -> {
      boolean seen = !wamids.add(m.wamid()) || conversations.messageLink(m.wamid()).isPresent();
      if (seen) {
        duplicates.incrementAndGet();
      }
      return seen;
    });
    while (!burst.isEmpty()) {
      ConversationKey key = conversations.currentKey(pn, wa);
      Optional<TicketBinding> binding = conversations.ticketFor(key);
      if (burst.size() == 1 || binding.isEmpty() || t.oneByOne) {
        Instant retryAt = handleInbound(burst.get(0), pn, wa);
        if (retryAt != null) {
          return retryAt;
        }
        burst.remove(0);
        continue;
      }
      try {
        InboundMessage last = burst.get(burst.size() - 1);
        HelpdeskContact contact = contact(wa, last.from(), last.profileName());
        List<CustomerMessage> msgs = new ArrayList<>(burst.size());
        for (InboundMessage m : burst) {
          sessions.onInbound(m);
          keywords(m, wa);
          msgs.add(customerMessage(m, pn, contact));
        }
        String ticketId = binding.get().ticketId();
        TicketHandle handle = new TicketHandle(ticketId, contact, key.format());
        try {
          AppendResult r = adapter.appendCustomerMessages(handle, msgs);
          if (r.rolledOver()) {
            adoptRollOver(key, ticketId, r);
          }
          appended.addAndGet(burst.size());
          String now = conversations.ticketFor(conversations.currentKey(pn, wa)).map(TicketBinding::ticketId)
              .orElse(ticketId);
          for (InboundMessage m : burst) {
            finishInbound(m, key, pn, wa, now, r.commentId());
          }
          burst.clear();
        } catch (TerminalTicketException closed) {
          // The first message opens the follow-up; the rest are merged onto it in the next round.
          String itemId = followUp(key, ticketId, handle, contact, msgs.get(0), burst.get(0));
          String now = conversations.ticketFor(conversations.currentKey(pn, wa)).map(TicketBinding::ticketId)
              .orElse(ticketId);
          finishInbound(burst.get(0), key, pn, wa, now, itemId);
          burst.remove(0);
        }
      } catch (HelpdeskException e) {
        if (e.retryable()) {
          helpdeskRetries.incrementAndGet();
          return clock.instant().plus(retryBase);
        }
        LOG.warn("Helpdesk rejected a merged burst of {} messages for {} ({}); appending them one by one",
            burst.size(), PhoneNumbers.mask(wa), e.toString());
        t.oneByOne = true;
      }
    }
    return null;
  }

  private Instant handleInbound(InboundMessage m, String pn, String wa) {
    if (conversations.messageLink(m.wamid()).isPresent()) {
      duplicates.incrementAndGet();
      return null;
    }
    try {
      sessions.onInbound(m);
      if (m.content() instanceof InboundContent.ButtonReply r && r.id() != null && r.id().startsWith(CSAT_PREFIX)) {
        recordCsat(m, pn, wa, r);
        return null;
      }
      keywords(m, wa);
      HelpdeskContact contact = contact(wa, m.from(), m.profileName());
      CustomerMessage msg = customerMessage(m, pn, contact);
      ConversationKey key = conversations.currentKey(pn, wa);
      Optional<TicketBinding> binding = conversations.ticketFor(key);
      String ticketId;
      String itemId;
      if (binding.isEmpty()) {
        TicketResult r = adapter.findOrCreateTicket(ticketRequest(key, contact, msg, m));
        TicketBinding b = conversations.bindTicketIfAbsent(key, r.ticket().ticketId());
        ticketId = b.ticketId();
        if (r.created()) {
          ticketsCreated.incrementAndGet();
        }
        itemId = r.firstCommentId();
        if (!b.ticketId().equals(r.ticket().ticketId())) {
          // Lost a race with another instance: append to the winner's ticket.
          itemId = append(key, b.ticketId(), contact, msg, m);
        } else {
          appended.incrementAndGet();
        }
      } else {
        ticketId = binding.get().ticketId();
        itemId = append(key, ticketId, contact, msg, m);
        ticketId = conversations.ticketFor(conversations.currentKey(pn, wa)).map(TicketBinding::ticketId).orElse(ticketId);
      }
      finishInbound(m, key, pn, wa, ticketId, itemId);
      return null;
    } catch (HelpdeskException e) {
      if (e.retryable()) {
        helpdeskRetries.incrementAndGet();
        return clock.instant().plus(retryBase);
      }
      rejectInbound(m, pn, wa, e);
      return null;
    }
  }

  /** Links the handled message to its comment (exactly once from now on) and queues what follows it. */
  private void finishInbound(InboundMessage m, ConversationKey key, String pn, String wa, String ticketId,
      String itemId) {
    conversations.linkMessage(new MessageLink(m.wamid(), ticketId, itemId == null ? "unknown" : itemId,
        MessageLink.Direction.INBOUND, clock.instant()));
    inbound.incrementAndGet();
    if (markRead) {
      enqueue(OutboundMessage.builder(OutboundMessage.Kind.READ_RECEIPT).conversationKey(key)
          .phoneNumberId(pn).recipientWaId(wa).targetWamid(m.wamid()).priority(Priority.AUTOMATED).build(),
          "read:" + m.wamid());
    }
    if (unsupportedApology != null && (m.content() instanceof InboundContent.Unsupported
        || m.content() instanceof InboundContent.Unknown)) {
      enqueue(OutboundMessage.builder(OutboundMessage.Kind.TEXT).conversationKey(key).phoneNumberId(pn)
          .recipientWaId(wa).text(unsupportedApology).ticketId(ticketId).priority(Priority.AUTOMATED).build(),
          "apology:" + m.wamid());
    }
  }

  private String append(ConversationKey key, String ticketId, HelpdeskContact contact, CustomerMessage msg,
      InboundMessage m) {
    TicketHandle handle = new TicketHandle(ticketId, contact, key.format());
    try {
      AppendResult r = adapter.appendCustomerMessage(handle, msg);
      if (r.rolledOver()) {
        adoptRollOver(key, ticketId, r);
      }
      appended.incrementAndGet();
      return r.commentId();
    } catch (TerminalTicketException closed) {
      return followUp(key, ticketId, handle, contact, msg, m);
    }
  }

  /** The adapter continued on a follow-up ticket: that is the conversation's next episode. */
  private void adoptRollOver(ConversationKey key, String ticketId, AppendResult r) {
    conversations.advanceEpisodeIfTicket(key.phoneNumberId(), key.waId(), ticketId);
    conversations.bindTicketIfAbsent(conversations.currentKey(key.phoneNumberId(), key.waId()),
        r.ticket().ticketId());
    ticketsCreated.incrementAndGet();
  }

  /**
   * The ticket is finished: a new episode starts, on a follow-up (or reopened) ticket carrying
   * {@code msg}. Returns its comment id, or null when another instance bound the episode first.
   */
  private String followUp(ConversationKey key, String ticketId, TicketHandle handle, HelpdeskContact contact,
      CustomerMessage msg, InboundMessage m) {
    conversations.advanceEpisodeIfTicket(key.phoneNumberId(), key.waId(), ticketId);
    ConversationKey next = conversations.currentKey(key.phoneNumberId(), key.waId());
    TicketResult r = adapter.reopenOrFollowUp(handle, ticketRequest(next, contact, msg, m));
    TicketBinding b = conversations.bindTicketIfAbsent(next, r.ticket().ticketId());
    if (r.created()) {
      ticketsCreated.incrementAndGet();
    }
    appended.incrementAndGet();
    return b.ticketId().equals(r.ticket().ticketId()) ? r.firstCommentId() : null;
  }

  private TicketRequest ticketRequest(ConversationKey key, HelpdeskContact contact, CustomerMessage msg,
      InboundMessage m) {
    String name = m.profileName() != null ? m.profileName() : PhoneNumbers.mask(contact.waId());
    return new TicketRequest(key.format(), key.format(), contact, "WhatsApp conversation with " + name, msg,
        channelTags, Map.of());
  }

  private CustomerMessage customerMessage(InboundMessage m, String pn, HelpdeskContact contact) {
    String text = ContentRenderer.render(m.content());
    List<Attachment> files = new ArrayList<>();
    if (m.content() instanceof InboundContent.Media media) {
      try {
        byte[] data = gateway.downloadMedia(pn, media.mediaId(), adapter.maxAttachmentBytes());
        String ext = media.mimeType() == null ? "bin" : media.mimeType().replaceAll(".*/", "").replaceAll(";.*", "");
        String filename = media.filename() != null ? media.filename()
            : media.mediaType().name().toLowerCase(Locale.ROOT) + "-" + media.mediaId() + "." + ext;
        files.add(Attachment.ofBytes(filename, media.mimeType() == null ? "application/octet-stream" : media.mimeType(), data));
      } catch (WhatsAppException e) {
        text = text + "\n[The file could not be fetched from WhatsApp (" + reason(e) + "); ask the customer to send it again.]";
      }
    }
    if (m.replyToWamid() != null) {
      text = text + "\n(in reply to an earlier message)";
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("wamid", m.wamid());
    meta.put("type", m.content().type());
    return new CustomerMessage(m.wamid(), contact, text, files,
        m.timestamp() == null ? clock.instant() : m.timestamp(), meta);
  }

  private void keywords(InboundMessage m, String wa) {
    if (m.content() instanceof InboundContent.Text t) {
      String word = t.body().trim().toUpperCase(Locale.ROOT);
      if (stopKeywords.contains(word)) {
        if (suppression.suppress(io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(wa), "keyword")) { // merge: CustomerId
          optOuts.incrementAndGet();
        }
      } else if (startKeywords.contains(word)) {
        suppression.lift(io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(wa)); // merge: CustomerId
      }
    }
  }

  private void recordCsat(InboundMessage m, String pn, String wa, InboundContent.ButtonReply r) {
    String[] parts = r.id().split(":", 3);
    if (parts.length < 2 || parts[1].isEmpty()) {
      return;
    }
    String ticketId = parts[1];
    conversations.linkMessage(new MessageLink(m.wamid(), ticketId, "csat-answer", MessageLink.Direction.INBOUND,
        clock.instant()));
    inbound.incrementAndGet();
    HelpdeskContact contact = contact(wa, m.from(), m.profileName());
    String key = conversations.conversationForTicket(ticketId).map(ConversationKey::format).orElse("csat");
    note(new TicketHandle(ticketId, contact, key), "CSAT answer from the customer: " + r.title(), "csat-answer:" + ticketId);
  }

  private HelpdeskContact contact(String wa, String anyForm, String profileName) {
    synchronized (contactCache) {
      HelpdeskContact c = contactCache.get(wa);
      if (c != null && profileName == null) {
        return c;
      }
    }
    HelpdeskContact c = adapter.upsertContact(new ContactInfo(wa, PhoneNumbers.toE164(anyForm), profileName));
    synchronized (contactCache) {
      contactCache.put(wa, c);
    }
    return c;
  }

  private void onStatus(StatusUpdate s) {
    Optional<MessageLink> link = conversations.messageLink(s.wamid());
    if (link.isEmpty() || link.get().direction() != MessageLink.Direction.OUTBOUND) {
      return; // not a message the bridge sent
    }
    String ticketId = link.get().ticketId();
    String wa = PhoneNumbers.canonicalWaId(s.recipientId());
    if (s.status() == DeliveryStatus.FAILED && !s.errors().isEmpty()) {
      // Once per status, outside the lane task: a retried note must not fire the health event again.
      int failedCode = s.errors().get(0).code();
      if (failedCode == 131050 && suppression.suppress(io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(wa), "131050")) { // merge: CustomerId
        optOuts.incrementAndGet();
      }
      if (failedCode == 190) {
        health(ChannelHealthEvent.Kind.TOKEN_INVALID, s.metadata().phoneNumberId(), failedCode, "Access token rejected");
      }
    }
    lanes.submit(s.metadata().phoneNumberId() + ":" + wa, () -> {
      try {
        HelpdeskContact contact = contact(wa, s.recipientId(), null);
        String convKey = conversations.conversationForTicket(ticketId).map(ConversationKey::format).orElse(ticketId);
        TicketHandle handle = new TicketHandle(ticketId, contact, convKey);
        WebhookError err = s.errors().isEmpty() ? null : s.errors().get(0);
        if (s.status() == DeliveryStatus.FAILED) {
          int code = err == null ? 0 : err.code();
          // The adapter turns a failed status into a visible note (SPI rule); the bridge adds the meaning and
          // the next step to its description.
          String description = (code == 0 ? "no error code" : ErrorCodes.classify(code).meaning()) + ". " + nextStep(code);
          adapter.recordDeliveryStatus(handle, new DeliveryStatusUpdate(s.wamid(), link.get().itemId(),
              DeliveryStatusUpdate.Status.FAILED, s.timestamp(), code == 0 ? null : code, description));
          notes.incrementAndGet();
        } else if (noteDeliveredAndRead && (s.status() == DeliveryStatus.DELIVERED || s.status() == DeliveryStatus.READ)) {
          adapter.recordDeliveryStatus(handle, new DeliveryStatusUpdate(s.wamid(), link.get().itemId(),
              s.status() == DeliveryStatus.READ ? DeliveryStatusUpdate.Status.READ : DeliveryStatusUpdate.Status.DELIVERED,
              s.timestamp(), null, null));
        }
        return null;
      } catch (HelpdeskException e) {
        if (e.retryable()) {
          helpdeskRetries.incrementAndGet();
          return clock.instant().plus(retryBase);
        }
        LOG.warn("Could not record a status on ticket {}: {}", ticketId, e.toString());
        return null;
      }
    });
  }

  private static String nextStep(int code) {
    return switch (code) {
      case 131047 -> "The 24-hour window had closed: reply with an approved template.";
      case 131026 -> "The number may not use WhatsApp or has not accepted the terms: contact the customer another way.";
      case 131049 -> "Meta withheld a marketing message for this user: do not resend for 24 hours.";
      case 131050 -> "The customer stopped marketing messages; they are on the suppression list.";
      case 130429, 131056 -> "Sending too fast: the bridge slows down; resend later.";
      case 190 -> "The WhatsApp access token is invalid: an administrator must renew it.";
      default -> "Check the message and resend it, or contact the customer another way.";
    };
  }

  private void onPreference(UserPreferenceUpdate u) {
    String wa = PhoneNumbers.canonicalWaId(u.waId());
    if (u.marketingStopped()) {
      if (suppression.suppress(io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(wa), "user_preferences")) { // merge: CustomerId
        optOuts.incrementAndGet();
      }
    } else if (u.marketingResumed()) {
      suppression.lift(io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(wa)); // merge: CustomerId
    }
  }

  private void onTemplateStatus(TemplateStatusUpdate t) {
    if (templates != null) {
      templates.applyStatusUpdate(t);
    }
    if (t.event() == TemplateStatusEvent.PAUSED || t.event() == TemplateStatusEvent.DISABLED) {
      health(ChannelHealthEvent.Kind.TEMPLATE_PAUSED, t.metadata().phoneNumberId(), 0,
          "Template " + t.templateName() + " (" + t.language() + ") is " + t.rawEvent()
              + (t.reason() == null ? "" : ": " + t.reason()));
    }
  }

  private void health(ChannelHealthEvent.Kind kind, String pn, int code, String detail) {
    ChannelHealthEvent e = new ChannelHealthEvent(kind, pn, code, detail, clock.instant());
    LOG.warn("WhatsApp channel problem: {} {}", kind, detail);
    for (ChannelHealthListener l : healthListeners) {
      try {
        l.onChannelHealth(e);
      } catch (RuntimeException ex) {
        LOG.warn("Channel health listener failed: {}", ex.toString());
      }
    }
  }

  // -------------------------------------------------------------------------------- window warnings

  private void onWindowEvent(SessionWindowEvent e) {
    String pn = e.key().phoneNumberId();
    String wa = e.key().customer().value(); // merge: CustomerId
    lanes.submit(pn + ":" + wa, () -> {
      ConversationKey key = conversations.currentKey(pn, wa);
      Optional<TicketBinding> b = conversations.ticketFor(key);
      if (b.isEmpty()) {
        return null;
      }
      try {
        HelpdeskContact contact = contact(wa, wa, null);
        String text = e.kind() == SessionWindowEvent.Kind.CLOSED
            ? "The customer's 24-hour WhatsApp window closed at " + e.expiresAt()
                + ". Replies now go out as an approved template (or are held)."
            : "The customer's 24-hour WhatsApp window closes at " + e.expiresAt() + " (in "
                + e.remaining().toMinutes() + " min). Reply before then to answer in free text.";
        note(new TicketHandle(b.get().ticketId(), contact, key.format()), text,
            "window:" + e.expiresAt().getEpochSecond() + ":" + e.leadTime().toSeconds());
        return null;
      } catch (HelpdeskException ex) {
        return ex.retryable() ? clock.instant().plus(retryBase) : null;
      }
    });
  }

  // ------------------------------------------------------------------------------------ agent replies

  /**
   * Handles an agent-reply webhook from the helpdesk: authenticates and parses it through the adapter
   * (its {@code WebhookVerificationException} propagates: answer 401), then queues each new reply.
   *
   * @return how many replies were new (queued or held)
   */
  public int onAgentReplyWebhook(WebhookRequest request) {
    int n = 0;
    for (AgentReply reply : adapter.parseAgentReplies(request)) {
      if (onAgentReply(reply)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Queues one agent reply (already authenticated), at most once per reply id.
   *
   * @return false for a reply seen before, or for a ticket that is not a WhatsApp conversation
   */
  public boolean onAgentReply(AgentReply reply) {
    Optional<ConversationKey> conv = conversations.conversationForTicket(reply.ticketId());
    if (conv.isEmpty()) {
      return false;
    }
    ConversationKey key = conv.get();
    String dedupe = "reply:" + reply.replyId();
    ReplyClaim claim = conversations.claimReply(reply.replyId(), reply.ticketId(), dedupe);
    if (!claim.claimed()) {
      boolean crashedBeforeQueueing = claim.record().wamid() == null && outbox.findByDedupeKey(dedupe).isEmpty();
      if (!crashedBeforeQueueing) {
        duplicates.incrementAndGet();
        return false;
      }
    }
    String pn = key.phoneNumberId();
    String wa = key.waId();
    HelpdeskContact contact = contact(wa, wa, null);
    TicketHandle handle = new TicketHandle(reply.ticketId(), contact, key.format());
    SessionWindow window = sessions.window(pn, io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(wa)); // merge: CustomerId
    if (window.canSendFreeForm()) {
      List<OutboundMessage> parts = freeForm(reply, key);
      for (int i = 0; i < parts.size(); i++) {
        enqueue(parts.get(i), i == 0 ? dedupe : dedupe + ":" + i);
      }
      repliesQueued.incrementAndGet();
      return true;
    }
    closedWindow(key, handle, reply.replyId(), reply.ticketId(), reply.text(), reply.authorName(), dedupe);
    return true;
  }

  /** The window is closed: the policy's template, validated, or the reply is held with a note. */
  private void closedWindow(ConversationKey key, TicketHandle handle, String replyId, String ticketId, String text,
      String agentName, String dedupe) {
    String pn = key.phoneNumberId();
    String wa = key.waId();
    if (closedWindowPolicy == ClosedWindowPolicy.TEMPLATE_FALLBACK && policy != null) {
      PolicyEvent event = PolicyEvent.replyWindowClosed(ticketId, wa, text).toBuilder()
          .phoneNumberId(pn).agentName(agentName).build();
      Optional<PolicyDecision> d = templates == null ? policy.decide(event) : policy.decide(event, templates);
      if (d.isPresent()) {
        List<String> problems = templates == null ? List.of()
            : templates.check(d.get().message()).stream().map(p -> p.message()).toList();
        Optional<Map<String, String>> params = TemplateCodec.encode(d.get().message());
        if (problems.isEmpty() && params.isPresent()) {
          OutboundMessage.Builder b = OutboundMessage.builder(OutboundMessage.Kind.TEMPLATE).conversationKey(key)
              .phoneNumberId(pn).recipientWaId(wa).template(d.get().message().name(), d.get().message().languageCode())
              .priority(Priority.AGENT_REPLY).replyId(replyId).ticketId(ticketId);
          params.get().forEach(b::putTemplateParameter);
          if (enqueue(b.build(), dedupe)) {
            repliesQueued.incrementAndGet();
          }
          noteLater(handle, "The 24-hour window had closed, so your reply goes out as the template '"
              + d.get().message().name() + "'" + (d.get().agentTextIncluded() ? " carrying your text." : " (without your text)."),
              "fallback:" + replyId);
          return;
        }
        hold(handle, replyId, "the template '" + d.get().message().name() + "' cannot be sent: "
            + (problems.isEmpty() ? "its parameters are not all text" : String.join("; ", problems)));
        return;
      }
    }
    hold(handle, replyId, closedWindowPolicy == ClosedWindowPolicy.HOLD
        ? "replies outside the window are held by configuration"
        : "no template is configured for replies outside the window");
  }

  private void hold(TicketHandle handle, String replyId, String why) {
    repliesHeld.incrementAndGet();
    // Recorded as handled (pseudo-wamid "held:<reply id>"), so a repeated webhook does not re-decide it.
    conversations.markReplySent(replyId, "held:" + replyId);
    noteLater(handle, "Your reply was NOT sent to WhatsApp: the customer's 24-hour window has closed and " + why
        + ". Ask the customer to write again, or send an approved template.", "held:" + replyId);
  }

  private List<OutboundMessage> freeForm(AgentReply reply, ConversationKey key) {
    List<OutboundMessage> out = new ArrayList<>();
    String text = reply.text() == null ? "" : reply.text().strip();
    if (!text.isEmpty()) {
      out.add(OutboundMessage.builder(OutboundMessage.Kind.TEXT).conversationKey(key).phoneNumberId(key.phoneNumberId())
          .recipientWaId(key.waId()).text(text.length() > 4096 ? text.substring(0, 4096) : text)
          .priority(Priority.AGENT_REPLY).replyId(reply.replyId()).ticketId(reply.ticketId()).build());
    }
    List<String> skipped = new ArrayList<>();
    for (AgentAttachment a : reply.attachments()) {
      String mediaId;
      long size;
      try {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        adapter.downloadAttachment(a, buf);
        size = buf.size();
        mediaId = shadowMode ? "shadow-media-" + a.id()
            : gateway.uploadMedia(key.phoneNumberId(), buf.toByteArray(), a.mimeType(), a.filename());
      } catch (WhatsAppException e) {
        if (e.retryable()) {
          throw e; // the helpdesk retries its webhook; the reply claim lets the retry continue
        }
        skipped.add(a.filename() + " (" + (e instanceof WhatsAppApiException api ? reason(api) : e.getMessage()) + ")");
        continue;
      }
      out.add(OutboundMessage.builder(OutboundMessage.Kind.MEDIA).conversationKey(key).phoneNumberId(key.phoneNumberId())
          .recipientWaId(key.waId()).addAttachment(new AttachmentRef(mediaId, a.filename(), a.mimeType(), size, null))
          .priority(Priority.AGENT_REPLY).replyId(reply.replyId()).ticketId(reply.ticketId()).build());
    }
    if (!skipped.isEmpty()) {
      ConversationKey k = key;
      noteLater(new TicketHandle(reply.ticketId(), contact(k.waId(), k.waId(), null), k.format()),
          "These attachments of your reply could not be sent to WhatsApp: " + String.join(", ", skipped)
              + ". The text was sent; send the files again or share a link.", "skipped:" + reply.replyId());
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------- CSAT

  /**
   * The ticket was solved: sends the CSAT question (reply buttons inside the window; outside it the
   * template the policy chooses for {@code TICKET_SOLVED}, unless the customer opted out of marketing).
   * At most once per ticket.
   *
   * @return whether a question was queued
   */
  public boolean onTicketSolved(String ticketId) {
    if (!csatEnabled) {
      return false;
    }
    Optional<ConversationKey> conv = conversations.conversationForTicket(ticketId);
    if (conv.isEmpty()) {
      return false;
    }
    ConversationKey key = conv.get();
    if (sessions.canSendFreeForm(key.phoneNumberId(), io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(key.waId()))) { // merge: CustomerId
      OutboundMessage m = OutboundMessage.builder(OutboundMessage.Kind.INTERACTIVE).conversationKey(key)
          .phoneNumberId(key.phoneNumberId()).recipientWaId(key.waId()).text(csatQuestion)
          .addOption(CSAT_PREFIX + ticketId + ":good|Good").addOption(CSAT_PREFIX + ticketId + ":ok|OK")
          .addOption(CSAT_PREFIX + ticketId + ":bad|Bad")
          .priority(Priority.AUTOMATED).ticketId(ticketId).build();
      return enqueue(m, "csat:" + ticketId);
    }
    if (policy == null) {
      return false;
    }
    Optional<PolicyDecision> d = templates == null ? policy.decide(PolicyEvent.ticketSolved(ticketId, key.waId()))
        : policy.decide(PolicyEvent.ticketSolved(ticketId, key.waId()), templates);
    if (d.isEmpty() || isMarketing(d.get()) && suppression.isSuppressed(io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(key.waId()))) { // merge: CustomerId
      return false;
    }
    if (templates != null && !templates.check(d.get().message()).isEmpty()) {
      return false;
    }
    Optional<Map<String, String>> params = TemplateCodec.encode(d.get().message());
    if (params.isEmpty()) {
      return false;
    }
    OutboundMessage.Builder b = OutboundMessage.builder(OutboundMessage.Kind.TEMPLATE).conversationKey(key)
        .phoneNumberId(key.phoneNumberId()).recipientWaId(key.waId())
        .template(d.get().message().name(), d.get().message().languageCode())
        .priority(Priority.AUTOMATED).ticketId(ticketId);
    params.get().forEach(b::putTemplateParameter);
    return enqueue(b.build(), "csat:" + ticketId);
  }

  private boolean isMarketing(PolicyDecision d) {
    if (templates == null) {
      return true; // unknown category: treat as marketing, the safe side for an opted-out customer
    }
    return templates.find(d.message().name(), d.message().languageCode()).map(MessageTemplate::category)
        .map(c -> c == TemplateCategory.MARKETING).orElse(true);
  }

  // ----------------------------------------------------------------------------------------- outbox

  private boolean enqueue(OutboundMessage m, String dedupeKey) {
    EnqueueResult r = outbox.enqueue(m, dedupeKey);
    return r.created();
  }

  /**
   * Sends what is due in the outbox, once: leases, sends (or records, in shadow mode), acks, schedules
   * retries and dead-letters. Returns how many entries it handled. {@link #start} calls it periodically.
   */
  public int processOutbox() {
    int handled = 0;
    while (true) {
      List<OutboxEntry> batch = outbox.lease(workerId, 50, Duration.ofMinutes(1));
      if (batch.isEmpty()) {
        return handled;
      }
      for (OutboxEntry e : batch) {
        deliver(e);
        handled++;
      }
    }
  }

  private void deliver(OutboxEntry e) {
    OutboundMessage m = e.message();
    if (m.kind() == OutboundMessage.Kind.TEMPLATE && suppression.isSuppressed(io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(m.recipientWaId())) // merge: CustomerId
        && m.replyId() == null && isMarketingTemplate(m)) {
      outbox.deadLetter(e.id(), e.leaseToken(), "customer opted out of marketing");
      deadLettered.incrementAndGet();
      return;
    }
    boolean freeFormReply = m.replyId() != null && m.kind() != OutboundMessage.Kind.TEMPLATE;
    if (freeFormReply && !sessions.canSendFreeForm(m.phoneNumberId(), io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(m.recipientWaId()))) { // merge: CustomerId
      // Queued inside the window, but it closed before the send: re-route instead of a certain 131047.
      outbox.deadLetter(e.id(), e.leaseToken(), "window closed before sending; re-routed");
      reroute(m);
      return;
    }
    if (shadowMode) {
      synchronized (shadowLog) {
        if (shadowLog.size() == SHADOW_LOG_LIMIT) {
          shadowLog.removeFirst();
        }
        shadowLog.addLast(m);
      }
      shadowed.incrementAndGet();
      outbox.ack(e.id(), e.leaseToken(), "shadow-" + e.id());
      return;
    }
    try {
      String wamid = gateway.send(m);
      outbox.ack(e.id(), e.leaseToken(), wamid);
      sent.incrementAndGet();
      if (m.kind() == OutboundMessage.Kind.TEMPLATE) {
        templatesSent.incrementAndGet();
      }
      if (m.kind() != OutboundMessage.Kind.READ_RECEIPT) {
        if (m.ticketId() != null) {
          conversations.linkMessage(new MessageLink(wamid, m.ticketId(), m.replyId() != null ? m.replyId()
              : m.kind().name().toLowerCase(Locale.ROOT), MessageLink.Direction.OUTBOUND, clock.instant()));
        }
        if (m.replyId() != null) {
          conversations.markReplySent(m.replyId(), wamid);
        }
        sessions.onBusinessReply(m.phoneNumberId(), io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(m.recipientWaId()), clock.instant()); // merge: CustomerId
      }
    } catch (WhatsAppException ex) {
      int code = ex instanceof WhatsAppApiException api ? api.code() : 0;
      if (code == 190) {
        health(ChannelHealthEvent.Kind.TOKEN_INVALID, m.phoneNumberId(), code, "Access token rejected");
      }
      if (code == 131050 && suppression.suppress(io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(m.recipientWaId()), "131050")) { // merge: CustomerId
        optOuts.incrementAndGet();
      }
      if (code == 131047 && freeFormReply) {
        outbox.deadLetter(e.id(), e.leaseToken(), "131047 from Meta; re-routed");
        reroute(m);
        return;
      }
      if (ex.retryable() && e.attempts() < maxSendAttempts) {
        Duration backoff = retryBase.multipliedBy(1L << Math.min(20, e.attempts() - 1));
        if (backoff.compareTo(retryMax) > 0) {
          backoff = retryMax;
        }
        outbox.fail(e.id(), e.leaseToken(), clock.instant().plus(backoff), reason(ex));
        sendRetries.incrementAndGet();
        return;
      }
      outbox.deadLetter(e.id(), e.leaseToken(), reason(ex));
      deadLettered.incrementAndGet();
      if (m.ticketId() != null && m.kind() != OutboundMessage.Kind.READ_RECEIPT) {
        tellAgentAboutFailure(m, code, ex);
      }
    }
  }

  private void reroute(OutboundMessage m) {
    String wa = m.recipientWaId();
    ConversationKey key = ConversationKey.parse(m.conversationKey());
    lanes.submit(m.phoneNumberId() + ":" + wa, () -> {
      try {
        TicketHandle handle = new TicketHandle(m.ticketId(), contact(wa, wa, null), key.format());
        closedWindow(key, handle, m.replyId(), m.ticketId(), m.text(), null, "reply:" + m.replyId() + ":reroute");
        return null;
      } catch (HelpdeskException he) {
        return he.retryable() ? clock.instant().plus(retryBase) : null;
      }
    });
  }

  private boolean isMarketingTemplate(OutboundMessage m) {
    if (templates == null) {
      return true;
    }
    return templates.find(m.templateName(), m.templateLanguage()).map(t -> t.category() == TemplateCategory.MARKETING)
        .orElse(true);
  }

  private void tellAgentAboutFailure(OutboundMessage m, int code, WhatsAppException ex) {
    String wa = m.recipientWaId();
    String convKey = m.conversationKey() != null ? m.conversationKey() : m.ticketId();
    String text = "This message was NOT delivered to WhatsApp: " + reason(ex) + ". " + nextStep(code);
    lanes.submit(m.phoneNumberId() + ":" + wa, () -> {
      try {
        note(new TicketHandle(m.ticketId(), contact(wa, wa, null), convKey), text,
            "dead:" + (m.replyId() != null ? m.replyId() : convKey + ":" + m.kind()));
        return null;
      } catch (HelpdeskException he) {
        return he.retryable() ? clock.instant().plus(retryBase) : null;
      }
    });
  }

  private static String reason(WhatsAppException e) {
    if (e instanceof WhatsAppApiException api) {
      return api.code() + " " + ErrorCodes.classify(api.code()).meaning();
    }
    return e.getClass().getSimpleName();
  }

  /** Writes the note in the conversation's lane, retrying retryable helpdesk failures: never lost. */
  private void noteLater(TicketHandle handle, String text, String dedupeKey) {
    ConversationKey key = ConversationKey.parse(handle.conversationKey());
    lanes.submit(key.phoneNumberId() + ":" + key.waId(), () -> {
      try {
        note(handle, text, dedupeKey);
        return null;
      } catch (HelpdeskException e) {
        if (e.retryable()) {
          helpdeskRetries.incrementAndGet();
          return clock.instant().plus(retryBase);
        }
        LOG.warn("Could not write a note on ticket {}: {}", handle.ticketId(), e.toString());
        return null;
      }
    });
  }

  private void note(TicketHandle handle, String text, String dedupeKey) {
    adapter.appendInternalNote(handle, new InternalNote(text, dedupeKey));
    notes.incrementAndGet();
  }

  // ---------------------------------------------------------------------------------------- control

  /**
   * One step of the background work: restarts parked conversations whose retry time has come, raises
   * due window notices, and drains the outbox. {@link #start} runs it periodically; tests call it after
   * moving a fake clock.
   */
  public void tick() {
    lanes.resumeDue();
    sessions.runDue();
    processOutbox();
  }

  /** Runs {@link #tick} every {@code interval} on the caller's scheduler. */
  public synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
    if (task != null) {
      throw new IllegalStateException("already started");
    }
    task = scheduler.scheduleWithFixedDelay(() -> {
      try {
        tick();
      } catch (RuntimeException e) {
        LOG.warn("Bridge tick failed: {}", e.toString());
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the periodic work. Messages not yet sent stay in the outbox and go out when a bridge on the
   * same outbox starts again.
   */
  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  /**
   * The helpdesk rejected an inbound message permanently (a validation error, say): it is kept in the
   * rejected list, counted, logged without its text, and noted on the conversation's ticket when there is
   * one, so it is never silently lost. {@link #replayRejected()} sends the kept messages through again.
   */
  private void rejectInbound(InboundMessage m, String pn, String wa, HelpdeskException e) {
    inboundRejected.incrementAndGet();
    synchronized (rejected) {
      if (rejected.size() == MAX_REJECTED) {
        InboundMessage dropped = rejected.pollFirst();
        LOG.error("Rejected-message list full: dropped {} of {}", dropped.wamid(), PhoneNumbers.mask(dropped.from()));
      }
      rejected.addLast(m);
    }
    LOG.error("Helpdesk {} rejected message {} from {} permanently (HTTP {}, {}); kept for replay", adapter.id(),
        m.wamid(), PhoneNumbers.mask(wa), e.httpStatus(), e.getClass().getSimpleName());
    conversations.ticketFor(conversations.currentKey(pn, wa)).ifPresent(b -> {
      try {
        note(new TicketHandle(b.ticketId(), contact(wa, m.from(), null), b.key().format()),
            "A WhatsApp message from the customer (" + m.content().type() + ", " + m.wamid()
                + ") could not be added to this ticket: the helpdesk answered HTTP " + e.httpStatus()
                + ". It is kept by the bridge and can be replayed.", "rejected:" + m.wamid());
      } catch (HelpdeskException ignored) {
        // the message itself is kept; the note is best effort
      }
    });
  }

  /** The inbound messages the helpdesk rejected permanently, oldest first. */
  public List<InboundMessage> rejectedInbound() {
    synchronized (rejected) {
      return List.copyOf(rejected);
    }
  }

  /**
   * Sends every rejected inbound message through the bridge again (after the helpdesk's problem is
   * fixed); messages that fail again are kept again. Returns how many were replayed.
   */
  public int replayRejected() {
    List<InboundMessage> again;
    synchronized (rejected) {
      again = List.copyOf(rejected);
      rejected.clear();
    }
    again.forEach(this::onEvent);
    return again.size();
  }

  /** Inbound work waiting in conversation lanes (parked ones included). */
  public int pendingInbound() {
    return lanes.pending();
  }

  /**
   * What shadow mode recorded instead of sending: the latest 1,000 messages, oldest first (the stats
   * count all of them).
   */
  public List<OutboundMessage> shadowLog() {
    synchronized (shadowLog) {
      return List.copyOf(shadowLog);
    }
  }

  /** The suppression list. */
  public SuppressionList suppressionList() {
    return suppression;
  }

  /** The session tracker. */
  public SessionWindowTracker sessions() {
    return sessions;
  }

  /** The conversation store. */
  public ConversationStore conversations() {
    return conversations;
  }

  /** The outbox. */
  public Outbox outbox() {
    return outbox;
  }

  /** Whether the customer is inside the rollout (stable: a SHA-256 of the canonical wa_id). */
  public boolean inRollout(String waId) {
    if (rolloutPercent >= 100) {
      return true;
    }
    if (rolloutPercent <= 0) {
      return false;
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(
          PhoneNumbers.canonicalWaId(waId).getBytes(StandardCharsets.US_ASCII));
      long v = ((h[0] & 0xFFL) << 24) | ((h[1] & 0xFFL) << 16) | ((h[2] & 0xFFL) << 8) | (h[3] & 0xFFL);
      return v % 100 < rolloutPercent;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counters since the bridge was built. */
  public BridgeStats stats() {
    return new BridgeStats(inbound.get(), duplicates.get(), ticketsCreated.get(), appended.get(), notes.get(),
        repliesQueued.get(), repliesHeld.get(), sent.get(), templatesSent.get(), shadowed.get(), sendRetries.get(),
        deadLettered.get(), optOuts.get(), outsideRollout.get(), helpdeskRetries.get(), inboundRejected.get());
  }

  /** Builds a {@link HelpdeskBridge}. */
  public static final class Builder {
    private HelpdeskAdapter adapter;
    private CloudApiGateway gateway;
    private Clock clock = Clock.systemUTC();
    private ConversationStore conversations;
    private Outbox outbox;
    private SessionWindowTracker sessions;
    private TemplateRegistry templates;
    private TemplatePolicy policy;
    private SuppressionList suppression;
    private ClosedWindowPolicy closedWindowPolicy = ClosedWindowPolicy.TEMPLATE_FALLBACK;
    private Executor executor = Runnable::run;
    private boolean shadowMode;
    private int rolloutPercent = 100;
    private Set<String> stopKeywords = Set.of("STOP", "UNSUBSCRIBE");
    private Set<String> startKeywords = Set.of("START");
    private boolean markRead;
    private boolean noteDeliveredAndRead;
    private String unsupportedApology;
    private String csatQuestion;
    private int maxSendAttempts = 6;
    private Duration retryBase = Duration.ofSeconds(2);
    private Duration retryMax = Duration.ofMinutes(5);
    private String workerId = "bridge";
    private List<String> channelTags = List.of("whatsapp");
    private final List<ChannelHealthListener> healthListeners = new ArrayList<>();

    private Builder() {}

    /** The helpdesk adapter (required). */
    public Builder adapter(HelpdeskAdapter v) { this.adapter = v; return this; }
    /** The Cloud API (required): usually {@code CloudApiGateway.of(client)}. */
    public Builder gateway(CloudApiGateway v) { this.gateway = v; return this; }
    /** The clock (default UTC system clock); share it with the tracker and stores. */
    public Builder clock(Clock v) { this.clock = Objects.requireNonNull(v); return this; }
    /** Conversation store (default in memory). */
    public Builder conversationStore(ConversationStore v) { this.conversations = v; return this; }
    /** Outbox (default in memory). */
    public Builder outbox(Outbox v) { this.outbox = v; return this; }
    /** Session tracker (default: in memory, on this clock). */
    public Builder sessions(SessionWindowTracker v) { this.sessions = v; return this; }
    /** Template registry for validating templates before they are queued (optional). */
    public Builder templates(TemplateRegistry v) { this.templates = v; return this; }
    /** Template policy: re-open template, CSAT template (optional). */
    public Builder policy(TemplatePolicy v) { this.policy = v; return this; }
    /** Suppression list (default in memory). */
    public Builder suppressionList(SuppressionList v) { this.suppression = v; return this; }
    /** What to do with replies outside the window (default TEMPLATE_FALLBACK). */
    public Builder closedWindowPolicy(ClosedWindowPolicy v) { this.closedWindowPolicy = Objects.requireNonNull(v); return this; }
    /** Where conversation lanes run (default: the calling thread). */
    public Builder executor(Executor v) { this.executor = Objects.requireNonNull(v); return this; }
    /** Shadow mode: inbound flows into the helpdesk; outbound is recorded, not sent. */
    public Builder shadowMode(boolean v) { this.shadowMode = v; return this; }
    /** Share of customers (0-100, by a stable hash of the wa_id) the bridge handles (default 100). */
    public Builder rolloutPercent(int v) {
      if (v < 0 || v > 100) {
        throw new IllegalArgumentException("rolloutPercent must be 0-100");
      }
      this.rolloutPercent = v;
      return this;
    }
    /** Whole-message keywords (case-insensitive) that opt a customer out (default STOP, UNSUBSCRIBE). */
    public Builder stopKeywords(Set<String> v) { this.stopKeywords = upper(v); return this; }
    /** Whole-message keywords that lift the opt-out (default START). */
    public Builder startKeywords(Set<String> v) { this.startKeywords = upper(v); return this; }
    /** Mark every inbound message read (default false). */
    public Builder markRead(boolean v) { this.markRead = v; return this; }
    /** Record delivered and read statuses on the ticket too (default: only failures). */
    public Builder recordDeliveredAndRead(boolean v) { this.noteDeliveredAndRead = v; return this; }
    /** A text sent to the customer after an unsupported message (default none). */
    public Builder unsupportedApology(String v) { this.unsupportedApology = v; return this; }
    /** Enables CSAT on solved tickets with this question (default off). */
    public Builder csatQuestion(String v) { this.csatQuestion = v; return this; }
    /** Send attempts before dead-lettering a retryable failure (default 6). */
    public Builder maxSendAttempts(int v) { this.maxSendAttempts = v; return this; }
    /** Backoff base and cap for sends and parked conversations (default 2 s, 5 min). */
    public Builder retryBackoff(Duration base, Duration max) { this.retryBase = base; this.retryMax = max; return this; }
    /** Outbox worker id (default "bridge"); unique per instance when several share an outbox. */
    public Builder workerId(String v) { this.workerId = v; return this; }
    /** Tags for new tickets (default "whatsapp"). */
    public Builder channelTags(List<String> v) { this.channelTags = List.copyOf(v); return this; }
    /** Adds a channel health listener. */
    public Builder healthListener(ChannelHealthListener v) { this.healthListeners.add(v); return this; }

    private static Set<String> upper(Set<String> v) {
      return v.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Builds the bridge. */
    public HelpdeskBridge build() {
      return new HelpdeskBridge(this);
    }
  }
}
