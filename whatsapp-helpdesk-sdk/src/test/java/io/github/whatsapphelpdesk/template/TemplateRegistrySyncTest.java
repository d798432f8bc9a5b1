package io.github.whatsapphelpdesk.template;

import static io.github.whatsapphelpdesk.template.TemplateFixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.ClientTestAccess;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.error.ApiError;
import io.github.whatsapphelpdesk.error.ServerException;
import io.github.whatsapphelpdesk.error.TemplateProblem;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class TemplateRegistrySyncTest {
  private final MutableClock clock = MutableClock.create();

  /** A source that returns what {@code next} holds and counts its calls. */
  private static final class CountingSource implements TemplateSource {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicReference<Supplier<List<MessageTemplate>>> next;

    CountingSource(List<MessageTemplate> initial) {
      next = new AtomicReference<>(() -> initial);
    }

    @Override
    public List<MessageTemplate> fetchAll() {
      calls.incrementAndGet();
      return next.get().get();
    }
  }

  private static final class RecordingListener implements TemplateListener {
    final List<String> changes = new CopyOnWriteArrayList<>();
    final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

    @Override
    public void onTemplateChanged(MessageTemplate before, MessageTemplate after, String reason) {
      MessageTemplate t = after != null ? after : before;
      changes.add(t.name() + "/" + t.language() + ":" + (before == null ? "-" : before.status()) + "->"
          + (after == null ? "-" : after.status()) + (reason == null ? "" : "(" + reason + ")"));
    }

    @Override
    public void onSyncFailed(RuntimeException error) {
      failures.add(error);
    }
  }

  @Test
  void sync_throughTheClient_followsEveryPageAndKeysByNameAndLanguage() throws Exception {
    try (MockWebServer server = ClientTestAccess.server(); WhatsAppClient client = ClientTestAccess.client(server)) {
      server.enqueue(ClientTestAccess.json(200, ClientTestAccess.fixture("peer/retTemplate2.json")));
      server.enqueue(ClientTestAccess.json(200, ClientTestAccess.fixture("peer/retTemplate3.json")));
      TemplateRegistry registry = TemplateRegistry.builder().client(client).clock(clock).build();

      SyncReport report = registry.sync();

      RecordedRequest first = server.takeRequest();
      assertThat(first.getUrl().encodedPath()).endsWith("/message_templates");
      assertThat(server.takeRequest().getUrl().queryParameter("after")).isEqualTo("MQZDZD");
      // welcome_template3/en_US is on both pages: one translation.
      assertThat(report.templates()).isEqualTo(2);
      assertThat(report.added()).isEqualTo(2);
      assertThat(report.startedAt()).isEqualTo(clock.instant());
      assertThat(registry.lastSync()).contains(report);
      assertThat(registry.find("schedule_confirmation5", "pt_BR")).hasValueSatisfying(t ->
          assertThat(t.id()).isEqualTo("1145489599421404"));
      assertThat(registry.find("schedule_confirmation5", "pt")).isEmpty();
      assertThat(registry.findById("1145489599421404")).isPresent();
      assertThat(registry.languages("schedule_confirmation5")).containsExactly("pt_BR");
      assertThat(registry.templates()).extracting(MessageTemplate::name)
          .containsExactly("schedule_confirmation5", "welcome_template3");
    }
  }

  @Test
  void createdTemplate_blockedUntilTheApprovalWebhookArrives() throws Exception {
    try (MockWebServer server = ClientTestAccess.server(); WhatsAppClient client = ClientTestAccess.client(server)) {
      server.enqueue(ClientTestAccess.json(200, ClientTestAccess.fixture("peer/template.json")));
      MessageTemplate created = client.templates().create(MessageTemplate.draft("ticket_update", "en_US",
          TemplateCategory.UTILITY, ParameterFormat.POSITIONAL,
          List.of(TemplateFixtures.body("Your ticket {{1}} was updated."))));
      TemplateRegistry registry = TemplateRegistry.builder().client(client).clock(clock)
          .templates(List.of(created)).build();
      TemplateMessage m = TemplateMessage.of("ticket_update", "en_US",
          TemplateComponent.body(TemplateParameter.text("#4711")));

      // peer/template.json answers the create with status REJECTED.
      assertThat(registry.check(m)).extracting(TemplateProblem::kind)
          .containsExactly(TemplateProblem.Kind.NOT_APPROVED);
      assertThat(registry.applyStatusEvent("952305634123456", "ticket_update", "en_US", "APPROVED", "NONE")).isTrue();
      assertThat(registry.check(m)).isEmpty();
    }
  }

  @Test
  void sync_replacesTheSnapshotAndReportsEveryChange() {
    List<MessageTemplate> peer = TemplateFixtures.peer();
    CountingSource source = new CountingSource(peer);
    RecordingListener listener = new RecordingListener();
    TemplateRegistry registry = TemplateRegistry.builder().source(source).clock(clock).listener(listener).build();
    assertThat(registry.sync().added()).isEqualTo(7);
    assertThat(registry.statusReason("welcome_template3", "en_US")).isEmpty();
    listener.changes.clear();

    List<MessageTemplate> next = new ArrayList<>(peer.subList(0, 6));
    next.set(4, withStatus(next.get(4), TemplateStatus.PAUSED)); // welcome_template2
    next.add(TemplateFixtures.def("brand_new", "de", ParameterFormat.POSITIONAL, TemplateFixtures.body("Hallo")));
    source.next.set(() -> next);
    clock.advance(Duration.ofMinutes(5));
    SyncReport r = registry.sync();

    assertThat(r).extracting(SyncReport::templates, SyncReport::added, SyncReport::removed, SyncReport::changed)
        .containsExactly(7, 1, 1, 1);
    assertThat(listener.changes).containsExactlyInAnyOrder("brand_new/de:-->APPROVED",
        "hello_world/en_US:APPROVED->-", "welcome_template2/en_US:APPROVED->PAUSED");
    assertThat(registry.find("hello_world", "en_US")).isEmpty();
  }

  @Test
  void sync_sourceFails_keepsTheTemplatesAndTellsListeners() {
    CountingSource source = new CountingSource(TemplateFixtures.peer());
    RecordingListener listener = new RecordingListener();
    TemplateRegistry registry = TemplateRegistry.builder().source(source).clock(clock).listener(listener).build();
    SyncReport first = registry.sync();
    source.next.set(() -> {
      throw new ServerException(ApiError.of(131016, "Service unavailable", null));
    });

    assertThatThrownBy(registry::sync).isInstanceOf(ServerException.class);

    assertThat(registry.templates()).hasSize(7);
    assertThat(registry.lastSync()).contains(first);
    assertThat(listener.failures).singleElement().isInstanceOf(ServerException.class);
    // The failed sync does not block the next one.
    source.next.set(TemplateFixtures::peer);
    assertThat(registry.sync().templates()).isEqualTo(7);
  }

  @Test
  void sync_webhookArrivingDuringTheFetch_isAppliedOnTopOfTheOlderSnapshot() {
    List<MessageTemplate> peer = TemplateFixtures.peer();
    AtomicReference<TemplateRegistry> ref = new AtomicReference<>();
    TemplateSource source = () -> {
      // Meta pauses the template after it produced the page we are reading.
      ref.get().applyStatusUpdate("1145489599421404", null, null, TemplateStatus.PAUSED, "LOW_QUALITY");
      return peer;
    };
    TemplateRegistry registry = TemplateRegistry.builder().source(source).clock(clock).templates(peer).build();
    ref.set(registry);

    SyncReport r = registry.sync();

    assertThat(r.webhookUpdatesReplayed()).isEqualTo(1);
    assertThat(registry.find("schedule_confirmation5", "pt_BR").orElseThrow().status()).isEqualTo(TemplateStatus.PAUSED);
    assertThat(registry.statusReason("schedule_confirmation5", "pt_BR")).contains("LOW_QUALITY");
  }

  @Test
  void sync_sourceThrowsAnError_doesNotWedgeLaterSyncs() {
    AtomicInteger calls = new AtomicInteger();
    TemplateRegistry registry = TemplateRegistry.builder().source(() -> {
      if (calls.incrementAndGet() == 1) {
        throw new StackOverflowError("deep");
      }
      return TemplateFixtures.peer();
    }).clock(clock).build();

    assertThatThrownBy(registry::sync).isInstanceOf(StackOverflowError.class);
    assertThat(registry.sync().templates()).isEqualTo(7);
  }

  @Test
  void sync_concurrentCallers_shareOneFetch() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    TemplateSource source = () -> {
      calls.incrementAndGet();
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return TemplateFixtures.peer();
    };
    TemplateRegistry registry = TemplateRegistry.builder().source(source).clock(clock).build();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r);
      threads.add(t);
      return t;
    });
    try {
      Future<SyncReport> a = pool.submit(registry::sync);
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      Future<SyncReport> b = pool.submit(registry::sync);
      // Wait (without sleeping) until the second caller is parked on the fetch in flight.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (threads.size() < 2 || threads.get(1).getState() != Thread.State.WAITING) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.onSpinWait();
      }
      release.countDown();
      SyncReport ra = a.get(10, TimeUnit.SECONDS);
      assertThat(b.get(10, TimeUnit.SECONDS)).isSameAs(ra);
      assertThat(calls).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void updates_byIdOrNameAndLanguage_changeOnlyThatTranslation() {
    RecordingListener listener = new RecordingListener();
    TemplateRegistry registry = TemplateRegistry.builder().source(TemplateFixtures::peer).clock(clock)
        .listener(listener).build();
    registry.sync();
    listener.changes.clear();

    assertThat(registry.applyStatusUpdate("1145489599421404", null, null, TemplateStatus.PAUSED, "LOW_QUALITY")).isTrue();
    assertThat(registry.applyStatusUpdate("1145489599421404", null, null, TemplateStatus.PAUSED, "LOW_QUALITY")).isFalse();
    assertThat(registry.applyQualityUpdate(null, "schedule_confirmation3", "pt_BR", QualityScore.RED)).isTrue();
    assertThat(registry.applyCategoryUpdate(null, "hello_world", "en_US", TemplateCategory.UTILITY)).isTrue();
    assertThat(registry.applyCategoryUpdate(null, "hello_world", "en_US", TemplateCategory.UTILITY)).isFalse();
    assertThat(registry.applyStatusUpdate(null, "welcome_template3", "en_US", TemplateStatus.REJECTED,
        "INVALID_FORMAT")).isTrue();

    assertThat(registry.find("schedule_confirmation5", "pt_BR").orElseThrow().status()).isEqualTo(TemplateStatus.PAUSED);
    assertThat(registry.find("schedule_confirmation3", "pt_BR").orElseThrow().qualityScore()).isEqualTo(QualityScore.RED);
    MessageTemplate hello = registry.find("hello_world", "en_US").orElseThrow();
    assertThat(hello.category()).isEqualTo(TemplateCategory.UTILITY);
    assertThat(hello.previousCategory()).isEqualTo("MARKETING");
    assertThat(registry.find("welcome_template3", "en_US").orElseThrow().rejectedReason()).isEqualTo("INVALID_FORMAT");
    assertThat(registry.statusReason("welcome_template3", "en_US")).contains("INVALID_FORMAT");
    assertThat(listener.changes).contains("schedule_confirmation5/pt_BR:APPROVED->PAUSED(LOW_QUALITY)");
    assertThat(listener.changes).hasSize(4);
    assertThatThrownBy(() -> registry.applyQualityUpdate(null, "hello_world", null, QualityScore.RED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void applyStatusEvent_mapsMetaEventsBeyondTheStatusEnum() {
    TemplateRegistry registry = TemplateRegistry.builder().source(TemplateFixtures::peer).clock(clock).build();
    registry.sync();
    String id = "1145489599421404";

    assertThat(registry.applyStatusEvent(id, null, null, "PAUSED", "LOW_QUALITY")).isTrue();
    assertThat(registry.applyStatusEvent(id, null, null, "reinstated", null)).isTrue();
    assertThat(registry.find("schedule_confirmation5", "pt_BR").orElseThrow().status()).isEqualTo(TemplateStatus.APPROVED);
    assertThat(registry.applyStatusEvent(id, null, null, "FLAGGED", "LOW_QUALITY")).isTrue();
    assertThat(registry.find("schedule_confirmation5", "pt_BR").orElseThrow().sendable()).isTrue();
    assertThat(registry.statusReason("schedule_confirmation5", "pt_BR")).contains("FLAGGED: LOW_QUALITY");
    assertThat(registry.applyStatusEvent(id, null, null, "DISABLED", null)).isTrue();
    assertThat(registry.find("schedule_confirmation5", "pt_BR").orElseThrow().status()).isEqualTo(TemplateStatus.DISABLED);
    assertThat(registry.applyStatusEvent(id, null, null, "SOMETHING_NEW", null)).isFalse();
    assertThat(registry.toString()).contains("stale=true");
  }

  @Test
  void start_periodicResync_oneTaskDrivenByTheClock() {
    CountingSource source = new CountingSource(TemplateFixtures.peer());
    ManualScheduledExecutor scheduler = new ManualScheduledExecutor();
    TemplateRegistry registry = TemplateRegistry.builder().source(source).clock(clock).scheduler(scheduler)
        .syncInterval(Duration.ofMinutes(10)).retryAfterFailure(Duration.ofMinutes(2)).build();

    registry.start();
    registry.start();
    assertThat(scheduler.active()).isEqualTo(1);
    assertThat(scheduler.tasks.get(0).initialDelayMillis).isZero();
    assertThat(scheduler.tasks.get(0).periodMillis).isEqualTo(Duration.ofMinutes(1).toMillis());

    scheduler.runScheduled(); // never synced: syncs at once
    assertThat(source.calls).hasValue(1);
    clock.advance(Duration.ofMinutes(9).plusSeconds(59));
    scheduler.runScheduled();
    assertThat(source.calls).hasValue(1);
    clock.advance(Duration.ofSeconds(1));
    scheduler.runScheduled();
    assertThat(source.calls).hasValue(2);

    // A failing sync is retried after retryAfterFailure, not on every tick, and never kills the task.
    source.next.set(() -> {
      throw new ServerException(ApiError.of(2, "down", null));
    });
    clock.advance(Duration.ofMinutes(10));
    scheduler.runScheduled();
    assertThat(source.calls).hasValue(3);
    clock.advance(Duration.ofMinutes(1));
    scheduler.runScheduled();
    assertThat(source.calls).hasValue(3);
    source.next.set(TemplateFixtures::peer);
    clock.advance(Duration.ofMinutes(1));
    scheduler.runScheduled();
    assertThat(source.calls).hasValue(4);

    registry.close();
    assertThat(scheduler.active()).isZero();
    assertThat(scheduler.isShutdown()).isFalse(); // a given scheduler is not ours to shut down
    assertThatThrownBy(registry::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void start_unknownTemplateWebhook_marksStaleAndTheNextTickResyncs() {
    CountingSource source = new CountingSource(TemplateFixtures.peer());
    ManualScheduledExecutor scheduler = new ManualScheduledExecutor();
    TemplateRegistry registry = TemplateRegistry.builder().source(source).clock(clock).scheduler(scheduler)
        .syncInterval(Duration.ofHours(6)).minResyncInterval(Duration.ofSeconds(30)).build();
    registry.start();
    scheduler.runScheduled();
    assertThat(source.calls).hasValue(1);

    assertThat(registry.applyStatusUpdate("999", "brand_new", "de", TemplateStatus.APPROVED, null)).isFalse();
    clock.advance(Duration.ofSeconds(10));
    scheduler.runScheduled(); // within minResyncInterval of the last sync
    assertThat(source.calls).hasValue(1);
    clock.advance(Duration.ofSeconds(20));
    scheduler.runScheduled();
    assertThat(source.calls).hasValue(2);
    clock.advance(Duration.ofMinutes(1));
    scheduler.runScheduled(); // no longer stale
    assertThat(source.calls).hasValue(2);
  }

  @Test
  void start_withoutScheduler_usesItsOwnDaemonThreadAndCloseStopsIt() throws Exception {
    CountDownLatch synced = new CountDownLatch(1);
    TemplateRegistry registry = TemplateRegistry.builder().source(() -> {
      synced.countDown();
      return TemplateFixtures.peer();
    }).build();
    try {
      registry.start();
      assertThat(synced.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      registry.close();
    }
  }

  @Test
  void build_checksItsSettings() {
    assertThatThrownBy(() -> TemplateRegistry.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("source");
    assertThatThrownBy(() -> TemplateRegistry.builder().source(List::of).syncInterval(Duration.ofMillis(10)).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TemplateRegistry.builder().source(List::of).minResyncInterval(Duration.ofSeconds(-1))
        .build()).isInstanceOf(IllegalStateException.class);
  }
}
