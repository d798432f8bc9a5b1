package io.github.whatsapphelpdesk.template;

import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.RequestOptions;
import io.github.whatsapphelpdesk.client.SendResult;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.error.TemplateProblem;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.template.internal.DefaultTemplateRegistry;
import io.github.whatsapphelpdesk.webhook.TemplateCategoryUpdate;
import io.github.whatsapphelpdesk.webhook.TemplateQualityUpdate;
import io.github.whatsapphelpdesk.webhook.TemplateStatusUpdate;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The WABA's message templates, held in memory and kept current, keyed by name and exact language code.
 * It checks every template message before it is sent, so a missing, unapproved or mis-filled template
 * fails locally with every problem listed instead of with Meta's 132001, 132000 or 132012.
 *
 * <ul>
 *   <li>{@link #sync()} reads every template through the {@link TemplateSource} (usually {@code
 *       client.templates().list()}, all pages) and replaces the snapshot;
 *   <li>{@link #start()} re-syncs periodically on one scheduled task ({@link Builder#syncInterval});
 *   <li>{@code apply*Update} apply the template status, quality and category webhooks as they arrive;
 *   <li>{@link #check}, {@link #validate} and {@link #render} check and render a {@link TemplateMessage};
 *   <li>{@link #send} sends through a client and, when Meta answers 132001 or 132000 for a template it
 *       holds, re-syncs once and checks again before giving up ({@link #onSendRejected} is the same
 *       logic for callers with their own send path).
 * </ul>
 *
 * <pre>{@code
 * TemplateRegistry templates = TemplateRegistry.builder().client(client).build();
 * templates.sync();
 * templates.start();                       // re-sync every hour
 * SendResult r = templates.send(client, Message.of(to, TemplateMessage.of("order_update", "en_US",
 *     TemplateComponent.body(TemplateParameter.text("Ana"), TemplateParameter.text("#1042")))));
 * }</pre>
 *
 * <p>Thread-safe: reads see an immutable snapshot; updates and syncs are serialised.
 */
public interface TemplateRegistry extends AutoCloseable {

  /** The default periodic re-sync interval. */
  Duration DEFAULT_SYNC_INTERVAL = Duration.ofHours(1);
  /** The default shortest time between two re-syncs triggered by rejections or unknown-template webhooks. */
  Duration DEFAULT_MIN_RESYNC_INTERVAL = Duration.ofSeconds(30);
  /** The default time before a failed periodic sync is tried again. */
  Duration DEFAULT_RETRY_AFTER_FAILURE = Duration.ofMinutes(1);
  /** The codes a rejection re-syncs for by default: 132000 (parameter count) and 132001 (not found). */
  Set<Integer> DEFAULT_RESYNC_CODES = Set.of(132000, 132001);

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  // ----------------------------------------------------------------------------------------------
  // Sync

  /**
   * Reads every template from the source and replaces the snapshot. Status, quality and category
   * updates applied while the fetch was running are applied again on top of it. Concurrent callers
   * share one fetch.
   *
   * @throws io.github.whatsapphelpdesk.error.WhatsAppException when the source fails; the registry keeps
   *     what it held
   */
  SyncReport sync();

  /**
   * Starts the periodic re-sync on the scheduler (one task for the registry, whatever the number of
   * templates). The first sync runs at once when nothing was synced yet. Idempotent.
   */
  void start();

  /** The last successful sync, if any. */
  Optional<SyncReport> lastSync();

  // ----------------------------------------------------------------------------------------------
  // Reads

  /** The translation with exactly this name and language code. */
  Optional<MessageTemplate> find(String name, String language);

  /** The translation with this template id ({@code hsm_id}). */
  Optional<MessageTemplate> findById(String templateId);

  /** The language codes held for a name, sorted. */
  List<String> languages(String name);

  /** Every held translation, sorted by name then language. */
  List<MessageTemplate> templates();

  /**
   * The reason Meta gave with the last status update of a translation (for example {@code
   * LOW_QUALITY} for a pause), or its {@code rejected_reason} when it is REJECTED.
   */
  Optional<String> statusReason(String name, String language);

  // ----------------------------------------------------------------------------------------------
  // Webhook updates (plain values; the webhook event records are adapted by the caller)

  /**
   * Applies a {@code message_template_status_update}. The template is found by id, else by name and
   * language. An update for a template the registry does not hold marks it stale: the next check that
   * misses, or the scheduler, re-syncs.
   *
   * @param templateId {@code message_template_id}, or null
   * @param name {@code message_template_name}, or null when the id is given
   * @param language {@code message_template_language}, or null when the id is given
   * @param status the new status
   * @param reason {@code reason} (for example {@code NONE}, {@code LOW_QUALITY}), or null
   * @return true when a held translation changed
   */
  boolean applyStatusUpdate(String templateId, String name, String language, TemplateStatus status, String reason);

  /**
   * Applies a {@code message_template_status_update} from its raw {@code event} value, which has more
   * values than {@link TemplateStatus}: {@code REINSTATED} and {@code UNARCHIVED} mean APPROVED again,
   * {@code FLAGGED} and {@code LOCKED} leave the template sendable (only the reason is kept), and
   * unknown values mark the registry stale.
   *
   * @return true when a held translation changed
   */
  boolean applyStatusEvent(String templateId, String name, String language, String event, String reason);

  /**
   * Applies a {@code message_template_quality_update}.
   *
   * @return true when a held translation changed
   */
  boolean applyQualityUpdate(String templateId, String name, String language, QualityScore newScore);

  /**
   * Applies the change of a {@code template_category_update} ({@code new_category}); the old category
   * becomes {@code previousCategory}. The 24-hour notice that precedes it changes nothing.
   *
   * @return true when a held translation changed
   */
  boolean applyCategoryUpdate(String templateId, String name, String language, TemplateCategory newCategory);

  /**
   * Applies a parsed {@code message_template_status_update} (see {@link #applyStatusEvent}). The kept
   * reason is Meta's {@code reason}, followed by {@code other_info.title} (for example {@code
   * FIRST_PAUSE}) and {@code rejection_info.reason} when present.
   *
   * @return true when a held translation changed
   */
  default boolean applyStatusUpdate(TemplateStatusUpdate update) {
    Objects.requireNonNull(update, "update");
    StringBuilder reason = new StringBuilder();
    for (String part : new String[] {update.reason(), update.otherInfoTitle(), update.rejectionReason()}) {
      if (part != null && !part.isBlank() && !"NONE".equalsIgnoreCase(part)) {
        reason.append(reason.length() == 0 ? "" : ": ").append(part.strip());
      }
    }
    String event = update.rawEvent() != null ? update.rawEvent() : update.event().name();
    return applyStatusEvent(update.templateId(), update.templateName(), update.language(), event,
        reason.length() == 0 ? update.reason() : reason.toString());
  }

  /**
   * Applies a parsed {@code message_template_quality_update}.
   *
   * @return true when a held translation changed
   */
  default boolean applyQualityUpdate(TemplateQualityUpdate update) {
    Objects.requireNonNull(update, "update");
    return applyQualityUpdate(update.templateId(), update.templateName(), update.language(), update.newScore());
  }

  /**
   * Applies a parsed {@code template_category_update}: the change ({@code new_category}) updates the
   * template; the 24-hour advance notice ({@code correct_category} only) changes nothing.
   *
   * @return true when a held translation changed
   */
  default boolean applyCategoryUpdate(TemplateCategoryUpdate update) {
    Objects.requireNonNull(update, "update");
    if (update.newCategory() == TemplateCategory.UNKNOWN) {
      return false;
    }
    return applyCategoryUpdate(update.templateId(), update.templateName(), update.language(), update.newCategory());
  }

  /**
   * Applies any webhook event that concerns templates (status, quality, category); other events are
   * ignored. Convenient as a webhook listener: {@code events.forEach(registry::applyWebhook)}.
   *
   * @return true when a held translation changed
   */
  default boolean applyWebhook(WebhookEvent event) {
    Objects.requireNonNull(event, "event");
    if (event instanceof TemplateStatusUpdate u) {
      return applyStatusUpdate(u);
    }
    if (event instanceof TemplateQualityUpdate u) {
      return applyQualityUpdate(u);
    }
    if (event instanceof TemplateCategoryUpdate u) {
      return applyCategoryUpdate(u);
    }
    return false;
  }

  // ----------------------------------------------------------------------------------------------
  // Checks and rendering

  /**
   * Checks a template message against the held definition without throwing: the template exists in
   * that language and is APPROVED, the parameter format (named or positional) and the parameter counts
   * of the header, the body and each button (by index and sub_type) match, the header media type
   * matches, currency and date_time parameters are well formed, and texts are within {@link
   * TemplateLimits}. Every problem is returned, most fundamental first; empty means it may be sent.
   */
  List<TemplateProblem> check(TemplateMessage message);

  /**
   * Checks like {@link #check} and throws when there is any problem.
   *
   * @throws io.github.whatsapphelpdesk.error.TemplateValidationException listing every problem
   */
  void validate(TemplateMessage message);

  /**
   * The exact text the customer will see, after the same check as {@link #validate}.
   *
   * @throws io.github.whatsapphelpdesk.error.TemplateValidationException listing every problem
   */
  RenderedTemplate render(TemplateMessage message);

  // ----------------------------------------------------------------------------------------------
  // Sending

  /** {@link #send(WhatsAppClient, Message, RequestOptions)} with the default options. */
  SendResult send(WhatsAppClient client, Message message);

  /**
   * Checks and sends a message. A template message is validated first; when Meta still rejects it
   * with a re-sync code (132000, 132001 by default), the registry re-syncs once, checks again and
   * resends once if the definition changed and the message now passes. Other messages are sent as is.
   *
   * @throws io.github.whatsapphelpdesk.error.TemplateValidationException before any call, or after the
   *     re-sync (Meta's error is then the cause)
   * @throws io.github.whatsapphelpdesk.error.WhatsAppApiException Meta's error when re-syncing did not help
   */
  SendResult send(WhatsAppClient client, Message message, RequestOptions options);

  /**
   * For callers with their own send path (an outbox, a limiter): Meta rejected {@code message} with
   * {@code error}. For a re-sync code the registry re-syncs (at most once per {@link
   * Builder#minResyncInterval}, shared by concurrent callers), checks again and says whether to resend.
   */
  RejectionVerdict onSendRejected(TemplateMessage message, WhatsAppApiException error);

  /** Stops the periodic re-sync and shuts down a scheduler the registry created itself. */
  @Override
  void close();

  /** Builds a {@link TemplateRegistry}; a {@link #source} (or {@link #client}) is required. */
  final class Builder {
    private TemplateSource source;
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private Duration syncInterval = DEFAULT_SYNC_INTERVAL;
    private Duration minResyncInterval = DEFAULT_MIN_RESYNC_INTERVAL;
    private Duration retryAfterFailure = DEFAULT_RETRY_AFTER_FAILURE;
    private Set<Integer> resyncCodes = DEFAULT_RESYNC_CODES;
    private final List<TemplateListener> listeners = new ArrayList<>();
    private final List<MessageTemplate> initial = new ArrayList<>();

    private Builder() {}

    /** Reads templates from this source. */
    public Builder source(TemplateSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Reads templates with {@code client.templates().list()} (the client needs its WABA id). */
    public Builder client(WhatsAppClient client) {
      return source(TemplateSource.of(client));
    }

    /** The clock for sync times and intervals (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The scheduler that runs the periodic re-sync (one task). Not shut down by {@link
     * TemplateRegistry#close()}. Without one, {@link TemplateRegistry#start()} creates a single daemon
     * thread and close shuts it down.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** How often to re-sync (default 1 hour; at least 1 second). */
    public Builder syncInterval(Duration interval) {
      this.syncInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * The shortest time between two re-syncs triggered by rejections or stale marks (default 30 s):
     * a burst of 132001 answers costs one fetch, not one per message. Zero disables the guard.
     */
    public Builder minResyncInterval(Duration interval) {
      this.minResyncInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** How long after a failed periodic sync to try again (default 1 minute). */
    public Builder retryAfterFailure(Duration delay) {
      this.retryAfterFailure = Objects.requireNonNull(delay, "delay");
      return this;
    }

    /** The Cloud API codes that trigger a re-sync on rejection (default 132000 and 132001). */
    public Builder resyncOn(int... codes) {
      Set<Integer> s = new LinkedHashSet<>();
      for (int c : codes) {
        s.add(c);
      }
      this.resyncCodes = Set.copyOf(s);
      return this;
    }

    /** Adds a listener. */
    public Builder listener(TemplateListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Templates to hold before the first sync (for example a cached copy after a restart); the first
     * sync replaces them.
     */
    public Builder templates(Collection<MessageTemplate> templates) {
      templates.forEach(t -> initial.add(Objects.requireNonNull(t, "template")));
      return this;
    }

    /** The source. */
    public TemplateSource source() {
      return source;
    }

    /** The clock. */
    public Clock clock() {
      return clock;
    }

    /** The scheduler, or null. */
    public ScheduledExecutorService scheduler() {
      return scheduler;
    }

    /** The sync interval. */
    public Duration syncInterval() {
      return syncInterval;
    }

    /** The minimum re-sync interval. */
    public Duration minResyncInterval() {
      return minResyncInterval;
    }

    /** The retry delay after a failed sync. */
    public Duration retryAfterFailure() {
      return retryAfterFailure;
    }

    /** The re-sync codes. */
    public Set<Integer> resyncCodes() {
      return resyncCodes;
    }

    /** The listeners. */
    public List<TemplateListener> listeners() {
      return List.copyOf(listeners);
    }

    /** The initial templates. */
    public List<MessageTemplate> initialTemplates() {
      return List.copyOf(initial);
    }

    /**
     * Builds the registry.
     *
     * @throws IllegalStateException when no source is set or a duration is out of range
     */
    public TemplateRegistry build() {
      if (source == null) {
        throw new IllegalStateException("a TemplateRegistry needs a source(...) or client(...)");
      }
      if (syncInterval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalStateException("syncInterval must be at least 1 second");
      }
      if (minResyncInterval.isNegative()) {
        throw new IllegalStateException("minResyncInterval must not be negative");
      }
      if (retryAfterFailure.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalStateException("retryAfterFailure must be at least 1 second");
      }
      return new DefaultTemplateRegistry(this);
    }
  }
}
