package io.github.whatsapphelpdesk.testkit.contract.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.Inbox;
import io.github.whatsapphelpdesk.webhook.InboxEntry;
import io.github.whatsapphelpdesk.webhook.InboxEntry.Status;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import io.github.whatsapphelpdesk.webhook.WebhookParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Inbox} meets: atomic claim-and-record with dedupe, in-order leasing per lane
 * with head runs, lease fencing and takeover after expiry, retries that block their lane, rejection and
 * replay, unparseable bodies kept byte for byte, and thread safety. An implementation's test class extends
 * it and implements {@link #newStore(MutableClock)}: a new, empty inbox on the clock, with its default
 * retention and bounds (the dedupe retention must outlast Meta's 7-day redelivery window).
 *
 * <p>Time is a {@link MutableClock} the implementation must read for every time it records or compares
 * (receipt, lease expiry, retry times, dedupe retention). Events are real parser output of Cloud API
 * payloads.
 */
public abstract class InboxContractTest extends StoreContract<Inbox> {
  /** The business phone number id of the test payloads. */
  protected static final String PHONE_NUMBER_ID = "106540352242922";
  /** A customer. */
  protected static final String ALICE = "16505551234";
  /** Another customer. */
  protected static final String BOB = "447700900123";
  /** A message text that must never appear in a {@code toString}. */
  protected static final String SECRET_TEXT = "my card number is 4111";
  private static final WebhookParser PARSER = WebhookParser.create();
  private static final Duration LEASE = Duration.ofSeconds(30);

  /** The inbox under test (the {@link #store}), fresh for each test. */
  protected Inbox inbox;

  /** Names the store for the tests below (runs after {@link StoreContract}'s set-up). */
  @BeforeEach
  void nameInbox() {
    inbox = store;
  }

  // ---- events ------------------------------------------------------------------------------------------

  /** The events of a {@code messages} change whose value has {@code members} (JSON without the braces). */
  protected static List<WebhookEvent> parse(String field, String value) {
    String json = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"419561257915477\","
        + "\"time\":1751247548,\"changes\":[{\"value\":" + value + ",\"field\":\"" + field + "\"}]}]}";
    return PARSER.parse(json.getBytes(StandardCharsets.UTF_8)).events();
  }

  /** An inbound text message from {@code customer} with message id {@code wamid}. */
  protected static WebhookEvent text(String customer, String wamid) {
    List<WebhookEvent> events = parse("messages", "{\"messaging_product\":\"whatsapp\",\"metadata\":"
        + "{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},"
        + "\"contacts\":[{\"profile\":{\"name\":\"Alice\"},\"wa_id\":\"" + customer + "\"}],"
        + "\"messages\":[{\"from\":\"" + customer + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"1749416383\","
        + "\"type\":\"text\",\"text\":{\"body\":\"" + SECRET_TEXT + "\"}}]}");
    assertThat(events).singleElement().isInstanceOf(InboundMessage.class);
    return events.get(0);
  }

  /** A template status update (an event about no customer). */
  protected static WebhookEvent templateApproved(long templateId) {
    List<WebhookEvent> events = parse("message_template_status_update", "{\"event\":\"APPROVED\","
        + "\"message_template_id\":" + templateId + ",\"message_template_name\":\"order_update\","
        + "\"message_template_language\":\"en_US\",\"reason\":\"NONE\"}");
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static List<String> keys(List<InboxEntry> entries) {
    return entries.stream().map(InboxEntry::idempotencyKey).toList();
  }

  private InboxEntry get(InboxEntry e) {
    return inbox.get(e.id()).orElseThrow(() -> new AssertionError("entry " + e.id() + " not held"));
  }

  private List<InboxEntry> leaseAll(String worker, int perLane) {
    return inbox.lease(worker, 100, perLane, LEASE);
  }

  // ---- record --------------------------------------------------------------------------------------

  @Test
  void recordReturnsTheNewEntriesInPayloadOrder() {
    WebhookEvent a = text(ALICE, "wamid.a1");
    WebhookEvent b = text(BOB, "wamid.b1");
    WebhookEvent t = templateApproved(1);
    List<InboxEntry> entries = inbox.record(List.of(a, b, t));
    assertThat(keys(entries)).containsExactly(a.idempotencyKey(), b.idempotencyKey(), t.idempotencyKey());
    Instant now = clock.instant();
    for (int i = 0; i < 3; i++) {
      InboxEntry e = entries.get(i);
      assertThat(e.event()).isEqualTo(List.of(a, b, t).get(i));
      assertThat(e.status()).isEqualTo(Status.PENDING);
      assertThat(e.attempts()).isZero();
      assertThat(e.rawBody()).isNull();
      assertThat(e.receivedAt()).isEqualTo(now);
      assertThat(e.leaseToken()).isNull();
      assertThat(e.laneKey()).isEqualTo(Inbox.laneKey(e.event()));
      assertThat(get(e)).isEqualTo(e);
    }
    assertThat(entries.get(0).sequence()).isLessThan(entries.get(1).sequence());
    assertThat(entries.get(1).sequence()).isLessThan(entries.get(2).sequence());
    assertThat(entries.stream().map(InboxEntry::id).distinct()).hasSize(3);
    assertThat(inbox.count(Status.PENDING)).isEqualTo(3);
    assertThat(inbox.record(List.of())).isEmpty();
  }

  @Test
  void laneKeysAreBusinessNumberAndCustomerOrTheField() {
    assertThat(Inbox.laneKey(text(ALICE, "wamid.1"))).isEqualTo(PHONE_NUMBER_ID + ":" + ALICE);
    assertThat(Inbox.laneKey(templateApproved(7))).isEqualTo("message_template_status_update");
  }

  @Test
  void redeliveriesAndRepeatsAreLeftOut() {
    WebhookEvent a = text(ALICE, "wamid.a1");
    WebhookEvent b = text(ALICE, "wamid.a2");
    WebhookEvent c = text(BOB, "wamid.b1");
    inbox.record(List.of(a, b));
    assertThat(keys(inbox.record(List.of(b, c, a)))).containsExactly(c.idempotencyKey());
    // A key repeated inside one delivery is recorded once, by its first occurrence.
    WebhookEvent d = text(BOB, "wamid.b2");
    assertThat(keys(inbox.record(List.of(d, text(BOB, "wamid.b2"))))).containsExactly(d.idempotencyKey());
    assertThat(inbox.count(Status.PENDING)).isEqualTo(4);
  }

  @Test
  void keysOutliveCompletionForMetasRedeliveryWindow() {
    WebhookEvent a = text(ALICE, "wamid.a1");
    InboxEntry e = inbox.record(List.of(a)).get(0);
    InboxEntry leased = leaseAll("w1", 1).get(0);
    assertThat(inbox.complete(e.id(), leased.leaseToken())).isTrue();
    Optional<InboxEntry> done = inbox.get(e.id());
    done.ifPresent(d -> {
      assertThat(d.status()).isEqualTo(Status.DONE);
      assertThat(d.event()).isNull();
      assertThat(d.completedAt()).isEqualTo(clock.instant());
    });
    assertThat(inbox.count(Status.PENDING) + inbox.count(Status.LEASED)).isZero();
    assertThat(inbox.record(List.of(a))).isEmpty();
    clock.advance(Duration.ofDays(7).plusHours(1));
    assertThat(inbox.record(List.of(a))).as("a redelivery on day 7").isEmpty();
    assertThat(leaseAll("w1", 10)).isEmpty();
  }

  // ---- lease order -------------------------------------------------------------------------------

  @Test
  void aLaneIsLeasedInOrderOneEntryAtATime() {
    InboxEntry a1 = inbox.record(List.of(text(ALICE, "wamid.a1"))).get(0);
    InboxEntry b1 = inbox.record(List.of(text(BOB, "wamid.b1"))).get(0);
    InboxEntry a2 = inbox.record(List.of(text(ALICE, "wamid.a2"))).get(0);
    List<InboxEntry> first = leaseAll("w1", 1);
    assertThat(first).extracting(InboxEntry::id).containsExactly(a1.id(), b1.id());
    assertThat(leaseAll("w2", 1)).as("a2 waits for a1, b's lane is leased").isEmpty();
    assertThat(inbox.complete(a1.id(), first.get(0).leaseToken())).isTrue();
    assertThat(leaseAll("w2", 1)).extracting(InboxEntry::id).containsExactly(a2.id());
  }

  @Test
  void aHeadRunSharesOneTokenPerLane() {
    List<InboxEntry> rec = inbox.record(List.of(text(ALICE, "wamid.a1"), text(BOB, "wamid.b1"),
        text(ALICE, "wamid.a2"), text(ALICE, "wamid.a3"), text(ALICE, "wamid.a4")));
    Instant now = clock.instant();
    List<InboxEntry> leased = inbox.lease("w1", 10, 3, LEASE);
    assertThat(leased).extracting(InboxEntry::id)
        .containsExactly(rec.get(0).id(), rec.get(2).id(), rec.get(3).id(), rec.get(1).id());
    String aliceToken = leased.get(0).leaseToken();
    assertThat(leased.subList(0, 3)).allSatisfy(e -> {
      assertThat(e.status()).isEqualTo(Status.LEASED);
      assertThat(e.leaseToken()).isEqualTo(aliceToken);
      assertThat(e.leaseOwner()).isEqualTo("w1");
      assertThat(e.leaseExpiresAt()).isEqualTo(now.plus(LEASE));
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(get(e)).isEqualTo(e);
    });
    assertThat(leased.get(3).leaseToken()).isNotNull().isNotEqualTo(aliceToken);
    assertThat(inbox.lease("w2", 10, 3, LEASE)).as("a4 waits behind the leased run").isEmpty();
    for (InboxEntry e : leased) {
      assertThat(inbox.complete(e.id(), e.leaseToken())).isTrue();
    }
    assertThat(inbox.lease("w2", 10, 3, LEASE)).extracting(InboxEntry::id).containsExactly(rec.get(4).id());
  }

  @Test
  void maxLanesTakesTheOldestLanesFirst() {
    InboxEntry b1 = inbox.record(List.of(text(BOB, "wamid.b1"))).get(0);
    clock.advance(Duration.ofSeconds(1));
    InboxEntry a1 = inbox.record(List.of(text(ALICE, "wamid.a1"))).get(0);
    inbox.record(List.of(templateApproved(1)));
    assertThat(inbox.lease("w1", 1, 5, LEASE)).extracting(InboxEntry::id).containsExactly(b1.id());
    assertThat(inbox.lease("w1", 1, 5, LEASE)).extracting(InboxEntry::id).containsExactly(a1.id());
    assertThat(inbox.lease("w1", 5, 5, LEASE)).singleElement()
        .extracting(InboxEntry::laneKey).isEqualTo("message_template_status_update");
    assertThat(inbox.lease("w1", 5, 5, LEASE)).isEmpty();
  }

  @Test
  void aRetryBlocksItsLaneUntilItsTimeAndVoidsTheRestOfTheRun() {
    List<InboxEntry> rec = inbox.record(List.of(text(ALICE, "wamid.a1"), text(ALICE, "wamid.a2"),
        text(BOB, "wamid.b1")));
    List<InboxEntry> run = inbox.lease("w1", 1, 5, LEASE);
    assertThat(run).extracting(InboxEntry::id).containsExactly(rec.get(0).id(), rec.get(1).id());
    String token = run.get(0).leaseToken();
    Instant retryAt = clock.instant().plus(Duration.ofMinutes(1));
    assertThat(inbox.retry(rec.get(0).id(), token, retryAt, "helpdesk 503")).isTrue();
    InboxEntry a1 = get(rec.get(0));
    assertThat(a1.status()).isEqualTo(Status.PENDING);
    assertThat(a1.nextAttemptAt()).isEqualTo(retryAt);
    assertThat(a1.lastError()).isEqualTo("helpdesk 503");
    assertThat(a1.leaseToken()).isNull();
    assertThat(get(rec.get(1)).status()).as("the rest of the run").isEqualTo(Status.PENDING);
    assertThat(inbox.complete(rec.get(1).id(), token)).as("a2 may not finish before a1").isFalse();
    // Other lanes are not blocked; Alice's lane is, until the retry time.
    InboxEntry b1 = inbox.lease("w2", 10, 5, LEASE).get(0);
    assertThat(b1.id()).isEqualTo(rec.get(2).id());
    assertThat(inbox.complete(b1.id(), b1.leaseToken())).isTrue();
    assertThat(inbox.nextReadyAt()).contains(retryAt);
    clock.advance(Duration.ofSeconds(59));
    assertThat(inbox.lease("w2", 10, 5, LEASE)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    List<InboxEntry> again = inbox.lease("w2", 10, 5, LEASE);
    assertThat(again).extracting(InboxEntry::id).containsExactly(rec.get(0).id(), rec.get(1).id());
    assertThat(again).extracting(InboxEntry::attempts).containsExactly(2, 2);
    assertThat(again.get(0).lastError()).isEqualTo("helpdesk 503");
  }

  // ---- fencing and takeover ---------------------------------------------------------------------

  @Test
  void anExpiredLeaseIsTakenOverAndTheOldTokenFails() {
    InboxEntry a1 = inbox.record(List.of(text(ALICE, "wamid.a1"))).get(0);
    InboxEntry first = inbox.lease("w1", 1, 1, LEASE).get(0);
    clock.advance(LEASE.minusSeconds(1));
    assertThat(inbox.lease("w2", 1, 1, LEASE)).as("still leased").isEmpty();
    assertThat(inbox.nextReadyAt()).contains(first.leaseExpiresAt());
    clock.advance(Duration.ofSeconds(1));
    InboxEntry second = inbox.lease("w2", 1, 1, LEASE).get(0);
    assertThat(second.id()).isEqualTo(a1.id());
    assertThat(second.leaseOwner()).isEqualTo("w2");
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.leaseToken()).isNotEqualTo(first.leaseToken());
    assertThat(inbox.complete(a1.id(), first.leaseToken())).isFalse();
    assertThat(inbox.retry(a1.id(), first.leaseToken(), clock.instant(), "x")).isFalse();
    assertThat(inbox.reject(a1.id(), first.leaseToken(), "x")).isFalse();
    assertThat(get(a1).leaseToken()).isEqualTo(second.leaseToken());
    assertThat(inbox.complete(a1.id(), second.leaseToken())).isTrue();
  }

  @Test
  void anExpiredLeaseNobodyTookOverStillCompletes() {
    InboxEntry a1 = inbox.record(List.of(text(ALICE, "wamid.a1"))).get(0);
    InboxEntry leased = inbox.lease("w1", 1, 1, LEASE).get(0);
    clock.advance(LEASE.multipliedBy(3));
    assertThat(inbox.complete(a1.id(), leased.leaseToken())).isTrue();
    assertThat(inbox.lease("w2", 1, 1, LEASE)).isEmpty();
  }

  @Test
  void onlyTheCurrentTokenOfALeasedEntryWorks() {
    InboxEntry a1 = inbox.record(List.of(text(ALICE, "wamid.a1"))).get(0);
    assertThat(inbox.complete(a1.id(), "no-such-token")).as("pending, not leased").isFalse();
    InboxEntry leased = inbox.lease("w1", 1, 1, LEASE).get(0);
    assertThat(inbox.complete(a1.id(), leased.leaseToken() + "x")).isFalse();
    assertThat(inbox.complete("no-such-entry", leased.leaseToken())).isFalse();
    assertThat(inbox.retry("no-such-entry", leased.leaseToken(), clock.instant(), "x")).isFalse();
    assertThat(inbox.reject("no-such-entry", leased.leaseToken(), "x")).isFalse();
    assertThat(get(a1).status()).isEqualTo(Status.LEASED);
    assertThat(inbox.complete(a1.id(), leased.leaseToken())).isTrue();
    assertThat(inbox.complete(a1.id(), leased.leaseToken())).as("already done").isFalse();
    assertThat(inbox.reject(a1.id(), leased.leaseToken(), "x")).isFalse();
  }

  // ---- reject and replay ---------------------------------------------------------------------------

  @Test
  void aRejectedEntryIsKeptDoesNotBlockItsLaneAndReplaysAtTheTail() {
    List<InboxEntry> rec = inbox.record(List.of(text(ALICE, "wamid.a1"), text(ALICE, "wamid.a2")));
    InboxEntry a1 = inbox.lease("w1", 1, 1, LEASE).get(0);
    assertThat(inbox.reject(a1.id(), a1.leaseToken(), "helpdesk 422")).isTrue();
    InboxEntry rejected = get(a1);
    assertThat(rejected.status()).isEqualTo(Status.REJECTED);
    assertThat(rejected.lastError()).isEqualTo("helpdesk 422");
    assertThat(rejected.event()).isEqualTo(rec.get(0).event());
    assertThat(rejected.completedAt()).isEqualTo(clock.instant());
    assertThat(inbox.count(Status.REJECTED)).isEqualTo(1);
    assertThat(inbox.list(Status.REJECTED, 10)).containsExactly(rejected);
    assertThat(inbox.complete(a1.id(), a1.leaseToken())).isFalse();
    // a2 is not blocked by the rejected a1; a3 arrives while a2 is leased.
    InboxEntry a2 = inbox.lease("w1", 1, 1, LEASE).get(0);
    assertThat(a2.id()).isEqualTo(rec.get(1).id());
    InboxEntry a3 = inbox.record(List.of(text(ALICE, "wamid.a3"))).get(0);
    clock.advance(Duration.ofSeconds(10));
    assertThat(inbox.replayRejected()).isEqualTo(1);
    assertThat(inbox.count(Status.REJECTED)).isZero();
    InboxEntry replayed = get(a1);
    assertThat(replayed.status()).isEqualTo(Status.PENDING);
    assertThat(replayed.attempts()).isZero();
    assertThat(replayed.sequence()).isGreaterThan(a3.sequence());
    assertThat(replayed.nextAttemptAt()).isEqualTo(clock.instant());
    assertThat(inbox.replayRejected()).isZero();
    // The lane resumes in order: a2 (leased), then a3, then the replayed a1.
    assertThat(inbox.lease("w1", 1, 5, LEASE)).isEmpty();
    assertThat(inbox.complete(a2.id(), a2.leaseToken())).isTrue();
    assertThat(inbox.lease("w1", 1, 5, LEASE)).extracting(InboxEntry::id).containsExactly(a3.id(), a1.id());
    assertThat(inbox.record(List.of(rec.get(0).event()))).as("a replayed entry keeps its key").isEmpty();
  }

  @Test
  void dismissRemovesOnlyKeptEntries() {
    InboxEntry pending = inbox.record(List.of(text(ALICE, "wamid.a1"), text(ALICE, "wamid.a2"))).get(1);
    InboxEntry a1 = inbox.lease("w1", 1, 1, LEASE).get(0);
    assertThat(inbox.reject(a1.id(), a1.leaseToken(), "helpdesk 422")).isTrue();
    byte[] body = {1, 2, 3};
    InboxEntry bad = inbox.recordUnparseable(body, "NOT_UTF8");

    assertThat(inbox.dismiss(pending.id())).as("a pending entry is not kept").isFalse();
    assertThat(inbox.dismiss("no-such-entry")).isFalse();
    assertThat(inbox.dismiss(a1.id())).isTrue();
    assertThat(inbox.dismiss(a1.id())).as("once").isFalse();
    assertThat(inbox.dismiss(bad.id())).isTrue();
    assertThat(inbox.count(Status.REJECTED) + inbox.count(Status.UNPARSEABLE)).isZero();
    assertThat(inbox.get(a1.id())).isEmpty();
    assertThat(inbox.replayRejected()).isZero();
    // A dismissed unparseable body is kept again when it comes again.
    assertThat(inbox.recordUnparseable(body, "NOT_UTF8").id()).isNotEqualTo(bad.id());
    assertThat(get(pending).status()).isEqualTo(Status.PENDING);
  }

  // ---- unparseable --------------------------------------------------------------------------------

  @Test
  void anUnparseableBodyIsKeptByteForByteAndNeverLeased() {
    byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{]".getBytes(StandardCharsets.UTF_8);
    byte[] original = body.clone();
    InboxEntry e = inbox.recordUnparseable(body, "MALFORMED_JSON");
    body[0] = 'X';
    assertThat(e.status()).isEqualTo(Status.UNPARSEABLE);
    assertThat(e.event()).isNull();
    assertThat(e.rawBody()).isEqualTo(original);
    assertThat(e.lastError()).isEqualTo("MALFORMED_JSON");
    assertThat(e.receivedAt()).isEqualTo(clock.instant());
    e.rawBody()[1] = 'Y';
    InboxEntry held = get(e);
    assertThat(held.rawBody()).isEqualTo(original);
    held.rawBody()[1] = 'Z';
    assertThat(get(e).rawBody()).isEqualTo(original);
    assertThat(inbox.count(Status.UNPARSEABLE)).isEqualTo(1);
    assertThat(inbox.list(Status.UNPARSEABLE, 5)).extracting(InboxEntry::id).containsExactly(e.id());
    assertThat(inbox.lease("w1", 10, 10, LEASE)).isEmpty();
    assertThat(inbox.nextReadyAt()).isEmpty();
    assertThat(inbox.replayRejected()).isZero();
    assertThat(get(e).status()).isEqualTo(Status.UNPARSEABLE);
    // The same bytes again (Meta retrying a 4xx answer) are kept once; other bytes are kept apart.
    assertThat(inbox.recordUnparseable(original, "MALFORMED_JSON").id()).isEqualTo(e.id());
    InboxEntry other = inbox.recordUnparseable(new byte[] {1, 2, 3}, "NOT_UTF8");
    assertThat(other.id()).isNotEqualTo(e.id());
    assertThat(inbox.count(Status.UNPARSEABLE)).isEqualTo(2);
  }

  // ---- inspection --------------------------------------------------------------------------------

  @Test
  void listIsOldestFirstAndLimited() {
    List<InboxEntry> rec = inbox.record(List.of(text(ALICE, "wamid.a1"), text(BOB, "wamid.b1"),
        text(ALICE, "wamid.a2")));
    assertThat(inbox.list(Status.PENDING, 10)).extracting(InboxEntry::id)
        .containsExactly(rec.get(0).id(), rec.get(1).id(), rec.get(2).id());
    assertThat(inbox.list(Status.PENDING, 2)).extracting(InboxEntry::id)
        .containsExactly(rec.get(0).id(), rec.get(1).id());
    inbox.lease("w1", 1, 1, LEASE);
    assertThat(inbox.list(Status.LEASED, 10)).extracting(InboxEntry::id).containsExactly(rec.get(0).id());
    assertThat(inbox.count(Status.LEASED)).isEqualTo(1);
    assertThat(inbox.count(Status.PENDING)).isEqualTo(2);
    assertThat(inbox.list(Status.REJECTED, 10)).isEmpty();
  }

  @Test
  void nextReadyAtIsTheEarliestLeasableTime() {
    assertThat(inbox.nextReadyAt()).isEmpty();
    inbox.record(List.of(text(ALICE, "wamid.a1")));
    Instant recordedAt = clock.instant();
    clock.advance(Duration.ofSeconds(5));
    assertThat(inbox.nextReadyAt()).contains(recordedAt);
    InboxEntry leased = inbox.lease("w1", 1, 1, LEASE).get(0);
    assertThat(inbox.nextReadyAt()).contains(leased.leaseExpiresAt());
    inbox.complete(leased.id(), leased.leaseToken());
    assertThat(inbox.nextReadyAt()).isEmpty();
  }

  @Test
  void toStringShowsNoMessageTextNoPhoneNumberAndNoBytes() {
    InboxEntry e = inbox.record(List.of(text(ALICE, "wamid.a1"))).get(0);
    InboxEntry u = inbox.recordUnparseable("{\"secret\":\"4111\"".getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON");
    for (InboxEntry x : List.of(e, get(e), u, inbox.lease("w1", 1, 1, LEASE).get(0))) {
      assertThat(x.toString()).doesNotContain(SECRET_TEXT).doesNotContain(ALICE).doesNotContain("4111")
          .contains(x.id());
    }
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> inbox.lease("w1", 0, 1, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> inbox.lease("w1", 1, 0, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> inbox.lease("w1", 1, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> inbox.lease(null, 1, 1, LEASE)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> inbox.record(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> inbox.recordUnparseable(null, "x")).isInstanceOf(NullPointerException.class);
    List<WebhookEvent> withNull = new ArrayList<>();
    withNull.add(text(ALICE, "wamid.a1"));
    withNull.add(null);
    assertThatThrownBy(() -> inbox.record(withNull)).isInstanceOf(NullPointerException.class);
    assertThat(inbox.count(Status.PENDING)).as("nothing of a refused call is stored").isZero();
    assertThat(inbox.record(List.of(text(ALICE, "wamid.a1")))).hasSize(1);
  }

  // ---- concurrency --------------------------------------------------------------------------------

  @Test
  void concurrentRecordsOfOneDeliveryStoreItOnce() throws Exception {
    List<WebhookEvent> delivery = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      delivery.add(text(i % 2 == 0 ? ALICE : BOB, "wamid.c" + i));
    }
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<InboxEntry>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          return inbox.record(delivery);
        }));
      }
      start.countDown();
      List<String> recorded = new ArrayList<>();
      for (Future<List<InboxEntry>> f : results) {
        recorded.addAll(keys(f.get(30, TimeUnit.SECONDS)));
      }
      assertThat(recorded).containsExactlyInAnyOrderElementsOf(delivery.stream().map(WebhookEvent::idempotencyKey)
          .toList());
      assertThat(inbox.count(Status.PENDING)).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentWorkersNeverHoldOneEntryTwiceAndKeepLaneOrder() throws Exception {
    int perLane = 40;
    List<WebhookEvent> events = new ArrayList<>();
    for (int i = 0; i < perLane; i++) {
      events.add(text(ALICE, "wamid.a" + i));
      events.add(text(BOB, "wamid.b" + i));
    }
    inbox.record(events);
    int workers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    Set<String> done = ConcurrentHashMap.newKeySet();
    List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger doubleCompletions = new AtomicInteger();
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String worker = "w" + w;
        fs.add(pool.submit(() -> {
          for (int spins = 0; spins < 100_000 && done.size() < 2 * perLane; spins++) {
            for (InboxEntry e : inbox.lease(worker, 1, 3, Duration.ofHours(1))) {
              order.add(e.idempotencyKey());
              if (!inbox.complete(e.id(), e.leaseToken()) || !done.add(e.id())) {
                doubleCompletions.incrementAndGet();
              }
            }
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(doubleCompletions).hasValue(0);
    assertThat(done).hasSize(2 * perLane);
    for (String lane : List.of("wamid.a", "wamid.b")) {
      List<String> expected = events.stream().map(WebhookEvent::idempotencyKey).filter(k -> k.contains(lane))
          .toList();
      assertThat(order.stream().filter(k -> k.contains(lane)).toList()).as(lane).isEqualTo(expected);
    }
    assertThat(inbox.count(Status.PENDING) + inbox.count(Status.LEASED)).isZero();
  }
}
