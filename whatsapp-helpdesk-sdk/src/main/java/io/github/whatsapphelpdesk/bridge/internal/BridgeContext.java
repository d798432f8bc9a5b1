package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.MessageContent;
import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.CustomerDirectory;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.ErrorCodes;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.error.WhatsAppException;
import io.github.whatsapphelpdesk.http.Backoff;
import io.github.whatsapphelpdesk.observe.ChannelHealthEvent;
import io.github.whatsapphelpdesk.observe.ChannelHealthListener;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.session.SessionWindowTracker;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.InternalNote;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.store.ConversationKey;
import io.github.whatsapphelpdesk.store.ConversationStore;
import io.github.whatsapphelpdesk.store.InMemoryConversationStore;
import io.github.whatsapphelpdesk.store.InMemoryOutbox;
import io.github.whatsapphelpdesk.store.Outbox;
import io.github.whatsapphelpdesk.store.OutboxMessage;
import io.github.whatsapphelpdesk.store.SuppressionList;
import io.github.whatsapphelpdesk.template.ClosedWindowPolicy;
import io.github.whatsapphelpdesk.template.TemplatePolicy;
import io.github.whatsapphelpdesk.template.TemplateRegistry;
import io.github.whatsapphelpdesk.webhook.InMemoryInbox;
import io.github.whatsapphelpdesk.webhook.Inbox;
import io.github.whatsapphelpdesk.webhook.StatusTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bridge's flows share: the stores, the adapter, the Cloud API, the settings, and the few
 * helpers every flow needs (the customer's helpdesk contact, notes, channel-health events). Built once by
 * the {@code HelpdeskBridge} facade; thread-safe.
 */
public final class BridgeContext {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeContext.class);
  private static final int MAX_CONTACT_CACHE = 100_000;

  /** The bridge's settings with their defaults, filled by the facade's builder and copied at build time. */
  public static final class Settings implements Cloneable {
    public HelpdeskAdapter adapter;
    public CloudApiGateway gateway;
    public Clock clock = Clock.systemUTC();
    public ConversationStore conversations;
    public Outbox outbox;
    public Inbox inbox;
    public CustomerDirectory customers;
    public SessionWindowTracker sessions;
    public TemplateRegistry templates;
    public TemplatePolicy policy;
    public SuppressionList suppression;
    public StatusTracker statuses;
    /** The client's limiter, to which portfolio messaging-limit updates are applied; or null. */
    public io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter limiter;
    public ClosedWindowPolicy closedWindowPolicy = ClosedWindowPolicy.TEMPLATE_FALLBACK;
    public java.util.concurrent.Executor executor = Runnable::run;
    public SdkListener listener = SdkListener.NONE;
    public boolean shadowMode;
    public int rolloutPercent = 100;
    public Set<String> stopKeywords = Set.of("STOP", "UNSUBSCRIBE");
    public Set<String> startKeywords = Set.of("START");
    public boolean markRead;
    public boolean noteDeliveredAndRead;
    public String unsupportedApology;
    public String csatQuestion;
    public int maxSendAttempts = 1_000;
    /** How long retryable send failures are retried, from enqueue (or re-drive). */
    public Duration retryFor = Duration.ofHours(24);
    /** How long an unconfirmed send waits for a status before an operator may re-drive it. */
    public Duration settleTimeout = Duration.ofHours(1);
    /** The least wait after a 131048 spam rate limit. */
    public Duration spamRetry = Duration.ofHours(1);
    public Duration retryBase = Duration.ofSeconds(2);
    public Duration retryMax = Duration.ofMinutes(5);
    public String workerId = "bridge";
    public List<String> channelTags = List.of("whatsapp");
    public List<ChannelHealthListener> healthListeners = List.of();

    /** A copy (every list and set held is immutable), so a builder used again does not change a bridge. */
    public Settings copy() {
      try {
        return (Settings) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }

  public final HelpdeskAdapter adapter;
  public final CloudApiGateway gateway;
  public final Clock clock;
  public final ConversationStore conversations;
  public final Outbox outbox;
  public final Inbox inbox;
  public final CustomerDirectory customers;
  public final SessionWindowTracker sessions;
  public final TemplateRegistry templates;
  public final TemplatePolicy policy;
  public final SuppressionList suppression;
  public final StatusTracker statuses;
  public final ClosedWindowPolicy closedWindowPolicy;
  public final SdkListener listener;
  public final Settings settings;
  /** Notes and other follow-up helpdesk work, per conversation, retried while the helpdesk is unavailable. */
  public final KeyedLanes lanes;
  private final Backoff backoff;
  private final Map<CustomerId, HelpdeskContact> contactCache = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<CustomerId, HelpdeskContact> eldest) {
      return size() > MAX_CONTACT_CACHE;
    }
  };

  public BridgeContext(Settings s) {
    this.settings = s;
    this.clock = Objects.requireNonNull(s.clock, "clock");
    this.listener = SdkListener.safe(s.listener);
    this.adapter = InstrumentedAdapter.wrap(Objects.requireNonNull(s.adapter, "adapter"), listener);
    this.gateway = Objects.requireNonNull(s.gateway, "gateway");
    this.conversations = s.conversations != null ? s.conversations : InMemoryConversationStore.create(clock);
    this.outbox = s.outbox != null ? s.outbox : InMemoryOutbox.create(clock);
    this.inbox = s.inbox != null ? s.inbox : InMemoryInbox.create(clock);
    this.customers = s.customers != null ? s.customers : CustomerDirectory.inMemory();
    this.sessions = s.sessions != null ? s.sessions : SessionWindowTracker.builder().clock(clock).build();
    this.templates = s.templates;
    this.policy = s.policy;
    this.suppression = s.suppression != null ? s.suppression : SuppressionList.inMemory();
    this.statuses = s.statuses != null ? s.statuses : StatusTracker.builder().clock(clock).build();
    this.closedWindowPolicy = s.closedWindowPolicy;
    this.lanes = new KeyedLanes(s.executor, clock);
    this.backoff = Backoff.exponential(s.retryBase, s.retryMax);
  }

  /**
   * The stable id a sighting resolves to, read without recording anything: the customer its BSUID or its
   * number belongs to, else its own id (a customer not seen yet).
   */
  public CustomerId knownId(Customer seen) {
    Optional<Customer> known = seen.bsuid() != null ? customers.findByBsuid(seen.bsuid()) : Optional.empty();
    if (known.isEmpty() && seen.phone() != null) {
      known = customers.findByPhone(seen.phone());
    }
    return known.map(Customer::id).orElse(seen.id());
  }

  /** The stored customer for a stable id, or one known by that id alone (a BSUID or a number). */
  public Customer customer(CustomerId id) {
    return customers.find(id).orElseGet(() -> id.isBsuid() ? Customer.ofBsuid(id.value()) : Customer.ofPhone(id.value()));
  }

  /**
   * The customer's helpdesk contact, upserted on first use and whenever the webhook brought a name (so a
   * renamed customer is renamed in the helpdesk); cached per customer.
   */
  public HelpdeskContact contact(Customer c, boolean refresh) {
    if (!refresh) {
      synchronized (contactCache) {
        HelpdeskContact cached = contactCache.get(c.id());
        if (cached != null) {
          return cached;
        }
      }
    }
    HelpdeskContact contact = adapter.upsertContact(new ContactInfo(c));
    synchronized (contactCache) {
      contactCache.put(c.id(), contact);
    }
    return contact;
  }

  /** The contact for a customer id (from the directory), upserted on first use. */
  public HelpdeskContact contact(CustomerId id) {
    synchronized (contactCache) {
      HelpdeskContact cached = contactCache.get(id);
      if (cached != null) {
        return cached;
      }
    }
    return contact(customer(id), true);
  }

  /** A message to the customer: to their phone number when known, else to their BSUID. */
  public Message messageTo(CustomerId id, MessageContent content) {
    return Message.to(customer(id), content);
  }

  /** The handle of a ticket that belongs to {@code key}. */
  public TicketHandle handle(String ticketId, ConversationKey key) {
    return new TicketHandle(ticketId, contact(key.customer()), key.format());
  }

  /** Writes an internal note now. */
  public void note(TicketHandle handle, String text, String dedupeKey) {
    adapter.appendInternalNote(handle, new InternalNote(text, dedupeKey));
    listener.noteWritten(adapter.id());
  }

  /** Writes the note in the conversation's lane, retrying retryable helpdesk failures. */
  public void noteLater(String ticketId, ConversationKey key, String text, String dedupeKey) {
    laterInLane(key, () -> note(handle(ticketId, key), text, dedupeKey), "note");
  }

  /** Runs helpdesk work in the conversation's lane; a retryable failure parks the lane and retries. */
  public void laterInLane(ConversationKey key, Runnable work, String what) {
    lanes.submit(key.phoneNumberId() + ":" + key.customer().value(), () -> {
      try {
        work.run();
        return null;
      } catch (HelpdeskException e) {
        if (e.retryable()) {
          listener.helpdeskRetry(adapter.id());
          return clock.instant().plus(settings.retryBase);
        }
        LOG.warn("Could not write a {} to the helpdesk ({}): {}", what, adapter.id(), e.getClass().getSimpleName());
        return null;
      }
    });
  }

  /** Raises a channel-health event to every health listener. */
  public void health(ChannelHealthEvent.Kind kind, String phoneNumberId, int code, String detail) {
    ChannelHealthEvent e = new ChannelHealthEvent(kind, phoneNumberId, code, detail, clock.instant());
    LOG.warn("WhatsApp channel problem: {} {}", kind, detail);
    for (ChannelHealthListener l : settings.healthListeners) {
      try {
        l.onChannelHealth(e);
      } catch (RuntimeException ex) {
        LOG.warn("Channel health listener failed: {}", ex.getClass().getName());
      }
    }
  }

  /** Adds the customer to the suppression list and reports a new opt-out. */
  public void suppress(CustomerId customer, String reason) {
    if (suppression.suppress(customer, reason)) {
      listener.optOut(reason);
    }
  }

  /** Queues a message; returns whether it was new for its dedupe key. */
  public boolean enqueue(OutboxMessage m, String dedupeKey) {
    return outbox.enqueue(m, dedupeKey).created();
  }

  /** The time of a retry after {@code attempts} failures: exponential from the base, capped (the SDK's one {@link Backoff}). */
  public Instant backoff(int attempts) {
    return clock.instant().plus(backoff.delay(attempts, 0));
  }

  /** A short reason for an error: its code and meaning, never message text. */
  public static String reason(WhatsAppException e) {
    if (e instanceof WhatsAppApiException api) {
      return api.code() + " " + ErrorCodes.classify(api.code()).meaning();
    }
    return e.getClass().getSimpleName();
  }

  /** What the agent should do after a failed send, by Cloud API error code. */
  public static String nextStep(int code) {
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
}
