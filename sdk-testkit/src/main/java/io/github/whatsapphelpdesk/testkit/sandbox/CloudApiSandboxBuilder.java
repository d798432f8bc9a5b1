package io.github.whatsapphelpdesk.testkit.sandbox;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.testkit.sandbox.internal.Settings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configures and starts a {@link CloudApiSandbox}. Every setting has a default, so
 * {@code CloudApiSandbox.builder().start()} works. Not thread-safe; use from one thread.
 */
public final class CloudApiSandboxBuilder {
  /** Default accepted access token. */
  public static final String DEFAULT_ACCESS_TOKEN = "sandbox-access-token";
  /** Default app secret for webhook signatures. */
  public static final String DEFAULT_APP_SECRET = "sandbox-app-secret";
  /** Default WABA id (as in Meta's samples). */
  public static final String DEFAULT_WABA_ID = "419561257915477";
  /** Default business number (as in Meta's samples). */
  public static final BusinessNumber DEFAULT_NUMBER =
      new BusinessNumber("106540352242922", "15550783881", "Sandbox Business");
  /**
   * Default webhook retry delays after a failed POST (Meta retries for up to 7 days, fast at first):
   * 15 s, 1 min, 5 min, 15 min, 1 h, 4 h, 12 h, then daily; about 6.7 days in all.
   */
  public static final List<Duration> DEFAULT_RETRY_SCHEDULE = List.of(Duration.ofSeconds(15),
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
      Duration.ofHours(4), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1),
      Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1));

  private int port;
  private String host = "127.0.0.1";
  private String apiVersion = "v23.0";
  private final Map<String, Instant> tokens = new LinkedHashMap<>();
  private String appSecret = DEFAULT_APP_SECRET;
  private String appId = "100000000000001";
  private String webhookUrl;
  private String wabaId = DEFAULT_WABA_ID;
  private final List<BusinessNumber> numbers = new ArrayList<>();
  private final List<SandboxTemplate> templates = new ArrayList<>();
  private boolean defaultTemplates = true;
  private int mps = 80;
  private Duration pairInterval = Duration.ofSeconds(6);
  private int pairBurst = 45;
  private Clock clock;
  private long seed = 42L;
  private LastStatus lastStatus = LastStatus.READ;
  private Duration deliveredAfter = Duration.ofSeconds(1);
  private Duration readAfter = Duration.ofSeconds(2);
  private List<Duration> retrySchedule = DEFAULT_RETRY_SCHEDULE;
  private ErrorChannel windowClosedChannel = ErrorChannel.WEBHOOK;
  private ErrorChannel unsupportedMediaChannel = ErrorChannel.WEBHOOK;
  private boolean approveCreatedTemplates = true;
  private int recordLimit = 10_000;
  private int batchSize = 1;
  private double duplicateProbability;
  private boolean outOfOrder;

  CloudApiSandboxBuilder() {}

  /** TCP port; 0 (default) picks a free one. */
  public CloudApiSandboxBuilder port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535");
    }
    this.port = port;
    return this;
  }

  /** Address to bind; default {@code 127.0.0.1}. */
  public CloudApiSandboxBuilder host(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /** Graph version used by {@link CloudApiSandbox#graphUrl()}; every {@code vN.M} path is accepted. */
  public CloudApiSandboxBuilder apiVersion(String apiVersion) {
    if (!apiVersion.matches("v\\d+\\.\\d+")) {
      throw new IllegalArgumentException("apiVersion looks like v23.0");
    }
    this.apiVersion = apiVersion;
    return this;
  }

  /** Adds an accepted access token that never expires (the first one is {@code accessToken()}). */
  public CloudApiSandboxBuilder accessToken(String token) {
    return accessToken(token, Instant.MAX);
  }

  /** Adds an accepted access token that expires at {@code expiresAt} on the sandbox clock (then 190). */
  public CloudApiSandboxBuilder accessToken(String token, Instant expiresAt) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    tokens.put(token, Objects.requireNonNull(expiresAt, "expiresAt"));
    return this;
  }

  /** App secret used to sign webhooks (X-Hub-Signature-256). */
  public CloudApiSandboxBuilder appSecret(String appSecret) {
    if (appSecret == null || appSecret.isEmpty()) {
      throw new IllegalArgumentException("appSecret must not be empty");
    }
    this.appSecret = appSecret;
    return this;
  }

  /** App id reported by debug_token. */
  public CloudApiSandboxBuilder appId(String appId) {
    this.appId = Objects.requireNonNull(appId, "appId");
    return this;
  }

  /** Where webhooks are POSTed; none by default (deliveries are then recorded with status 0). */
  public CloudApiSandboxBuilder webhookUrl(String url) {
    this.webhookUrl = url == null ? null : URI.create(url).toString();
    return this;
  }

  /** WhatsApp Business Account id. */
  public CloudApiSandboxBuilder wabaId(String wabaId) {
    this.wabaId = Objects.requireNonNull(wabaId, "wabaId");
    return this;
  }

  /** Adds a business number; the first one added replaces the default and is {@code phoneNumberId()}. */
  public CloudApiSandboxBuilder phoneNumber(BusinessNumber number) {
    numbers.add(Objects.requireNonNull(number, "number"));
    return this;
  }

  /** Seeds a template; adding any template drops the default seeds. */
  public CloudApiSandboxBuilder template(SandboxTemplate template) {
    templates.add(Objects.requireNonNull(template, "template"));
    return this;
  }

  /** Seeds templates; adding any template drops the default seeds. */
  public CloudApiSandboxBuilder templates(Collection<SandboxTemplate> seeded) {
    seeded.forEach(this::template);
    return this;
  }

  /** Seeds templates from Meta's JSON (see {@link SandboxTemplate#fromMetaJson(String)}). */
  public CloudApiSandboxBuilder templatesJson(String json) {
    return templates(SandboxTemplate.fromMetaJson(json));
  }

  /** Starts with no templates at all (no default seeds). */
  public CloudApiSandboxBuilder noDefaultTemplates() {
    this.defaultTemplates = false;
    return this;
  }

  /** Messages per second per business number (default 80); more gets 130429. */
  public CloudApiSandboxBuilder throughputMps(int mps) {
    this.mps = mps;
    return this;
  }

  /** Pair rate: one message per {@code interval} per recipient, bursts up to {@code burst} (6 s, 45). */
  public CloudApiSandboxBuilder pairRate(Duration interval, int burst) {
    this.pairInterval = Objects.requireNonNull(interval, "interval");
    this.pairBurst = burst;
    return this;
  }

  /** The clock for windows, media URLs, limits, token expiry and webhook timing; default a MutableClock. */
  public CloudApiSandboxBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Seed of the random source (ids, fbtrace ids, injected duplicates); default 42. */
  public CloudApiSandboxBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** How far status webhooks go for accepted messages (default READ). */
  public CloudApiSandboxBuilder lastStatus(LastStatus lastStatus) {
    this.lastStatus = Objects.requireNonNull(lastStatus, "lastStatus");
    return this;
  }

  /** Delays after acceptance of the delivered and read statuses (default 1 s and 2 s). */
  public CloudApiSandboxBuilder statusDelays(Duration delivered, Duration read) {
    if (delivered.isNegative() || read.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    this.deliveredAfter = delivered;
    this.readAfter = read;
    return this;
  }

  /** Delays between webhook attempts after a non-200; when exhausted the POST is dropped. */
  public CloudApiSandboxBuilder retrySchedule(List<Duration> schedule) {
    if (schedule.stream().anyMatch(d -> d.isNegative())) {
      throw new IllegalArgumentException("retry delays must not be negative");
    }
    this.retrySchedule = List.copyOf(schedule);
    return this;
  }

  /** How 131047 (window closed) is reported; default WEBHOOK (a failed status after a 200). */
  public CloudApiSandboxBuilder windowClosedChannel(ErrorChannel channel) {
    this.windowClosedChannel = Objects.requireNonNull(channel, "channel");
    return this;
  }

  /** How 131053 on send (media MIME type not allowed for the message type) is reported; default WEBHOOK. */
  public CloudApiSandboxBuilder unsupportedMediaChannel(ErrorChannel channel) {
    this.unsupportedMediaChannel = Objects.requireNonNull(channel, "channel");
    return this;
  }

  /** Whether templates created over the API start APPROVED (default) or PENDING. */
  public CloudApiSandboxBuilder approveCreatedTemplates(boolean approve) {
    this.approveCreatedTemplates = approve;
    return this;
  }

  /** Maximum requests, webhooks and sent messages kept for assertions (oldest dropped); default 10,000. */
  public CloudApiSandboxBuilder recordLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    this.recordLimit = limit;
    return this;
  }

  /** Webhook items per POST (1..1000; default 1). */
  public CloudApiSandboxBuilder batchSize(int size) {
    this.batchSize = size;
    return this;
  }

  /** Probability that a POST is sent twice (seeded random; default 0). */
  public CloudApiSandboxBuilder duplicateProbability(double p) {
    this.duplicateProbability = p;
    return this;
  }

  /** Deliver the items due in one round in reverse order (read before delivered before sent). */
  public CloudApiSandboxBuilder outOfOrderStatuses(boolean outOfOrder) {
    this.outOfOrder = outOfOrder;
    return this;
  }

  /** Starts the HTTP server. */
  public CloudApiSandbox start() {
    Map<String, Instant> toks = new LinkedHashMap<>(tokens);
    if (toks.isEmpty()) {
      toks.put(DEFAULT_ACCESS_TOKEN, Instant.MAX);
    }
    List<BusinessNumber> nums = numbers.isEmpty() ? List.of(DEFAULT_NUMBER) : numbers;
    List<SandboxTemplate> temps = templates.isEmpty() && defaultTemplates ? defaultTemplates() : templates;
    Settings settings = new Settings(port, toks, appSecret, appId, webhookUrl, wabaId, nums, temps, mps,
        pairInterval, pairBurst, clock == null ? MutableClock.create() : clock, seed, lastStatus,
        deliveredAfter, readAfter, retrySchedule, windowClosedChannel, unsupportedMediaChannel,
        approveCreatedTemplates, recordLimit);
    String first = toks.keySet().iterator().next();
    return new CloudApiSandbox(settings, host, apiVersion, first, batchSize, duplicateProbability, outOfOrder);
  }

  /** The templates seeded when none are configured. */
  public static List<SandboxTemplate> defaultTemplates() {
    return List.of(
        new SandboxTemplate("hello_world", "en_US", "APPROVED", "UTILITY", "POSITIONAL",
            "[{\"type\":\"HEADER\",\"format\":\"TEXT\",\"text\":\"Hello World\"},"
                + "{\"type\":\"BODY\",\"text\":\"Welcome and congratulations!! This message demonstrates"
                + " your ability to send a WhatsApp message notification from the Cloud API.\"}]"),
        SandboxTemplate.approved("order_update", "en_US", "Hi {{1}}, your order {{2}} has shipped."),
        SandboxTemplate.approved("appointment_reminder", "en_US",
            "Hi {{first_name}}, see you on {{date}}."),
        SandboxTemplate.approved("order_update", "de_DE", "Hallo {{1}}, Ihre Bestellung {{2}} ist unterwegs."),
        SandboxTemplate.approved("spring_sale", "en_US", "Our sale ends {{1}}.").withStatus("PAUSED"));
  }
}
