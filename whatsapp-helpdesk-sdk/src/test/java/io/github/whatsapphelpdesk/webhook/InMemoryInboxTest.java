package io.github.whatsapphelpdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.StoreFullException;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.InboxEntry.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the contract kit leaves to the implementation: {@link InMemoryInbox}'s retention and bounds. */
class InMemoryInboxTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private final MutableClock clock = MutableClock.create();

  static WebhookEvent text(String customer, String wamid) {
    String json = ParserTest.messages("\"messages\":[{\"from\":\"" + customer + "\",\"id\":\"" + wamid
        + "\",\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":\"hello\"}}]");
    return ParserTest.parse(json).events().get(0);
  }

  static List<WebhookEvent> texts(String customer, int n) {
    List<WebhookEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(text(customer, "wamid." + customer + "." + i));
    }
    return out;
  }

  private static void rejectAll(Inbox inbox) {
    for (InboxEntry e : inbox.lease("w", 100, 100, LEASE)) {
      assertThat(inbox.reject(e.id(), e.leaseToken(), "422")).isTrue();
    }
  }

  @Test
  void keysExpireAfterTheDedupeRetention() {
    InMemoryInbox inbox = InMemoryInbox.create(clock);
    WebhookEvent a = text("16505551234", "wamid.1");
    assertThat(inbox.record(List.of(a))).hasSize(1);
    clock.advance(Duration.ofDays(8).minusSeconds(1));
    assertThat(inbox.record(List.of(a))).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(inbox.record(List.of(a))).hasSize(1);
  }

  @Test
  void valueLevelErrorsAreDedupedForAShortWindowOnly() {
    InMemoryInbox inbox = InMemoryInbox.create(clock);
    List<WebhookEvent> errors = ParserTest.parse(ParserTest.messages(
        "\"errors\":[{\"code\":130429,\"title\":\"Rate limit hit\"}]")).events();
    assertThat(errors).singleElement().isInstanceOf(ErrorEvent.class);
    assertThat(inbox.record(errors)).hasSize(1);
    assertThat(inbox.record(errors)).isEmpty();
    clock.advance(Duration.ofHours(1));
    assertThat(inbox.record(errors)).as("the same error an hour later is a new one").hasSize(1);
  }

  @Test
  void aFullInboxRefusesTheWholeDeliveryAndStoresNothing() {
    InMemoryInbox inbox = InMemoryInbox.builder().clock(clock).maxUnfinished(5).build();
    assertThat(inbox.record(texts("4915100000111", 4))).hasSize(4);
    List<WebhookEvent> two = texts("4915100000222", 2);
    assertThatThrownBy(() -> inbox.record(two)).isInstanceOf(StoreFullException.class)
        .satisfies(e -> assertThat(((StoreFullException) e).retryable()).isTrue());
    assertThat(inbox.count(Status.PENDING)).isEqualTo(4);
    // Nothing was claimed: once there is room, the redelivery is recorded.
    InboxEntry e = inbox.lease("w", 1, 1, LEASE).get(0);
    inbox.complete(e.id(), e.leaseToken());
    inbox.lease("w", 1, 1, LEASE).forEach(x -> inbox.complete(x.id(), x.leaseToken()));
    assertThat(inbox.record(two)).hasSize(2);
  }

  @Test
  void keptEntriesAreBoundedOldestDroppedFirst() {
    InMemoryInbox inbox = InMemoryInbox.builder().clock(clock).maxKept(3).build();
    InboxEntry u = inbox.recordUnparseable(new byte[] {1}, "MALFORMED_JSON");
    inbox.record(texts("4915100000111", 3));
    rejectAll(inbox);
    assertThat(inbox.get(u.id())).as("the oldest kept entry went").isEmpty();
    assertThat(inbox.count(Status.UNPARSEABLE)).isZero();
    assertThat(inbox.count(Status.REJECTED)).isEqualTo(3);
    InboxEntry u2 = inbox.recordUnparseable(new byte[] {2}, "MALFORMED_JSON");
    assertThat(inbox.count(Status.REJECTED)).isEqualTo(2);
    assertThat(inbox.list(Status.REJECTED, 10)).extracting(InboxEntry::idempotencyKey)
        .containsExactly("message:wamid.4915100000111.1", "message:wamid.4915100000111.2");
    assertThat(inbox.get(u2.id())).isPresent();
    // A dropped body can be kept again (its dedupe entry went with it).
    assertThat(inbox.recordUnparseable(new byte[] {1}, "MALFORMED_JSON").id()).isNotEqualTo(u.id());
    assertThat(inbox.replayRejected()).isEqualTo(1);
  }

  @Test
  void rawBytesAreBoundedByTotalSize() {
    InMemoryInbox inbox = InMemoryInbox.builder().clock(clock).maxKeptBytes(1000).build();
    InboxEntry a = inbox.recordUnparseable(new byte[600], "MALFORMED_JSON");
    InboxEntry b = inbox.recordUnparseable("x".repeat(300).getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON");
    assertThat(inbox.count(Status.UNPARSEABLE)).isEqualTo(2);
    InboxEntry c = inbox.recordUnparseable("y".repeat(300).getBytes(StandardCharsets.UTF_8), "MALFORMED_JSON");
    assertThat(inbox.get(a.id())).isEmpty();
    assertThat(inbox.get(b.id())).isPresent();
    assertThat(inbox.get(c.id())).isPresent();
    // One body over the bound alone is still kept (the newest always is).
    InboxEntry big = inbox.recordUnparseable(new byte[5000], "TOO_LARGE");
    assertThat(inbox.list(Status.UNPARSEABLE, 10)).extracting(InboxEntry::id).containsExactly(big.id());
  }

  @Test
  void rememberedKeysAreBounded() {
    InMemoryInbox inbox = InMemoryInbox.builder().clock(clock).maxKeys(16).build();
    List<WebhookEvent> events = texts("4915100000111", 20);
    for (WebhookEvent e : events) {
      inbox.record(List.of(e));
    }
    assertThat(inbox.keysEvictedBeforeExpiry()).isEqualTo(4);
    assertThat(inbox.record(List.of(events.get(19)))).isEmpty();
    assertThat(inbox.record(List.of(events.get(0)))).as("evicted: recorded again").hasSize(1);
  }

  @Test
  void doneEntriesAreDroppedAtOnce() {
    InMemoryInbox inbox = InMemoryInbox.create(clock);
    InboxEntry e = inbox.record(List.of(text("4915100000111", "wamid.1"))).get(0);
    InboxEntry l = inbox.lease("w", 1, 1, LEASE).get(0);
    assertThat(inbox.complete(e.id(), l.leaseToken())).isTrue();
    assertThat(inbox.get(e.id())).isEmpty();
    assertThat(inbox.count(Status.DONE)).isZero();
    assertThat(inbox.toString()).isEqualTo("InMemoryInbox[0 unfinished, 0 kept]");
  }

  @Test
  void builderValidation() {
    assertThatThrownBy(() -> InMemoryInbox.builder().maxKeys(15)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryInbox.builder().maxKept(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryInbox.builder().maxKeptBytes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryInbox.builder().maxUnfinished(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryInbox.builder().dedupeRetention(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryInbox.builder().clock(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void entriesValidateTheirShape() {
    java.time.Instant t = clock.instant();
    assertThatThrownBy(() -> new InboxEntry("id", "k", "l", 1, null, null, Status.UNPARSEABLE, 0, t, t, null, null,
        null, null, t)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InboxEntry("id", "k", "l", 1, null, new byte[1], Status.PENDING, 0, t, t, null,
        null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InboxEntry("id", "k", "l", 1, null, null, Status.LEASED, 0, t, t, null, null,
        null, null, null)).isInstanceOf(IllegalArgumentException.class);
    InboxEntry a = new InboxEntry("id", "k", "unparseable", 1, null, new byte[] {1, 2}, Status.UNPARSEABLE, 0, t, t,
        null, null, null, "r", t);
    InboxEntry b = new InboxEntry("id", "k", "unparseable", 1, null, new byte[] {1, 2}, Status.UNPARSEABLE, 0, t, t,
        null, null, null, "r", t);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).contains("raw body of 2 bytes");
    assertThat(new InboxEntry("id", "k", "123:16505551234", 1, null, null, Status.DONE, 0, t, t, null, null, null,
        null, t).maskedLaneKey()).doesNotContain("16505551234").startsWith("123:");
  }
}
