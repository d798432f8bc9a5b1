package io.github.whatsapphelpdesk.bridge;

import static io.github.whatsapphelpdesk.bridge.BridgeFixtures.PN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.StoredComment;
import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.spi.AdapterCapability;
import io.github.whatsapphelpdesk.spi.AgentAttachment;
import io.github.whatsapphelpdesk.spi.AgentReply;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.DeliveryStatusUpdate;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.InternalNote;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import io.github.whatsapphelpdesk.spi.TicketResult;
import io.github.whatsapphelpdesk.spi.TicketState;
import io.github.whatsapphelpdesk.store.MessageLink;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.InboundContent;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bridge merges a burst of a conversation's messages into one append when the adapter asks. Messages
 * arrive the way the webhook handler delivers them: recorded in the inbox first (a redelivery is a
 * duplicate there), then worked by the bridge; what waits in the inbox when the lane is leased forms the
 * burst.
 */
class BridgeBurstMergingTest {
  private static final String WA = "4915123456789";
  private final MutableClock clock = MutableClock.create();
  private final InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
  private final CoalescingDesk adapter = new CoalescingDesk(desk);
  private final FakeCloudApi meta = new FakeCloudApi(clock, 1, 0.0);
  /** Lane work waits here until {@link #runJobs}, so messages queue up in the inbox behind each other. */
  private final ArrayDeque<Runnable> jobs = new ArrayDeque<>();
  private final HelpdeskBridge bridge = HelpdeskBridge.builder().adapter(adapter).gateway(meta).clock(clock)
      .executor(jobs::add).retryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(1)).build();

  private void runJobs() {
    bridge.processInbox();
    while (!jobs.isEmpty()) {
      jobs.poll().run();
    }
  }

  /** What the webhook handler does with an inbox: record before the 200; a repeat is a duplicate. */
  private void send(InboundMessage m) {
    meta.customerWrote(PN, WA, clock.instant());
    if (bridge.inbox().record(List.of(m)).isEmpty()) {
      bridge.onDuplicate(m);
    }
  }

  private void text(String wamid, String body) {
    send(BridgeFixtures.text(wamid, WA, clock.instant(), body));
  }

  private String ticketId() {
    return bridge.conversations().ticketFor(bridge.conversations().currentKey(PN, CustomerId.ofPhone(WA))).orElseThrow().ticketId();
  }

  private List<String> commentTexts() {
    return desk.comments(ticketId()).stream().map(StoredComment::text).toList();
  }

  private String linkedItem(String wamid) {
    return bridge.conversations().messageLink(wamid).map(MessageLink::itemId).orElseThrow();
  }

  @Test
  void aQueuedBurstBecomesOneAppendExactlyOnceInOrder_andARetryableFailureParksTheWholeBurst() {
    text("wamid.1", "First");
    runJobs();
    assertThat(commentTexts()).containsExactly("First");

    adapter.coalesce = true;
    adapter.failNextBursts = 1;
    meta.media.put("media-1", "JPEGDATA".getBytes(StandardCharsets.US_ASCII));
    text("wamid.2", "two");
    send(BridgeFixtures.message("wamid.3", WA, clock.instant(), new InboundContent.Media(
        InboundContent.MediaType.IMAGE, "media-1", "image/jpeg", null, "my parcel", null, false, false, null)));
    text("wamid.4", "four");
    text("wamid.3", "redelivered"); // a repeat delivery queued inside the burst
    runJobs();

    // Rate limited: nothing written, nothing linked, the lane parked.
    assertThat(adapter.bursts).containsExactly(List.of("wamid.2", "wamid.3", "wamid.4"));
    assertThat(commentTexts()).containsExactly("First");
    assertThat(bridge.conversations().messageLink("wamid.2")).isEmpty();
    assertThat(bridge.pendingInbound()).isEqualTo(3); // three inbox entries wait for the retry
    bridge.tick();
    runJobs();
    assertThat(adapter.bursts).hasSize(1); // not due yet

    clock.advance(Duration.ofSeconds(3));
    bridge.tick();
    runJobs();
    assertThat(adapter.bursts).containsExactly(List.of("wamid.2", "wamid.3", "wamid.4"),
        List.of("wamid.2", "wamid.3", "wamid.4"));
    assertThat(commentTexts()).containsExactly("First", "two\n\n[image] my parcel\n\nfour");
    StoredComment merged = desk.comments(ticketId()).get(1);
    assertThat(merged.attachments()).hasSize(1);
    assertThat(List.of(linkedItem("wamid.2"), linkedItem("wamid.3"), linkedItem("wamid.4")))
        .containsOnly(merged.id());
    assertThat(bridge.pendingInbound()).isZero();

    // A later repeat of a merged message is skipped.
    text("wamid.4", "four");
    runJobs();
    assertThat(commentTexts()).hasSize(2);
    assertThat(bridge.stats().inboundMessages()).isEqualTo(4);
    assertThat(bridge.stats().duplicatesSkipped()).isEqualTo(2);
    assertThat(bridge.stats().messagesAppended()).isEqualTo(4);
    assertThat(bridge.stats().helpdeskRetries()).isEqualTo(1);
  }

  @Test
  void aBurstStopsAtAMessageThatIsNotTextOrMedia_soOrderHolds() {
    text("wamid.1", "First");
    runJobs();
    adapter.coalesce = true;
    text("wamid.2", "a");
    text("wamid.3", "b");
    send(BridgeFixtures.message("wamid.4", WA, clock.instant(),
        new InboundContent.Location(52.52, 13.405, "Office", "Berlin", null)));
    text("wamid.5", "c");
    text("wamid.6", "d");
    runJobs();
    assertThat(adapter.bursts).containsExactly(List.of("wamid.2", "wamid.3"), List.of("wamid.5", "wamid.6"));
    assertThat(commentTexts()).hasSize(4);
    assertThat(commentTexts().get(1)).isEqualTo("a\n\nb");
    assertThat(commentTexts().get(2)).startsWith("[location] Office");
    assertThat(commentTexts().get(3)).isEqualTo("c\n\nd");
    assertThat(linkedItem("wamid.2")).isEqualTo(linkedItem("wamid.3"));
    assertThat(linkedItem("wamid.5")).isEqualTo(linkedItem("wamid.6")).isNotEqualTo(linkedItem("wamid.2"));
  }

  @Test
  void burstsAreCappedAtMaxBurst() {
    text("wamid.0", "First");
    runJobs();
    adapter.coalesce = true;
    int n = io.github.whatsapphelpdesk.bridge.internal.InboxWorker.MAX_BURST + 3;
    for (int i = 1; i <= n; i++) {
      text("wamid." + i, "m" + i);
    }
    runJobs();
    assertThat(adapter.bursts).extracting(List::size).containsExactly(io.github.whatsapphelpdesk.bridge.internal.InboxWorker.MAX_BURST, 3);
    assertThat(String.join("\n\n", commentTexts().subList(1, 3))).isEqualTo(
        java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> "m" + i).collect(Collectors.joining("\n\n")));
  }

  @Test
  void withoutTheAdaptersAskEveryMessageIsItsOwnAppend() {
    text("wamid.1", "First");
    runJobs();
    text("wamid.2", "two");
    text("wamid.3", "three");
    runJobs();
    assertThat(adapter.bursts).isEmpty();
    assertThat(commentTexts()).containsExactly("First", "two", "three");
  }

  @Test
  void aRejectedMergeFallsBackToOneByOne_soOnlyTheBadMessageIsLost() {
    text("wamid.1", "First");
    runJobs();
    adapter.coalesce = true;
    adapter.rejectBursts = true;
    text("wamid.2", "two");
    text("wamid.3", "three");
    runJobs();
    assertThat(adapter.bursts).hasSize(1);
    assertThat(commentTexts()).containsExactly("First", "two", "three");
    assertThat(linkedItem("wamid.2")).isNotEqualTo(linkedItem("wamid.3"));
  }

  /** The in-memory helpdesk, asking for merges and writing a burst as one comment. */
  static final class CoalescingDesk implements HelpdeskAdapter {
    final InMemoryHelpdesk desk;
    final List<List<String>> bursts = new ArrayList<>();
    volatile boolean coalesce;
    int failNextBursts;
    boolean rejectBursts;

    CoalescingDesk(InMemoryHelpdesk desk) {
      this.desk = desk;
    }

    @Override
    public boolean shouldCoalesce(TicketHandle ticket) {
      return coalesce;
    }

    @Override
    public AppendResult appendCustomerMessages(TicketHandle ticket, List<CustomerMessage> messages) {
      bursts.add(messages.stream().map(CustomerMessage::messageId).toList());
      if (failNextBursts > 0) {
        failNextBursts--;
        throw new HelpdeskRateLimitedException("coalescing", 429, "rate limited (test)", Duration.ofSeconds(2));
      }
      if (rejectBursts) {
        throw new io.github.whatsapphelpdesk.error.HelpdeskValidationException("coalescing", 422,
            "comment rejected (test)", List.of());
      }
      String text = messages.stream().map(CustomerMessage::text).collect(Collectors.joining("\n\n"));
      List<Attachment> files = messages.stream().flatMap(m -> m.attachments().stream()).toList();
      CustomerMessage first = messages.get(0);
      return desk.appendCustomerMessage(ticket, new CustomerMessage(first.messageId(), first.author(), text, files,
          first.sentAt(), first.metadata()));
    }

    @Override public String id() { return "coalescing"; }
    @Override public Set<AdapterCapability> capabilities() { return desk.capabilities(); }
    @Override public HelpdeskContact upsertContact(ContactInfo contact) { return desk.upsertContact(contact); }
    @Override public TicketResult findOrCreateTicket(TicketRequest request) { return desk.findOrCreateTicket(request); }
    @Override public AppendResult appendCustomerMessage(TicketHandle t, CustomerMessage m) { return desk.appendCustomerMessage(t, m); }
    @Override public AppendResult appendInternalNote(TicketHandle t, InternalNote n) { return desk.appendInternalNote(t, n); }
    @Override public void recordDeliveryStatus(TicketHandle t, DeliveryStatusUpdate s) { desk.recordDeliveryStatus(t, s); }
    @Override public TicketState ticketState(TicketHandle t) { return desk.ticketState(t); }
    @Override public TicketResult reopenOrFollowUp(TicketHandle t, TicketRequest r) { return desk.reopenOrFollowUp(t, r); }
    @Override public List<AgentReply> parseAgentReplies(WebhookRequest r) { return desk.parseAgentReplies(r); }
    @Override public void downloadAttachment(AgentAttachment a, OutputStream out) { desk.downloadAttachment(a, out); }
    @Override public long maxAttachmentBytes() { return desk.maxAttachmentBytes(); }
  }
}
