package io.github.whatsapphelpdesk.micrometer;

import io.github.whatsapphelpdesk.client.MediaKind;
import io.github.whatsapphelpdesk.error.ErrorCodes;
import io.github.whatsapphelpdesk.micrometer.internal.BoundedTag;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link SdkListener} that records what the SDK observes as Micrometer meters on a user-supplied
 * {@link MeterRegistry}: counters for webhooks, events, tickets, replies, sends, dead letters, the limiter
 * and window warnings; gauges for the outbox; timers for Cloud API and helpdesk calls. Every meter is
 * named in {@link MeterNames} and documented in {@code docs/metrics.md}.
 *
 * <p>Pass it to each component's builder ({@code listener(SdkListener)} on the client, the webhook
 * handler, the limiter and the bridge):
 *
 * <pre>{@code
 * MicrometerSdkListener metrics = MicrometerSdkListener.create(registry);
 * HelpdeskBridge bridge = HelpdeskBridge.builder().adapter(desk).gateway(gateway).listener(metrics).build();
 * }</pre>
 *
 * <p>Tag cardinality is bounded whatever the SDK reports: enums and fixed sets map unknown values to
 * {@code other}; error codes are tagged only when {@link ErrorCodes#isKnown(int) the SDK's table knows
 * them}; adapter ids and Cloud API operation names are admitted up to a configurable number of distinct
 * values. No tag ever carries a phone number, a BSUID, a ticket id or a message text.
 *
 * <p>Thread-safe; callbacks only update meters.
 */
public final class MicrometerSdkListener implements SdkListener {

  /** The default number of distinct adapter ids tagged before further ids become {@code other}. */
  public static final int DEFAULT_MAX_ADAPTERS = 8;

  /** The default number of further distinct Cloud API operation names tagged before {@code other}. */
  public static final int DEFAULT_MAX_OPERATIONS = 24;

  /** Event types: the simple names of the sealed {@link WebhookEvent} hierarchy, as snake_case. */
  private static final Map<String, String> EVENT_TYPES = eventTypes();

  private final BoundedTag eventType;
  private final BoundedTag adapter;
  private final BoundedTag apiOperation;
  private final BoundedTag helpdeskOperation;
  private final BoundedTag kind;
  private final BoundedTag layer;
  private final BoundedTag optOutReason;
  private final BoundedTag helpdeskOutcome;

  private final Counter webhooksAccepted;
  private final Meter.MeterProvider<Counter> webhooksRejected;
  private final Meter.MeterProvider<Counter> events;
  private final Counter parseProblems;
  private final Meter.MeterProvider<Counter> duplicates;
  private final Meter.MeterProvider<Counter> ticketsCreated;
  private final Meter.MeterProvider<Counter> messagesAppended;
  private final Meter.MeterProvider<Counter> notesWritten;
  private final Meter.MeterProvider<Counter> inboundRejected;
  private final Meter.MeterProvider<Counter> helpdeskRetries;
  private final Counter outsideRollout;
  private final Meter.MeterProvider<Counter> optOuts;
  private final Meter.MeterProvider<Counter> replies;
  private final Meter.MeterProvider<Counter> messagesSent;
  private final Meter.MeterProvider<Counter> messagesFailed;
  private final Counter shadowRecorded;
  private final Meter.MeterProvider<Counter> deadLetters;
  private final Meter.MeterProvider<Timer> limiterWaits;
  private final Meter.MeterProvider<Counter> limiterRefusals;
  private final Meter.MeterProvider<Counter> windowWarnings;
  private final Meter.MeterProvider<Timer> cloudApiCalls;
  private final Meter.MeterProvider<Timer> helpdeskCalls;
  private final AtomicLong outboxDepth = new AtomicLong();
  private final AtomicLong outboxOldestAgeNanos = new AtomicLong();

