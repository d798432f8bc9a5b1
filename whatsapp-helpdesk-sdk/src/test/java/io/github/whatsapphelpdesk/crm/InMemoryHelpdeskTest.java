package io.github.whatsapphelpdesk.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.spi.AgentReply;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.InternalNote;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import io.github.whatsapphelpdesk.spi.TicketResult;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InMemoryHelpdeskTest {
  private static final String KEY = "wa:1000:4915112345678:1";
  private final MutableClock clock = MutableClock.create();

  private static CustomerMessage msg(HelpdeskContact c, String wamid, String text) {
    return new CustomerMessage(wamid, c, text, List.of(), MutableClock.create().instant(), Map.of());
  }

  private static TicketRequest req(HelpdeskContact c, String idem, String text) {
    return new TicketRequest(KEY, idem, c, "WhatsApp", msg(c, "wamid." + idem, text), List.of("whatsapp"),
        Map.of());
  }

  /** Calls until the injected failures stop; what a bridge's retry loop does. */
  private static <T> T retry(Supplier<T> call) {
    for (int i = 0; i < 1000; i++) {
      try {
        return call.get();
      } catch (HelpdeskUnavailableException e) {
        assertThat(e.retryable()).isTrue();
      }
    }
    throw new AssertionError("never succeeded");
  }

  @Test
  void failureInjector_sameSeed_sameFailures() {
    FailureInjector a = FailureInjector.seeded(42, 0.3, 0.5);
    FailureInjector b = FailureInjector.seeded(42, 0.3, 0.5);
    for (int i = 0; i < 1000; i++) {
      assertThat(a.next("op")).isEqualTo(b.next("op"));
    }
    assertThat(a.injected()).isBetween(240L, 360L);
    assertThat(a.injectedAfter()).isBetween(a.injected() / 3, a.injected() * 2 / 3);
  }

  @Test
  void retriedCalls_withFailuresBeforeAndAfter_oneTicketAndEachMessageOnce() {
    FailureInjector failures = FailureInjector.seeded(7, 0.4, 0.5);
    InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).failureInjector(failures).build();
    HelpdeskContact c = retry(() -> desk.upsertContact(ContactInfo.ofPhone("4915112345678", "Ana")));
    TicketResult t = retry(() -> desk.findOrCreateTicket(req(c, "idem-1", "m0")));
    for (int i = 1; i <= 50; i++) {
      CustomerMessage m = msg(c, "wamid." + i, "m" + i);
      retry(() -> desk.appendCustomerMessage(t.ticket(), m));
      InternalNote note = new InternalNote("note " + i, "n" + i);
      retry(() -> desk.appendInternalNote(t.ticket(), note));
    }
    assertThat(failures.injectedAfter()).isPositive();
    assertThat(desk.tickets()).hasSize(1);
    assertThat(desk.contacts()).hasSize(1);
    List<String> texts = desk.comments(t.ticket().ticketId()).stream().filter(StoredComment::isPublic)
        .map(StoredComment::text).toList();
    assertThat(texts).hasSize(51).first().isEqualTo("m0");
    assertThat(texts).last().isEqualTo("m50");
    assertThat(desk.notes(t.ticket().ticketId())).hasSize(50);
  }

  @Test
  void appendCustomerMessage_closedThenRetried_sameFollowUp() {
    InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
    HelpdeskContact c = desk.upsertContact(ContactInfo.ofPhone("4915112345678", null));
    TicketHandle t = desk.findOrCreateTicket(req(c, "idem-1", "hi")).ticket();
    desk.close(t.ticketId());
    AppendResult first = desk.appendCustomerMessage(t, msg(c, "wamid.X", "again"));
    AppendResult retried = desk.appendCustomerMessage(t, msg(c, "wamid.X", "again"));
    assertThat(retried).isEqualTo(first);
    assertThat(first.rolledOver()).isTrue();
    assertThat(desk.ticket(first.ticket().ticketId())).get().extracting(StoredTicket::followUpOf)
        .isEqualTo(t.ticketId());
    assertThat(desk.ticketsForConversation(KEY)).hasSize(2);
    assertThatThrownBy(() -> desk.agentReply(t.ticketId(), "agent", "too late"))
        .isInstanceOf(TerminalTicketException.class);
    assertThatThrownBy(() -> desk.appendInternalNote(t, InternalNote.of("x")))
        .isInstanceOf(TerminalTicketException.class);
  }

  @Test
  void appendCustomerMessage_solvedTicket_reopens() {
    InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
    HelpdeskContact c = desk.upsertContact(ContactInfo.ofPhone("4915112345678", null));
    TicketHandle t = desk.findOrCreateTicket(req(c, "idem-1", "hi")).ticket();
    desk.solve(t.ticketId());
    desk.appendCustomerMessage(t, msg(c, "wamid.Y", "one more thing"));
    assertThat(desk.ticket(t.ticketId())).get().extracting(StoredTicket::status).isEqualTo(TicketStatus.OPEN);
  }

  @Test
  void agentReply_withAttachment_parsedOnceAndDownloadable() {
    InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
    HelpdeskContact c = desk.upsertContact(ContactInfo.ofPhone("4915112345678", null));
    TicketHandle t = desk.findOrCreateTicket(req(c, "idem-1", "hi")).ticket();
    byte[] pdf = "%PDF-1.4 label".getBytes(StandardCharsets.US_ASCII);
    WebhookRequest webhook = desk.agentReply(t.ticketId(), "agent-7", "Here is the label",
        Attachment.ofBytes("label.pdf", "application/pdf", pdf));
    List<AgentReply> replies = desk.parseAgentReplies(webhook);
    assertThat(replies).singleElement().satisfies(r -> {
      assertThat(r.authorId()).isEqualTo("agent-7");
      assertThat(r.attachments()).singleElement().satisfies(a -> assertThat(a.filename()).isEqualTo("label.pdf"));
    });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    desk.downloadAttachment(replies.get(0).attachments().get(0), out);
    assertThat(out.toByteArray()).isEqualTo(pdf);
    // A verbatim re-post (the CRM's retry after a 503) parses to the same reply; the bridge dedupes it by id.
    assertThat(desk.parseAgentReplies(webhook)).extracting(AgentReply::replyId)
        .containsExactly(replies.get(0).replyId());
    // The same token with another body is refused.
    WebhookRequest tampered = WebhookRequest.builder().method("POST").path(webhook.path())
        .header("Authorization", webhook.header("Authorization").orElseThrow())
        .body("{\"ticket_id\":\"x\",\"reply_id\":\"y\"}".getBytes(StandardCharsets.UTF_8)).build();
    assertThatThrownBy(() -> desk.parseAgentReplies(tampered)).isInstanceOf(WebhookVerificationException.class)
        .satisfies(e -> assertThat(((WebhookVerificationException) e).reason())
            .isEqualTo(WebhookVerificationException.Reason.BODY_HASH_MISMATCH));
  }

  @Test
  void parseAgentReplies_otherHelpdesksSecret_rejected() {
    InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
    InMemoryHelpdesk other = InMemoryHelpdesk.builder().clock(clock).build();
    HelpdeskContact c = other.upsertContact(ContactInfo.ofPhone("4915112345678", null));
    TicketHandle t = other.findOrCreateTicket(req(c, "idem-1", "hi")).ticket();
    assertThatThrownBy(() -> desk.parseAgentReplies(other.agentReply(t.ticketId(), "a", "x")))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void rateLimitNext_twoCalls_thenSucceeds() {
    InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
    desk.rateLimitNext(2, java.time.Duration.ofSeconds(3));
    ContactInfo info = ContactInfo.ofPhone("4915112345678", null);
    assertThatThrownBy(() -> desk.upsertContact(info)).isInstanceOf(HelpdeskException.class);
    assertThatThrownBy(() -> desk.upsertContact(info)).isInstanceOf(HelpdeskException.class);
    assertThat(desk.upsertContact(info).customer().value()).isEqualTo("4915112345678");
  }
}
