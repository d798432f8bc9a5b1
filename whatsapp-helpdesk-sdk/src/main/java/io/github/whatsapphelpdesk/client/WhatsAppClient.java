package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.client.internal.ApiExecutor;
import io.github.whatsapphelpdesk.client.internal.OkHttpTransports;
import io.github.whatsapphelpdesk.http.Sleeper;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.LimiterConfig;
import io.github.whatsapphelpdesk.ratelimit.OutboundLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * The typed WhatsApp Cloud API client: {@link #messages()}, {@link #media()}, {@link #templates()} and
 * {@link #account()}. Immutable and thread-safe; build one with {@link #builder()} and share it.
 *
 * <pre>{@code
 * try (WhatsAppClient client = WhatsAppClient.builder()
 *     .accessToken(() -> secrets.get("wa-token"))   // called per request: tokens may rotate
 *     .phoneNumberId("1234567890")
 *     .wabaId("9876543210")
 *     .build()) {
 *   SendResult r = client.messages().send(Message.text("+49 151 2345678", "Hello"));
 * }
 * }</pre>
 *
 * <h2>Several phone numbers or WABAs</h2>
 * One client is bound to one default phone number id and WABA id. An application that serves several:
 * <ul>
 *   <li>builds one client per number (or per WABA and token), all sharing one {@link HttpTransport}
 *       (see {@code OkHttpTransports.create()}) so they share a connection pool; closing a client never
 *       closes a transport it was given, so close the transport last; or
 *   <li>derives a view with {@link #forPhoneNumber(String)} (same token, transport and limiter); or
 *   <li>overrides the sender per call with {@link RequestOptions.Builder#phoneNumberId(String)}.
 * </ul>
 * The {@link OutboundLimiter} keys its buckets by phone number id, so one limiter may serve them all;
 * {@link #forPhoneNumber(String)} views share their parent's limiter. Separate clients each get their own
 * default limiter: give them one shared limiter with {@link Builder#outboundLimiter} instead.
 *
 * <h2>Outbound limiting</h2>
 * Every send and read receipt first takes a permit from the {@link OutboundLimiter}: by default a
 * {@link DefaultOutboundLimiter} on the client's clock (see {@link Builder#outboundLimiter} and
 * {@link Builder#outboundLimiterConfig}); {@link #refreshLimits()} feeds it the number's throughput level
 * and messaging limit tier. Opt out with {@code outboundLimiter(OutboundLimiter.unlimited())}.
 *
 * <h2>Retries</h2>
 * See {@link RetryPolicy}: only retryable error codes and connection failures before the request was
 * written are retried; a send that may have reached Meta is not retried by default because the Cloud
 * API has no idempotency key. 131056 (pair rate) is reported to the limiter and thrown, not retried.
 *
 * <h2>Async</h2>
 * {@link #async(Executor)} returns a view whose methods return {@code CompletableFuture}s running on the
 * given executor, never the common pool. Its sends wait for the limiter without holding a thread.
 */
public final class WhatsAppClient implements AutoCloseable {
  /** The default Graph API version (released 2025-10-08, available until 2028-02-18). */
  public static final String DEFAULT_GRAPH_VERSION = "v24.0";
  /** The default base URL. */
  public static final String DEFAULT_BASE_URL = "https://graph.facebook.com/";

  private final Builder config;
  private final HttpTransport transport;
  private final boolean ownsTransport;
  private final OutboundLimiter limiter;
  private final boolean ownsLimiter;
  private final ApiExecutor executor;
  private final MessagesApi messages;
  private final MediaApi media;
  private final TemplatesApi templates;
  private final AccountApi account;

  private WhatsAppClient(Builder b, HttpTransport transport, boolean ownsTransport) {
    this.ownsLimiter = b.limiter == null;
    this.limiter = ownsLimiter
        ? DefaultOutboundLimiter.builder().config(b.limiterConfig).clock(b.clock).build()
        : b.limiter;
    this.config = b.copy();
    this.config.limiter = limiter; // views from forPhoneNumber share this instance
    this.transport = transport;
    this.ownsTransport = ownsTransport;
    HttpUrl base = HttpUrl.get(b.baseUrl.endsWith("/") ? b.baseUrl : b.baseUrl + "/").newBuilder()
        .addPathSegment(b.graphVersion).build();
    this.executor = new ApiExecutor(OkHttpTransports.okHttpClient(transport), base, b.accessToken, b.retryPolicy,
        b.clock, b.sleeper, limiter, b.connectTimeout, b.readTimeout, b.callTimeout, b.listener,
        () -> ThreadLocalRandom.current().nextDouble());
    this.messages = new MessagesApi(executor, b.phoneNumberId);
    this.media = new MediaApi(executor, b.phoneNumberId);
    this.templates = new TemplatesApi(executor, b.wabaId);
    this.account = new AccountApi(executor, b.phoneNumberId, b.wabaId);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sending messages and read receipts. */
  public MessagesApi messages() {
    return messages;
  }

  /** Uploading, resolving, downloading and deleting media. */
  public MediaApi media() {
    return media;
  }

  /** Template management on the WABA. */
  public TemplatesApi templates() {
    return templates;
  }

  /** Phone number health, the WABA's numbers and token introspection. */
  public AccountApi account() {
    return account;
  }

  /** An async view running every call on {@code executor} (never the common pool). */
  public WhatsAppAsyncClient async(Executor executor) {
    return new WhatsAppAsyncClient(this, executor);
  }

  /**
   * A client for another business phone number of the same WABA, sharing this client's transport,
   * token, limiter and settings. Closing the view releases nothing; close this client.
   */
  public WhatsAppClient forPhoneNumber(String phoneNumberId) {
    Builder b = config.copy().phoneNumberId(phoneNumberId);
    b.validate();
    return new WhatsAppClient(b, transport, false);
  }

  /**
   * The outbound limiter asked before every send: the one given to {@link Builder#outboundLimiter}, or
   * the client's own {@link DefaultOutboundLimiter}.
   */
  public OutboundLimiter outboundLimiter() {
    return limiter;
  }

  /**
   * Reads the client's phone number from the account API ({@link AccountApi#phoneNumber()}) and, when
   * the limiter is a {@link DefaultOutboundLimiter}, applies its throughput level and messaging limit
   * tier to it ({@link PhoneNumberInfo#applyTo}). Call it at start-up and after a
   * {@code THROUGHPUT_UPGRADE} or {@code business_capability_update} webhook.
   *
   * @return the phone number as read
   */
  public PhoneNumberInfo refreshLimits() {
    PhoneNumberInfo info = account.phoneNumber();
    if (limiter instanceof DefaultOutboundLimiter d) {
      info.applyTo(d);
    }
    return info;
  }

  /** The default phone number id. */
  public String phoneNumberId() {
    return config.phoneNumberId;
  }

  /** The WABA id, or null when not configured. */
  public String wabaId() {
    return config.wabaId;
  }

  /** The Graph API version in use. */
  public String graphVersion() {
    return config.graphVersion;
  }

  /**
   * Releases the transport and the default limiter when this client created them; a given transport
   * or limiter stays open.
   */
  @Override
  public void close() {
    if (ownsLimiter && limiter instanceof DefaultOutboundLimiter d) {
      d.close();
    }
    if (ownsTransport) {
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "WhatsAppClient[phoneNumberId=" + config.phoneNumberId + ", wabaId=" + config.wabaId
        + ", graphVersion=" + config.graphVersion + ", baseUrl=" + config.baseUrl + "]";
  }

  /** Builds {@link WhatsAppClient}s; {@code accessToken} and {@code phoneNumberId} are required. */
  public static final class Builder {
    private Supplier<String> accessToken;
    private String phoneNumberId;
    private String wabaId;
    private String graphVersion = DEFAULT_GRAPH_VERSION;
    private String baseUrl = DEFAULT_BASE_URL;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private HttpTransport transport;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.threadSleeper();
    private OutboundLimiter limiter;
    private LimiterConfig limiterConfig = LimiterConfig.defaults();
    private SdkListener listener = SdkListener.NONE;

    private Builder() {}

    Builder copy() {
      Builder b = new Builder();
      b.accessToken = accessToken;
      b.phoneNumberId = phoneNumberId;
      b.wabaId = wabaId;
      b.graphVersion = graphVersion;
      b.baseUrl = baseUrl;
      b.connectTimeout = connectTimeout;
      b.readTimeout = readTimeout;
      b.callTimeout = callTimeout;
      b.retryPolicy = retryPolicy;
      b.transport = transport;
      b.clock = clock;
      b.sleeper = sleeper;
      b.limiter = limiter;
      b.limiterConfig = limiterConfig;
      b.listener = listener;
      return b;
    }

    /** The access token supplier, called for every request so rotated tokens are picked up. */
    public Builder accessToken(Supplier<String> token) {
      this.accessToken = token;
      return this;
    }

    /** A fixed access token. */
    public Builder accessToken(String token) {
      Objects.requireNonNull(token, "token");
      return accessToken(() -> token);
    }

    /** The default sending phone number id. */
    public Builder phoneNumberId(String v) {
      this.phoneNumberId = v;
      return this;
    }

    /** The WhatsApp Business Account id (templates, phone number list). */
    public Builder wabaId(String v) {
      this.wabaId = v;
      return this;
    }

    /** The Graph API version, for example {@code v24.0}; default {@link #DEFAULT_GRAPH_VERSION}. */
    public Builder graphVersion(String v) {
      this.graphVersion = v;
      return this;
    }

    /** The base URL (sandbox, tests); default {@link #DEFAULT_BASE_URL}. */
    public Builder baseUrl(String v) {
      this.baseUrl = v;
      return this;
    }

    /** The connect timeout (default 10 s). */
    public Builder connectTimeout(Duration v) {
      this.connectTimeout = v;
      return this;
    }

    /** The read and write timeout (default 30 s). */
    public Builder readTimeout(Duration v) {
      this.readTimeout = v;
      return this;
    }

    /** The whole-call timeout of one attempt (default 60 s). */
    public Builder callTimeout(Duration v) {
      this.callTimeout = v;
      return this;
    }

    /** The retry policy (default {@link RetryPolicy#defaults()}). */
    public Builder retryPolicy(RetryPolicy v) {
      this.retryPolicy = v;
      return this;
    }

    /**
     * A shared transport (connection pool); the client never closes it. Without one the client creates
     * its own and closes it in {@link WhatsAppClient#close()}.
     */
    public Builder transport(HttpTransport v) {
      this.transport = v;
      return this;
    }

    /**
     * The clock (Retry-After dates, timing logs, and every bucket of the default limiter). A fake clock
     * that never advances stalls sends beyond the default limiter's burst: advance it, or opt out of
     * limiting with {@code outboundLimiter(OutboundLimiter.unlimited())}.
     */
    public Builder clock(Clock v) {
      this.clock = v;
      return this;
    }

    /**
     * How retries wait, and how a send waits for the limiter's dispatch guard
     * ({@code OutboundLimiter#tryDispatch}) just before it is written. Tests pass a recording sleeper.
     */
    public Builder sleeper(Sleeper v) {
      this.sleeper = v;
      return this;
    }

    /**
     * The outbound limiter asked before every send. Default: a {@link DefaultOutboundLimiter} per client,
     * on this builder's clock and {@link #outboundLimiterConfig} (80 mps per number, 1 message per 6 s per
     * recipient with bursts of 45, no messaging limit until set), closed with the client. Pass one
     * limiter to several clients to share limits, or {@link OutboundLimiter#unlimited()} to opt out.
     * A given limiter is never closed by the client.
     */
    public Builder outboundLimiter(OutboundLimiter v) {
      this.limiter = Objects.requireNonNull(v, "outboundLimiter");
      return this;
    }

    /**
     * The configuration of the default limiter (default {@link LimiterConfig#defaults()}); ignored when
     * {@link #outboundLimiter} is set.
     */
    public Builder outboundLimiterConfig(LimiterConfig v) {
      this.limiterConfig = Objects.requireNonNull(v, "outboundLimiterConfig");
      return this;
    }

    /**
     * Told of every Cloud API HTTP exchange, retries included ({@link SdkListener#apiCall}, with a bounded
     * operation name such as {@code messages}, {@code media}, {@code templates} or {@code phone_numbers}).
     * Default {@link SdkListener#NONE}; a listener that throws never changes the call's outcome.
     *
     * @param v the listener
     * @return this builder
     */
    public Builder listener(SdkListener v) {
      this.listener = Objects.requireNonNull(v, "listener");
      return this;
    }

    void validate() {
      Objects.requireNonNull(accessToken, "accessToken");
      if (phoneNumberId == null || phoneNumberId.isBlank()) {
        throw new IllegalArgumentException("phoneNumberId is required");
      }
      if (graphVersion == null || !graphVersion.matches("v\\d+\\.\\d+")) {
        throw new IllegalArgumentException("graphVersion must look like v24.0");
      }
      if (HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl")) == null) {
        throw new IllegalArgumentException("baseUrl is not an http(s) URL");
      }
      for (Duration d : new Duration[] {connectTimeout, readTimeout, callTimeout}) {
        if (d == null || d.isNegative()) {
          throw new IllegalArgumentException("timeouts must be >= 0");
        }
      }
      Objects.requireNonNull(retryPolicy, "retryPolicy");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(sleeper, "sleeper");
      Objects.requireNonNull(limiterConfig, "outboundLimiterConfig");
    }

    /** Validates and builds. */
    public WhatsAppClient build() {
      validate();
      if (transport != null) {
        return new WhatsAppClient(this, transport, false);
      }
      return new WhatsAppClient(this, OkHttpTransports.create(), true);
    }
  }
}
