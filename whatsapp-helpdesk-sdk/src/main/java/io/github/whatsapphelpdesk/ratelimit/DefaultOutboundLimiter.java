package io.github.whatsapphelpdesk.ratelimit;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.customer.Masking;
import io.github.whatsapphelpdesk.error.MessagingLimitExceededException;
import io.github.whatsapphelpdesk.error.OutboundThrottledException;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.error.WhatsAppException;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.ratelimit.internal.BackoffTracker;
import io.github.whatsapphelpdesk.ratelimit.internal.ClockTimeMeter;
import io.github.whatsapphelpdesk.ratelimit.internal.NumberBuckets;
import io.github.whatsapphelpdesk.ratelimit.internal.PriorityLane;
import io.github.whatsapphelpdesk.ratelimit.internal.RecipientWindow;
import io.github.whatsapphelpdesk.ratelimit.internal.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's {@link OutboundLimiter}: per-number throughput, per-recipient pair rate, the portfolio
 * messaging limit, priority lanes and adaptive backoff, on token buckets obtained through a
 * {@link LimiterBackend} (in memory by default). Thread-safe; {@link #close()} stops its own scheduler.
 *
 * <p>A recipient is a {@link OutboundRequest#recipientKey()}: the canonical wa_id, or the BSUID of a
 * customer whose number is withheld; pair rate, backoff after 131056 and the messaging limit treat both
 * alike. Waits and refusals are reported to the builder's {@link Builder#listener} with the layer that
 * caused them: {@code throughput}, {@code pair}, {@code messaging-limit} or {@code wire}.
 *
 * <pre>{@code
 * DefaultOutboundLimiter limiter = DefaultOutboundLimiter.builder()
 *     .config(LimiterConfig.builder().messagingLimit(MessagingLimit.parse("TIER_2K")).build())
 *     .serviceWindow((phoneNumberId, key) -> sessions.canSendFreeForm(phoneNumberId, CustomerId.parse(key)))
 *     .build();
 * limiter.acquire(OutboundRequest.of(phoneNumberId, customerId, Priority.AGENT_REPLY, false), Duration.ofSeconds(5));
 * }</pre>
 */
public final class DefaultOutboundLimiter implements OutboundLimiter, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultOutboundLimiter.class);
  private static final long SECOND = 1_000_000_000L;
  /** Layer names reported to {@link SdkListener#limiterWaited} and {@link SdkListener#limiterRefused}. */
  public static final String LAYER_THROUGHPUT = "throughput";
  /** The per-recipient pair rate (and its 131056 backoff). */
  public static final String LAYER_PAIR = "pair";
  /** The portfolio's messaging limit (unique business-initiated recipients). */
  public static final String LAYER_MESSAGING_LIMIT = "messaging-limit";
  /** The dispatch guard checked just before a request is written. */
  public static final String LAYER_WIRE = "wire";
  private static final int COMPLETION_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final LimiterConfig config;
  private final ClockTimeMeter time;
  private final BucketStore store;
  private final BucketSpec pairSpec;
  private final SdkListener listener;
  private final BiPredicate<String, String> windowOpen;
  private final Function<String, String> portfolioOf;
  private final Function<String, String> portfolioOfWaba;
  private final TaskScheduler scheduler;
  private final ScheduledExecutorService ownedExecutor;
  private final Executor completions;
  private final ExecutorService ownedCompletions;
  private final BackoffTracker backoff;
  /** 1 s plus {@link LimiterConfig#throughputMargin()}: the window of both sliding guards. */
  private final long guardWindowNanos;
  private final ConcurrentHashMap<String, NumberState> numbers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Portfolio> portfolios = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private final class NumberState {
    final String phoneNumberId;
    final String numberKey;
    /** {@code "p:" + phoneNumberId + ":"}: a pair key is one concatenation. */
    final String pairPrefix;
    final NumberBuckets.Holder throughput;
    final PriorityLane lane;

    NumberState(String phoneNumberId, int mps) {
      this.phoneNumberId = phoneNumberId;
      this.numberKey = "n:" + phoneNumberId;
      this.pairPrefix = "p:" + phoneNumberId + ":";
      this.throughput = new NumberBuckets.Holder(store, numberKey, mps, guardWindowNanos);
      this.lane = new PriorityLane("number " + PhoneNumbers.mask(phoneNumberId),
          (r, now) -> attempt(this, r, now), time, scheduler);
    }
  }

  private static final class Portfolio {
    volatile MessagingLimit limit;
    final RecipientWindow window;

    Portfolio(MessagingLimit limit, long windowNanos) {
      this.limit = limit;
      this.window = new RecipientWindow(windowNanos);
    }
  }

  private DefaultOutboundLimiter(Builder b) {
    this.config = b.config;
    this.guardWindowNanos = SECOND + config.throughputMargin().toNanos();
    this.time = new ClockTimeMeter(b.clock);
    this.store = Objects.requireNonNull(b.backend.open(b.clock, config.idleGrace()), "backend returned no store");
    this.pairSpec = NumberBuckets.pair(config.pairInterval(), config.pairBurst());
    this.listener = SdkListener.safe(b.listener);
    this.windowOpen = b.windowOpen;
    this.portfolioOf = b.portfolioOf;
    this.portfolioOfWaba = b.portfolioOfWaba;
    if (b.taskScheduler != null) {
      this.scheduler = b.taskScheduler;
      this.ownedExecutor = null;
    } else if (b.executor != null) {
      this.scheduler = TaskScheduler.of(b.executor);
      this.ownedExecutor = null;
    } else {
      ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "whatsapp-outbound-limiter");
        t.setDaemon(true);
        return t;
      });
      ex.setRemoveOnCancelPolicy(true);
      this.ownedExecutor = ex;
      this.scheduler = TaskScheduler.of(ex);
    }
    if (b.completions != null) {
      this.completions = b.completions;
      this.ownedCompletions = null;
    } else {
      ThreadPoolExecutor ex = new ThreadPoolExecutor(COMPLETION_THREADS, COMPLETION_THREADS, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "whatsapp-outbound-limiter-callback");
            t.setDaemon(true);
            return t;
          });
      ex.allowCoreThreadTimeOut(true);
      this.ownedCompletions = ex;
      this.completions = ex;
    }
    this.backoff = new BackoffTracker(config.maxBackoff().toNanos(), config.recoverAfterSuccesses(),
        config.recoveryInterval().toNanos());
    scheduleCleanup();
  }

  /** A builder with the default configuration, the system clock and the in-memory backend. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void acquire(OutboundRequest request, Duration timeout) {
    CompletableFuture<Void> f = acquire(request, timeout, null);
    try {
      f.get();
    } catch (InterruptedException e) {
      f.cancel(false);
      Thread.currentThread().interrupt();
      throw new OutboundThrottledException(describe(request), Duration.ZERO, "interrupted while waiting");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WhatsAppException) {
        throw (WhatsAppException) e.getCause();
      }
      throw new WhatsAppException("outbound limiter failed", e.getCause());
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Returns a wait (and takes nothing) while a waiter of the same or a higher lane is queued for the number.
   *
   * @throws MessagingLimitExceededException when the request would be a new business-initiated recipient
   *     beyond the portfolio's messaging limit
   */
  @Override
  public Acquisition tryAcquire(OutboundRequest request) {
    NumberState n = number(request);
    long now = time.currentTimeNanos();
    if (n.lane.hasWaitersAtOrAbove(request.priority())) {
      return Acquisition.waitFor(Duration.ofNanos(n.lane.estimatedWaitNanos(now)));
    }
    long r = attempt(n, request, now);
    return r == 0 ? Acquisition.ACQUIRED : Acquisition.waitFor(Duration.ofNanos(Math.abs(r)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A future that has to wait is completed by a task on the builder's {@link Builder#callbackExecutor}
   * (default: the limiter's own small pool of daemon threads), never on the scheduler thread.
   */
  @Override
  public CompletableFuture<Void> acquireAsync(OutboundRequest request, Duration timeout) {
    return acquire(request, timeout, completions);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Waiting costs no thread: the request sits in its number's queue until a drain on the scheduler
   * grants it, and the future is then completed by a task on {@code executor}.
   */
  @Override
  public CompletableFuture<Void> acquireAsync(OutboundRequest request, Duration timeout, Executor executor) {
    return acquire(request, timeout, Objects.requireNonNull(executor, "executor"));
  }

  /** {@code completeOn} null: a blocked caller, completed inline by the drain. */
  private CompletableFuture<Void> acquire(OutboundRequest request, Duration timeout, Executor completeOn) {
    Objects.requireNonNull(timeout, "timeout");
    NumberState n = number(request);
    long now = time.currentTimeNanos();
    long timeoutNanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
    long firstTry = now;
    String layer = LAYER_THROUGHPUT;
    if (!n.lane.hasWaitersAtOrAbove(request.priority())) {
      long r;
      try {
        r = attempt(n, request, now);
      } catch (WhatsAppException e) {
        return CompletableFuture.failedFuture(e);
      }
      if (r == 0) {
        return CompletableFuture.completedFuture(null);
      }
      long wait = Math.abs(r);
      layer = r > 0 ? LAYER_THROUGHPUT : LAYER_PAIR;
      if (wait > timeoutNanos) {
        LOG.debug("outbound throttled: {} needs {} ms, timeout {} ms", describe(request), wait / 1_000_000,
            timeoutNanos / 1_000_000);
        listener.limiterRefused(layer);
        return CompletableFuture.failedFuture(new OutboundThrottledException(describe(request),
            Duration.ofNanos(wait), r > 0 ? "number throughput" : "recipient pair rate"));
      }
      firstTry = now + wait;
    }
    CompletableFuture<Void> f = n.lane.enqueue(request, now, now + timeoutNanos, firstTry, completeOn);
    if (listener != SdkListener.NONE) {
      String waitedOn = layer;
      long queuedAt = now;
      f.whenComplete((ok, error) -> {
        if (error == null) {
          listener.limiterWaited(waitedOn, Duration.ofNanos(Math.max(0, time.currentTimeNanos() - queuedAt)));
        } else if (!(error instanceof MessagingLimitExceededException)) {
          listener.limiterRefused(waitedOn); // timed out in the queue (or cancelled); messaging-limit reported by attempt
        }
      });
    }
    return f;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Checks the number's dispatch guard: at most {@code mps} dispatches in any window of 1 s +
   * {@link LimiterConfig#throughputMargin()}, the same bound as on grants. {@code WhatsAppClient} calls
   * this from an OkHttp network interceptor, after the connection is ready and before the request is
   * written.
   */
  @Override
  public Duration tryDispatch(OutboundRequest request) {
    NumberState n = number(request);
    long wait = n.throughput.dispatches().tryAcquire(time.currentTimeNanos(), request);
    if (wait == 0) {
      return Duration.ZERO;
    }
    Duration d = Duration.ofNanos(wait);
    listener.limiterWaited(LAYER_WIRE, d); // the client holds the request this long before asking again
    return d;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Re-dates the dispatch that {@link #tryDispatch} recorded for this {@code request} instance to
   * now, if that is later, so the dispatch guard counts the request when it left. Does nothing if the
   * dispatch is no longer in the guard's window.
   */
  @Override
  public void onWritten(OutboundRequest request) {
    number(request).throughput.dispatches().redate(request, time.currentTimeNanos());
  }

  @Override
  public void onRateLimited(OutboundRequest request, int errorCode, Duration retryAfter) {
    NumberState n = number(request);
    long now = time.currentTimeNanos();
    long hint = retryAfter == null || retryAfter.isNegative() ? 0 : saturatedNanos(retryAfter);
    String key;
    long pause;
    switch (errorCode) {
      case 131056:
        key = request.recipientKey() != null ? pairKey(n, request.recipientKey()) : n.numberKey;
        pause = backoff.strike(key, now, 4 * SECOND, 4, hint);
        break;
      case 130429:
        key = n.numberKey;
        pause = backoff.strike(key, now, SECOND, 2, hint);
        break;
      case 131048:
      case 80007:
        key = n.numberKey;
        pause = backoff.strike(key, now, 60 * SECOND, 2, hint);
        break;
      default:
        LOG.debug("outbound limiter ignores error code {} for {}", errorCode, describe(request));
        return;
    }
    LOG.info("Meta answered {} for {}: backing off {} ms", errorCode, describe(request), pause / 1_000_000);
  }

  @Override
  public void onSuccess(OutboundRequest request) {
    NumberState n = number(request);
    long now = time.currentTimeNanos();
    backoff.success(n.numberKey, now);
    if (request.recipientKey() != null) {
      backoff.success(pairKey(n, request.recipientKey()), now);
    }
  }

  /**
   * Sets a business number's throughput, for example from its {@code throughput.level} (see
   * {@link ThroughputLevels#mps}) or after a {@code THROUGHPUT_UPGRADE} webhook.
   *
   * @throws ValidationException unless {@code 1 <= mps <= 1000}
   */
  public void updateThroughput(String phoneNumberId, int mps) {
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    if (mps < 1 || mps > LimiterConfig.MAX_THROUGHPUT_MPS) {
      throw new ValidationException("throughput", List.of("mps must be 1..1000, was " + mps));
    }
    NumberState n = numbers.computeIfAbsent(phoneNumberId, id -> new NumberState(id, mps));
    if (n.throughput.mps() != mps) {
      n.throughput.update(mps);
    }
    LOG.info("throughput of number {} set to {} mps", PhoneNumbers.mask(phoneNumberId), mps);
  }

  /**
   * {@link #updateThroughput} from a {@code throughput.level} string (STANDARD, HIGH, ...; see
   * {@link ThroughputLevels#mps}). Meta adds levels without notice: a null or unknown level keeps the
   * number's current rate (logged at DEBUG) instead of failing.
   *
   * @return the throughput now applied to the number
   */
  public int updateThroughputLevel(String phoneNumberId, String level) {
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    OptionalInt mps = ThroughputLevels.mps(level);
    if (mps.isEmpty()) {
      LOG.debug("unknown throughput level '{}' for number {}: keeping {} mps", level,
          PhoneNumbers.mask(phoneNumberId), throughput(phoneNumberId));
      return throughput(phoneNumberId);
    }
    updateThroughput(phoneNumberId, mps.getAsInt());
    return mps.getAsInt();
  }

  /**
   * Applies what the account API reports for a phone number in one call: its {@code throughput.level}
   * (see {@link #updateThroughputLevel}) and the messaging limit tier of its portfolio
   * ({@code whatsapp_business_manager_messaging_limit}, see {@link MessagingLimit#parse}), the portfolio
   * being {@code portfolioOf(phoneNumberId)}. A null, {@code NOT_SET} or unknown value leaves that limit
   * as it is (logged at DEBUG), so a partial or newer answer never breaks sending.
   * {@code io.github.whatsapphelpdesk.client.PhoneNumberInfo#applyTo} calls this.
   */
  public void applyAccountLimits(String phoneNumberId, String throughputLevel, String messagingLimitTier) {
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    if (throughputLevel != null) {
      updateThroughputLevel(phoneNumberId, throughputLevel);
    }
    if (messagingLimitTier != null) {
      MessagingLimit limit;
      try {
        limit = MessagingLimit.parse(messagingLimitTier);
      } catch (ValidationException e) {
        LOG.debug("messaging limit tier '{}' of number {} not applied: {}", messagingLimitTier,
            PhoneNumbers.mask(phoneNumberId), e.getMessage());
        return;
      }
      updateMessagingLimit(portfolioOf.apply(phoneNumberId), limit);
    }
  }

  /** The messaging limit now applied to a portfolio. */
  public MessagingLimit messagingLimit(String portfolioId) {
    Portfolio p = portfolios.get(Objects.requireNonNull(portfolioId, "portfolioId"));
    return p == null ? config.messagingLimit() : p.limit;
  }

  /** The throughput now applied to a number. */
  public int throughput(String phoneNumberId) {
    NumberState n = numbers.get(phoneNumberId);
    return n == null ? config.throughputMps() : n.throughput.mps();
  }

  /** Sets a portfolio's messaging limit, for example from {@link MessagingLimit#parse}. */
  public void updateMessagingLimit(String portfolioId, MessagingLimit limit) {
    Objects.requireNonNull(limit, "limit");
    portfolio(Objects.requireNonNull(portfolioId, "portfolioId")).limit = limit;
    LOG.info("messaging limit of portfolio {} set to {}", portfolioId, limit);
  }

  /**
   * Sets the messaging limit of the portfolio that owns WhatsApp Business Account {@code wabaId} (mapped by
   * {@link Builder#portfolioOfWaba}), as a {@code business_capability_update} webhook reports it: every
   * number of that portfolio shares the new limit and the recipients already counted.
   * {@code io.github.whatsapphelpdesk.webhook.BusinessCapabilityUpdate#applyTo} calls this.
   */
  public void applyMessagingLimitOfWaba(String wabaId, MessagingLimit limit) {
    Objects.requireNonNull(wabaId, "wabaId");
    updateMessagingLimit(Objects.requireNonNull(portfolioOfWaba.apply(wabaId), "portfolioOfWaba returned null"),
        limit);
  }

  /** The portfolio a phone number's sends count against ({@link Builder#portfolioOf}). */
  public String portfolioOf(String phoneNumberId) {
    return portfolioOf.apply(Objects.requireNonNull(phoneNumberId, "phoneNumberId"));
  }

  /** Unique business-initiated recipients counted now in a portfolio's moving window. */
  public int messagingLimitUsage(String portfolioId) {
    Portfolio p = portfolios.get(portfolioId);
    return p == null ? 0 : p.window.count(time.currentTimeNanos());
  }

  /** The configuration this limiter was built with. */
  public LimiterConfig config() {
    return config;
  }

  /** Drops idle state now (also done every {@link LimiterConfig#cleanupInterval()}). */
  public void cleanUp() {
    long now = time.currentTimeNanos();
    store.removeExpired(Integer.MAX_VALUE);
    backoff.sweep(now);
  }

  /** Stops the limiter's own scheduler (a supplied one is left running). */
  @Override
  public void close() {
    closed = true;
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    if (ownedCompletions != null) {
      ownedCompletions.shutdown();
    }
    try {
      store.close();
    } catch (RuntimeException e) {
      LOG.warn("closing the limiter backend failed: {}", e.toString());
    }
  }

  /** Backoff strikes of the number or, with a recipient, of the pair (for tests and metrics). */
  int backoffStrikes(String phoneNumberId, String recipientKey) {
    NumberState n = numbers.get(phoneNumberId);
    if (n == null) {
      return 0;
    }
    String key = recipientKey == null ? n.numberKey : pairKey(n, recipientKey);
    return backoff.strikes(key, time.currentTimeNanos());
  }

  /** Keys currently holding backoff state (for tests and metrics). */
  int backoffKeys() {
    return backoff.size();
  }

  /** 0 when every permit was taken; > 0 number wait; < 0 recipient wait (nanos). */
  private long attempt(NumberState n, OutboundRequest request, long now) {
    long wait = backoff.waitNanos(n.numberKey, now);
    if (wait > 0) {
      return wait;
    }
    String wa = request.recipientKey();
    String pairKey = wa == null ? null : pairKey(n, wa);
    if (pairKey != null) {
      wait = backoff.waitNanos(pairKey, now);
      if (wait > 0) {
        return -wait;
      }
    }
    Portfolio counted = null;
    if (request.template() && wa != null) {
      Portfolio p = portfolio(portfolioOf.apply(n.phoneNumberId));
      MessagingLimit limit = p.limit;
      if (!limit.unlimited() && !windowOpen.test(n.phoneNumberId, wa)) {
        long r = p.window.admit(wa, now, limit.maxRecipients());
        if (r == RecipientWindow.NEWLY_COUNTED) {
          counted = p;
        } else if (r != RecipientWindow.ALREADY_COUNTED) {
          String portfolioId = portfolioOf.apply(n.phoneNumberId);
          LOG.warn("messaging limit {} of portfolio {} reached; refusing new recipient {}",
              limit, portfolioId, Masking.identifier(wa));
          listener.limiterRefused(LAYER_MESSAGING_LIMIT);
          throw new MessagingLimitExceededException(portfolioId, limit.maxRecipients(),
              config.messagingWindow(), ClockTimeMeter.toInstant(r));
        }
      }
    }
    // Hot path: a granted tryConsume answers the shared Consumption.CONSUMED (no allocation).
    if (pairKey != null) {
      Consumption c = store.tryConsume(pairKey, pairSpec, 1);
      if (!c.consumed()) {
        release(counted, wa);
        return -c.nanosToWait();
      }
    }
    String numberKey = n.numberKey;
    BucketSpec numberSpec = n.throughput.spec();
    Consumption c = store.tryConsume(numberKey, numberSpec, 1);
    if (!c.consumed()) {
      if (pairKey != null) {
        store.addTokens(pairKey, pairSpec, 1);
      }
      release(counted, wa);
      return c.nanosToWait();
    }
    wait = n.throughput.window().tryAcquire(now);
    if (wait > 0) {
      store.addTokens(numberKey, numberSpec, 1);
      if (pairKey != null) {
        store.addTokens(pairKey, pairSpec, 1);
      }
      release(counted, wa);
      return wait;
    }
    return 0;
  }

  private static void release(Portfolio counted, String wa) {
    if (counted != null) {
      counted.window.release(wa);
    }
  }

  private NumberState number(OutboundRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      throw new IllegalStateException("the outbound limiter is closed");
    }
    NumberState n = numbers.get(request.phoneNumberId());
    return n != null ? n : numbers.computeIfAbsent(request.phoneNumberId(), id -> new NumberState(id, config.throughputMps()));
  }

  private Portfolio portfolio(String id) {
    Portfolio p = portfolios.get(id);
    return p != null ? p : portfolios.computeIfAbsent(id,
        k -> new Portfolio(config.messagingLimit(), config.messagingWindow().toNanos()));
  }

  private static String pairKey(NumberState n, String recipientKey) {
    return n.pairPrefix.concat(recipientKey);
  }

  private static String describe(OutboundRequest r) {
    return "number " + PhoneNumbers.mask(r.phoneNumberId())
        + (r.recipientKey() == null ? "" : " -> " + Masking.identifier(r.recipientKey()));
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  private void scheduleCleanup() {
    scheduler.schedule(() -> {
      if (closed) {
        return;
      }
      try {
        cleanUp();
      } catch (RuntimeException e) {
        LOG.warn("outbound limiter cleanup failed", e);
      }
      scheduleCleanup();
    }, config.cleanupInterval().toNanos());
  }

  /** Builder of {@link DefaultOutboundLimiter}. */
  public static final class Builder {
    private LimiterConfig config = LimiterConfig.defaults();
    private Clock clock = Clock.systemUTC();
    private LimiterBackend backend = LimiterBackend.inMemory();
    private BiPredicate<String, String> windowOpen = (phoneNumberId, recipientKey) -> false;
    private Function<String, String> portfolioOf = phoneNumberId -> "default";
    private Function<String, String> portfolioOfWaba = wabaId -> "default";
    private ScheduledExecutorService executor;
    private TaskScheduler taskScheduler;
    private Executor completions;
    private SdkListener listener = SdkListener.NONE;

    private Builder() {}

    /**
     * Receives {@link SdkListener#limiterWaited} (a queued send granted, with its wait; a dispatch held
     * by the wire guard) and {@link SdkListener#limiterRefused} (a send that would exceed its timeout, timed
     * out in the queue, or was refused by the messaging limit). Called through {@link SdkListener#safe}.
     * Default {@link SdkListener#NONE}.
     */
    public Builder listener(SdkListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Limits and backoff settings (default {@link LimiterConfig#defaults()}). */
    public Builder config(LimiterConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The time source of every bucket, window and backoff (default the UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where buckets live (default {@link LimiterBackend#inMemory()}). */
    public Builder backend(LimiterBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /**
     * Whether the customer-service window of {@code (phoneNumberId, recipientKey)} is open, the key being
     * a {@link OutboundRequest#recipientKey()} (a wa_id or a BSUID: {@code CustomerId.parse(key)} turns it
     * into the session tracker's key). Templates sent into an open window do not count against the
     * messaging limit. Default: always closed, so every template counts.
     */
    public Builder serviceWindow(BiPredicate<String, String> windowOpen) {
      this.windowOpen = Objects.requireNonNull(windowOpen, "windowOpen");
      return this;
    }

    /**
     * Maps a phone number id to its business portfolio (default: one portfolio, {@code "default"}). The
     * messaging limit is set per business portfolio and shared by all its numbers since 2025-10-07 (Meta,
     * "Messaging limits"): numbers mapped to one portfolio share one limit and one recipient count.
     */
    public Builder portfolioOf(Function<String, String> portfolioOf) {
      this.portfolioOf = Objects.requireNonNull(portfolioOf, "portfolioOf");
      return this;
    }

    /**
     * Maps a WhatsApp Business Account id to its business portfolio, for limits reported by webhooks
     * ({@code business_capability_update} arrives on a WABA, see {@link #applyMessagingLimitOfWaba}).
     * Default: one portfolio, {@code "default"}. Map WABAs whenever you map numbers with {@link #portfolioOf}.
     */
    public Builder portfolioOfWaba(Function<String, String> portfolioOfWaba) {
      this.portfolioOfWaba = Objects.requireNonNull(portfolioOfWaba, "portfolioOfWaba");
      return this;
    }

    /** A scheduler to run drains and cleanup on (default: one daemon thread owned by the limiter). */
    public Builder scheduler(ScheduledExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Where futures of waiting {@link #acquireAsync(OutboundRequest, Duration)} calls complete. Default:
     * a pool owned by the limiter ({@code max(2, cores)} daemon threads that time out when idle, shut
     * down by {@link #close()}), never the common pool. Callbacks that block (an HTTP send) should hop
     * to their own executor ({@code thenRunAsync(task, senders)}) or pass one here.
     */
    public Builder callbackExecutor(Executor executor) {
      this.completions = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** A custom task scheduler (tests drive time with it). */
    Builder taskScheduler(TaskScheduler scheduler) {
      this.taskScheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Builds the limiter. */
    public DefaultOutboundLimiter build() {
      return new DefaultOutboundLimiter(this);
    }
  }
}
