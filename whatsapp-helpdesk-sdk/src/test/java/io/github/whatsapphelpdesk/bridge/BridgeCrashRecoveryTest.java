package io.github.whatsapphelpdesk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.StoredComment;
import io.github.whatsapphelpdesk.crm.StoredTicket;
import io.github.whatsapphelpdesk.customer.CustomerDirectory;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.session.SessionWindowTracker;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.store.ConversationStore;
import io.github.whatsapphelpdesk.store.InMemoryConversationStore;
import io.github.whatsapphelpdesk.store.InMemoryOutbox;
import io.github.whatsapphelpdesk.store.Outbox;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.InMemoryInbox;
import io.github.whatsapphelpdesk.webhook.Inbox;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.InboxEntry;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.webhook.WebhookHandler;
import io.github.whatsapphelpdesk.webhook.WebhookParser;
import io.github.whatsapphelpdesk.webhook.WebhookSignatureVerifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A bridge discarded between the webhook's 200 (the inbox record) and the ticket write, or in the middle
 * of a conversation's run (after the helpdesk write, before the wamid link), and a new bridge built on the
 * same stores: nothing is lost, nothing is doubled, order is kept per conversation.
 */
class BridgeCrashRecoveryTest {
  private static final String PHONE = "4915123456789";
  private static final String BSUID = "DE.1349120865530274";

  private final MutableClock clock = MutableClock.create();
  private final InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
  private final FakeCloudApi meta = new FakeCloudApi(clock, 1, 0);
  private final ConversationStore conversations = InMemoryConversationStore.create(clock);
  private final Outbox outbox = InMemoryOutbox.create(clock);
  private final Inbox inbox = InMemoryInbox.create(clock);
  private final CustomerDirectory customers = CustomerDirectory.inMemory();
  private final SessionWindowTracker sessions = SessionWindowTracker.builder().clock(clock).build();

