package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.testkit.sandbox.BusinessNumber;
import io.github.whatsapphelpdesk.testkit.sandbox.ErrorChannel;
import io.github.whatsapphelpdesk.testkit.sandbox.LastStatus;
import io.github.whatsapphelpdesk.testkit.sandbox.SentMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's state and messaging rules: tokens, windows, rate limits, templates, media, sent
 * messages, injected failures. All state is guarded by this object's monitor.
 */
public final class SandboxEngine {
  /** The customer service window. */
  public static final Duration WINDOW = Duration.ofHours(24);

  private final Settings settings;
  private final Clock clock;
  private final Ids ids;
  private final Map<String, Instant> tokens;
  private final Map<String, BusinessNumber> numbers = new LinkedHashMap<>();
  private final TemplateStore templates;
  private final MediaStore media;
  private final RateLimiter limiter;
  private final WebhookDispatcher dispatcher;
  private final Map<String, Instant> lastInbound = new HashMap<>();
  private final Map<String, String> inboundIds = new LinkedHashMap<>();
  private final Map<String, String> knownWaIds = new HashMap<>();
  private final Deque<SentMessage> sent = new ArrayDeque<>();
  private final Deque<Integer> nextFailures = new ArrayDeque<>();
  private final Map<String, Integer> recipientFailures = new HashMap<>();
  private volatile LastStatus lastStatus;
  private volatile ErrorChannel windowChannel;
  private volatile ErrorChannel mediaChannel;
  private boolean subscribed = true;

  public SandboxEngine(Settings settings) {
    this.settings = settings;
    this.clock = settings.clock();
    this.ids = new Ids(settings.seed());
    this.tokens = new HashMap<>(settings.tokens());
    settings.numbers().forEach(n -> numbers.put(n.id(), n));
    this.templates = new TemplateStore(ids, settings.templates());
    this.media = new MediaStore(clock, ids);
    this.limiter = new RateLimiter(clock, settings.mps(), settings.pairInterval(), settings.pairBurst());
    this.dispatcher = new WebhookDispatcher(clock, ids, settings.wabaId(), settings.appSecret(),
        settings.webhookUrl(), settings.retrySchedule(), settings.recordLimit());
    this.lastStatus = settings.lastStatus();
    this.windowChannel = settings.windowClosedChannel();
    this.mediaChannel = settings.unsupportedMediaChannel();
  }

  public Settings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public Ids ids() {
    return ids;
  }

  public WebhookDispatcher dispatcher() {
    return dispatcher;
  }

  public synchronized TemplateStore templates() {
    return templates;
  }

  public synchronized MediaStore media() {
    return media;
  }

  public synchronized RateLimiter limiter() {
    return limiter;
  }

  public void setLastStatus(LastStatus s) {
    this.lastStatus = s;
  }

  public void setChannels(ErrorChannel window, ErrorChannel mediaType) {
    this.windowChannel = window;
    this.mediaChannel = mediaType;
  }

  /** The business number with this id, or null. */
  public synchronized BusinessNumber number(String id) {
    return numbers.get(id);
  }

  public synchronized List<BusinessNumber> numbers() {
    return List.copyOf(numbers.values());
  }

  // ---- tokens ----

  /** Throws 190 unless {@code token} is accepted and not expired on the sandbox clock. */
  public synchronized void authenticate(String token) {
    Instant expiry = token == null ? null : tokens.get(token);
    if (expiry == null) {
      throw new ApiFailure(190, null, ErrorCatalog.title(190), null);
    }
    Instant now = clock.instant();
    if (!now.isBefore(expiry)) {
      throw new ApiFailure(190, 463, "Error validating access token: Session has expired on "
          + expiry + ". The current time is " + now + ".", null);
    }
  }

  /** Adds or replaces an accepted token expiring at {@code expiresAt} ({@link Instant#MAX} = never). */
  public synchronized void putToken(String token, Instant expiresAt) {
    tokens.put(token, expiresAt);
  }

  /** Forgets a token: later requests with it get 190. */
  public synchronized void revokeToken(String token) {
    tokens.remove(token);
  }

  /** GET /debug_token?input_token=. */
  public synchronized Map<String, Object> debugToken(String inputToken) {
    if (inputToken == null) {
      throw ApiFailure.of(100, "The parameter input_token is required");
    }
    Instant expiry = tokens.get(inputToken);
    Map<String, Object> data = Json.obj("app_id", settings.appId(), "type", "SYSTEM_USER",
        "application", "Cloud API Sandbox");
    if (expiry == null) {
      data.put("is_valid", false);
      data.put("error", Json.obj("code", 190, "message", ErrorCatalog.title(190)));
      data.put("scopes", List.of());
      return Json.obj("data", data);
    }
    boolean valid = clock.instant().isBefore(expiry);
    data.put("expires_at", expiry.equals(Instant.MAX) ? 0L : expiry.getEpochSecond());
    data.put("is_valid", valid);
    List<String> scopes = List.of("business_management", "whatsapp_business_management",
        "whatsapp_business_messaging");
    data.put("scopes", scopes);
    data.put("granular_scopes", List.of(
        Json.obj("scope", "whatsapp_business_management", "target_ids", List.of(settings.wabaId())),
        Json.obj("scope", "whatsapp_business_messaging", "target_ids", List.of(settings.wabaId()))));
    return Json.obj("data", data);
  }

