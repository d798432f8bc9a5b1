package io.github.whatsapphelpdesk.testkit.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.testkit.sandbox.internal.CustomerIdentity;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.sandbox.internal.GraphRouter;
import io.github.whatsapphelpdesk.testkit.sandbox.internal.SandboxEngine;
import io.github.whatsapphelpdesk.testkit.sandbox.internal.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process HTTP server that behaves like the WhatsApp Cloud API (Graph API): sends with Meta's
 * validation and error bodies, media, templates, phone number fields, debug_token; simulated customers
 * whose messages arrive as signed webhooks; status webhooks with injectable failures, retries,
 * duplicates, batching and out-of-order delivery. Time is the configured {@link Clock}; webhooks go
 * out only when {@link #deliverPending()} or {@link #advance(Duration)} is called, so tests are
 * deterministic. Thread-safe. Start with {@link #builder()}; stop with {@link #close()}.
 *
 * <pre>{@code
 * try (CloudApiSandbox sandbox = CloudApiSandbox.builder().webhookUrl("http://localhost:8080/wh").start()) {
 *   String wamid = sandbox.customer("+4915112345678").sendText("hi");
 *   sandbox.deliverPending();              // POSTs the signed inbound webhook
 *   // point a client at sandbox.baseUrl() with sandbox.accessToken() ...
 * }
 * }</pre>
 */
public final class CloudApiSandbox implements AutoCloseable {
  private final SandboxEngine engine;
  private final GraphRouter router;
  private final HttpServer server;
  private final ExecutorService executor;
  private final String host;
  private final String apiVersion;
  private final String accessToken;

  CloudApiSandbox(Settings settings, String host, String apiVersion, String accessToken, int batchSize,
      double duplicateProbability, boolean outOfOrder) {
    this.engine = new SandboxEngine(settings);
    this.host = host;
    this.apiVersion = apiVersion;
    this.accessToken = accessToken;
    engine.dispatcher().setBatchSize(batchSize);
    engine.dispatcher().setDuplicateProbability(duplicateProbability);
    engine.dispatcher().setOutOfOrder(outOfOrder);
    try {
      this.server = HttpServer.create(new InetSocketAddress(host, settings.port()), 64);
    } catch (IOException e) {
      engine.dispatcher().close();
      throw new UncheckedIOException("cannot bind the sandbox to " + host + ":" + settings.port(), e);
    }
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "cloud-api-sandbox-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.router = new GraphRouter(engine, this::baseUrl);
    server.createContext("/", router);
    server.setExecutor(executor);
    server.start();
  }

  /** A builder with defaults for everything. */
  public static CloudApiSandboxBuilder builder() {
    return new CloudApiSandboxBuilder();
  }

  // ---- connection facts ----

  /** {@code http://host:port} (no version, no trailing slash): the Graph base URL to give a client. */
  public String baseUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port();
  }

  /** {@code baseUrl() + "/" + apiVersion()}. */
  public String graphUrl() {
    return baseUrl() + "/" + apiVersion;
  }

  /** The configured Graph version, e.g. {@code v23.0} (every version path is accepted). */
  public String apiVersion() {
    return apiVersion;
  }

  /** The bound TCP port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The first accepted access token. */
  public String accessToken() {
    return accessToken;
  }

  /** The app secret webhooks are signed with. */
  public String appSecret() {
    return engine.settings().appSecret();
  }

  /** The app id debug_token reports. */
  public String appId() {
    return engine.settings().appId();
  }

  /** The first business number's id. */
  public String phoneNumberId() {
    return engine.settings().numbers().get(0).id();
  }

  /** The first business number's display number (digits). */
  public String displayPhoneNumber() {
    return engine.settings().numbers().get(0).displayPhoneNumber();
  }

  /** All business numbers. */
  public List<BusinessNumber> phoneNumbers() {
    return engine.numbers();
  }

  /** The WABA id. */
  public String wabaId() {
    return engine.settings().wabaId();
  }

  /** The sandbox clock. */
  public Clock clock() {
    return engine.clock();
  }

  // ---- customers and time ----

  /** A simulated customer writing to the first business number; {@code phone} in E.164 or wa_id form. */
  public SimulatedCustomer customer(String phone) {
    return customer(phone, "Customer " + PhoneNumbers.waId(phone).substring(PhoneNumbers.waId(phone).length() - 4));
  }

  /** A simulated customer with a WhatsApp profile name. */
  public SimulatedCustomer customer(String phone, String profileName) {
    return new SimulatedCustomer(engine, engine.identityOfPhone(PhoneNumbers.waId(phone)),
        Objects.requireNonNull(profileName), phoneNumberId(), null);
  }

  /**
   * A customer with a username whose phone number Meta withholds: webhooks carry only their BSUID
   * ({@code user_id}, {@code from_user_id}) and username, never {@code wa_id} / {@code from}; the business
   * can reply only with {@code recipient} (the BSUID).
   */
  public SimulatedCustomer usernameCustomer(String username, String profileName) {
    String u = Objects.requireNonNull(username, "username");
    CustomerIdentity who = new CustomerIdentity(engine.bsuidForUsername(u), null, u, false);
    engine.register(who);
    return new SimulatedCustomer(engine, who, Objects.requireNonNull(profileName), phoneNumberId(), null);
  }

  /**
   * A customer with a username and a phone number; {@code phoneShared} says whether Meta shares the number
   * in webhooks (its phone-number rules, for example a recent interaction).
   */
  public SimulatedCustomer usernameCustomer(String phone, String username, boolean phoneShared,
      String profileName) {
    String waId = PhoneNumbers.waId(phone);
    CustomerIdentity known = engine.identityOfPhone(waId);
    CustomerIdentity who = new CustomerIdentity(known.bsuid(), waId, Objects.requireNonNull(username), phoneShared);
    engine.register(who);
    return new SimulatedCustomer(engine, who, Objects.requireNonNull(profileName), phoneNumberId(), null);
  }

  /** Whether the customer's 24 h service window with the first business number is open now. */
  public boolean windowOpen(SimulatedCustomer customer) {
    return engine.windowOpen(phoneNumberId(), customer.bsuid());
  }

  /** Whether the customer's 24 h service window with the first business number is open now. */
  public boolean windowOpen(String customerPhone) {
    return engine.windowOpen(phoneNumberId(), PhoneNumbers.waId(customerPhone));
  }

  /** POSTs every webhook due on the sandbox clock (each at most once); returns the POSTs attempted. */
  public int deliverPending() {
    return engine.dispatcher().deliverPending();
  }

  /**
   * Moves the {@link MutableClock} forward by {@code duration}, stopping at every instant a webhook
   * or retry becomes due to deliver it, so retry schedules play out as in real time. Returns the
   * POSTs attempted.
   *
   * @throws IllegalStateException when the sandbox clock is not a {@link MutableClock}
   */
  public int advance(Duration duration) {
    if (!(engine.clock() instanceof MutableClock clock)) {
      throw new IllegalStateException("advance() needs a MutableClock; configure one with builder().clock()");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative");
    }
    Instant target = clock.instant().plus(duration);
    int posts = deliverPending();
    Instant next = engine.dispatcher().nextDue();
    int guard = 0;
    while (next != null && !next.isAfter(target) && guard++ < 1_000_000) {
      if (next.isAfter(clock.instant())) {
        clock.set(next);
      }
      int n = deliverPending();
      posts += n;
      Instant after = engine.dispatcher().nextDue();
      if (n == 0 && Objects.equals(after, next)) {
        break;
      }
      next = after;
    }
    clock.set(target);
    return posts + deliverPending();
  }

  /** Webhook items and retries waiting to be delivered. */
  public int pendingWebhooks() {
    return engine.dispatcher().pendingCount();
  }

  /**
   * Webhook items dropped because the queue of undelivered webhooks was full (oldest first; each drop is
   * also logged as a warning). Deliveries given up after the retry schedule are recorded instead, as
   * {@link WebhookDelivery#dropped()}.
   */
  public long droppedWebhooks() {
    return engine.dispatcher().droppedForOverflow();
  }

  // ---- runtime controls ----

  /**
   * Bounds the queue of undelivered webhook items (default 100,000); when it is full the oldest item is
   * dropped, counted in {@link #droppedWebhooks()} and logged.
   */
  public void setWebhookQueueCapacity(int capacity) {
    engine.dispatcher().setQueueCapacity(capacity);
  }

  /** The next accepted outbound message fails asynchronously with {@code code} (queued, one per call). */
  public void failNext(int code) {
    engine.failNext(code);
  }

  /** Every accepted outbound message to {@code customerPhone} fails with {@code code} until cleared. */
  public void failAllTo(String customerPhone, int code) {
    engine.failAlwaysTo(PhoneNumbers.waId(customerPhone), code);
  }

  /**
   * The next {@code n} accepted sends are processed as usual (the message is recorded, its status webhooks
   * follow with the send's {@code biz_opaque_callback_data}) but answered with a proxy's {@code 504} HTML
   * page instead of the JSON answer: the lost answer of a fault run, whose outcome the client cannot know.
   * {@link #clearFailures()} resets it.
   */
  public void loseNextAnswers(int n) {
    engine.loseNextAnswers(n);
  }

  /** Clears injected failures. */
  public void clearFailures() {
    engine.clearFailures();
  }

  /** Changes the webhook target (null: record without POSTing). */
  public void setWebhookUrl(String url) {
    engine.dispatcher().setTargetUrl(url);
  }

  /** Changes the retry schedule for later failures. */
  public void setRetrySchedule(List<Duration> schedule) {
    engine.dispatcher().setRetrySchedule(schedule);
  }

  /** Webhook items per POST (1..1000). */
  public void setBatchSize(int size) {
    engine.dispatcher().setBatchSize(size);
  }

  /** Probability (seeded) that a POST is delivered twice. */
  public void setDuplicateProbability(double probability) {
    engine.dispatcher().setDuplicateProbability(probability);
  }

  /** Deliver items due in one round in reverse order. */
  public void setOutOfOrderStatuses(boolean outOfOrder) {
    engine.dispatcher().setOutOfOrder(outOfOrder);
  }

  /** How far status webhooks go for messages accepted from now on. */
  public void setLastStatus(LastStatus lastStatus) {
    engine.setLastStatus(Objects.requireNonNull(lastStatus));
  }

  /** Channels for 131047 and 131053 from now on. */
  public void setErrorChannels(ErrorChannel windowClosed, ErrorChannel unsupportedMedia) {
    engine.setChannels(Objects.requireNonNull(windowClosed), Objects.requireNonNull(unsupportedMedia));
  }

  /**
   * Meta raised or lowered the business portfolio's messaging limit: queues a {@code
   * business_capability_update} webhook with the integer {@code max_daily_conversations_per_business}
   * (250, 2000, 10000, 100000, or -1 for unlimited) and {@code max_phone_numbers_per_business}.
   */
  public void reportMessagingLimit(long maxDailyConversationsPerBusiness, long maxPhoneNumbersPerBusiness) {
    engine.capabilityUpdate(maxDailyConversationsPerBusiness, maxPhoneNumbersPerBusiness);
  }

  /**
   * Whether the sandbox's app is subscribed to the WABA's webhooks (default {@code true}). While
   * unsubscribed, {@code GET /{waba-id}/subscribed_apps} answers {@code {"data":[]}}; a
   * {@code POST /{waba-id}/subscribed_apps} subscribes again and a {@code DELETE} unsubscribes, as on
   * the Graph API. Only what the endpoint reports changes: webhooks are still delivered.
   */
  public void setSubscribed(boolean subscribed) {
    engine.setSubscribed(subscribed);
  }

  /** Adds or replaces (same name and language) a template. */
  public void putTemplate(SandboxTemplate template) {
    synchronized (engine) {
      engine.templates().put(template);
    }
  }

  /** Sets a template's status, e.g. PAUSED, DISABLED, APPROVED. */
  public void setTemplateStatus(String name, String language, String status) {
    synchronized (engine) {
      SandboxTemplate t = engine.templates().all().stream()
          .filter(x -> x.name().equals(name) && x.language().equals(language)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no template " + name + "/" + language));
      engine.templates().put(t.withStatus(status));
    }
  }

  /** A snapshot of all templates. */
  public List<SandboxTemplate> templates() {
    synchronized (engine) {
      return engine.templates().all();
    }
  }

  /** Accepts another token, expiring at {@code expiresAt} ({@link Instant#MAX}: never). */
  public void addAccessToken(String token, Instant expiresAt) {
    engine.putToken(Objects.requireNonNull(token), Objects.requireNonNull(expiresAt));
  }

  /** Stops accepting a token (later requests get 190). */
  public void revokeAccessToken(String token) {
    engine.revokeToken(token);
  }

  /** Changes the throughput and pair-rate limits. */
  public void setLimits(int mps, Duration pairInterval, int pairBurst) {
    synchronized (engine) {
      engine.limiter().configure(mps, pairInterval, pairBurst);
    }
  }

  // ---- recordings ----

  /** Every request received, oldest first (tokens masked). */
  public List<SandboxRequest> requests() {
    return router.recorded();
  }

  /** Every webhook POST attempt, oldest first. */
  public List<WebhookDelivery> webhooks() {
    return engine.dispatcher().recorded();
  }

  /** Every accepted outbound message, oldest first. */
  public List<SentMessage> sentMessages() {
    return engine.sentMessages();
  }

  /** Forgets recorded requests and webhook attempts (not sent messages or state). */
  public void clearRecordings() {
    router.clearRecorded();
    engine.dispatcher().clearRecorded();
  }

  /** Stops the server and the webhook client. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    engine.dispatcher().close();
  }
}
