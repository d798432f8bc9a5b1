package io.github.whatsapphelpdesk.bridge;

import io.github.whatsapphelpdesk.bridge.internal.BridgeContext;
import io.github.whatsapphelpdesk.bridge.internal.ChannelEvents;
import io.github.whatsapphelpdesk.bridge.internal.InboundPipeline;
import io.github.whatsapphelpdesk.bridge.internal.InboxWorker;
import io.github.whatsapphelpdesk.bridge.internal.OutboxDispatcher;
import io.github.whatsapphelpdesk.bridge.internal.ReplyRouter;
import io.github.whatsapphelpdesk.bridge.internal.SendSettlement;
import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.CustomerDirectory;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.observe.ChannelHealthListener;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.session.SessionWindowTracker;
import io.github.whatsapphelpdesk.spi.AgentReply;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.store.ConversationStore;
import io.github.whatsapphelpdesk.store.InMemoryConversationStore;
import io.github.whatsapphelpdesk.store.InMemoryOutbox;
import io.github.whatsapphelpdesk.store.Outbox;
import io.github.whatsapphelpdesk.store.OutboxMessage;
import io.github.whatsapphelpdesk.store.SuppressionList;
import io.github.whatsapphelpdesk.template.ClosedWindowPolicy;
import io.github.whatsapphelpdesk.template.TemplatePolicy;
import io.github.whatsapphelpdesk.template.TemplateRegistry;
import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.webhook.InMemoryInbox;
import io.github.whatsapphelpdesk.webhook.ParsedWebhook;
import io.github.whatsapphelpdesk.webhook.WebhookParser;
import io.github.whatsapphelpdesk.webhook.InboxConsumer;
import io.github.whatsapphelpdesk.webhook.Inbox;
import io.github.whatsapphelpdesk.webhook.InboxEntry;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.StatusTracker;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import io.github.whatsapphelpdesk.webhook.WebhookListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-way sync between WhatsApp and a helpdesk: the public facade over the bridge's two flows.
 *
 * <p><b>Inbound.</b> Every webhook event is recorded in the durable {@link Inbox} first: a
 * {@code WebhookHandler} whose listener is the bridge (an {@link InboxConsumer}) records each delivery in
 * the bridge's inbox before Meta gets its 200. The bridge then works from the inbox: per conversation, one
 * run at a time and in order (on any instance sharing the stores), it resolves the customer's identity
 * (BSUID and/or phone number), updates the session window from the message's own timestamp, upserts the
 * helpdesk contact, finds or creates the episode's ticket exactly once and appends each message once. A
 * retryable helpdesk failure leaves the entry in the inbox and retries it later in order; a permanent one
 * keeps it as rejected, replayable with {@link #replayRejected()}. Entries a crashed instance leased are
 * taken over when their lease expires.
 *
 * <p><b>Outbound.</b> {@link #onAgentReplyWebhook} / {@link #onAgentReply}: each agent reply is claimed by
 * reply id, then written to the {@link Outbox} before it is acknowledged: free-form inside the window;
 * outside it the {@link TemplatePolicy}'s template validated by the {@link TemplateRegistry}, or the reply
 * is held with a note to the agent. {@link #processOutbox()} sends through the client's limiter, links the
 * wamid to the ticket, retries with capped backoff through outages ({@link Builder#retryFor}) and
 * dead-letters with a note. A send whose answer was lost is never resent: it waits, unconfirmed, for the
 * status webhook that names it; {@link #operations()} re-drives dead letters and overdue unconfirmed sends.
 *
 * <p>Everything the bridge does is reported to the {@link SdkListener}s given to the builder;
 * {@link #stats()} is built on the same seam. Thread-safe. Time comes from the injected {@link Clock}.
 */
public final class HelpdeskBridge implements InboxConsumer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HelpdeskBridge.class);
  /** Button ids of the CSAT question start with this. */
  public static final String CSAT_PREFIX = InboundPipeline.CSAT_PREFIX;
  /** Shadow mode keeps only the latest entries of its log. */
  public static final int SHADOW_LOG_LIMIT = OutboxDispatcher.SHADOW_LOG_LIMIT;

  private final BridgeContext ctx;
  private final InboxWorker inboxWorker;
  private final ReplyRouter replies;
  private final OutboxDispatcher dispatcher;
  private final ChannelEvents channel;
  private final BridgeOperations operations;
  private final StatsListener stats = new StatsListener();
  private volatile ScheduledFuture<?> task;

  private HelpdeskBridge(Builder b) {
    BridgeContext.Settings s = b.s.copy();
    Objects.requireNonNull(s.adapter, "adapter");
    Objects.requireNonNull(s.gateway, "gateway");
    List<SdkListener> listeners = new ArrayList<>();
    listeners.add(stats);
    listeners.addAll(b.listeners);
    s.listener = SdkListener.composite(listeners);
    s.healthListeners = List.copyOf(b.healthListeners);
    this.ctx = new BridgeContext(s);
    SendSettlement settlement = new SendSettlement(ctx, s.settleTimeout);
    this.channel = new ChannelEvents(ctx, settlement);
    this.inboxWorker = new InboxWorker(ctx, new InboundPipeline(ctx), channel);
    this.replies = new ReplyRouter(ctx);
    this.dispatcher = new OutboxDispatcher(ctx, replies, channel, settlement);
    this.operations = new BridgeOperations(ctx);
    ctx.sessions.addListener(channel::onWindowEvent);
  }

  /** A builder; {@code adapter} and {@code gateway} are required. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------------------------------ inbound

  /**
   * Takes one webhook event (the {@link WebhookListener} callback): records it in the inbox unless it is
   * there already, then works the inbox. Never throws.
   */
  @Override
  public void onEvent(WebhookEvent event) {
    try {
      if (ctx.inbox.record(List.of(event)).isEmpty()) {
        ctx.listener.duplicateSkipped(event.getClass().getSimpleName());
      }
      inboxWorker.drain();
    } catch (RuntimeException e) {
      // Only reached on the direct path (no handler inbox): the event is not stored. Type names only.
      LOG.error("Bridge could not record or work {} ({}); give the WebhookHandler this bridge as listener so "
          + "deliveries are stored before the 200", event.getClass().getSimpleName(), e.getClass().getName());
    }
  }

  /** The webhook handler recorded new events in this bridge's inbox: work them. */
  @Override
  public void onRecorded() {
    inboxWorker.drain();
  }

  /** A delivery the webhook handler recognised as a repeat (counted; nothing else to do). */
  @Override
  public void onDuplicate(WebhookEvent event) {
    stats.duplicateSkipped(event.getClass().getSimpleName()); // the handler reports it to its own listeners
  }

  /** Works what is ready in the inbox now (recorded by the webhook handler, or due for a retry). */
  public int processInbox() {
    return inboxWorker.drain();
  }

  // ------------------------------------------------------------------------------------ agent replies

  /**
   * Handles an agent-reply webhook from the helpdesk: authenticates and parses it through the adapter
   * (its {@code WebhookVerificationException} propagates: answer 401), then routes each new reply.
   *
   * @return how many replies were new (queued or held)
   */
  public int onAgentReplyWebhook(WebhookRequest request) {
    int n = 0;
    for (AgentReply reply : ctx.adapter.parseAgentReplies(request)) {
      if (replies.route(reply)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Routes one agent reply (already authenticated), at most once per reply id; it is in the outbox (or
   * recorded as held) when this returns.
   *
   * @return false for a reply seen before, or for a ticket that is not a WhatsApp conversation
   */
  public boolean onAgentReply(AgentReply reply) {
    return replies.route(reply);
  }

  /**
   * The ticket was solved: sends the CSAT question (reply buttons inside the window; outside it the
   * template the policy chooses for {@code TICKET_SOLVED}, unless the customer opted out of marketing).
   * At most once per ticket.
   *
   * @return whether a question was queued
   */
  public boolean onTicketSolved(String ticketId) {
    return replies.onTicketSolved(ticketId);
  }

  /**
   * Sends what is due in the outbox, once: leases, sends (or records, in shadow mode), acks, schedules
   * retries and dead-letters. Returns how many entries it handled. {@link #start} calls it periodically.
   */
  public int processOutbox() {
    return dispatcher.processOutbox();
  }

  // ---------------------------------------------------------------------------------------- control

  /**
   * One step of the background work: the inbox entries whose retry time has come (and those a crashed
   * instance left leased), parked notes, due window notices, and the outbox. {@link #start} runs it
   * periodically; tests call it after moving a fake clock.
   */
  public void tick() {
    inboxWorker.drain();
    ctx.lanes.resumeDue();
    ctx.sessions.runDue();
    channel.sweepParked();
    dispatcher.processOutbox();
  }

  /** What operators do with the outbox: re-drive dead letters and unconfirmed sends. */
  public BridgeOperations operations() {
    return operations;
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
        LOG.warn("Bridge tick failed: {}", e.getClass().getName());
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the periodic work. What is not done stays in the inbox and the outbox and is taken up by a
   * bridge on the same stores.
   */
  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  /** The inbound messages the helpdesk rejected permanently, oldest first (kept in the inbox). */
  public List<InboundMessage> rejectedInbound() {
    return ctx.inbox.list(InboxEntry.Status.REJECTED, Integer.MAX_VALUE).stream().map(InboxEntry::event)
        .filter(InboundMessage.class::isInstance).map(InboundMessage.class::cast).toList();
  }

  /**
   * Sends every rejected inbound message through the bridge again (after the helpdesk's problem is
   * fixed); messages that fail again are kept again. Returns how many were replayed.
   */
  public int replayRejected() {
    int n = ctx.inbox.replayRejected();
    inboxWorker.drain();
    return n;
  }

  /**
   * Parses the signed bodies the inbox kept as unparseable again with {@code parser} (after an SDK upgrade
   * that reads them, say), records the events of those that now parse, drops those entries, and works the
   * inbox. Bodies that still fail stay kept. Returns how many bodies were replayed.
   */
  public int replayUnparseable(WebhookParser parser) {
    int replayed = 0;
    for (InboxEntry e : ctx.inbox.list(InboxEntry.Status.UNPARSEABLE, Integer.MAX_VALUE)) {
      ParsedWebhook parsed;
      try {
        parsed = parser.parse(e.rawBody());
      } catch (WebhookParseException stillBad) {
        continue;
      }
      ctx.inbox.record(parsed.events());
      ctx.inbox.dismiss(e.id());
      replayed++;
    }
    inboxWorker.drain();
    return replayed;
  }

  /** Inbound work not yet done: inbox entries pending or leased, and parked notes. */
  public int pendingInbound() {
    return (int) (ctx.inbox.count(InboxEntry.Status.PENDING) + ctx.inbox.count(InboxEntry.Status.LEASED))
        + ctx.lanes.pending();
  }

  /** What shadow mode recorded instead of sending: the latest 1,000 messages, oldest first. */
  public List<OutboxMessage> shadowLog() {
    return dispatcher.shadowLog();
  }

  /** The suppression list. */
  public SuppressionList suppressionList() {
    return ctx.suppression;
  }

  /** The session tracker. */
  public SessionWindowTracker sessions() {
    return ctx.sessions;
  }

  /** The conversation store. */
  public ConversationStore conversations() {
    return ctx.conversations;
  }

  /** The outbox. */
  public Outbox outbox() {
    return ctx.outbox;
  }

  /**
   * The inbox. A {@code WebhookHandler} whose listener is this bridge records every delivery in it before
   * Meta gets its 200.
   */
  @Override
  public Inbox inbox() {
    return ctx.inbox;
  }

  /** The customer directory. */
  public CustomerDirectory customers() {
    return ctx.customers;
  }

  /** Whether the customer is inside the rollout (stable: a SHA-256 of the customer's stable id). */
  public boolean inRollout(Customer customer) {
    return InboxWorker.inRollout(ctx.knownId(customer), ctx.settings.rolloutPercent);
  }

  /** Whether the customer with this phone number is inside the rollout. */
  public boolean inRollout(String waId) {
    return inRollout(Customer.ofPhone(waId));
  }

  /** Counters since the bridge was built (from the listener seam). */
  public BridgeStats stats() {
    return stats.snapshot();
  }

  /** Builds a {@link HelpdeskBridge}. */
  public static final class Builder {
    private final BridgeContext.Settings s = new BridgeContext.Settings();
    private final List<ChannelHealthListener> healthListeners = new ArrayList<>();
    private final List<SdkListener> listeners = new ArrayList<>();

    private Builder() {}

    /** The helpdesk adapter (required). */
    public Builder adapter(HelpdeskAdapter v) { s.adapter = v; return this; }
    /** The Cloud API (required): usually {@code CloudApiGateway.of(client)}. */
    public Builder gateway(CloudApiGateway v) { s.gateway = v; return this; }
    /** The clock (default UTC system clock); share it with the tracker and stores. */
    public Builder clock(Clock v) { s.clock = Objects.requireNonNull(v); return this; }
    /** Conversation store (default in memory). */
    public Builder conversationStore(ConversationStore v) { s.conversations = v; return this; }
    /** Outbox (default in memory). */
    public Builder outbox(Outbox v) { s.outbox = v; return this; }
    /** Inbox of webhook events (default in memory); share it with the {@code WebhookHandler}. */
    public Builder inbox(Inbox v) { s.inbox = v; return this; }
    /** Customer directory: BSUIDs and phone numbers merged onto one customer (default in memory). */
    public Builder customerDirectory(CustomerDirectory v) { s.customers = v; return this; }
    /** Session tracker (default: in memory, on this clock). */
    public Builder sessions(SessionWindowTracker v) { s.sessions = v; return this; }
    /** Template registry for validating templates before they are queued (optional). */
    public Builder templates(TemplateRegistry v) { s.templates = v; return this; }
    /** Template policy: re-open template, CSAT template (optional). */
    public Builder policy(TemplatePolicy v) { s.policy = v; return this; }
    /** Suppression list (default in memory). */
    public Builder suppressionList(SuppressionList v) { s.suppression = v; return this; }
    /** Forward-only delivery-status tracking (default in memory, on this clock). */
    public Builder statusTracker(StatusTracker v) { s.statuses = v; return this; }
    /** The client's limiter: {@code business_capability_update} limits are applied to it (default none). */
    public Builder outboundLimiter(DefaultOutboundLimiter v) { s.limiter = v; return this; }
    /** What to do with replies outside the window (default TEMPLATE_FALLBACK). */
    public Builder closedWindowPolicy(ClosedWindowPolicy v) { s.closedWindowPolicy = Objects.requireNonNull(v); return this; }
    /** Where conversation lanes run (default: the calling thread). */
    public Builder executor(Executor v) { s.executor = Objects.requireNonNull(v); return this; }
    /** Shadow mode: inbound flows into the helpdesk; outbound is recorded, not sent. */
    public Builder shadowMode(boolean v) { s.shadowMode = v; return this; }
    /** Share of customers (0-100, by a stable hash of the customer's id) the bridge handles (default 100). */
    public Builder rolloutPercent(int v) {
      if (v < 0 || v > 100) {
        throw new IllegalArgumentException("rolloutPercent must be 0-100");
      }
      s.rolloutPercent = v;
      return this;
    }
    /** Whole-message keywords (case-insensitive) that opt a customer out (default STOP, UNSUBSCRIBE). */
    public Builder stopKeywords(Set<String> v) { s.stopKeywords = upper(v); return this; }
    /** Whole-message keywords that lift the opt-out (default START). */
    public Builder startKeywords(Set<String> v) { s.startKeywords = upper(v); return this; }
    /** Mark every inbound message read (default false). */
    public Builder markRead(boolean v) { s.markRead = v; return this; }
    /** Record delivered and read statuses on the ticket too (default: only failures). */
    public Builder recordDeliveredAndRead(boolean v) { s.noteDeliveredAndRead = v; return this; }
    /** A text sent to the customer after an unsupported message (default none). */
    public Builder unsupportedApology(String v) { s.unsupportedApology = v; return this; }
    /** Enables CSAT on solved tickets with this question (default off). */
    public Builder csatQuestion(String v) { s.csatQuestion = v; return this; }
    /** Most send attempts of a retryable failure before it is dead-lettered (default 1,000; see {@link #retryFor}). */
    public Builder maxSendAttempts(int v) { s.maxSendAttempts = positive(v, "maxSendAttempts"); return this; }
    /** How long retryable send failures are retried (default 24 h), through outages, with capped backoff. */
    public Builder retryFor(Duration v) { s.retryFor = positive(v, "retryFor"); return this; }
    /** How long an unconfirmed send waits for its status before an operator may re-drive it (default 1 h). */
    public Builder settleTimeout(Duration v) { s.settleTimeout = positive(v, "settleTimeout"); return this; }
    /** The least wait after Meta's 131048 spam rate limit (default 1 h). */
    public Builder spamRateLimitRetry(Duration v) { s.spamRetry = positive(v, "spamRateLimitRetry"); return this; }
    /** Backoff base and cap for sends and parked conversations (default 2 s, 5 min). */
    public Builder retryBackoff(Duration base, Duration max) { s.retryBase = base; s.retryMax = max; return this; }
    /** Worker id for inbox and outbox leases (default "bridge"); unique per instance when several share them. */
    public Builder workerId(String v) { s.workerId = v; return this; }
    /** Tags for new tickets (default "whatsapp"). */
    public Builder channelTags(List<String> v) { s.channelTags = List.copyOf(v); return this; }
    /** Adds a channel health listener. */
    public Builder healthListener(ChannelHealthListener v) { this.healthListeners.add(v); return this; }
    /** Adds a listener for everything the bridge observes (metrics, logs). */
    public Builder listener(SdkListener v) { this.listeners.add(Objects.requireNonNull(v)); return this; }

    private static Duration positive(Duration v, String name) {
      if (v == null || v.isNegative() || v.isZero()) {
        throw new IllegalArgumentException(name + " must be a positive duration");
      }
      return v;
    }

    private static int positive(int v, String name) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be at least 1");
      }
      return v;
    }

    private static Set<String> upper(Set<String> v) {
      return v.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Builds the bridge. */
    public HelpdeskBridge build() {
      return new HelpdeskBridge(this);
    }
  }
}