  // ---- webhook subscription ----

  /** Subscribes ({@code true}) or unsubscribes the sandbox's app from the WABA's webhooks. */
  public synchronized void setSubscribed(boolean subscribed) {
    this.subscribed = subscribed;
  }

  /** GET /{waba-id}/subscribed_apps: the sandbox's app while subscribed, else an empty list. */
  public synchronized Map<String, Object> subscribedApps() {
    if (!subscribed) {
      return Json.obj("data", List.of());
    }
    return Json.obj("data", List.of(Json.obj("whatsapp_business_api_data", Json.obj("id", settings.appId(),
        "name", "Cloud API Sandbox", "link", "https://www.facebook.com/games/?app_id=" + settings.appId()))));
  }

  // ---- sending ----

  /** POST /{pnid}/messages. Returns Meta's response object or throws {@link ApiFailure}. */
  public synchronized Map<String, Object> send(String phoneNumberId, byte[] rawBody) {
    BusinessNumber number = numbers.get(phoneNumberId);
    if (number == null) {
      throw ApiFailure.unknownObject("POST", phoneNumberId);
    }
    Map<String, Object> body = Json.parseObject(rawBody);
    if (!"whatsapp".equals(body.get("messaging_product"))) {
      throw ApiFailure.of(100, "The parameter messaging_product is required and must be whatsapp");
    }
    if ("read".equals(body.get("status"))) {
      return markRead(phoneNumberId, body);
    }
    String recipientType = Json.str(body, "recipient_type");
    if (recipientType != null && !recipientType.equals("individual")) {
      throw ApiFailure.of(131009, "recipient_type " + recipientType + " is not supported by the sandbox");
    }
    String to = Json.str(body, "to");
    if (to == null) {
      throw ApiFailure.of(131008, "The parameter to is required");
    }
    String waId;
    try {
      waId = PhoneNumbers.waId(to);
    } catch (ValidationException e) {
      throw ApiFailure.of(131009, "The parameter to (" + to + ") is not a valid phone number: "
          + String.join("; ", e.violations()));
    }
    waId = knownWaIds.getOrDefault(PhoneNumbers.canonicalWaId(waId), waId);
    String type = MessageValidator.validate(body);
    String category = "service";
    if (type.equals("template")) {
      category = TemplateValidator.validate(Json.map(body, "template"), templates).toLowerCase(java.util.Locale.ROOT);
    }
    ApiFailure asyncFailure = MessageValidator.mediaProblem(type, body, media);
    if (asyncFailure != null && mediaChannel == ErrorChannel.SYNC) {
      throw asyncFailure;
    }
    try {
      limiter.acquire(phoneNumberId, waId);
    } catch (ApiFailure f) {
      if (f.code() == 130429) {
        // Meta also reports throughput hits in a value-level errors webhook (reference section 7).
        dispatcher.enqueue(clock.instant(), WebhookPayloads.errors(number, f));
      }
      throw f;
    }
    if (asyncFailure == null && !type.equals("template") && !windowOpen(phoneNumberId, waId)) {
      ApiFailure closed = ApiFailure.of(131047, "Message failed to send because more than 24 hours have"
          + " passed since the customer last replied to this number.");
      if (windowChannel == ErrorChannel.SYNC) {
        throw closed;
      }
      asyncFailure = closed;
    }
    if (asyncFailure == null && type.equals("reaction") && !knownMessage(phoneNumberId,
        Json.str(Json.map(body, "reaction"), "message_id"))) {
      // Reference section 2: a reaction whose target Meta cannot find (or is over 30 days old) is accepted
      // and then fails with a 131009 status webhook.
      asyncFailure = ApiFailure.of(131009, "Parameter value is not valid: the message to react to ("
          + Json.str(Json.map(body, "reaction"), "message_id") + ") was not found in this chat.");
    }
    if (asyncFailure == null) {
      Integer injected = nextFailures.pollFirst();
      if (injected == null) {
        injected = recipientFailures.get(waId);
      }
      if (injected != null) {
        asyncFailure = ApiFailure.of(injected, "Injected failure " + injected);
      }
    }
    String wamid = ids.wamid(waId);
    Instant now = clock.instant();
    String opaque = Json.str(body, "biz_opaque_callback_data");
    record(new SentMessage(wamid, phoneNumberId, to, waId, type, new String(rawBody, StandardCharsets.UTF_8),
        now, asyncFailure == null ? 0 : asyncFailure.code()));
    if (asyncFailure != null) {
      dispatcher.enqueue(now, WebhookPayloads.status(number, wamid, "failed", now, waId, opaque, null,
          asyncFailure));
    } else {
      enqueueStatuses(number, wamid, waId, opaque, type.equals("reaction") ? LastStatus.SENT : lastStatus,
          category, now);
    }
    Map<String, Object> message = Json.obj("id", wamid);
    if (type.equals("template")) {
      message.put("message_status", "accepted");
    }
    return Json.obj("messaging_product", "whatsapp",
        "contacts", List.of(Json.obj("input", to, "wa_id", waId)), "messages", List.of(message));
  }

