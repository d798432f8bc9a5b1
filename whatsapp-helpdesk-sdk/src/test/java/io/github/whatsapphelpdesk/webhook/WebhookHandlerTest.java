package io.github.whatsapphelpdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.observe.SdkListener.WebhookRejection;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class WebhookHandlerTest {
  static final String SECRET = "app-secret-1";
  static final String TOKEN = "verify-token-xyz";

  private final MutableClock clock = MutableClock.create();
  private final Recorder recorder = new Recorder();

  /** Records every listener call as a line. */
  static final class Recorder implements WebhookListener {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<byte[]> unparseable = new ArrayList<>();

    @Override
    public void onEvent(WebhookEvent event) {
      calls.add("event " + event.idempotencyKey());
    }

    @Override
    public void onStaleStatus(StatusUpdate stale, DeliveryStatus current) {
      calls.add("stale " + stale.rawStatus() + " (current " + current + ")");
    }

    @Override
    public void onDuplicate(WebhookEvent event) {
      calls.add("duplicate " + event.idempotencyKey());
    }

    @Override
    public void onProblem(ParseProblem problem) {
      calls.add("problem " + problem.message());
    }

    @Override
    public void onUnparseable(WebhookParseException error, byte[] body) {
      calls.add("unparseable " + error.reason());
      unparseable.add(body);
    }
  }

  /** An executor that queues tasks until the test runs them. */
  static final class QueuedExecutor implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();
    boolean reject;

    @Override
    public void execute(Runnable r) {
      if (reject) {
        throw new RejectedExecutionException("full");
      }
      tasks.add(r);
    }

    void runAll() {
      Runnable r;
      while ((r = tasks.poll()) != null) {
        r.run();
      }
    }
  }

  private WebhookHandler.Builder handler(Executor executor) {
    return WebhookHandler.builder().appSecret(SECRET).verifyToken(TOKEN).clock(clock).executor(executor)
        .listener(recorder);
  }

  static Map<String, List<String>> signed(String secret, byte[] body) {
    Map<String, List<String>> h = new HashMap<>();
    h.put("x-hub-signature-256", List.of(WebhookSignatureVerifier.sign(secret, body)));
    return h;
  }

  static WebhookResponse post(WebhookHandler h, byte[] body) {
    return h.handle("POST", Map.of(), signed(SECRET, body), body);
  }

  static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] statuses(String... idAndStatus) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < idAndStatus.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"id\":\"").append(idAndStatus[i]).append("\",\"status\":\"").append(idAndStatus[i + 1])
          .append("\",\"timestamp\":\"1750030073\",\"recipient_id\":\"16505551234\"}");
    }
    return json(ParserTest.messages("\"statuses\":[" + sb + "]"));
  }

  // ---- handshake ----------------------------------------------------------------------------------

  static Map<String, List<String>> query(String mode, String token, String challenge) {
    Map<String, List<String>> q = new HashMap<>();
    if (mode != null) {
      q.put("hub.mode", List.of(mode));
    }
    if (token != null) {
      q.put("hub.verify_token", List.of(token));
    }
    if (challenge != null) {
      q.put("hub.challenge", List.of(challenge));
    }
    return q;
  }

  @Test
  void handshakeAnswersTheBareChallengeWithoutASignature() {
    WebhookHandler h = handler(Runnable::run).build();
    WebhookResponse r = h.handle("GET", query("subscribe", TOKEN, "1158201444"), Map.of(), new byte[0]);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("1158201444");
    assertThat(r.contentType()).startsWith("text/plain");
  }

  @Test
  void anyOtherHandshakeIsForbidden() {
    WebhookHandler h = handler(Runnable::run).build();
    List<Map<String, List<String>>> bad = List.of(
        query("subscribe", "wrong", "1"), query("subscribe", TOKEN.toUpperCase(), "1"),
        query("unsubscribe", TOKEN, "1"), query(null, TOKEN, "1"), query("subscribe", null, "1"),
        query("subscribe", TOKEN, null), query("subscribe", TOKEN, ""), query("subscribe", TOKEN, "<script>"),
        query("subscribe", TOKEN, "1".repeat(300)), Map.of());
    for (Map<String, List<String>> q : bad) {
      WebhookResponse r = h.handle("get", q, Map.of(), new byte[0]);
      assertThat(r.status()).as(q.toString()).isEqualTo(403);
      assertThat(r.body()).doesNotContain(TOKEN);
    }
    WebhookHandler noToken = WebhookHandler.builder().appSecret(SECRET).executor(Runnable::run).build();
    assertThat(noToken.handle("GET", query("subscribe", TOKEN, "1"), Map.of(), new byte[0]).status()).isEqualTo(403);
  }

  // ---- signatures -------------------------------------------------------------------------------------

  @Test
  void unsignedOrWronglySignedPostsGet401AndReachNoListener() {
    WebhookHandler h = handler(Runnable::run).appSecret("second-secret").build();
    byte[] body = ConformanceTest.bytes(ConformanceTest.OAS + "text-message.json");
    assertThat(h.handle("POST", Map.of(), Map.of(), body).status()).isEqualTo(401);
    assertThat(h.handle("POST", Map.of(), signed("other", body), body).status()).isEqualTo(401);
    assertThat(h.handle("POST", Map.of(), Map.of("X-Hub-Signature-256", List.of("sha256=zz")), body).status())
        .isEqualTo(401);
    byte[] tampered = body.clone();
    tampered[100] ^= 1;
    assertThat(h.handle("POST", Map.of(), signed(SECRET, body), tampered).status()).isEqualTo(401);
    assertThat(recorder.calls).isEmpty();
    // Rotation: the second secret works, and header names are case-insensitive in a plain map.
    Map<String, List<String>> upper = Map.of("X-HUB-SIGNATURE-256",
        List.of(WebhookSignatureVerifier.sign("second-secret", body)));
    assertThat(h.handle("POST", Map.of(), upper, body).status()).isEqualTo(200);
    assertThat(recorder.calls).hasSize(1);
  }

  @Test
  void otherMethodsGet405() {
    WebhookHandler h = handler(Runnable::run).build();
    assertThat(h.handle("PUT", Map.of(), Map.of(), new byte[0]).status()).isEqualTo(405);
    assertThat(h.handle(null, null, null, null).status()).isEqualTo(405);
  }

  // ---- delivery -------------------------------------------------------------------------------------

  @Test
  void theAnswerNeverWaitsForListeners() {
    QueuedExecutor ex = new QueuedExecutor();
    WebhookHandler h = handler(ex).build();
    byte[] body = ConformanceTest.bytes(ConformanceTest.OAS + "text-message.json");
    WebhookResponse r = post(h, body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(recorder.calls).isEmpty();
    assertThat(ex.tasks).hasSize(1);
    ex.runAll();
    assertThat(recorder.calls).containsExactly(
        "event message:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
  }

  @Test
  void webhookRequestOverload() {
    WebhookHandler h = handler(Runnable::run).build();
    byte[] body = ConformanceTest.bytes(ConformanceTest.DOCS + "user-preferences-resume.json");
    WebhookRequest req = WebhookRequest.builder().method("POST").path("/webhook")
        .header("X-Hub-Signature-256", WebhookSignatureVerifier.sign(SECRET, body)).body(body).build();
    assertThat(h.handle(req).status()).isEqualTo(200);
    assertThat(recorder.calls).singleElement().asString().startsWith("event user_preferences:");
  }

  @Test
  void redeliveriesAreDeduplicated() {
    WebhookHandler h = handler(Runnable::run).build();
    byte[] body = statuses("w1", "sent", "w1", "delivered");
    post(h, body);
    post(h, body);
    assertThat(recorder.calls).containsExactly(
        "event status:w1:sent", "event status:w1:delivered",
        "duplicate status:w1:sent", "duplicate status:w1:delivered");
    // Once the TTL is over, a redelivery is processed again (the tracker then reports it as stale).
    clock.advance(Duration.ofDays(8));
    recorder.calls.clear();
    post(h, statuses("w1", "delivered"));
    assertThat(recorder.calls).containsExactly("event status:w1:delivered");
  }

  @Test
  void lateEarlierStatusesAreReportedAsStale() {
    WebhookHandler h = handler(Runnable::run).build();
    post(h, statuses("w1", "delivered"));
    post(h, statuses("w1", "sent", "w2", "read", "w2", "delivered", "w3", "failed", "w3", "read"));
    assertThat(recorder.calls).containsExactly(
        "event status:w1:delivered",
        "stale sent (current DELIVERED)",
        "event status:w2:read",
        "stale delivered (current READ)",
        "event status:w3:failed",
        "stale read (current FAILED)");
  }

  @Test
  void perItemProblemsAreReportedAndTheRestDelivered() {
    WebhookHandler h = handler(Runnable::run).build();
    byte[] body = json(ParserTest.messages("\"statuses\":[{\"status\":\"sent\"},{\"id\":\"ok\",\"status\":\"sent\"}]"));
    assertThat(post(h, body).status()).isEqualTo(200);
    assertThat(recorder.calls).containsExactly("event status:ok:sent", "problem status has no 'id'");
  }

  @Test
  void aSignedPoisonPayloadIsAcknowledgedAndKept() {
    WebhookHandler h = handler(Runnable::run).build();
    byte[] body = ConformanceTest.bytes(ConformanceTest.MALFORMED);
    WebhookResponse r = post(h, body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(recorder.calls).containsExactly("unparseable MALFORMED_JSON");
    assertThat(recorder.unparseable.get(0)).isEqualTo(body);

    recorder.calls.clear();
    WebhookHandler strict = handler(Runnable::run).unparseableStatus(400).build();
    byte[] wrongObject = json("{\"object\":\"page\",\"entry\":[]}");
    assertThat(post(strict, wrongObject).status()).isEqualTo(400);
    assertThat(recorder.calls).containsExactly("unparseable WRONG_OBJECT");
  }

  @Test
  void tooLargeBodiesAreRejectedAfterTheSignatureCheck() {
    WebhookHandler h = handler(Runnable::run).parser(WebhookParser.builder().maxBodyBytes(64).build()).build();
    byte[] body = ConformanceTest.bytes(ConformanceTest.OAS + "text-message.json");
    assertThat(h.handle("POST", Map.of(), Map.of(), body).status()).isEqualTo(401);
    assertThat(post(h, body).status()).isEqualTo(200);
    assertThat(recorder.calls).containsExactly("unparseable TOO_LARGE");
  }

  @Test
  void aRejectingExecutorGets503AndReleasesTheClaims() {
    QueuedExecutor ex = new QueuedExecutor();
    WebhookHandler h = handler(ex).build();
    byte[] body = statuses("w1", "sent");
    ex.reject = true;
    assertThat(post(h, body).status()).isEqualTo(503);
    ex.reject = false;
    // Meta retries: the retry is processed, not dropped as a duplicate.
    assertThat(post(h, body).status()).isEqualTo(200);
    ex.runAll();
    assertThat(recorder.calls).containsExactly("event status:w1:sent");
  }

  @Test
  void aFailingStoreGets503AndReleasesWhatItClaimed() {
    InMemoryIdempotencyStore real = InMemoryIdempotencyStore.builder().clock(clock).build();
    List<String> released = new ArrayList<>();
    IdempotencyStore flaky = new IdempotencyStore() {
      int calls;

      @Override
      public boolean claim(String key, Duration ttl) {
        if (++calls == 2) {
          throw new IllegalStateException("redis down");
        }
        return real.claim(key, ttl);
      }

      @Override
      public void release(String key) {
        released.add(key);
        real.release(key);
      }
    };
    WebhookHandler h = handler(Runnable::run).idempotencyStore(flaky).build();
    byte[] body = statuses("w1", "sent", "w2", "sent");
    assertThat(post(h, body).status()).isEqualTo(503);
    assertThat(released).containsExactly("status:w1:sent");
    assertThat(recorder.calls).isEmpty();
    assertThat(post(h, body).status()).isEqualTo(200);
    assertThat(recorder.calls).containsExactly("event status:w1:sent", "event status:w2:sent");
  }

  @Test
  void whenTheSecondClaimGroupFailsTheFirstGroupsClaimsAreReleased() {
    InMemoryIdempotencyStore real = InMemoryIdempotencyStore.builder().clock(clock).build();
    List<String> released = new ArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
    IdempotencyStore errorsDown = new IdempotencyStore() {
      @Override
      public boolean claim(String key, Duration ttl) {
        return real.claim(key, ttl);
      }

      @Override
      public boolean[] claimAll(List<String> keys, Duration ttl) {
        if (down.get() && keys.get(0).startsWith("messages:error:")) {
          throw new IllegalStateException("redis down");
        }
        return real.claimAll(keys, ttl);
      }

      @Override
      public void release(String key) {
        released.add(key);
        real.release(key);
      }
    };
    WebhookHandler h = handler(Runnable::run).idempotencyStore(errorsDown).build();
    // One change with a status and a value-level error: two claim groups (different TTLs).
    byte[] body = json(ParserTest.messages("\"statuses\":[{\"id\":\"w1\",\"status\":\"sent\","
        + "\"timestamp\":\"1750030073\",\"recipient_id\":\"16505551234\"}],"
        + "\"errors\":[{\"code\":130429,\"title\":\"Rate limit hit\"}]"));
    assertThat(post(h, body).status()).isEqualTo(503);
    assertThat(released).containsExactly("status:w1:sent");
    assertThat(recorder.calls).isEmpty();
    down.set(false);
    assertThat(post(h, body).status()).isEqualTo(200);
    assertThat(recorder.calls).hasSize(2).first().isEqualTo("event status:w1:sent");
  }

  @Test
  void aThrowingListenerDoesNotStopTheOthers() {
    WebhookHandler h = WebhookHandler.builder().appSecret(SECRET).clock(clock).executor(Runnable::run)
        .listener(e -> {
          throw new IllegalStateException("helpdesk down");
        })
        .listener(recorder).build();
    assertThat(post(h, statuses("w1", "sent", "w2", "sent")).status()).isEqualTo(200);
    assertThat(recorder.calls).containsExactly("event status:w1:sent", "event status:w2:sent");
  }

  @Test
  void valueLevelErrorsUseTheShortDedupeWindow() {
    WebhookHandler h = handler(Runnable::run).build();
    byte[] body = ConformanceTest.bytes(ConformanceTest.DOCS + "errors-webhook-130429.json");
    post(h, body);
    post(h, body);
    assertThat(recorder.calls).hasSize(2);
    assertThat(recorder.calls.get(1)).startsWith("duplicate messages:error:");
    clock.advance(Duration.ofHours(1));
    post(h, body);
    assertThat(recorder.calls.get(2)).startsWith("event messages:error:");
  }

  @Test
  void typedListenerRoutesByType() {
    List<String> seen = new ArrayList<>();
    TypedWebhookListener typed = new TypedWebhookListener() {
      @Override
      public void onMessage(InboundMessage message) {
        seen.add("message " + message.content().type());
      }

      @Override
      public void onStatus(StatusUpdate status) {
        seen.add("status " + status.status());
      }

      @Override
      public void onTemplateStatus(TemplateStatusUpdate update) {
        seen.add("template " + update.event());
      }

      @Override
      public void onUnknown(UnknownEvent event) {
        seen.add("unknown " + event.field());
      }
    };
    WebhookHandler h = WebhookHandler.builder().appSecret(SECRET).executor(Runnable::run).listener(typed).build();
    for (String f : List.of(ConformanceTest.OAS + "image-message.json", ConformanceTest.DOCS + "status-v24-no-conversation.json",
        ConformanceTest.PEER + "rejectedTemplate.json", ConformanceTest.OAS + "group-create-message.json",
        ConformanceTest.PEER + "accountBanned.json")) {
      post(h, ConformanceTest.bytes(f));
    }
    assertThat(seen).containsExactly("message image", "status SENT", "template REJECTED", "unknown group_lifecycle_update");
  }

  // ---- inbox ------------------------------------------------------------------------------------------

  /** Records the intake callbacks as lines. */
  static final class IntakeRecorder implements SdkListener {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void webhookAccepted(int newEvents) {
      calls.add("accepted " + newEvents);
    }

    @Override
    public void webhookRejected(WebhookRejection reason) {
      calls.add("rejected " + reason);
    }

    @Override
    public void eventParsed(String type) {
      calls.add("parsed " + type);
    }

    @Override
    public void parseProblem() {
      calls.add("problem");
    }

    @Override
    public void duplicateSkipped(String type) {
      calls.add("duplicate " + type);
    }
  }

  /** An inbox that delegates, notes each call in {@code log}, and throws while {@code down}. */
  static final class ObservedInbox implements Inbox {
    final Inbox real;
    final List<String> log;
    boolean down;

    ObservedInbox(Inbox real, List<String> log) {
      this.real = real;
      this.log = log;
    }

    private void check() {
      if (down) {
        throw new IllegalStateException("database down: INSERT failed for +16505551234");
      }
    }

    @Override
    public List<InboxEntry> record(List<WebhookEvent> events) {
      log.add("record " + events.size());
      check();
      return real.record(events);
    }

    @Override
    public InboxEntry recordUnparseable(byte[] body, String reason) {
      log.add("recordUnparseable " + reason);
      check();
      return real.recordUnparseable(body, reason);
    }

    @Override
    public List<InboxEntry> lease(String workerId, int maxLanes, int maxPerLane, Duration leaseDuration) {
      return real.lease(workerId, maxLanes, maxPerLane, leaseDuration);
    }

    @Override
    public boolean complete(String entryId, String leaseToken) {
      return real.complete(entryId, leaseToken);
    }

    @Override
    public boolean retry(String entryId, String leaseToken, Instant retryAt, String error) {
      return real.retry(entryId, leaseToken, retryAt, error);
    }

    @Override
    public boolean reject(String entryId, String leaseToken, String reason) {
      return real.reject(entryId, leaseToken, reason);
    }

    @Override
    public int replayRejected() {
      return real.replayRejected();
    }

    @Override
    public boolean dismiss(String entryId) {
      return real.dismiss(entryId);
    }

    @Override
    public Optional<InboxEntry> get(String entryId) {
      return real.get(entryId);
    }

    @Override
    public List<InboxEntry> list(InboxEntry.Status status, int limit) {
      return real.list(status, limit);
    }

    @Override
    public long count(InboxEntry.Status status) {
      return real.count(status);
    }

    @Override
    public Optional<Instant> nextReadyAt() {
      return real.nextReadyAt();
    }
  }

  /** An idempotency store that must not be used when the inbox is the dedupe. */
  static final IdempotencyStore UNUSED_STORE = new IdempotencyStore() {
    @Override
    public boolean claim(String key, Duration ttl) {
      throw new AssertionError("the inbox is the dedupe");
    }

    @Override
    public void release(String key) {
      throw new AssertionError("the inbox is the dedupe");
    }
  };

  @Test
  void withAnInboxTheEventsAreRecordedBeforeThe200AndThenDispatched() {
    QueuedExecutor ex = new QueuedExecutor();
    ObservedInbox inbox = new ObservedInbox(InMemoryInbox.create(clock), recorder.calls);
    WebhookHandler h = handler(ex).inbox(inbox).idempotencyStore(UNUSED_STORE).build();
    WebhookResponse r = post(h, statuses("w1", "sent", "w1", "delivered"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(recorder.calls).containsExactly("record 2");
    assertThat(inbox.list(InboxEntry.Status.PENDING, 10)).extracting(InboxEntry::idempotencyKey)
        .containsExactly("status:w1:sent", "status:w1:delivered");
    ex.runAll();
    assertThat(recorder.calls).containsExactly("record 2", "event status:w1:sent", "event status:w1:delivered");
    // The consumer leases the lane in order.
    assertThat(inbox.lease("bridge", 10, 10, Duration.ofSeconds(30))).extracting(InboxEntry::idempotencyKey)
        .containsExactly("status:w1:sent", "status:w1:delivered");
  }

  @Test
  void aFailingInboxGets500AndNothingIsDispatched() {
    QueuedExecutor ex = new QueuedExecutor();
    IntakeRecorder intake = new IntakeRecorder();
    ObservedInbox inbox = new ObservedInbox(InMemoryInbox.create(clock), new ArrayList<>());
    WebhookHandler h = handler(ex).inbox(inbox).listener(intake).build();
    byte[] body = statuses("w1", "sent");
    inbox.down = true;
    assertThat(post(h, body).status()).isEqualTo(500);
    assertThat(ex.tasks).isEmpty();
    assertThat(recorder.calls).isEmpty();
    assertThat(intake.calls).containsExactly("parsed StatusUpdate", "rejected STORE_UNAVAILABLE");
    // Meta redelivers: recorded and dispatched now, not skipped as a duplicate.
    inbox.down = false;
    assertThat(post(h, body).status()).isEqualTo(200);
    ex.runAll();
    assertThat(recorder.calls).containsExactly("event status:w1:sent");
    assertThat(inbox.count(InboxEntry.Status.PENDING)).isEqualTo(1);
  }

  @Test
  void withAnInboxARedeliveryIsADuplicate() {
    IntakeRecorder intake = new IntakeRecorder();
    InMemoryInbox inbox = InMemoryInbox.create(clock);
    WebhookHandler h = handler(Runnable::run).inbox(inbox).idempotencyStore(UNUSED_STORE).listener(intake).build();
    byte[] body = ConformanceTest.bytes(ConformanceTest.OAS + "text-message.json");
    assertThat(post(h, body).status()).isEqualTo(200);
    assertThat(post(h, body).status()).isEqualTo(200);
    String key = "message:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
    assertThat(recorder.calls).containsExactly("event " + key, "duplicate " + key);
    assertThat(inbox.count(InboxEntry.Status.PENDING)).isEqualTo(1);
    assertThat(intake.calls).containsExactly("parsed InboundMessage", "accepted 1",
        "parsed InboundMessage", "duplicate InboundMessage", "accepted 0");
  }

  @Test
  void withAnInboxASignedPoisonPayloadIsKeptWithItsExactBytes() {
    IntakeRecorder intake = new IntakeRecorder();
    ObservedInbox inbox = new ObservedInbox(InMemoryInbox.create(clock), new ArrayList<>());
    WebhookHandler h = handler(Runnable::run).inbox(inbox).listener(intake).build();
    byte[] body = ConformanceTest.bytes(ConformanceTest.MALFORMED);
    byte[] original = body.clone();
    assertThat(post(h, body).status()).isEqualTo(200);
    assertThat(inbox.log).containsExactly("recordUnparseable MALFORMED_JSON");
    InboxEntry kept = inbox.list(InboxEntry.Status.UNPARSEABLE, 10).get(0);
    assertThat(kept.rawBody()).isEqualTo(original);
    assertThat(kept.lastError()).isEqualTo("MALFORMED_JSON");
    assertThat(recorder.calls).containsExactly("unparseable MALFORMED_JSON");
    assertThat(intake.calls).containsExactly("rejected UNPARSEABLE");
    // When the inbox cannot keep it, Meta is asked to redeliver.
    inbox.down = true;
    recorder.calls.clear();
    byte[] other = json("{\"object\":\"page\",\"entry\":[]}");
    assertThat(post(h, other).status()).isEqualTo(500);
    assertThat(recorder.calls).isEmpty();
    assertThat(intake.calls).endsWith("rejected STORE_UNAVAILABLE");
  }

  @Test
  void withAnInboxARejectingExecutorStillAnswers200BecauseTheEventsAreStored() {
    QueuedExecutor ex = new QueuedExecutor();
    ex.reject = true;
    InMemoryInbox inbox = InMemoryInbox.create(clock);
    WebhookHandler h = handler(ex).inbox(inbox).build();
    assertThat(post(h, statuses("w1", "sent")).status()).isEqualTo(200);
    assertThat(inbox.count(InboxEntry.Status.PENDING)).isEqualTo(1);
  }

  @Test
  void aFullInboxGets500() {
    InMemoryInbox inbox = InMemoryInbox.builder().clock(clock).maxUnfinished(1).build();
    WebhookHandler h = handler(Runnable::run).inbox(inbox).build();
    assertThat(post(h, statuses("w1", "sent", "w2", "sent")).status()).isEqualTo(500);
    assertThat(inbox.count(InboxEntry.Status.PENDING)).isZero();
    assertThat(recorder.calls).isEmpty();
  }

  @Test
  void intakeIsReportedToTheSdkListenerWithoutAnInbox() {
    IntakeRecorder intake = new IntakeRecorder();
    SdkListener throwing = new SdkListener() {
      @Override
      public void eventParsed(String type) {
        throw new IllegalStateException("metrics down");
      }
    };
    WebhookHandler h = handler(Runnable::run).listener(throwing).listener(intake)
        .parser(WebhookParser.builder().maxBodyBytes(4096).build()).build();
    byte[] body = json(ParserTest.messages("\"statuses\":[{\"status\":\"sent\"},{\"id\":\"ok\",\"status\":\"sent\"}]"));
    assertThat(post(h, body).status()).isEqualTo(200);
    assertThat(post(h, body).status()).isEqualTo(200);
    assertThat(h.handle("POST", Map.of(), Map.of(), body).status()).isEqualTo(401);
    assertThat(post(h, ConformanceTest.bytes(ConformanceTest.MALFORMED)).status()).isEqualTo(200);
    assertThat(post(h, new byte[5000]).status()).isEqualTo(200);
    assertThat(intake.calls).containsExactly(
        "parsed StatusUpdate", "problem", "accepted 1",
        "parsed StatusUpdate", "problem", "duplicate StatusUpdate", "accepted 0",
        "rejected BAD_SIGNATURE", "rejected UNPARSEABLE", "rejected TOO_LARGE");
    assertThat(recorder.calls).startsWith("event status:ok:sent", "problem status has no 'id'");
  }

  @Test
  void builderValidation() {
    assertThatThrownBy(() -> WebhookHandler.builder().executor(Runnable::run).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("appSecret");
    assertThatThrownBy(() -> WebhookHandler.builder().appSecret(SECRET).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("executor");
    assertThatThrownBy(() -> WebhookHandler.builder().unparseableStatus(99)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookHandler.builder().dedupeTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThat(handler(Runnable::run).build().toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
  }
}
