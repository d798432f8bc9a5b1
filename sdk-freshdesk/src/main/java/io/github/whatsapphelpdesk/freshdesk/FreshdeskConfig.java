package io.github.whatsapphelpdesk.freshdesk;

import io.github.whatsapphelpdesk.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable, thread-safe settings of a {@link FreshdeskAdapter}. Build with {@link #builder()}; the
 * API key, the domain (or base URL) and at least one webhook secret are required.
 */
public final class FreshdeskConfig {

  /** Freshdesk's limit on the total size of a ticket's attachments: 20 MB. */
  public static final long DEFAULT_TICKET_ATTACHMENT_LIMIT = 20L * 1024 * 1024;
  /** The default header carrying the webhook secret token. */
  public static final String DEFAULT_TOKEN_HEADER = "X-Webhook-Token";
  /** The default query parameter carrying the webhook secret token. */
  public static final String DEFAULT_TOKEN_QUERY_PARAM = "token";

  private final String baseUrl;
  private final String apiKey;
  private final Long integrationAgentId;
  private final FreshdeskSource source;
  private final FreshdeskPriority priority;
  private final List<String> tags;
  private final String conversationKeyField;
  private final String deliveryStatusField;
  private final TerminalPolicy terminalPolicy;
  private final Set<Integer> pendingStatusCodes;
  private final FreshdeskRateLimits rateLimits;
  private final int maxRateLimitRetries;
  private final Duration maxRateLimitWait;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final List<String> webhookTokens;
  private final String webhookTokenHeader;
  private final String webhookTokenQueryParam;
  private final String webhookUsername;
  private final String webhookPassword;
  private final long ticketAttachmentLimitBytes;
  private final int memorySize;
  private final Duration ticketLookupWindow;
  private final Duration replyCatchUpWindow;
  private final Clock clock;
  private final Sleeper sleeper;

  private FreshdeskConfig(Builder b) {
    this.baseUrl = b.baseUrl;
    this.apiKey = b.apiKey;
    this.integrationAgentId = b.integrationAgentId;
    this.source = b.source;
    this.priority = b.priority;
    this.tags = List.copyOf(b.tags);
    this.conversationKeyField = b.conversationKeyField;
    this.deliveryStatusField = b.deliveryStatusField;
    this.terminalPolicy = b.terminalPolicy;
    this.pendingStatusCodes = Set.copyOf(b.pendingStatusCodes);
    this.rateLimits = b.rateLimits;
    this.maxRateLimitRetries = b.maxRateLimitRetries;
    this.maxRateLimitWait = b.maxRateLimitWait;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.callTimeout = b.callTimeout;
    this.webhookTokens = List.copyOf(b.webhookTokens);
    this.webhookTokenHeader = b.webhookTokenHeader;
    this.webhookTokenQueryParam = b.webhookTokenQueryParam;
    this.webhookUsername = b.webhookUsername;
    this.webhookPassword = b.webhookPassword;
    this.ticketAttachmentLimitBytes = b.ticketAttachmentLimitBytes;
    this.memorySize = b.memorySize;
    this.ticketLookupWindow = b.ticketLookupWindow;
    this.replyCatchUpWindow = b.replyCatchUpWindow;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
  }

  /** A new builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.baseUrl = baseUrl;
    b.apiKey = apiKey;
    b.integrationAgentId = integrationAgentId;
    b.source = source;
    b.priority = priority;
    b.tags = new ArrayList<>(tags);
    b.conversationKeyField = conversationKeyField;
    b.deliveryStatusField = deliveryStatusField;
    b.terminalPolicy = terminalPolicy;
    b.pendingStatusCodes = new LinkedHashSet<>(pendingStatusCodes);
    b.rateLimits = rateLimits;
    b.maxRateLimitRetries = maxRateLimitRetries;
    b.maxRateLimitWait = maxRateLimitWait;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.callTimeout = callTimeout;
    b.webhookTokens = new ArrayList<>(webhookTokens);
    b.webhookTokenHeader = webhookTokenHeader;
    b.webhookTokenQueryParam = webhookTokenQueryParam;
    b.webhookUsername = webhookUsername;
    b.webhookPassword = webhookPassword;
    b.ticketAttachmentLimitBytes = ticketAttachmentLimitBytes;
    b.memorySize = memorySize;
    b.ticketLookupWindow = ticketLookupWindow;
    b.replyCatchUpWindow = replyCatchUpWindow;
    b.clock = clock;
    b.sleeper = sleeper;
    return b;
  }

  /** The API base URL without a trailing slash, for example {@code https://acme.freshdesk.com}. */
  public String baseUrl() { return baseUrl; }
  /** The integration agent's API key (never printed). */
  public String apiKey() { return apiKey; }
  /** The integration agent's id, whose replies are never sent to WhatsApp; null when not set. */
  public Long integrationAgentId() { return integrationAgentId; }
  /**
   * The ticket source (default {@link FreshdeskSource#PORTAL}, on which replies and notes take a plain
   * {@code body}; see docs/freshdesk.md, "Ticket source").
   */
  public FreshdeskSource source() { return source; }
  /** The priority of new tickets (default {@link FreshdeskPriority#LOW}). */
  public FreshdeskPriority priority() { return priority; }
  /** Tags put on every ticket besides the request's tags (default {@code whatsapp}). */
  public List<String> tags() { return tags; }
  /** The {@code cf_} custom field holding the conversation key, or null. */
  public String conversationKeyField() { return conversationKeyField; }
  /** The {@code cf_} custom field receiving the last delivery status, or null. */
  public String deliveryStatusField() { return deliveryStatusField; }
  /** The policy for resolved and closed tickets. */
  public TerminalPolicy terminalPolicy() { return terminalPolicy; }
  /** Status codes treated as pending (default {@code 3}; add your pending-like custom statuses). */
  public Set<Integer> pendingStatusCodes() { return pendingStatusCodes; }
  /** The per-minute limits the adapter paces itself by. */
  public FreshdeskRateLimits rateLimits() { return rateLimits; }
  /** How often a 429 is retried inside the adapter before it is thrown (default 1). */
  public int maxRateLimitRetries() { return maxRateLimitRetries; }
  /** The longest the adapter waits inside one call (pacing or Retry-After) before throwing. */
  public Duration maxRateLimitWait() { return maxRateLimitWait; }
  /** The TCP connect timeout. */
  public Duration connectTimeout() { return connectTimeout; }
  /** The read timeout. */
  public Duration readTimeout() { return readTimeout; }
  /** The whole-call timeout. */
  public Duration callTimeout() { return callTimeout; }
  /** Accepted webhook secret tokens (several during a rotation; never printed). */
  public List<String> webhookTokens() { return webhookTokens; }
  /** The header that may carry the token. */
  public String webhookTokenHeader() { return webhookTokenHeader; }
  /** The query parameter that may carry the token. */
  public String webhookTokenQueryParam() { return webhookTokenQueryParam; }
  /** The webhook basic-auth user name, or null. */
  public String webhookUsername() { return webhookUsername; }
  /** The webhook basic-auth password, or null (never printed). */
  public String webhookPassword() { return webhookPassword; }
  /** The total attachment size per ticket (default 20 MB). */
  public long ticketAttachmentLimitBytes() { return ticketAttachmentLimitBytes; }
  /** How many tickets the adapter remembers for attachment totals and returned replies. */
  public int memorySize() { return memorySize; }
  /** How far back {@code findOrCreateTicket} looks for a ticket an earlier attempt created. */
  public Duration ticketLookupWindow() { return ticketLookupWindow; }
  /**
   * For a ticket the adapter does not remember (its first webhook, or after a restart): how old a
   * public agent reply may be and still be returned. {@link Duration#ZERO} (the default) returns only the
   * newest reply.
   */
  public Duration replyCatchUpWindow() { return replyCatchUpWindow; }
  /** The clock for rate pacing and the reply catch-up window. */
  public Clock clock() { return clock; }
  /** The sleeper for rate pacing and Retry-After. */
  public Sleeper sleeper() { return sleeper; }

  @Override
  public String toString() {
    return "FreshdeskConfig[baseUrl=" + baseUrl + ", integrationAgentId=" + integrationAgentId
        + ", source=" + source + ", tags=" + tags + ", terminalPolicy=" + terminalPolicy
        + ", rateLimits=" + rateLimits + ", webhookTokens=" + webhookTokens.size()
        + ", webhookBasicAuth=" + (webhookUsername != null) + "]";
  }

  /** Builds a {@link FreshdeskConfig}. Not thread-safe. */
  public static final class Builder {
    private String baseUrl;
    private String apiKey;
    private Long integrationAgentId;
    private FreshdeskSource source = FreshdeskSource.PORTAL;
    private FreshdeskPriority priority = FreshdeskPriority.LOW;
    private List<String> tags = new ArrayList<>(List.of("whatsapp"));
    private String conversationKeyField;
    private String deliveryStatusField;
    private TerminalPolicy terminalPolicy = TerminalPolicy.REOPEN_RESOLVED_NEW_IF_CLOSED;
    private Set<Integer> pendingStatusCodes = new LinkedHashSet<>(Set.of(3));
    private FreshdeskRateLimits rateLimits = FreshdeskRateLimits.growth();
    private int maxRateLimitRetries = 1;
    private Duration maxRateLimitWait = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration readTimeout = Duration.ofSeconds(8);
    private Duration callTimeout = Duration.ofSeconds(9);
    private List<String> webhookTokens = new ArrayList<>();
    private String webhookTokenHeader = DEFAULT_TOKEN_HEADER;
    private String webhookTokenQueryParam = DEFAULT_TOKEN_QUERY_PARAM;
    private String webhookUsername;
    private String webhookPassword;
    private long ticketAttachmentLimitBytes = DEFAULT_TICKET_ATTACHMENT_LIMIT;
    private int memorySize = 10_000;
    private Duration ticketLookupWindow = Duration.ofDays(1);
    private Duration replyCatchUpWindow = Duration.ZERO;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.threadSleeper();

    private Builder() {}

    /** The Freshdesk domain: {@code acme} or {@code acme.freshdesk.com}; sets the base URL. */
    public Builder domain(String domain) {
      String d = Objects.requireNonNull(domain, "domain").strip();
      this.baseUrl = "https://" + (d.contains(".") ? d : d + ".freshdesk.com");
      return this;
    }

    /** Overrides the base URL (tests, proxies); a trailing slash is dropped. */
    public Builder baseUrl(String baseUrl) {
      String u = Objects.requireNonNull(baseUrl, "baseUrl").strip();
      this.baseUrl = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
      return this;
    }

    /** The integration agent's API key. */
    public Builder apiKey(String apiKey) { this.apiKey = apiKey; return this; }
    /** The integration agent's id (recommended: its replies are never echoed to WhatsApp). */
    public Builder integrationAgentId(long id) { this.integrationAgentId = id; return this; }
    /** The ticket source code. */
    public Builder source(FreshdeskSource source) { this.source = Objects.requireNonNull(source); return this; }
    /** The priority of new tickets. */
    public Builder priority(FreshdeskPriority p) { this.priority = Objects.requireNonNull(p); return this; }
    /** Replaces the adapter's tags. */
    public Builder tags(List<String> tags) { this.tags = new ArrayList<>(tags); return this; }
    /** The {@code cf_...} field holding the conversation key. */
    public Builder conversationKeyField(String f) { this.conversationKeyField = f; return this; }
    /** The {@code cf_...} field receiving delivery statuses. */
    public Builder deliveryStatusField(String f) { this.deliveryStatusField = f; return this; }
    /** The policy for resolved and closed tickets. */
    public Builder terminalPolicy(TerminalPolicy p) { this.terminalPolicy = Objects.requireNonNull(p); return this; }
    /** Replaces the status codes treated as pending. */
    public Builder pendingStatusCodes(Set<Integer> codes) { this.pendingStatusCodes = new LinkedHashSet<>(codes); return this; }
    /** The per-minute limits. */
    public Builder rateLimits(FreshdeskRateLimits l) { this.rateLimits = Objects.requireNonNull(l); return this; }
    /** Retries of a 429 inside one call (0 disables). */
    public Builder maxRateLimitRetries(int n) { this.maxRateLimitRetries = n; return this; }
    /** The longest wait inside one call. */
    public Builder maxRateLimitWait(Duration d) { this.maxRateLimitWait = Objects.requireNonNull(d); return this; }
    /** The connect timeout. */
    public Builder connectTimeout(Duration d) { this.connectTimeout = Objects.requireNonNull(d); return this; }
    /** The read timeout. */
    public Builder readTimeout(Duration d) { this.readTimeout = Objects.requireNonNull(d); return this; }
    /** The whole-call timeout. */
    public Builder callTimeout(Duration d) { this.callTimeout = Objects.requireNonNull(d); return this; }
    /** Adds an accepted webhook secret token (add the new one before removing the old on rotation). */
    public Builder addWebhookToken(String token) { this.webhookTokens.add(Objects.requireNonNull(token)); return this; }
    /** The header carrying the token. */
    public Builder webhookTokenHeader(String h) { this.webhookTokenHeader = Objects.requireNonNull(h); return this; }
    /** The query parameter carrying the token. */
    public Builder webhookTokenQueryParam(String q) { this.webhookTokenQueryParam = Objects.requireNonNull(q); return this; }

    /** Webhook basic-auth credentials (Freshdesk's "Requires authentication" option). */
    public Builder webhookBasicAuth(String username, String password) {
      this.webhookUsername = Objects.requireNonNull(username);
      this.webhookPassword = Objects.requireNonNull(password);
      return this;
    }

    /** The attachment total per ticket. */
    public Builder ticketAttachmentLimitBytes(long n) { this.ticketAttachmentLimitBytes = n; return this; }
    /** How many tickets the adapter remembers. */
    public Builder memorySize(int n) { this.memorySize = n; return this; }
    /** How far back ticket recovery looks. */
    public Builder ticketLookupWindow(Duration d) { this.ticketLookupWindow = Objects.requireNonNull(d); return this; }
    /**
     * Catch up after a restart: for a ticket the adapter does not remember, return every public agent
     * reply created within {@code d} before now (oldest first), not only the newest one, so replies agents
     * posted while the bridge was down are sent too. Set it (for example to 24 hours, how long Freshdesk
     * keeps retrying a webhook) only with a durable {@code ConversationStore}: the bridge's reply claims
     * must survive the restart, or replies sent before it would be sent again. Default {@link
     * Duration#ZERO}: only the newest reply.
     */
    public Builder replyCatchUpWindow(Duration d) { this.replyCatchUpWindow = Objects.requireNonNull(d); return this; }
    /** The clock. */
    public Builder clock(Clock c) { this.clock = Objects.requireNonNull(c); return this; }
    /** The sleeper for rate pacing and Retry-After waits (default {@link Sleeper#threadSleeper()}). */
    public Builder sleeper(Sleeper s) { this.sleeper = Objects.requireNonNull(s); return this; }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming every missing or invalid setting
     */
    public FreshdeskConfig build() {
      List<String> problems = new ArrayList<>();
      if (baseUrl == null || !(baseUrl.startsWith("https://") || baseUrl.startsWith("http://"))) {
        problems.add("domain or baseUrl is required (an http(s) URL)");
      }
      if (apiKey == null || apiKey.isBlank()) {
        problems.add("apiKey is required");
      }
      boolean basic = webhookUsername != null && !webhookPassword.isEmpty();
      if (webhookTokens.stream().allMatch(String::isBlank) && !basic) {
        problems.add("a webhook secret is required (addWebhookToken or webhookBasicAuth): "
            + "Freshdesk does not sign webhooks");
      }
      if (webhookTokens.stream().anyMatch(t -> t.length() < 16)) {
        problems.add("webhook tokens must have at least 16 characters");
      }
      for (String f : new String[] {conversationKeyField, deliveryStatusField}) {
        if (f != null && !f.startsWith("cf_")) {
          problems.add("custom field '" + f + "' must start with cf_");
        }
      }
      if (maxRateLimitRetries < 0 || maxRateLimitRetries > 5) {
        problems.add("maxRateLimitRetries must be 0 to 5");
      }
      if (replyCatchUpWindow.isNegative()) {
        problems.add("replyCatchUpWindow must not be negative");
      }
      if (ticketAttachmentLimitBytes <= 0 || memorySize <= 0) {
        problems.add("ticketAttachmentLimitBytes and memorySize must be positive");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("Invalid Freshdesk configuration: " + String.join("; ", problems));
      }
      return new FreshdeskConfig(this);
    }
  }
}