  private HelpdeskBridge bridge(HelpdeskAdapter adapter, String worker) {
    return HelpdeskBridge.builder().adapter(adapter).gateway(meta).clock(clock).conversationStore(conversations)
        .outbox(outbox).inbox(inbox).customerDirectory(customers).sessions(sessions).workerId(worker)
        .retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10)).build();
  }

  private List<InboundMessage> messages(String from, int n) {
    List<InboundMessage> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(BridgeFixtures.text("wamid." + from + "." + i, from, clock.instant(), "message " + i + " from " + from));
    }
    return out;
  }

  private List<String> customerTexts(String from) {
    String key = conversations.currentKey(BridgeFixtures.PN, CustomerId.parse(from)).format();
    List<StoredTicket> tickets = desk.ticketsForConversation(key);
    assertThat(tickets).as("tickets of %s", from).hasSize(1);
    return desk.comments(tickets.get(0).id()).stream().filter(c -> c.authorKind() == StoredComment.AuthorKind.CUSTOMER)
        .map(StoredComment::text).toList();
  }

  private static List<String> expected(String from, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("message " + i + " from " + from);
    }
    return out;
  }

  @Test
  void eventsRecordedBeforeThe200AreHandledByTheNextBridge() {
    // What the webhook handler does before it answers 200: the events are in the inbox, nothing else.
    inbox.record(new ArrayList<>(messages(PHONE, 5)));
    inbox.record(new ArrayList<>(messages(BSUID, 5)));
    // The first bridge never ran (the process died right after the 200). A new one on the same stores:
    HelpdeskBridge second = bridge(desk, "instance-2");
    second.tick();

    assertThat(customerTexts(PHONE)).containsExactlyElementsOf(expected(PHONE, 5));
    assertThat(customerTexts(BSUID)).containsExactlyElementsOf(expected(BSUID, 5));
    assertThat(inbox.count(InboxEntry.Status.PENDING) + inbox.count(InboxEntry.Status.LEASED)).isZero();
    assertThat(desk.tickets()).hasSize(2);
  }

  @Test
  void theWebhookHandlerRecordsInTheBridgesInboxBeforeItAnswers200() {
    HelpdeskBridge first = bridge(desk, "instance-1");
    List<Runnable> neverRun = new ArrayList<>(); // the process dies before the listener task runs
    WebhookHandler handler = WebhookHandler.builder().appSecret("app-secret").executor(neverRun::add).clock(clock)
        .listener(first).build();
    byte[] body = delivery("wamid.hook.1", "Sent before the crash");
    WebhookResponse answer = handler.handle("POST", Map.of(), Map.of("X-Hub-Signature-256",
        List.of(WebhookSignatureVerifier.sign("app-secret", body))), body);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(inbox.count(InboxEntry.Status.PENDING)).as("stored before the 200").isEqualTo(1);
    assertThat(desk.tickets()).isEmpty();
    HelpdeskBridge second = bridge(desk, "instance-2");
    second.tick();
    assertThat(customerTexts(BSUID)).containsExactly("Sent before the crash");
  }

  /** A signed-body delivery of one text from the username-only customer, as Meta sends it. */
  private byte[] delivery(String wamid, String text) {
    String json = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"419561257915477\",\"changes\":[{"
        + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
        + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"" + BridgeFixtures.PN + "\"},"
        + "\"contacts\":[{\"profile\":{\"name\":\"Ana\",\"username\":\"ana.b\"},\"user_id\":\"" + BSUID + "\"}],"
        + "\"messages\":[{\"from_user_id\":\"" + BSUID + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
        + clock.instant().getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]}}]}]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keptUnparseableBodiesAreReplayedOnceTheyParse() {
    HelpdeskBridge bridge = bridge(desk, "instance-1");
    byte[] tooLargeThen = delivery("wamid.big.1", "Kept while the body limit was too small");
    byte[] garbage = "{\"object\":".getBytes(StandardCharsets.UTF_8);
    inbox.recordUnparseable(tooLargeThen, "TOO_LARGE");
    inbox.recordUnparseable(garbage, "MALFORMED_JSON");

    assertThat(bridge.replayUnparseable(WebhookParser.create())).isEqualTo(1);
    assertThat(customerTexts(BSUID)).containsExactly("Kept while the body limit was too small");
    assertThat(inbox.list(InboxEntry.Status.UNPARSEABLE, 10)).singleElement()
        .satisfies(e -> assertThat(e.rawBody()).isEqualTo(garbage));
    // Replaying again changes nothing: the message is linked, the garbage still fails.
    assertThat(bridge.replayUnparseable(WebhookParser.create())).isZero();
    assertThat(customerTexts(BSUID)).hasSize(1);
  }

  @Test
  void aBridgeThatDiesMidRunIsTakenOverWithoutLossOrDuplicates() {
    // The first bridge "dies" on its 3rd append (message 3: message 0 opened the ticket), after the helpdesk
    // stored the comment but before the bridge linked the wamid: the process is gone, its lease is still held.
    AtomicInteger appends = new AtomicInteger();
    HelpdeskAdapter dying = (HelpdeskAdapter) Proxy.newProxyInstance(HelpdeskAdapter.class.getClassLoader(),
        new Class<?>[] {HelpdeskAdapter.class}, (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(desk, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("appendCustomerMessage") && appends.incrementAndGet() == 3) {
            throw new Died();
          }
          return result;
        });
    HelpdeskBridge first = bridge(dying, "instance-1");
    for (InboundMessage m : messages(PHONE, 6)) {
      first.onEvent(m);
    }
    assertThat(appends.get()).isEqualTo(3);
    assertThat(inbox.count(InboxEntry.Status.LEASED)).isPositive();
    // Meta redelivers one of them meanwhile: still one entry.
    inbox.record(List.of(messages(PHONE, 6).get(1)));

    HelpdeskBridge second = bridge(desk, "instance-2");
    second.tick();
    // Still within the dead instance's lease: nothing is taken over yet, and nothing is doubled.
    assertThat(customerTexts(PHONE)).containsExactlyElementsOf(expected(PHONE, 4));
    assertThat(conversations.messageLink("wamid." + PHONE + ".3")).isEmpty();
    clock.advance(Duration.ofMinutes(3));
    second.tick();

    assertThat(customerTexts(PHONE)).containsExactlyElementsOf(expected(PHONE, 6));
    assertThat(conversations.messageLink("wamid." + PHONE + ".3")).isPresent();
    assertThat(inbox.count(InboxEntry.Status.PENDING) + inbox.count(InboxEntry.Status.LEASED)).isZero();
  }

  /** Stands for the process dying: not a helpdesk error, nothing in the bridge handles it as one. */
  private static final class Died extends RuntimeException {
    Died() {
      super("process died", null, false, false);
    }
  }
}
