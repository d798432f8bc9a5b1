package io.github.whatsapphelpdesk.template.internal;

import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.RequestOptions;
import io.github.whatsapphelpdesk.client.SendResult;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.error.TemplateProblem;
import io.github.whatsapphelpdesk.error.TemplateValidationException;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.template.MessageTemplate;
import io.github.whatsapphelpdesk.template.QualityScore;
import io.github.whatsapphelpdesk.template.RejectionVerdict;
import io.github.whatsapphelpdesk.template.RenderedTemplate;
import io.github.whatsapphelpdesk.template.SyncReport;
import io.github.whatsapphelpdesk.template.TemplateCategory;
import io.github.whatsapphelpdesk.template.TemplateKey;
import io.github.whatsapphelpdesk.template.TemplateListener;
import io.github.whatsapphelpdesk.template.TemplateRegistry;
import io.github.whatsapphelpdesk.template.TemplateSource;
import io.github.whatsapphelpdesk.template.TemplateStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory {@link TemplateRegistry}. Reads go to an immutable snapshot held in a volatile field;
 * webhook updates and syncs replace it under one lock. A sync fetches outside the lock; updates that
 * arrive meanwhile are logged and applied again on top of the fetched snapshot, which may predate them.
 */
public final class DefaultTemplateRegistry implements TemplateRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(TemplateRegistry.class);
  /** Updates logged during one sync beyond this are dropped, and the registry is marked stale instead. */
  static final int MAX_REPLAY = 10_000;
  private static final Duration MAX_TICK = Duration.ofMinutes(1);

  private final TemplateSource source;
  private final Clock clock;
  private final ScheduledExecutorService givenScheduler;
  private final Duration syncInterval;
  private final Duration minResyncInterval;
  private final Duration retryAfterFailure;
  private final Set<Integer> resyncCodes;
  private final List<TemplateListener> listeners;

  private final Object lock = new Object();
  private volatile Snapshot snapshot;
  private volatile SyncReport lastSync;
  private volatile Instant lastFailureAt;
  private volatile Instant lastSyncStartedAt;
  private volatile boolean stale;
  // Guarded by lock.
  private CompletableFuture<SyncReport> inFlight;
  private List<UnaryOperator<Map<TemplateKey, Entry>>> replay;
  private boolean replayOverflow;
  private ScheduledExecutorService ownScheduler;
  private ScheduledFuture<?> task;
  private boolean closed;

  /** One held translation and the reason Meta gave with its last status change. */
  private record Entry(MessageTemplate template, String reason) {}

  /** An immutable view of every held translation. */
  private record Snapshot(Map<TemplateKey, Entry> byKey, Map<String, TemplateKey> byId) {
    static Snapshot of(Map<TemplateKey, Entry> byKey) {
      Map<String, TemplateKey> ids = new HashMap<>();
      byKey.forEach((k, e) -> {
        if (e.template().id() != null) {
          ids.put(e.template().id(), k);
        }
      });
      return new Snapshot(Map.copyOf(byKey), Map.copyOf(ids));
    }
  }

  public DefaultTemplateRegistry(TemplateRegistry.Builder b) {
    this.source = b.source();
    this.clock = b.clock();
    this.givenScheduler = b.scheduler();
    this.syncInterval = b.syncInterval();
    this.minResyncInterval = b.minResyncInterval();
    this.retryAfterFailure = b.retryAfterFailure();
    this.resyncCodes = Set.copyOf(b.resyncCodes());
    this.listeners = b.listeners();
    Map<TemplateKey, Entry> initial = new HashMap<>();
    for (MessageTemplate t : b.initialTemplates()) {
      initial.put(TemplateKey.of(t), new Entry(t, null));
    }
    this.snapshot = Snapshot.of(initial);
  }

  // ----------------------------------------------------------------------------------------------
  // Sync

  @Override
  public SyncReport sync() {
    CompletableFuture<SyncReport> mine;
    synchronized (lock) {
      if (inFlight != null) {
        mine = inFlight;
      } else {
        inFlight = new CompletableFuture<>();
        replay = new ArrayList<>();
        replayOverflow = false;
        mine = null;
      }
    }
    if (mine != null) {
      return join(mine);
    }
    return runSync();
  }

  private static SyncReport join(CompletableFuture<SyncReport> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private SyncReport runSync() {
    Instant started = clock.instant();
    lastSyncStartedAt = started;
    boolean wasStale = stale;
    stale = false;
    List<MessageTemplate> fetched;
    try {
      fetched = List.copyOf(Objects.requireNonNull(source.fetchAll(), "the template source returned null"));
    } catch (RuntimeException | Error e) {
      // Whatever failed, the sync in flight must end, or every later caller would wait for it forever.
      CompletableFuture<SyncReport> f;
      synchronized (lock) {
        f = inFlight;
        inFlight = null;
        replay = null;
      }
      stale = stale || wasStale;
      lastFailureAt = clock.instant();
      LOG.debug("template sync failed: {}", e.toString());
      if (e instanceof RuntimeException re) {
        for (TemplateListener l : listeners) {
          try {
            l.onSyncFailed(re);
          } catch (RuntimeException ignored) {
            LOG.debug("template listener failed", ignored);
          }
        }
      }
      f.completeExceptionally(e);
      throw e;
    }
    List<Change> changes = new ArrayList<>();
    SyncReport report;
    CompletableFuture<SyncReport> f;
    synchronized (lock) {
      Map<TemplateKey, Entry> next = new HashMap<>();
      for (MessageTemplate t : fetched) {
        next.put(TemplateKey.of(t), new Entry(t, t.status() == TemplateStatus.REJECTED ? t.rejectedReason() : null));
      }
      int replayed = replay.size();
      for (UnaryOperator<Map<TemplateKey, Entry>> u : replay) {
        u.apply(next);
      }
      if (replayOverflow) {
        stale = true;
      }
      Map<TemplateKey, Entry> prev = snapshot.byKey();
      int added = 0;
      int removed = 0;
      int changed = 0;
      for (Map.Entry<TemplateKey, Entry> e : next.entrySet()) {
        Entry old = prev.get(e.getKey());
        if (old == null) {
          added++;
          changes.add(new Change(null, e.getValue().template(), e.getValue().reason()));
        } else if (!old.template().equals(e.getValue().template())) {
          changed++;
          changes.add(new Change(old.template(), e.getValue().template(), e.getValue().reason()));
        }
      }
      for (Map.Entry<TemplateKey, Entry> e : prev.entrySet()) {
        if (!next.containsKey(e.getKey())) {
          removed++;
          changes.add(new Change(e.getValue().template(), null, null));
        }
      }
      snapshot = Snapshot.of(next);
      report = new SyncReport(started, clock.instant(), next.size(), added, removed, changed, replayed);
      lastSync = report;
      lastFailureAt = null;
      f = inFlight;
      inFlight = null;
      replay = null;
    }
    LOG.debug("templates synced: {} held, {} added, {} removed, {} changed, {} updates replayed",
        report.templates(), report.added(), report.removed(), report.changed(), report.webhookUpdatesReplayed());
    changes.forEach(this::notifyChange);
    f.complete(report);
    return report;
  }

  private record Change(MessageTemplate before, MessageTemplate after, String reason) {}

  private void notifyChange(Change c) {
    for (TemplateListener l : listeners) {
      try {
        l.onTemplateChanged(c.before(), c.after(), c.reason());
      } catch (RuntimeException e) {
        LOG.debug("template listener failed", e);
      }
    }
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the template registry is closed");
      }
      if (task != null) {
        return;
      }
      ScheduledExecutorService s = givenScheduler;
      if (s == null) {
        ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, r -> {
          Thread t = new Thread(r, "whatsapp-template-sync");
          t.setDaemon(true);
          return t;
        });
        own.setRemoveOnCancelPolicy(true);
        ownScheduler = own;
        s = own;
      }
      long tick = tickPeriod().toMillis();
      task = s.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
    }
  }

  /** How often the scheduled task looks whether a sync is due. */
  Duration tickPeriod() {
    return syncInterval.compareTo(MAX_TICK) < 0 ? syncInterval : MAX_TICK;
  }

  /** The scheduled task: syncs when due; never throws (a throwing task would be cancelled). */
  void tick() {
    try {
      if (syncDue(clock.instant())) {
        sync();
      }
    } catch (RuntimeException e) {
      LOG.debug("scheduled template sync failed; retrying in {}", retryAfterFailure);
    }
  }

  private boolean syncDue(Instant now) {
    Instant failed = lastFailureAt;
    if (failed != null && now.isBefore(failed.plus(retryAfterFailure))) {
      return false;
    }
    SyncReport last = lastSync;
    if (last == null) {
      return true;
    }
    if (stale && !now.isBefore(last.startedAt().plus(minResyncInterval))) {
      return true;
    }
    return !now.isBefore(last.startedAt().plus(syncInterval));
  }

  /**
   * Re-syncs unless a sync started within {@code minResyncInterval}; returns false when the sync failed.
   */
  private boolean resyncIfAllowed() {
    Instant now = clock.instant();
    Instant started = lastSyncStartedAt;
    if (started != null && now.isBefore(started.plus(minResyncInterval))) {
      CompletableFuture<SyncReport> f;
      synchronized (lock) {
        f = inFlight;
      }
      if (f != null) {
        try {
          join(f);
        } catch (RuntimeException e) {
          return false;
        }
      }
      Instant failed = lastFailureAt;
      return failed == null || failed.isBefore(started);
    }
    try {
      sync();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public Optional<SyncReport> lastSync() {
    return Optional.ofNullable(lastSync);
  }

  // ----------------------------------------------------------------------------------------------
  // Reads

  @Override
  public Optional<MessageTemplate> find(String name, String language) {
    Entry e = snapshot.byKey().get(new TemplateKey(name, language));
    return e == null ? Optional.empty() : Optional.of(e.template());
  }

  @Override
  public Optional<MessageTemplate> findById(String templateId) {
    Objects.requireNonNull(templateId, "templateId");
    Snapshot s = snapshot;
    TemplateKey k = s.byId().get(templateId);
    return k == null ? Optional.empty() : Optional.of(s.byKey().get(k).template());
  }

  @Override
  public List<String> languages(String name) {
    Objects.requireNonNull(name, "name");
    return snapshot.byKey().keySet().stream().filter(k -> k.name().equals(name)).map(TemplateKey::language)
        .sorted().toList();
  }

  @Override
  public List<MessageTemplate> templates() {
    return snapshot.byKey().values().stream().map(Entry::template)
        .sorted(Comparator.comparing(MessageTemplate::name).thenComparing(MessageTemplate::language)).toList();
  }

  @Override
  public Optional<String> statusReason(String name, String language) {
    Entry e = snapshot.byKey().get(new TemplateKey(name, language));
    return e == null ? Optional.empty() : Optional.ofNullable(e.reason());
  }

  // ----------------------------------------------------------------------------------------------
  // Webhook updates

  @Override
  public boolean applyStatusUpdate(String templateId, String name, String language, TemplateStatus status, String reason) {
    Objects.requireNonNull(status, "status");
    if (status == TemplateStatus.UNKNOWN) {
      stale = true;
      return false;
    }
    return update(templateId, name, language, e -> new Entry(copy(e.template(), status,
        status == TemplateStatus.REJECTED && reason != null ? reason : e.template().rejectedReason(),
        e.template().qualityScore(), e.template().category(), e.template().previousCategory()), reason));
  }

  @Override
  public boolean applyStatusEvent(String templateId, String name, String language, String event, String reason) {
    Objects.requireNonNull(event, "event");
    String ev = event.strip().toUpperCase(Locale.ROOT);
    switch (ev) {
      case "REINSTATED" -> {
        return applyStatusUpdate(templateId, name, language, TemplateStatus.APPROVED, reason);
      }
      case "UNARCHIVED" -> {
        // The template is back with the status it had before it was archived; only a sync knows it.
        stale = true;
        return applyStatusUpdate(templateId, name, language, TemplateStatus.APPROVED, reason);
      }
      case "FLAGGED", "LOCKED" -> {
        String r = reason == null || reason.isBlank() || "NONE".equalsIgnoreCase(reason) ? ev : ev + ": " + reason;
        return update(templateId, name, language, e -> new Entry(e.template(), r));
      }
      default -> {
        return applyStatusUpdate(templateId, name, language, TemplateStatus.parse(ev), reason);
      }
    }
  }

  @Override
  public boolean applyQualityUpdate(String templateId, String name, String language, QualityScore newScore) {
    Objects.requireNonNull(newScore, "newScore");
    return update(templateId, name, language, e -> new Entry(copy(e.template(), e.template().status(),
        e.template().rejectedReason(), newScore, e.template().category(), e.template().previousCategory()), e.reason()));
  }

  @Override
  public boolean applyCategoryUpdate(String templateId, String name, String language, TemplateCategory newCategory) {
    Objects.requireNonNull(newCategory, "newCategory");
    return update(templateId, name, language, e -> {
      MessageTemplate t = e.template();
      String previous = t.category() == newCategory ? t.previousCategory() : t.category().name();
      return new Entry(copy(t, t.status(), t.rejectedReason(), t.qualityScore(), newCategory, previous), e.reason());
    });
  }

  private static MessageTemplate copy(
      MessageTemplate t, TemplateStatus status, String rejectedReason, QualityScore quality, TemplateCategory category,
      String previousCategory) {
    return new MessageTemplate(t.id(), t.name(), t.language(), status, category, t.subCategory(), previousCategory,
        t.parameterFormat(), t.components(), quality, rejectedReason, t.messageSendTtlSeconds());
  }

  /** Applies {@code change} to the translation identified by id, else by name and language. */
  private boolean update(String templateId, String name, String language, UnaryOperator<Entry> change) {
    if (templateId == null && (name == null || language == null)) {
      throw new IllegalArgumentException("a template update needs the template id, or its name and language");
    }
    UnaryOperator<Map<TemplateKey, Entry>> op = m -> {
      TemplateKey k = resolve(m, templateId, name, language);
      if (k != null) {
        m.put(k, change.apply(m.get(k)));
      }
      return m;
    };
    Change c = null;
    synchronized (lock) {
      Map<TemplateKey, Entry> current = snapshot.byKey();
      TemplateKey byId = templateId == null ? null : snapshot.byId().get(templateId);
      TemplateKey k = byId != null ? byId : resolve(current, null, name, language);
      if (replay != null) {
        if (replay.size() < MAX_REPLAY) {
          replay.add(op);
        } else {
          replayOverflow = true;
        }
      }
      if (k == null) {
        if (replay == null) {
          stale = true; // with a sync in flight, the replay log covers it
        }
        LOG.debug("template update for a template not held (id {}, {}/{}); marked stale", templateId, name, language);
        return false;
      }
      Entry before = current.get(k);
      Entry after = change.apply(before);
      if (after.equals(before)) {
        return false;
      }
      Map<TemplateKey, Entry> next = new HashMap<>(current);
      next.put(k, after);
      snapshot = Snapshot.of(next);
      c = new Change(before.template(), after.template(), after.reason());
    }
    notifyChange(c);
    return true;
  }

  private static TemplateKey resolve(Map<TemplateKey, Entry> m, String templateId, String name, String language) {
    if (templateId != null) {
      for (Map.Entry<TemplateKey, Entry> e : m.entrySet()) {
        if (templateId.equals(e.getValue().template().id())) {
          return e.getKey();
        }
      }
    }
    if (name != null && language != null) {
      TemplateKey k = new TemplateKey(name, language);
      if (m.containsKey(k)) {
        return k;
      }
      // Older webhook samples write "en-US" for the "en_US" the management API returns.
      TemplateKey underscored = new TemplateKey(name, language.replace('-', '_'));
      if (m.containsKey(underscored)) {
        return underscored;
      }
    }
    return null;
  }

  // ----------------------------------------------------------------------------------------------
  // Checks and rendering

  @Override
  public List<TemplateProblem> check(TemplateMessage message) {
    Objects.requireNonNull(message, "message");
    Entry e = snapshot.byKey().get(new TemplateKey(message.name(), message.languageCode()));
    if (e == null) {
      return List.of(notFound(message));
    }
    List<TemplateProblem> out = new ArrayList<>();
    TemplateProblem status = TemplateChecker.statusProblem(e.template(), e.reason());
    if (status != null) {
      out.add(status);
    }
    out.addAll(TemplateChecker.check(e.template(), message));
    return List.copyOf(out);
  }

  private TemplateProblem notFound(TemplateMessage m) {
    List<String> langs = languages(m.name());
    String msg = langs.isEmpty()
        ? "no template named '" + m.name() + "' is known" + (lastSync == null ? " (the registry has not synced yet)" : "")
        : "template '" + m.name() + "' has no '" + m.languageCode() + "' translation (held: "
            + String.join(", ", langs) + ")";
    return TemplateProblem.of(TemplateProblem.Kind.NOT_FOUND, "template", msg);
  }

  @Override
  public void validate(TemplateMessage message) {
    List<TemplateProblem> p = check(message);
    if (!p.isEmpty()) {
      throw new TemplateValidationException(message.name(), message.languageCode(), p);
    }
  }

  @Override
  public RenderedTemplate render(TemplateMessage message) {
    validate(message);
    return TemplateChecker.render(find(message.name(), message.languageCode()).orElseThrow(), message);
  }

  /** Checks, syncing first when the template is missing and the registry never synced or is stale. */
  private List<TemplateProblem> checkBeforeSend(TemplateMessage m) {
    List<TemplateProblem> p = check(m);
    boolean missing = p.size() == 1 && p.get(0).kind() == TemplateProblem.Kind.NOT_FOUND;
    if (missing && (lastSync == null || stale) && resyncIfAllowed()) {
      p = check(m);
    }
    return p;
  }

  // ----------------------------------------------------------------------------------------------
  // Sending

  @Override
  public SendResult send(WhatsAppClient client, Message message) {
    return send(client, message, RequestOptions.defaults());
  }

  @Override
  public SendResult send(WhatsAppClient client, Message message, RequestOptions options) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(options, "options");
    if (!(message.content() instanceof TemplateMessage tm)) {
      return client.messages().send(message, options);
    }
    List<TemplateProblem> p = checkBeforeSend(tm);
    if (!p.isEmpty()) {
      throw new TemplateValidationException(tm.name(), tm.languageCode(), p);
    }
    MessageTemplate before = find(tm.name(), tm.languageCode()).orElse(null);
    try {
      return client.messages().send(message, options);
    } catch (WhatsAppApiException e) {
      RejectionVerdict v = onRejected(tm, e, before);
      switch (v.outcome()) {
        case RETRY -> {
          LOG.debug("template {}/{} changed on re-sync after code {}; sending once more", tm.name(),
              tm.languageCode(), e.code());
          return client.messages().send(message, options);
        }
        case INVALID -> {
          TemplateValidationException tve = new TemplateValidationException(tm.name(), tm.languageCode(), v.problems());
          tve.initCause(e);
          throw tve;
        }
        default -> throw e;
      }
    }
  }

  @Override
  public RejectionVerdict onSendRejected(TemplateMessage message, WhatsAppApiException error) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(error, "error");
    return onRejected(message, error, find(message.name(), message.languageCode()).orElse(null));
  }

  private RejectionVerdict onRejected(TemplateMessage m, WhatsAppApiException error, MessageTemplate before) {
    if (!resyncCodes.contains(error.code())) {
      return RejectionVerdict.of(RejectionVerdict.Outcome.NOT_HANDLED);
    }
    LOG.debug("Meta answered {} for template {}/{}; re-syncing", error.code(), m.name(), m.languageCode());
    if (!resyncIfAllowed()) {
      return RejectionVerdict.of(RejectionVerdict.Outcome.GIVE_UP);
    }
    List<TemplateProblem> p = check(m);
    if (!p.isEmpty()) {
      return new RejectionVerdict(RejectionVerdict.Outcome.INVALID, p);
    }
    MessageTemplate after = find(m.name(), m.languageCode()).orElse(null);
    return Objects.equals(before, after)
        ? RejectionVerdict.of(RejectionVerdict.Outcome.GIVE_UP)
        : RejectionVerdict.of(RejectionVerdict.Outcome.RETRY);
  }

  @Override
  public void close() {
    ScheduledExecutorService own;
    synchronized (lock) {
      closed = true;
      if (task != null) {
        task.cancel(false);
        task = null;
      }
      own = ownScheduler;
      ownScheduler = null;
    }
    if (own != null) {
      own.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "TemplateRegistry[templates=" + snapshot.byKey().size() + ", lastSync="
        + (lastSync == null ? "never" : lastSync.completedAt()) + ", stale=" + stale + "]";
  }
}