  private MicrometerSdkListener(Builder b) {
    MeterRegistry r = b.registry;
    eventType = new BoundedTag(Set.copyOf(EVENT_TYPES.values()), 0);
    adapter = new BoundedTag(Set.of("zendesk", "freshdesk", "in-memory"), b.maxAdapters);
    apiOperation = new BoundedTag(
        Set.of("messages", "media", "media.upload", "media.download", "templates", "phone_numbers", "node"),
        b.maxOperations);
    helpdeskOperation = new BoundedTag(adapterMethods(), 0);
    Set<String> kinds = new HashSet<>(Set.of("text", "template", "interactive", "read", "contacts", "location",
        "reaction"));
    for (MediaKind k : MediaKind.values()) {
      kinds.add(k.apiName());
    }
    kind = new BoundedTag(kinds, 0);
    layer = new BoundedTag(Set.of("throughput", "pair", "messaging-limit", "wire"), 0);
    optOutReason = new BoundedTag(Set.of("keyword", "user_preferences", "131050"), 0);
    helpdeskOutcome = new BoundedTag(Set.of("ok", "rate_limited", "retryable", "failed"), 0);

    webhooksAccepted = Counter.builder(MeterNames.WEBHOOKS_ACCEPTED)
        .description("Signed webhook deliveries accepted (stored, then answered 200)").register(r);
    webhooksRejected = Counter.builder(MeterNames.WEBHOOKS_REJECTED)
        .description("Webhook requests refused or unusable, by reason").withRegistry(r);
    events = Counter.builder(MeterNames.EVENTS).description("Events parsed from webhook deliveries, by type")
        .withRegistry(r);
    parseProblems = Counter.builder(MeterNames.PARSE_PROBLEMS)
        .description("Webhook delivery items that could not be parsed").register(r);
    duplicates = Counter.builder(MeterNames.DUPLICATES).description("Repeated events skipped, by type")
        .withRegistry(r);
    ticketsCreated = Counter.builder(MeterNames.TICKETS_CREATED).description("Tickets created in the helpdesk")
        .withRegistry(r);
    messagesAppended = Counter.builder(MeterNames.MESSAGES_APPENDED)
        .description("Customer messages appended to tickets").withRegistry(r);
    notesWritten = Counter.builder(MeterNames.NOTES_WRITTEN).description("Internal notes written for agents")
        .withRegistry(r);
    inboundRejected = Counter.builder(MeterNames.INBOUND_REJECTED)
        .description("Inbound messages the helpdesk rejected permanently (kept for replay)").withRegistry(r);
    helpdeskRetries = Counter.builder(MeterNames.HELPDESK_RETRIES)
        .description("Helpdesk calls that failed retryably; the work is retried later").withRegistry(r);
    outsideRollout = Counter.builder(MeterNames.OUTSIDE_ROLLOUT)
        .description("Inbound events ignored outside the rollout percentage").register(r);
    optOuts = Counter.builder(MeterNames.OPT_OUTS).description("Customers added to the suppression list")
        .withRegistry(r);
    replies = Counter.builder(MeterNames.REPLIES).description("Agent replies routed, by outcome").withRegistry(r);
    messagesSent = Counter.builder(MeterNames.MESSAGES_SENT)
        .description("Outbox messages the Cloud API accepted, by kind").withRegistry(r);
    messagesFailed = Counter.builder(MeterNames.MESSAGES_FAILED)
        .description("Failed sends, by Cloud API error code").withRegistry(r);
    shadowRecorded = Counter.builder(MeterNames.SHADOW_RECORDED)
        .description("Messages shadow mode recorded instead of sending").register(r);
    deadLetters = Counter.builder(MeterNames.DEAD_LETTERS)
        .description("Outbox messages given up on, by last error code").withRegistry(r);
    limiterWaits = timer(MeterNames.LIMITER_WAITS, "Sends the outbound limiter made wait, by layer", b)
        .withRegistry(r);
    limiterRefusals = Counter.builder(MeterNames.LIMITER_REFUSALS)
        .description("Sends the outbound limiter refused, by layer").withRegistry(r);
    windowWarnings = Counter.builder(MeterNames.WINDOW_WARNINGS)
        .description("Service-window warnings written to tickets").withRegistry(r);
    cloudApiCalls = timer(MeterNames.CLOUD_API_CALLS, "Cloud API HTTP exchanges, by operation and status", b)
        .withRegistry(r);
    helpdeskCalls = timer(MeterNames.HELPDESK_CALLS, "Helpdesk adapter calls, by adapter, operation, outcome", b)
        .withRegistry(r);
    Gauge.builder(MeterNames.OUTBOX_DEPTH, outboxDepth, AtomicLong::get)
        .description("Outbox entries not yet final (last reported)").register(r);
    TimeGauge.builder(MeterNames.OUTBOX_OLDEST_AGE, outboxOldestAgeNanos, TimeUnit.NANOSECONDS, AtomicLong::get)
        .description("Age of the oldest outbox entry not yet final (last reported; 0 when empty)").register(r);
  }

