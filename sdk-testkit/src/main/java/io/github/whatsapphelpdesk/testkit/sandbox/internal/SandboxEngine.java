package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import io.github.whatsapphelpdesk.customer.Identifiers;
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
  /** Last inbound from a Click-to-WhatsApp ad or Page CTA (with a referral), per number and customer. */
  private final Map<String, Instant> lastAdInbound = new HashMap<>();
  /** End of an open free entry point window, per number and customer. */
  private final Map<String, Instant> freeEntryPointUntil = new HashMap<>();
  private final Map<String, String> inboundIds = new LinkedHashMap<>();
  private final Map<String, String> knownWaIds = new HashMap<>();
  /** Simulated users by BSUID, and the BSUID of each known number (canonical wa_id). */
  private final Map<String, CustomerIdentity> byBsuid = new HashMap<>();
  private final Map<String, String> bsuidByWaId = new HashMap<>();
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
    // Meta: 'recipient' (a BSUID or parent BSUID) may replace 'to'; if both are given, 'to' wins
    // ("Business-scoped user IDs", sending messages).
    String to = Json.str(body, "to");
    String recipient = Json.str(body, "recipient");
    if (to == null && recipient == null) {
      throw ApiFailure.of(131008, "The parameter to is required");
    }
    String waId = null;
    CustomerIdentity who;
    boolean sentToPhone = to != null;
    if (to != null) {
      waId = MetaNumbers.digits(to);
      waId = knownWaIds.getOrDefault(MetaNumbers.account(waId), waId);
      who = identityOfPhone(waId);
    } else {
      who = byBsuid.get(recipient);
      if (who == null) {
        throw ApiFailure.of(131009, "Parameter value is not valid: recipient " + recipient
            + " is not a business-scoped user id of this business");
      }
      waId = who.waId();
    }
    String key = who.bsuid();
    String type = MessageValidator.validate(body);
    String category = "service";
    if (type.equals("template")) {
      category = TemplateValidator.validate(Json.map(body, "template"), templates).toLowerCase(java.util.Locale.ROOT);
      if (category.equals("authentication") && !sentToPhone) {
        // Authentication templates need a phone number: Graph error 131062 for a BSUID recipient (as
        // public Cloud API integrations document it, e.g. chatwoot/chatwoot and 360dialog nodes).
        throw ApiFailure.of(131062, "Business-scoped user ID (BSUID) recipients are not supported for"
            + " authentication templates; send to the user's phone number.");
      }
    }
    ApiFailure asyncFailure = MessageValidator.mediaProblem(type, body, media);
    if (asyncFailure != null && mediaChannel == ErrorChannel.SYNC) {
      throw asyncFailure;
    }
    try {
      limiter.acquire(phoneNumberId, key);
    } catch (ApiFailure f) {
      if (f.code() == 130429) {
        // Meta also reports throughput hits in a value-level errors webhook (reference section 7).
        dispatcher.enqueue(clock.instant(), WebhookPayloads.errors(number, f));
      }
      throw f;
    }
    if (asyncFailure == null && !type.equals("template") && !windowOpen(phoneNumberId, key)) {
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
        injected = waId == null ? null : recipientFailures.get(waId);
        if (injected == null) {
          injected = recipientFailures.get(key);
        }
      }
      if (injected != null) {
        asyncFailure = ApiFailure.of(injected, "Injected failure " + injected);
      }
    }
    String wamid = ids.wamid(waId != null ? waId : key);
    Instant now = clock.instant();
    String opaque = Json.str(body, "biz_opaque_callback_data");
    record(new SentMessage(wamid, phoneNumberId, to != null ? to : recipient, waId, type, new String(rawBody, StandardCharsets.UTF_8),
        now, asyncFailure == null ? 0 : asyncFailure.code()));
    if (asyncFailure != null) {
      dispatcher.enqueue(now, WebhookPayloads.status(number, wamid, "failed", now, who, sentToPhone, opaque, null,
          asyncFailure));
    } else {
      enqueueStatuses(number, wamid, who, sentToPhone, opaque, type.equals("reaction") ? LastStatus.SENT : lastStatus,
          category, pricingType(phoneNumberId, key, category, now), now);
    }
    Map<String, Object> message = Json.obj("id", wamid);
    if (type.equals("template")) {
      message.put("message_status", "accepted");
    }
    return Json.obj("messaging_product", "whatsapp",
        "contacts", List.of(Json.obj("input", to != null ? to : recipient, "wa_id", sentToPhone ? waId : who.sharedWaId(),
            "user_id", who.bsuid())), "messages", List.of(message));
  }

  /**
   * Meta's pricing type ("Pricing", Mar 2026): a reply within 24 h of a user's message from a Click-to-WhatsApp
   * ad or Page CTA opens a 72 h free entry point window in which everything is free ({@code
   * free_entry_point}); otherwise service messages, and utility templates inside an open customer service
   * window, are {@code free_customer_service}; the rest is {@code regular}.
   */
  private String pricingType(String phoneNumberId, String key, String category, Instant now) {
    String k = phoneNumberId + '|' + key;
    Instant until = freeEntryPointUntil.get(k);
    if (until == null || !now.isBefore(until)) {
      Instant ad = lastAdInbound.get(k);
      if (ad != null && now.isBefore(ad.plus(java.time.Duration.ofHours(24)))) {
        until = now.plus(java.time.Duration.ofHours(72));
        freeEntryPointUntil.put(k, until);
        lastAdInbound.remove(k);
      }
    }
    if (until != null && now.isBefore(until)) {
      return "free_entry_point";
    }
    if (category.equals("service") || category.equals("utility") && windowOpen(phoneNumberId, key)) {
      return "free_customer_service";
    }
    return "regular";
  }

  private void enqueueStatuses(BusinessNumber number, String wamid, CustomerIdentity who, boolean toPhone,
      String opaque, LastStatus last, String category, String pricingType, Instant now) {
    dispatcher.enqueue(now, WebhookPayloads.status(number, wamid, "sent", now, who, toPhone, opaque, category,
        pricingType, null));
    if (last.compareTo(LastStatus.DELIVERED) >= 0) {
      Instant at = now.plus(settings.deliveredAfter());
      dispatcher.enqueue(at, WebhookPayloads.status(number, wamid, "delivered", at, who, toPhone, opaque,
          category, pricingType, null));
    }
    if (last == LastStatus.READ) {
      Instant at = now.plus(settings.readAfter());
      dispatcher.enqueue(at, WebhookPayloads.status(number, wamid, "read", at, who, toPhone, opaque, null,
          null));
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

  /** The window key of a customer: their BSUID (a phone number is resolved to its user's BSUID). */
  private String windowKey(String phoneNumberId, String customer) {
    String key = Identifiers.isBsuid(customer) ? customer : identityOfPhone(customer).bsuid();
    return phoneNumberId + '|' + key;
  }

  /** Whether the 24 h window of (number, customer) is open on the sandbox clock; by phone number or BSUID. */
  public synchronized boolean windowOpen(String phoneNumberId, String customer) {
    Instant last = lastInbound.get(windowKey(phoneNumberId, customer));
    return last != null && clock.instant().isBefore(last.plus(WINDOW));
  }

  /** The user with this number, registered (with a deterministic BSUID, number shared) when first seen. */
  public synchronized CustomerIdentity identityOfPhone(String waId) {
    String canonical = MetaNumbers.account(waId);
    String bsuid = bsuidByWaId.get(canonical);
    if (bsuid != null) {
      return byBsuid.get(bsuid);
    }
    CustomerIdentity who = new CustomerIdentity(ids.bsuid(countryOf(canonical), "phone:" + canonical), waId, null,
        true);
    register(who);
    return who;
  }

  /** Registers (or replaces) a simulated user. */
  public synchronized void register(CustomerIdentity who) {
    byBsuid.put(who.bsuid(), who);
    if (who.waId() != null) {
      bsuidByWaId.put(MetaNumbers.account(who.waId()), who.bsuid());
      knownWaIds.put(MetaNumbers.account(who.waId()), who.waId());
    }
  }

  /** The user with this BSUID, or null. */
  public synchronized CustomerIdentity identity(String bsuid) {
    return byBsuid.get(bsuid);
  }

  /** A deterministic BSUID for a username-only user. */
  public String bsuidForUsername(String username) {
    return ids.bsuid("US", "username:" + username);
  }

  /**
   * The user changes phone number: they get a new BSUID (Meta: a number change regenerates the BSUID).
   * Queues the {@code system} message Meta documents ({@code user_changed_number} with {@code wa_id},
   * {@code user_id} and {@code previous_user_id}; no contacts; the window is not touched) and a {@code
   * user_id_update} webhook, then uses the new identity. Returns the new identity.
   */
  public synchronized CustomerIdentity changePhoneNumber(String phoneNumberId, CustomerIdentity before,
      String newWaId, String profileName) {
    BusinessNumber number = numbers.get(phoneNumberId);
    if (number == null) {
      throw new IllegalArgumentException("unknown business phone number id " + phoneNumberId);
    }
    String canonical = MetaNumbers.account(newWaId);
    CustomerIdentity after = new CustomerIdentity(ids.bsuid(countryOf(canonical), "phone:" + canonical
        + "|from:" + before.bsuid()), newWaId, before.username(), before.phoneShared());
    byBsuid.remove(before.bsuid());
    if (before.waId() != null) {
      bsuidByWaId.remove(MetaNumbers.account(before.waId()));
    }
    register(after);
    Instant now = clock.instant();
    Map<String, Object> system = Json.obj("body", "User " + profileName + " changed from "
        + (before.sharedWaId() != null ? before.sharedWaId() : before.bsuid()) + " to "
        + (after.sharedWaId() != null ? after.sharedWaId() : after.bsuid()),
        "wa_id", after.sharedWaId(), "user_id", after.bsuid(), "previous_user_id", before.bsuid(),
        "type", after.sharedWaId() != null ? "user_changed_number" : "user_changed_user_id");
    String wamid = ids.wamid(before.waId() != null ? before.waId() : before.bsuid());
    inboundIds.put(wamid, phoneNumberId);
    dispatcher.enqueue(now, WebhookPayloads.inbound(number, before, profileName, wamid, now,
        Json.obj("type", "system", "system", system)));
    dispatcher.enqueue(now, "user_id_update", WebhookPayloads.userIdUpdate(number, before, after, profileName, now));
    return after;
  }

  private static String countryOf(String canonicalWaId) {
    if (canonicalWaId.startsWith("1")) {
      return "US";
    }
    String[][] table = {{"44", "GB"}, {"49", "DE"}, {"55", "BR"}, {"52", "MX"}, {"91", "IN"}, {"33", "FR"},
        {"34", "ES"}, {"39", "IT"}, {"31", "NL"}, {"27", "ZA"}, {"62", "ID"}, {"81", "JP"}};
    for (String[] row : table) {
      if (canonicalWaId.startsWith(row[0])) {
        return row[1];
      }
    }
    return "US";
  }

  /** Queues an inbound message webhook now from a phone user; opens the window unless it is a system message. */
  public synchronized String inbound(String phoneNumberId, String waId, String profileName,
      Map<String, Object> message) {
    return inbound(phoneNumberId, identityOfPhone(waId), profileName, message);
  }

  /** Queues an inbound message webhook now; opens the window unless it is a system message. */
  public synchronized String inbound(String phoneNumberId, CustomerIdentity who, String profileName,
      Map<String, Object> message) {
    BusinessNumber number = numbers.get(phoneNumberId);
    if (number == null) {
      throw new IllegalArgumentException("unknown business phone number id " + phoneNumberId);
    }
    register(who);
    Instant now = clock.instant();
    String wamid = ids.wamid(who.waId() != null ? who.waId() : who.bsuid());
    if (!"system".equals(message.get("type"))) {
      lastInbound.put(phoneNumberId + '|' + who.bsuid(), now);
    }
    if (message.get("referral") != null) {
      lastAdInbound.put(phoneNumberId + '|' + who.bsuid(), now);
    }
    if (inboundIds.size() >= settings.recordLimit()) {
      inboundIds.remove(inboundIds.keySet().iterator().next());
    }
    inboundIds.put(wamid, phoneNumberId);
    dispatcher.enqueue(now, WebhookPayloads.inbound(number, who, profileName, wamid, now, message));
    return wamid;
  }

  /**
   * Queues a user-initiated call: a {@code calls} webhook with the {@code connect} event (and the caller's
   * contact), then {@code terminate} after {@code duration} with status COMPLETED. The call opens the
   * customer service window like a message (Meta, "Send messages": "When a WhatsApp user messages you or
   * calls you, a 24-hour customer service window starts"; payloads per "User-initiated calls"). Returns the
   * call id.
   */
  public synchronized String userCall(String phoneNumberId, CustomerIdentity who, String profileName,
      java.time.Duration duration) {
    BusinessNumber number = numbers.get(phoneNumberId);
    if (number == null) {
      throw new IllegalArgumentException("unknown business phone number id " + phoneNumberId);
    }
    register(who);
    Instant now = clock.instant();
    lastInbound.put(phoneNumberId + '|' + who.bsuid(), now);
    String callId = "wacid." + ids.wamid(who.waId() != null ? who.waId() : who.bsuid()).substring("wamid.".length());
    Map<String, Object> connect = WebhookPayloads.base(number);
    connect.put("contacts", List.of(Json.obj("profile", Json.obj("name", profileName, "username", who.username()),
        "wa_id", who.sharedWaId(), "user_id", who.bsuid())));
    connect.put("calls", List.of(Json.obj("id", callId, "from", who.sharedWaId(), "from_user_id", who.bsuid(),
        "to", number.displayPhoneNumber(), "event", "connect", "timestamp", WebhookPayloads.epoch(now),
        "direction", "USER_INITIATED", "session", Json.obj("sdp_type", "offer", "sdp", "v=0"))));
    dispatcher.enqueue(now, "calls", connect);
    Instant end = now.plus(duration);
    Map<String, Object> terminate = WebhookPayloads.base(number);
    terminate.put("calls", List.of(Json.obj("id", callId, "from", who.sharedWaId(), "from_user_id", who.bsuid(),
        "to", number.displayPhoneNumber(), "event", "terminate", "timestamp", WebhookPayloads.epoch(end),
        "direction", "USER_INITIATED", "status", "COMPLETED", "start_time", WebhookPayloads.epoch(now),
        "end_time", WebhookPayloads.epoch(end), "duration", duration.toSeconds())));
    dispatcher.enqueue(end, "calls", terminate);
    return callId;
  }

  /**
   * Queues a {@code user_preferences} webhook: the customer stopped or resumed marketing messages (Meta,
   * {@code user_preferences} webhook: {@code wa_id}, {@code user_id}, {@code category: marketing_messages},
   * {@code value: stop|resume}, {@code detail}, {@code timestamp}).
   */
  public synchronized void userPreference(String phoneNumberId, CustomerIdentity who, String profileName,
      boolean stop) {
    BusinessNumber number = numbers.get(phoneNumberId);
    if (number == null) {
      throw new IllegalArgumentException("unknown business phone number id " + phoneNumberId);
    }
    register(who);
    Instant now = clock.instant();
    Map<String, Object> value = WebhookPayloads.base(number);
    value.put("contacts", List.of(Json.obj("profile", Json.obj("name", profileName), "wa_id", who.sharedWaId(),
        "user_id", who.bsuid())));
    value.put("user_preferences", List.of(Json.obj("wa_id", who.sharedWaId(), "user_id", who.bsuid(),
        "detail", stop ? "User requested to stop marketing messages" : "User requested to resume marketing messages",
        "category", "marketing_messages", "value", stop ? "stop" : "resume", "timestamp", WebhookPayloads.epoch(now))));
    dispatcher.enqueue(now, "user_preferences", value);
  }

  /**
   * Queues a {@code business_capability_update} webhook for the WABA: integers as Meta sends them, the
   * portfolio limit being 250, 2000, 10000, 100000 or -1 for unlimited (Meta, "business_capability_update
   * webhook reference", updated 2026-05-21).
   */
  public synchronized void capabilityUpdate(long maxDailyConversationsPerBusiness, long maxPhoneNumbersPerBusiness) {
    Map<String, Object> value = Json.obj("max_daily_conversations_per_business", maxDailyConversationsPerBusiness,
        "max_phone_numbers_per_business", maxPhoneNumbersPerBusiness);
    dispatcher.enqueue(clock.instant(), "business_capability_update", value);
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
    answersToLose = 0;
  }

  private int answersToLose;

  /** The next {@code n} accepted sends are processed but their answers are lost (see the router). */
  public synchronized void loseNextAnswers(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0");
    }
    answersToLose = n;
  }

  /** Whether the answer of the send just accepted is to be lost; counts it down. */
  public synchronized boolean takeLostAnswer() {
    if (answersToLose == 0) {
      return false;
    }
    answersToLose--;
    return true;
  }
}
