package io.github.whatsapphelpdesk.zendesk;

import io.github.whatsapphelpdesk.http.Sleeper;
import io.github.whatsapphelpdesk.observe.ChannelHealthListener;
import io.github.whatsapphelpdesk.spi.InMemoryOAuthTokenStore;
import io.github.whatsapphelpdesk.spi.OAuthTokenStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Immutable configuration of a {@link ZendeskAdapter}. Build it with {@link #builder()}; every setter has
 * a documented default. Thread-safe; {@code toString()} never shows secrets.
 */
public final class ZendeskConfig {
  /** Default channel tag set on tickets and required by the agent-reply trigger. */
  public static final String DEFAULT_CHANNEL_TAG = "whatsapp";
  /** Default freshness window of webhook signature timestamps. */
  public static final Duration DEFAULT_WEBHOOK_TOLERANCE = Duration.ofMinutes(5);
  /** Default window of {@link #agentReplyLookback()}. */
  public static final Duration DEFAULT_AGENT_REPLY_LOOKBACK = Duration.ofMinutes(15);
  /** Default of {@link #accountBudgetReserve()}. */
  public static final double DEFAULT_ACCOUNT_BUDGET_RESERVE = 0.1;
  /** Zendesk's per-file upload limit. */
  public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 50L * 1024 * 1024;

  private final URI baseUrl;
  private final ZendeskAuth auth;
  private final String channelTag;
  private final List<String> extraTags;
  private final Long waIdFieldId;
  private final Long integrationUserId;
  private final ZendeskLimits limits;
  private final ZendeskTimeouts timeouts;
  private final List<String> webhookSecrets;
  private final Duration webhookTolerance;
  private final Duration agentReplyLookback;
  private final Duration tokenRefreshSkew;
  private final long maxAttachmentBytes;
  private final long maxDownloadBytes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final OAuthTokenStore tokenStore;
  private final ChannelHealthListener channelHealthListener;
  private final double accountBudgetReserve;

  private ZendeskConfig(Builder b) {
    List<String> problems = new ArrayList<>();
    if (b.baseUrl == null) {
      problems.add("subdomain or baseUrl is required");
    }
    if (b.auth == null) {
      problems.add("auth is required");
    }
    if (b.channelTag == null || b.channelTag.isBlank() || b.channelTag.contains(" ")) {
      problems.add("channelTag must be a non-blank tag without spaces");
    }
    problems.addAll(ZendeskLimits.problems(b.requestsPerMinute, b.ticketUpdatesPerMinute,
        b.updatesPerTicketPer10Minutes, b.coalesceBelowFraction, b.maxRateLimitRetries, b.maxRetryWait));
    if (b.agentReplyLookback == null || b.agentReplyLookback.isNegative()) {
      problems.add("agentReplyLookback must be a non-negative duration");
    }
    if (!(b.accountBudgetReserve >= 0 && b.accountBudgetReserve < 1)) {
      problems.add("accountBudgetReserve must be within [0, 1)");
    }
    if (b.maxAttachmentBytes < 1) {
      problems.add("maxAttachmentBytes must be >= 1");
    }
    if (b.maxDownloadBytes < 0) {
      problems.add("maxDownloadBytes must be >= 1 (or 0: same as maxAttachmentBytes)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid ZendeskConfig: " + String.join("; ", problems));
    }
    String url = b.baseUrl.toString();
    this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.auth = b.auth;
    this.channelTag = b.channelTag;
    this.extraTags = List.copyOf(b.extraTags);
    this.waIdFieldId = b.waIdFieldId;
    this.integrationUserId = b.integrationUserId;
    this.limits = new ZendeskLimits(b.requestsPerMinute, b.ticketUpdatesPerMinute, b.updatesPerTicketPer10Minutes,
        b.coalesceBelowFraction, b.maxRateLimitRetries, b.maxRetryWait);
    this.timeouts = new ZendeskTimeouts(b.connectTimeout, b.readTimeout, b.callTimeout);
    this.webhookSecrets = List.copyOf(b.webhookSecrets);
    this.webhookTolerance = Objects.requireNonNull(b.webhookTolerance, "webhookTolerance");
    this.agentReplyLookback = b.agentReplyLookback;
    this.tokenRefreshSkew = Objects.requireNonNull(b.tokenRefreshSkew, "tokenRefreshSkew");
    this.maxAttachmentBytes = b.maxAttachmentBytes;
    this.maxDownloadBytes = b.maxDownloadBytes == 0 ? b.maxAttachmentBytes : b.maxDownloadBytes;
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.sleeper = Objects.requireNonNull(b.sleeper, "sleeper");
    this.tokenStore = Objects.requireNonNull(b.tokenStore, "tokenStore");
    this.channelHealthListener = b.channelHealthListener;
    this.accountBudgetReserve = b.accountBudgetReserve;
  }

  /** A new builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.baseUrl = baseUrl;
    b.auth = auth;
    b.channelTag = channelTag;
    b.extraTags.addAll(extraTags);
    b.waIdFieldId = waIdFieldId;
    b.integrationUserId = integrationUserId;
    b.limits(limits);
    b.connectTimeout = timeouts.connect();
    b.readTimeout = timeouts.read();
    b.callTimeout = timeouts.call();
    b.webhookSecrets.addAll(webhookSecrets);
    b.webhookTolerance = webhookTolerance;
    b.agentReplyLookback = agentReplyLookback;
    b.tokenRefreshSkew = tokenRefreshSkew;
    b.maxAttachmentBytes = maxAttachmentBytes;
    b.maxDownloadBytes = maxDownloadBytes == maxAttachmentBytes ? 0 : maxDownloadBytes;
    b.clock = clock;
    b.sleeper = sleeper;
    b.tokenStore = tokenStore;
    b.channelHealthListener = channelHealthListener;
    b.accountBudgetReserve = accountBudgetReserve;
    return b;
  }

  /** The account's base URL, for example {@code https://acme.zendesk.com}, without a trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The OAuth token endpoint: {@code {baseUrl}/oauth/tokens}. */
  public URI tokenUrl() {
    return URI.create(baseUrl + "/oauth/tokens");
  }

  /** The credentials. */
  public ZendeskAuth auth() {
    return auth;
  }

  /** The channel tag (default {@value #DEFAULT_CHANNEL_TAG}). */
  public String channelTag() {
    return channelTag;
  }

  /** Further tags set on new tickets. */
  public List<String> extraTags() {
    return extraTags;
  }

  /** The id of the ticket custom field that holds the wa_id, or null for none. */
  public Long waIdFieldId() {
    return waIdFieldId;
  }

  /** The integration (API) user's id, or null to look it up with {@code GET /api/v2/users/me}. */
  public Long integrationUserId() {
    return integrationUserId;
  }

  /** The rate limits and the adapter's own waiting on them. */
  public ZendeskLimits limits() {
    return limits;
  }

  /** The HTTP timeouts. */
  public ZendeskTimeouts timeouts() {
    return timeouts;
  }

  /** The webhook signing secrets accepted (several during a rotation). */
  public List<String> webhookSecrets() {
    return webhookSecrets;
  }

  /** How far a webhook's signed timestamp may be from the clock. */
  public Duration webhookTolerance() {
    return webhookTolerance;
  }

  /**
   * With a trigger body without {@code comment_id}, public agent comments created this long before the
   * webhook arrives are returned as well as the latest public comment, so a reply is not lost when a
   * customer message lands before its webhook (the bridge dedupes replies by id).
   */
  public Duration agentReplyLookback() {
    return agentReplyLookback;
  }

  /** How long before expiry an OAuth access token is refreshed. */
  public Duration tokenRefreshSkew() {
    return tokenRefreshSkew;
  }

  /** The largest file uploaded; larger ones become a placeholder line in the comment. */
  public long maxAttachmentBytes() {
    return maxAttachmentBytes;
  }

  /**
   * The largest agent attachment {@link ZendeskAdapter#downloadAttachment} streams; a larger one throws
   * {@link AttachmentTooLargeException}. Defaults to {@link #maxAttachmentBytes()}.
   */
  public long maxDownloadBytes() {
    return maxDownloadBytes;
  }

  /** The clock for token expiry, rate limits and webhook freshness. */
  public Clock clock() {
    return clock;
  }

  /** How the adapter waits (rate-limit retries). */
  public Sleeper sleeper() {
    return sleeper;
  }

  /**
   * Where the refresh-token grant keeps its rotating tokens, shared by every instance (see
   * {@link Builder#tokenStore}).
   */
  public OAuthTokenStore tokenStore() {
    return tokenStore;
  }

  /**
   * The fraction of the account's rate-limit budget left to the other apps on the account: when Zendesk's
   * budget headers report no more than this fraction remaining, the adapter holds its requests until the
   * budget resets.
   */
  public double accountBudgetReserve() {
    return accountBudgetReserve;
  }

  /** Receives helpdesk channel-health events (a refused refresh token), or null. */
  public ChannelHealthListener channelHealthListener() {
    return channelHealthListener;
  }

  @Override
  public String toString() {
    return "ZendeskConfig[baseUrl=" + baseUrl + ", auth=" + auth + ", channelTag=" + channelTag
        + ", webhookSecrets=" + webhookSecrets.size() + "]";
  }

  /** Builds a {@link ZendeskConfig}. Not thread-safe. */
  public static final class Builder {
    private URI baseUrl;
    private ZendeskAuth auth;
    private String channelTag = DEFAULT_CHANNEL_TAG;
    private final List<String> extraTags = new ArrayList<>();
    private Long waIdFieldId;
    private Long integrationUserId;
    private int requestsPerMinute;
    private int ticketUpdatesPerMinute;
    private int updatesPerTicketPer10Minutes;
    private double coalesceBelowFraction;
    private int maxRateLimitRetries;
    private Duration maxRetryWait;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private final List<String> webhookSecrets = new ArrayList<>();
    private Duration webhookTolerance = DEFAULT_WEBHOOK_TOLERANCE;
    private Duration agentReplyLookback = DEFAULT_AGENT_REPLY_LOOKBACK;
    private Duration tokenRefreshSkew = Duration.ofSeconds(60);
    private long maxAttachmentBytes = DEFAULT_MAX_ATTACHMENT_BYTES;
    private long maxDownloadBytes;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.threadSleeper();
    private OAuthTokenStore tokenStore = new InMemoryOAuthTokenStore();
    private ChannelHealthListener channelHealthListener;
    private double accountBudgetReserve = DEFAULT_ACCOUNT_BUDGET_RESERVE;

    private Builder() {
      limits(ZendeskLimits.defaults());
    }

    /** The account subdomain: {@code acme} for {@code https://acme.zendesk.com}. */
    public Builder subdomain(String subdomain) {
      if (subdomain == null || !subdomain.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
        throw new IllegalArgumentException("subdomain must be letters, digits and dashes");
      }
      this.baseUrl = URI.create("https://" + subdomain + ".zendesk.com");
      return this;
    }

    /** A base URL overriding the subdomain (a host-mapped domain, or a mock server in tests). */
    public Builder baseUrl(String baseUrl) {
      URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL");
      }
      this.baseUrl = uri;
      return this;
    }

    /** The credentials (required). */
    public Builder auth(ZendeskAuth auth) {
      this.auth = auth;
      return this;
    }

    /** The channel tag (default {@value #DEFAULT_CHANNEL_TAG}). */
    public Builder channelTag(String tag) {
      this.channelTag = tag;
      return this;
    }

    /** Adds a tag set on every new ticket. */
    public Builder addExtraTag(String tag) {
      this.extraTags.add(Objects.requireNonNull(tag, "tag"));
      return this;
    }

    /** The ticket custom field that receives the wa_id (default none). */
    public Builder waIdFieldId(Long fieldId) {
      this.waIdFieldId = fieldId;
      return this;
    }

    /** The integration user's id (default: looked up once with {@code /api/v2/users/me}). */
    public Builder integrationUserId(Long userId) {
      this.integrationUserId = userId;
      return this;
    }

    /** All rate limits at once (default {@link ZendeskLimits#defaults()}); the setters below change one. */
    public Builder limits(ZendeskLimits limits) {
      Objects.requireNonNull(limits, "limits");
      this.requestsPerMinute = limits.requestsPerMinute();
      this.ticketUpdatesPerMinute = limits.ticketUpdatesPerMinute();
      this.updatesPerTicketPer10Minutes = limits.updatesPerTicketPer10Minutes();
      this.coalesceBelowFraction = limits.coalesceBelowFraction();
      this.maxRateLimitRetries = limits.maxRateLimitRetries();
      this.maxRetryWait = limits.maxRetryWait();
      return this;
    }

    /** The plan's request limit per minute (default {@value ZendeskLimits#DEFAULT_REQUESTS_PER_MINUTE}). */
    public Builder requestsPerMinute(int n) {
      this.requestsPerMinute = n;
      return this;
    }

    /** Ticket updates per minute per account (default 100; 300 with High Volume). */
    public Builder ticketUpdatesPerMinute(int n) {
      this.ticketUpdatesPerMinute = n;
      return this;
    }

    /** Updates per ticket per 10 minutes (default 30). */
    public Builder updatesPerTicketPer10Minutes(int n) {
      this.updatesPerTicketPer10Minutes = n;
      return this;
    }

    /** The fraction of a budget below which bursts should be merged (default 0.2). */
    public Builder coalesceBelowFraction(double fraction) {
      this.coalesceBelowFraction = fraction;
      return this;
    }

    /**
     * Internal retries after a 429 or a local limit (default 0: throw {@code HelpdeskRateLimitedException}
     * at once and let the bridge reschedule, so no caller thread sleeps). Waits use the {@link Sleeper}.
     */
    public Builder maxRateLimitRetries(int n) {
      this.maxRateLimitRetries = n;
      return this;
    }

    /** The longest wait the adapter performs itself (default 10 s). */
    public Builder maxRetryWait(Duration d) {
      this.maxRetryWait = d;
      return this;
    }

    /** Connect timeout (default 10 s). */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    /** Read timeout (default 30 s). */
    public Builder readTimeout(Duration d) {
      this.readTimeout = d;
      return this;
    }

    /** Whole-call timeout (default 60 s). */
    public Builder callTimeout(Duration d) {
      this.callTimeout = d;
      return this;
    }

    /** Adds an accepted webhook signing secret (add the new one before rotating). */
    public Builder addWebhookSecret(String secret) {
      if (secret == null || secret.isBlank()) {
        throw new IllegalArgumentException("webhook secret is blank");
      }
      this.webhookSecrets.add(secret);
      return this;
    }

    /** The webhook freshness window (default 5 minutes). */
    public Builder webhookTolerance(Duration d) {
      this.webhookTolerance = d;
      return this;
    }

    /** See {@link ZendeskConfig#agentReplyLookback()} (default 15 minutes; zero: only the latest comment). */
    public Builder agentReplyLookback(Duration d) {
      this.agentReplyLookback = d;
      return this;
    }

    /** Refresh OAuth access tokens this long before they expire (default 60 s). */
    public Builder tokenRefreshSkew(Duration d) {
      this.tokenRefreshSkew = d;
      return this;
    }

    /** The largest file uploaded (default 50 MB). */
    public Builder maxAttachmentBytes(long bytes) {
      this.maxAttachmentBytes = bytes;
      return this;
    }

    /**
     * The largest agent attachment downloaded (default: the {@link #maxAttachmentBytes} value; 0 restores
     * that default).
     */
    public Builder maxDownloadBytes(long bytes) {
      this.maxDownloadBytes = bytes;
      return this;
    }

    /** The clock (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The sleeper used for rate-limit waits (default {@link Sleeper#threadSleeper()}). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Where the OAuth refresh-token grant keeps its tokens (default: a new {@link InMemoryOAuthTokenStore},
     * which forgets the rotated refresh token at a restart). Zendesk rotates refresh tokens on every refresh
     * and invalidates the previous pair, so the configured refresh token only seeds an empty store: give
     * every instance of the bridge the same durable store (the PostgreSQL module's, or your own passing
     * {@code OAuthTokenStoreContractTest}), or a restart or a second instance locks the integration out.
     */
    public Builder tokenStore(OAuthTokenStore store) {
      this.tokenStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The fraction of the account's per-minute budget (Zendesk's {@code X-Rate-Limit-Remaining} /
     * {@code ratelimit-remaining} headers) left to the other apps on the account (default
     * {@value ZendeskConfig#DEFAULT_ACCOUNT_BUDGET_RESERVE}; 0: use the budget up to the last request).
     * The adapter also lowers its own account bucket to what Zendesk reports remaining.
     */
    public Builder accountBudgetReserve(double fraction) {
      this.accountBudgetReserve = fraction;
      return this;
    }

    /**
     * Receives helpdesk channel-health events, for example
     * {@link io.github.whatsapphelpdesk.observe.ChannelHealthEvent.Kind#HELPDESK_REFRESH_TOKEN_REJECTED}
     * (default none). Called on the calling thread; keep it quick.
     */
    public Builder channelHealthListener(ChannelHealthListener listener) {
      this.channelHealthListener = listener;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException naming every missing or invalid setting
     */
    public ZendeskConfig build() {
      return new ZendeskConfig(this);
    }
  }
}
