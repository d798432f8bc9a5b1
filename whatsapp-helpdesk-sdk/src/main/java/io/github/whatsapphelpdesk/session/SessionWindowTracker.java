package io.github.whatsapphelpdesk.session;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.SessionWindowClosedException;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the 24-hour customer-service window and the 72-hour free-entry-point window for every (business
 * phone number id, customer) pair, and warns listeners before a window closes.
 *
 * <ul>
 *   <li>{@link #onInbound} opens or extends the window at the message's own WhatsApp timestamp, never its
 *       arrival time; a late or duplicate webhook never moves it backwards.
 *   <li>{@link #window}, {@link #canSendFreeForm} and the pre-send guard {@link #requireOpen}, which
 *       throws the same {@link SessionWindowClosedException} (131047) the client maps Meta's answer to,
 *       without calling Meta.
 *   <li>One scheduler drives every notice ({@link #runDue}, or {@link #start} on a caller's
 *       {@link ScheduledExecutorService}): no thread or task per conversation. Which notices fired is
 *       kept in the {@link SessionStore}, so with a durable store they stay exactly-once across restarts.
 * </ul>
 *
 * <p>Time comes from the injected {@link Clock}. Thread-safe.
 */
public final class SessionWindowTracker implements AutoCloseable {
  /** The customer-service window. */
  public static final Duration WINDOW = Duration.ofHours(24);
  private static final long WINDOW_SECONDS = WINDOW.toSeconds();
  /** The free-entry-point window opened by a business reply to an ad or CTA referral. */
  public static final Duration FREE_ENTRY_POINT = Duration.ofHours(72);
  /** How soon after the referral the business must reply for the free-entry-point window to open. */
  public static final Duration FREE_ENTRY_POINT_REPLY_WITHIN = Duration.ofHours(24);

  private static final Logger LOG = LoggerFactory.getLogger(SessionWindowTracker.class);
  private static final int MAX_LEADS = 7;

  private final SessionStore store;
  private final Clock clock;
  private final List<Duration> leads;
  private final Duration closeNoticeLookback;
  private final Duration maxClockSkew;
  private final Duration retention;
  private final List<SessionWindowListener> listeners;
  private final AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
  private volatile Instant lastEviction = Instant.MIN;

  private SessionWindowTracker(Builder b) {
    this.store = b.store == null ? InMemorySessionStore.create() : b.store;
    this.clock = b.clock;
    this.leads = b.leads;
    this.closeNoticeLookback = b.closeNoticeLookback;
    this.maxClockSkew = b.maxClockSkew;
    this.retention = b.retention;
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
  }

  /** A builder with the defaults: in-memory store, UTC system clock, warnings 1 h and 10 min ahead. */
  public static Builder builder() {
    return new Builder();
  }

  /** The store behind this tracker. */
  public SessionStore store() {
    return store;
  }

  /** The configured warning lead times, longest first. */
  public List<Duration> warningLeadTimes() {
    return leads;
  }

  /** Adds a listener for warnings and closing notices. */
  public void addListener(SessionWindowListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * A customer message (or call) at its WhatsApp timestamp opens or extends the window. {@code referral}
   * marks a message from a click-to-WhatsApp ad or Page CTA (the start of a possible free-entry-point
   * window). A timestamp more than {@code maxClockSkew} ahead of the clock is taken as now.
   *
   * @param customer the customer's stable id: their BSUID, or their canonical wa_id
   */
  public SessionWindow onInbound(String phoneNumberId, CustomerId customer, Instant whatsappTimestamp,
      boolean referral) {
    Objects.requireNonNull(whatsappTimestamp, "whatsappTimestamp");
    SessionKey key = SessionKey.of(phoneNumberId, customer);
    Instant now = clock.instant();
    Instant at = whatsappTimestamp;
    if (at.isAfter(now.plus(maxClockSkew))) {
      LOG.debug("Inbound timestamp {} for {} is ahead of the clock; using {}", at, key, now);
      at = now;
    }
    return toWindow(store.recordInbound(key, truncate(at), referral), now);
  }

  /** Same as {@code onInbound(phoneNumberId, customer, timestamp, false)}. */
  public SessionWindow onInbound(String phoneNumberId, CustomerId customer, Instant whatsappTimestamp) {
    return onInbound(phoneNumberId, customer, whatsappTimestamp, false);
  }

  /**
   * A parsed inbound message from the webhook: its timestamp opens or extends the window of the message's
   * customer, and a {@code referral} (click-to-WhatsApp ad, Page CTA) starts a possible free-entry-point
   * window. Messages without a timestamp are taken at the clock's now.
   */
  public SessionWindow onInbound(InboundMessage message) {
    Instant ts = message.timestamp() == null ? clock.instant() : message.timestamp();
    // The message's natural id (BSUID, else phone). A bridge resolves it through its CustomerDirectory
    // first and calls onInbound(phoneNumberId, id, ...) with the customer's stable id.
    CustomerId customer = message.customer().id();
    return onInbound(message.metadata().phoneNumberId(), customer, ts, message.referral() != null);
  }

  /** A call from the customer opens or extends the window like a message. */
  public SessionWindow onInboundCall(String phoneNumberId, CustomerId customer, Instant whatsappTimestamp) {
    return onInbound(phoneNumberId, customer, whatsappTimestamp, false);
  }

  /**
   * A business message to the customer at {@code sentAt}: within 24 hours of a referral it opens the
   * 72-hour free-entry-point window (cost only; what may be sent does not change).
   */
  public SessionWindow onBusinessReply(String phoneNumberId, CustomerId customer, Instant sentAt) {
    SessionKey key = SessionKey.of(phoneNumberId, customer);
    Instant now = clock.instant();
    Optional<SessionRecord> r = store.openFreeEntryPoint(
        key, truncate(sentAt), FREE_ENTRY_POINT_REPLY_WITHIN, FREE_ENTRY_POINT);
    return r.map(rec -> toWindow(rec, now)).orElseGet(() -> closed(key, now));
  }

  /** The customer's windows now. */
  public SessionWindow window(String phoneNumberId, CustomerId customer) {
    SessionKey key = SessionKey.of(phoneNumberId, customer);
    Instant now = clock.instant();
    return store.get(key).map(r -> toWindow(r, now)).orElseGet(() -> closed(key, now));
  }

  /** Whether a free-form message may be sent to the customer now. */
  public boolean canSendFreeForm(String phoneNumberId, CustomerId customer) {
    // The hot pre-send check: one primitive read, no record or window object.
    long last = store.lastInboundEpochSecond(SessionKey.of(phoneNumberId, customer));
    return last >= 0 && clock.millis() < (last + WINDOW_SECONDS) * 1000;
  }

  /**
   * The pre-send guard: returns the open window, or throws the {@link SessionWindowClosedException}
   * (code 131047) that Meta's answer would have produced, without any call to Meta.
   */
  public SessionWindow requireOpen(String phoneNumberId, CustomerId customer) {
    SessionWindow w = window(phoneNumberId, customer);
    if (!w.isOpen()) {
      throw SessionWindowClosedException.local(customer.masked(), w.expiresAt());
    }
    return w;
  }

  /** Forgets the customer's windows on this business number (erasure on request). */
  public boolean erase(String phoneNumberId, CustomerId customer) {
    return store.erase(SessionKey.of(phoneNumberId, customer));
  }

  /**
   * Raises every notice that is due now and has not fired yet, and returns how many fired. Called by the
   * scheduler from {@link #start}; tests call it directly after moving a fake clock.
   *
   * <p>A warning fires when the time left is at most its lead time. When several are due at once (after
   * a pause or a restart), only the most urgent fires and the others are marked as done. A closing notice
   * fires for windows that closed within {@code closeNoticeLookback}; older ones are marked silently.
   */
  public int runDue() {
    Instant now = clock.instant();
    Duration longest = leads.isEmpty() ? Duration.ZERO : leads.get(0);
    Instant from = now.minus(closeNoticeLookback).minus(WINDOW);
    Instant to = now.plus(longest).minus(WINDOW).plusSeconds(1);
    int[] fired = {0};
    store.forEachInboundBetween(from, to, r -> fired[0] += notify(r, now));
    maybeEvict(now);
    return fired[0];
  }

  private int notify(SessionRecord r, Instant now) {
    Instant expires = r.lastInboundAt().plus(WINDOW);
    if (!now.isBefore(expires)) {
      int all = SessionRecord.CLOSED_BIT | ((1 << leads.size()) - 1);
      if ((r.notified() & SessionRecord.CLOSED_BIT) != 0) {
        return 0;
      }
      int claimed = store.claimNotifications(r.key(), r.lastInboundAt(), all);
      if ((claimed & SessionRecord.CLOSED_BIT) != 0) {
        fire(new SessionWindowEvent(SessionWindowEvent.Kind.CLOSED, r.key(), expires, Duration.ZERO, now));
        return 1;
      }
      return 0;
    }
    Duration left = Duration.between(now, expires);
    int due = 0;
    int mostUrgent = -1;
    for (int i = 0; i < leads.size(); i++) {
      if (left.compareTo(leads.get(i)) <= 0) {
        due |= 1 << i;
        mostUrgent = i;
      }
    }
    if (mostUrgent < 0 || (r.notified() & (1 << mostUrgent)) != 0) {
      return 0;
    }
    int claimed = store.claimNotifications(r.key(), r.lastInboundAt(), due);
    if ((claimed & (1 << mostUrgent)) != 0) {
      fire(new SessionWindowEvent(
          SessionWindowEvent.Kind.WARNING, r.key(), expires, leads.get(mostUrgent), now));
      return 1;
    }
    return 0;
  }

  private void fire(SessionWindowEvent e) {
    for (SessionWindowListener l : listeners) {
      try {
        l.onSessionWindowEvent(e);
      } catch (RuntimeException ex) {
        LOG.warn("Session window listener failed for {} ({}): {}", e.key(), e.kind(), ex.toString());
      }
    }
  }

  private void maybeEvict(Instant now) {
    if (Duration.between(lastEviction, now).compareTo(Duration.ofHours(1)) < 0) {
      return;
    }
    lastEviction = now;
    long removed = store.evictBefore(now.minus(retention));
    if (removed > 0) {
      LOG.debug("Evicted {} session records older than {}", removed, retention);
    }
  }

  /**
   * Starts the one scheduled task that raises notices every {@code tick} on the caller's scheduler.
   * Starting twice is an error; {@link #close} stops it (the scheduler itself stays the caller's).
   */
  public void start(ScheduledExecutorService scheduler, Duration tick) {
    Objects.requireNonNull(scheduler, "scheduler");
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("tick must be positive");
    }
    ScheduledFuture<?> f = scheduler.scheduleWithFixedDelay(() -> {
      try {
        runDue();
      } catch (RuntimeException e) {
        LOG.warn("Session window scan failed: {}", e.toString());
      }
    }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    if (!task.compareAndSet(null, f)) {
      f.cancel(false);
      throw new IllegalStateException("already started");
    }
  }

  /** Stops the scheduled task, if any. */
  @Override
  public void close() {
    ScheduledFuture<?> f = task.getAndSet(null);
    if (f != null) {
      f.cancel(false);
    }
  }

  private SessionWindow toWindow(SessionRecord r, Instant now) {
    Instant expires = r.lastInboundAt().plus(WINDOW);
    SessionWindow.State state = now.isBefore(expires) ? SessionWindow.State.OPEN : SessionWindow.State.CLOSED;
    return new SessionWindow(r.key(), state, r.lastInboundAt(), expires, r.freeEntryPointExpiresAt(), now);
  }

  private static SessionWindow closed(SessionKey key, Instant now) {
    return new SessionWindow(key, SessionWindow.State.CLOSED, null, null, null, now);
  }

  private static Instant truncate(Instant t) {
    return Instant.ofEpochSecond(t.getEpochSecond());
  }

  /** Builds a {@link SessionWindowTracker}. Not thread-safe; the tracker it builds is. */
  public static final class Builder {
    private SessionStore store;
    private Clock clock = Clock.systemUTC();
    private List<Duration> leads = List.of(Duration.ofHours(1), Duration.ofMinutes(10));
    private Duration closeNoticeLookback = Duration.ofHours(1);
    private Duration maxClockSkew = Duration.ofMinutes(5);
    private Duration retention = Duration.ofDays(30);
    private final List<SessionWindowListener> listeners = new ArrayList<>();

    private Builder() {}

    /** The store (default: a new {@link InMemorySessionStore}). */
    public Builder store(SessionStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The clock (default: UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Lead times of the warnings before a window closes (default 1 h and 10 min). Each must be positive
     * and shorter than 24 h; at most 7. An empty list turns warnings off (closing notices stay).
     */
    public Builder warningLeadTimes(Duration... leadTimes) {
      List<Duration> l = new ArrayList<>(List.of(leadTimes));
      if (l.size() > MAX_LEADS) {
        throw new IllegalArgumentException("at most " + MAX_LEADS + " lead times");
      }
      for (Duration d : l) {
        if (d.isNegative() || d.isZero() || d.compareTo(WINDOW) >= 0) {
          throw new IllegalArgumentException("lead time must be in (0, 24h): " + d);
        }
      }
      l.sort(Comparator.reverseOrder());
      if (l.stream().distinct().count() != l.size()) {
        throw new IllegalArgumentException("duplicate lead time");
      }
      this.leads = List.copyOf(l);
      return this;
    }

    /**
     * How long after a window closed its closing notice is still raised, for example after downtime
     * (default 1 h). Older closings are marked without a notice.
     */
    public Builder closeNoticeLookback(Duration lookback) {
      if (lookback.isNegative()) {
        throw new IllegalArgumentException("lookback < 0");
      }
      this.closeNoticeLookback = lookback;
      return this;
    }

    /** How far a message timestamp may lie ahead of the clock before it is taken as now (default 5 min). */
    public Builder maxClockSkew(Duration skew) {
      if (skew.isNegative()) {
        throw new IllegalArgumentException("skew < 0");
      }
      this.maxClockSkew = skew;
      return this;
    }

    /** Records idle for longer than this are evicted by the scheduler (default 30 days). */
    public Builder retention(Duration retention) {
      if (retention.compareTo(WINDOW.plus(FREE_ENTRY_POINT)) < 0) {
        throw new IllegalArgumentException("retention must be at least 96 hours");
      }
      this.retention = retention;
      return this;
    }

    /** Adds a listener for warnings and closing notices. */
    public Builder listener(SessionWindowListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Builds the tracker. */
    public SessionWindowTracker build() {
      return new SessionWindowTracker(this);
    }
  }
}