  private static Timer.Builder timer(String name, String description, Builder b) {
    Timer.Builder t = Timer.builder(name).description(description);
    if (b.percentileHistograms) {
      t.publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(60));
    }
    return t;
  }

  /** A listener with the default limits on {@code registry}. */
  public static MicrometerSdkListener create(MeterRegistry registry) {
    return builder(registry).build();
  }

  /** A builder of a listener that registers its meters on {@code registry}. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  // ---------------------------------------------------------------------------------- webhook intake

  @Override
  public void webhookAccepted(int newEvents) {
    webhooksAccepted.increment();
  }

  @Override
  public void webhookRejected(WebhookRejection reason) {
    webhooksRejected.withTags("reason", reason == null ? BoundedTag.OTHER : lower(reason.name())).increment();
  }

  @Override
  public void eventParsed(String type) {
    events.withTags("type", eventType(type)).increment();
  }

  @Override
  public void parseProblem() {
    parseProblems.increment();
  }

  @Override
  public void duplicateSkipped(String type) {
    duplicates.withTags("type", eventType(type)).increment();
  }

  // ------------------------------------------------------------------------------------- inbound sync

  @Override
  public void ticketCreated(String adapterId) {
    ticketsCreated.withTags("adapter", adapter.of(adapterId)).increment();
  }

  @Override
  public void messagesAppended(String adapterId, int count) {
    if (count > 0) {
      messagesAppended.withTags("adapter", adapter.of(adapterId)).increment(count);
    }
  }

  @Override
  public void noteWritten(String adapterId) {
    notesWritten.withTags("adapter", adapter.of(adapterId)).increment();
  }

  @Override
  public void inboundRejected(String adapterId, int httpStatus) {
    inboundRejected.withTags("adapter", adapter.of(adapterId), "status", statusClass(httpStatus)).increment();
  }

  @Override
  public void helpdeskRetry(String adapterId) {
    helpdeskRetries.withTags("adapter", adapter.of(adapterId)).increment();
  }

  @Override
  public void outsideRollout() {
    outsideRollout.increment();
  }

  @Override
  public void optOut(String reason) {
    optOuts.withTags("reason", optOutReason.of(reason)).increment();
  }

  // ------------------------------------------------------------------------------------ agent replies

  @Override
  public void replyRouted(ReplyOutcome outcome) {
    replies.withTags("outcome", outcome == null ? BoundedTag.OTHER : lower(outcome.name())).increment();
  }

  @Override
  public void messageSent(String kind) {
    messagesSent.withTags("kind", this.kind.of(kind)).increment();
  }

  @Override
  public void sendFailed(int code, boolean willRetry) {
    messagesFailed.withTags("code", codeTag(code), "category", code == 0 ? "transport" : category(code),
        "retry", Boolean.toString(willRetry)).increment();
  }

  @Override
  public void shadowRecorded() {
    shadowRecorded.increment();
  }

  @Override
  public void deadLettered(int code) {
    deadLetters.withTags("code", codeTag(code), "category", code == 0 ? "none" : category(code)).increment();
  }

  @Override
  public void outboxDepth(long depth, Duration oldestAge) {
    outboxDepth.set(Math.max(0, depth));
    outboxOldestAgeNanos.set(oldestAge == null || oldestAge.isNegative() ? 0 : saturatedNanos(oldestAge));
  }

  // ---------------------------------------------------------------------------- limiter and windows

  @Override
  public void limiterWaited(String layer, Duration waited) {
    limiterWaits.withTags("layer", this.layer.of(layer)).record(nonNegative(waited));
  }

  @Override
  public void limiterRefused(String layer) {
    limiterRefusals.withTags("layer", this.layer.of(layer)).increment();
  }

  @Override
  public void windowWarning(boolean closed) {
    windowWarnings.withTags("stage", closed ? "closed" : "lead").increment();
  }

  // --------------------------------------------------------------------------------------- timings

  @Override
  public void apiCall(String operation, int httpStatus, Duration elapsed) {
    cloudApiCalls.withTags("operation", apiOperation.of(operation), "status", statusClass(httpStatus))
        .record(nonNegative(elapsed));
  }

  @Override
  public void helpdeskCall(String adapterId, String operation, String outcome, Duration elapsed) {
    helpdeskCalls.withTags("adapter", adapter.of(adapterId), "operation", helpdeskOperation.of(operation),
        "outcome", helpdeskOutcome.of(outcome)).record(nonNegative(elapsed));
  }

  // --------------------------------------------------------------------------------------- helpers

  private static String eventType(String simpleName) {
    return simpleName == null ? BoundedTag.OTHER : EVENT_TYPES.getOrDefault(simpleName, BoundedTag.OTHER);
  }

  /**
   * The HTTP status as a bounded class: {@code 1xx} to {@code 5xx}, with
   * {@code 429} kept apart so throttling can be counted; {@code none} when no answer came.
   */
  static String statusClass(int status) {
    if (status == 0) {
      return "none";
    }
    if (status == 429) {
      return "429";
    }
    if (status >= 100 && status <= 599) {
      return (status / 100) + "xx";
    }
    return BoundedTag.OTHER;
  }

  private static String codeTag(int code) {
    if (code == 0) {
      return "0";
    }
    return ErrorCodes.isKnown(code) ? Integer.toString(code) : BoundedTag.OTHER;
  }

  private static String category(int code) {
    return lower(ErrorCodes.classify(code).category().name());
  }

  private static Duration nonNegative(Duration d) {
    return d == null || d.isNegative() ? Duration.ZERO : d;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> eventTypes() {
    Map<String, String> m = new HashMap<>();
    for (Class<?> c : WebhookEvent.class.getPermittedSubclasses()) {
      m.put(c.getSimpleName(), snake(c.getSimpleName()));
    }
    return Map.copyOf(m);
  }

  /** {@code InboundMessage} to {@code inbound_message}. */
  static String snake(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char ch = camel.charAt(i);
      if (Character.isUpperCase(ch)) {
        if (i > 0) {
          sb.append('_');
        }
        sb.append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static Set<String> adapterMethods() {
    Set<String> names = new HashSet<>();
    for (Method m : HelpdeskAdapter.class.getMethods()) {
      names.add(m.getName());
    }
    return names;
  }

  /** Builds a {@link MicrometerSdkListener}. Not thread-safe; the listener it builds is. */
  public static final class Builder {
    private final MeterRegistry registry;
    private int maxAdapters = DEFAULT_MAX_ADAPTERS;
    private int maxOperations = DEFAULT_MAX_OPERATIONS;
    private boolean percentileHistograms;

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * How many distinct adapter ids besides {@code zendesk}, {@code freshdesk} and {@code in-memory} are
     * tagged as themselves (default {@value MicrometerSdkListener#DEFAULT_MAX_ADAPTERS}); later ones are tagged {@code other}.
     */
    public Builder maxAdapters(int max) {
      this.maxAdapters = nonNegative(max, "maxAdapters");
      return this;
    }

    /**
     * How many distinct Cloud API operation names besides the known ones are tagged as themselves
     * (default {@value MicrometerSdkListener#DEFAULT_MAX_OPERATIONS}); later ones are tagged {@code other}.
     */
    public Builder maxOperations(int max) {
      this.maxOperations = nonNegative(max, "maxOperations");
      return this;
    }

    /**
     * Whether the timers publish percentile histograms ({@code _bucket} series for Prometheus'
     * {@code histogram_quantile}; off by default: each timer series then costs about 70 buckets).
     */
    public Builder percentileHistograms(boolean enabled) {
      this.percentileHistograms = enabled;
      return this;
    }

    /** The listener; registers its gauges and untagged counters on the registry now. */
    public MicrometerSdkListener build() {
      return new MicrometerSdkListener(this);
    }

    private static int nonNegative(int v, String name) {
      if (v < 0) {
        throw new IllegalArgumentException(name + " must not be negative: " + v);
      }
      return v;
    }
  }
}