  private void enqueueStatuses(BusinessNumber number, String wamid, String waId, String opaque,
      LastStatus last, String category, Instant now) {
    dispatcher.enqueue(now, WebhookPayloads.status(number, wamid, "sent", now, waId, opaque, category, null));
    if (last.compareTo(LastStatus.DELIVERED) >= 0) {
      Instant at = now.plus(settings.deliveredAfter());
      dispatcher.enqueue(at, WebhookPayloads.status(number, wamid, "delivered", at, waId, opaque, category,
          null));
    }
    if (last == LastStatus.READ) {
      Instant at = now.plus(settings.readAfter());
      dispatcher.enqueue(at, WebhookPayloads.status(number, wamid, "read", at, waId, opaque, null, null));
    }
  }

  private Map<String, Object> markRead(String phoneNumberId, Map<String, Object> body) {
    String messageId = Json.str(body, "message_id");
    if (messageId == null) {
      throw ApiFailure.of(131008, "The parameter message_id is required");
    }
    if (!phoneNumberId.equals(inboundIds.get(messageId))) {
      throw ApiFailure.of(100, "message_id " + messageId + " is not a message received by this number");
    }
    Map<String, Object> typing = Json.map(body, "typing_indicator");
    if (body.containsKey("typing_indicator") && (typing == null || !"text".equals(typing.get("type")))) {
      throw ApiFailure.of(131009, "typing_indicator.type must be text");
    }
    return Json.obj("success", true);
  }

  private void record(SentMessage m) {
    if (sent.size() >= settings.recordLimit()) {
      sent.pollFirst();
    }
    sent.addLast(m);
  }

  /** Whether a wamid is an inbound message to this number or a message this number sent (recorded ones). */
  private boolean knownMessage(String phoneNumberId, String wamid) {
    if (wamid == null) {
      return false;
    }
    if (phoneNumberId.equals(inboundIds.get(wamid))) {
      return true;
    }
    for (SentMessage m : sent) {
      if (m.wamid().equals(wamid) && m.phoneNumberId().equals(phoneNumberId)) {
        return true;
      }
    }
    return false;
  }

  public synchronized List<SentMessage> sentMessages() {
    return List.copyOf(sent);
  }

  // ---- windows and inbound ----

  private static String windowKey(String phoneNumberId, String waId) {
    return phoneNumberId + '|' + PhoneNumbers.canonicalWaId(waId);
  }

  /** Whether the 24 h window of (number, customer) is open on the sandbox clock. */
  public synchronized boolean windowOpen(String phoneNumberId, String waId) {
    Instant last = lastInbound.get(windowKey(phoneNumberId, waId));
    return last != null && clock.instant().isBefore(last.plus(WINDOW));
  }

  /** Queues an inbound message webhook now; opens the window unless it is a system message. */
  public synchronized String inbound(String phoneNumberId, String waId, String profileName,
      Map<String, Object> message) {
    BusinessNumber number = numbers.get(phoneNumberId);
    if (number == null) {
      throw new IllegalArgumentException("unknown business phone number id " + phoneNumberId);
    }
    Instant now = clock.instant();
    String wamid = ids.wamid(waId);
    knownWaIds.put(PhoneNumbers.canonicalWaId(waId), waId);
    if (!"system".equals(message.get("type"))) {
      lastInbound.put(windowKey(phoneNumberId, waId), now);
    }
    if (inboundIds.size() >= settings.recordLimit()) {
      inboundIds.remove(inboundIds.keySet().iterator().next());
    }
    inboundIds.put(wamid, phoneNumberId);
    dispatcher.enqueue(now, WebhookPayloads.inbound(number, waId, profileName, wamid, now, message));
    return wamid;
  }

  // ---- failure injection ----

  public synchronized void failNext(int code) {
    nextFailures.addLast(code);
  }

  public synchronized void failAlwaysTo(String waId, int code) {
    recipientFailures.put(waId, code);
  }

  public synchronized void clearFailures() {
    nextFailures.clear();
    recipientFailures.clear();
  }
}
