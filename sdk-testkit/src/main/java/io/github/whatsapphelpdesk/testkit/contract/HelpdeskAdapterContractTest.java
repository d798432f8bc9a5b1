package io.github.whatsapphelpdesk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.HelpdeskNotFoundException;
import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.spi.AdapterCapability;
import io.github.whatsapphelpdesk.spi.AgentReply;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.DeliveryStatusUpdate;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.InternalNote;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketResult;
import io.github.whatsapphelpdesk.spi.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link HelpdeskAdapter} meets. An adapter's test class extends it and implements the
 * hooks against the real helpdesk's behaviour (the in-memory helpdesk itself, or a stateful fake of the
 * helpdesk's HTTP API on a mock web server). Covered: contact upsert and customer identity (a BSUID-only
 * customer without a phone number, a legacy {@code whatsapp:<wa_id>} contact moved to the BSUID external
 * id, a phone number known later), idempotent ticket creation, comment authorship and visibility,
 * terminal and solved tickets, attachments (native or placeholder), webhook
 * authentication and echo suppression, and error mapping.
 *
 * <p>Each test gets a fresh adapter from {@link #createAdapter()} (closed after the test). Capability
 * flags decide which branch of a rule applies; a rule an adapter's capabilities exempt it from is
 * skipped visibly, never passed silently.
 */
public abstract class HelpdeskAdapterContractTest extends ContractFixtures {

  /** The adapter under test, fresh for each test. */
  protected HelpdeskAdapter adapter;

  @BeforeEach
  void openAdapter() {
    adapter = createAdapter();
    bind(adapter);
  }

  @AfterEach
  void closeAdapter() {
    if (adapter != null) {
      adapter.close();
    }
  }

  // ---- hooks ------------------------------------------------------------------------------------------

  /** A new adapter over an empty helpdesk (or fake). Called before each test. */
  protected abstract HelpdeskAdapter createAdapter();

  /**
   * An agent posts a public reply with {@code text} on the ticket in the helpdesk; returns the
   * authenticated agent-reply webhook request the helpdesk would send for it.
   */
  protected abstract WebhookRequest postAgentReply(TicketHandle ticket, String text);

  /**
   * The authenticated webhook request the helpdesk's trigger would send for an existing comment (written
   * by the adapter: a customer message or an internal note). {@code parseAgentReplies} must drop it.
   */
  protected abstract WebhookRequest announceComment(TicketHandle ticket, String commentId);

  /** Makes the ticket terminal in the helpdesk (closed). */
  protected abstract void makeTerminal(TicketHandle ticket);

  /** Makes the ticket solved (resolved) in the helpdesk. */
  protected abstract void makeSolved(TicketHandle ticket);

  /** Makes the helpdesk answer the adapter's next call with a rate limit and this retry-after. */
  protected abstract void injectRateLimit(Duration retryAfter);

  /** Reads the ticket's comments and notes back from the helpdesk, in order. */
  protected abstract List<CommentView> readComments(TicketHandle ticket);

  /** Reads every end-user contact back from the helpdesk (agents and the integration user left out). */
  protected abstract List<ContactView> readContacts();

  /**
   * A copy of an authentic request that must fail verification. By default one byte of the body is
   * changed; adapters whose authentication does not cover the body (an unsigned webhook with a URL
   * secret) override it to spoil the credential instead.
   */
  protected WebhookRequest tamper(WebhookRequest request) {
    byte[] body = request.body();
    assertThat(body).as("the agent-reply webhook has a body to tamper with").isNotEmpty();
    int i = body.length / 2;
    body[i] = (byte) (body[i] == 'x' ? 'y' : 'x');
    return copy(request, body, null);
  }

  /** A copy of an authentic request without its credentials; by default without {@code Authorization}. */
  protected WebhookRequest withoutCredentials(WebhookRequest request) {
    return copy(request, request.body(), "Authorization");
  }

  // ---- contacts and tickets ---------------------------------------------------------------------------

  @Test
  void upsertContact_sameWaIdTwice_sameContact() {
    HelpdeskContact first = adapter.upsertContact(ContactInfo.ofPhone(WA_ID, "Ana"));
    HelpdeskContact again = adapter.upsertContact(ContactInfo.ofPhone(WA_ID, "Ana Maria"));
    HelpdeskContact other = adapter.upsertContact(ContactInfo.ofPhone(OTHER_WA_ID, null));
    assertThat(again.contactId()).isEqualTo(first.contactId());
    assertThat(first.customer().value()).isEqualTo(WA_ID);
    assertThat(other.contactId()).isNotEqualTo(first.contactId());
  }

  @Test
  void upsertContact_bsuidOnlyCustomerWithoutPhone_createdAndFoundAgain() {
    HelpdeskContact first = adapter.upsertContact(customer(OTHER_BSUID, null, "ana.lima", null));
    HelpdeskContact again = adapter.upsertContact(customer(OTHER_BSUID, null, null, null));

    assertThat(again.contactId()).isEqualTo(first.contactId());
    assertThat(first.customer().value()).isEqualTo(OTHER_BSUID);
    assertThat(readContacts()).singleElement().satisfies(c -> {
      assertThat(c.contactId()).isEqualTo(first.contactId());
      assertThat(c.externalId()).isEqualTo("whatsapp:" + OTHER_BSUID);
      assertThat(c.phoneE164()).isNull();
      assertThat(c.name()).as("a username user is named by the username").isNotBlank().contains("ana.lima");
    });
    // and the contact can open and receive a conversation
    TicketResult ticket = adapter.findOrCreateTicket(request(first, key(1), "idem-bsuid", "hi, no number here"));
    AppendResult r = adapter.appendCustomerMessage(ticket.ticket(), message(first, "wamid.B2", "second"));
    assertThat(readComments(r.ticket())).filteredOn(c -> c.id().equals(r.commentId())).singleElement()
        .satisfies(c -> assertThat(c.authorId()).isEqualTo(first.contactId()));
  }

  @Test
  void upsertContact_legacyPhoneContactThenBsuid_sameContactMovedToBsuidExternalId() {
    HelpdeskContact legacy = adapter.upsertContact(ContactInfo.ofPhone(WA_ID, "Ana"));
    assertThat(readContacts()).singleElement().satisfies(c -> assertThat(c.externalId()).isEqualTo("whatsapp:" + WA_ID));

    ContactInfo withBsuid = customer(BSUID, WA_ID, null, "Ana");
    assertThat(withBsuid.legacyExternalIds()).containsExactly("whatsapp:" + WA_ID);
    HelpdeskContact migrated = adapter.upsertContact(withBsuid);
    HelpdeskContact later = adapter.upsertContact(customer(BSUID, null, null, null));

    assertThat(migrated.contactId()).as("found, not duplicated").isEqualTo(legacy.contactId());
    assertThat(later.contactId()).isEqualTo(legacy.contactId());
    assertThat(migrated.customer().value()).isEqualTo(BSUID);
    assertThat(readContacts()).singleElement().satisfies(c -> {
      assertThat(c.externalId()).isEqualTo("whatsapp:" + BSUID);
      assertThat(c.phoneE164()).as("the phone number is kept").isEqualTo("+" + WA_ID);
      assertThat(c.name()).isEqualTo("Ana");
    });
  }

  @Test
  void upsertContact_phoneBecomesKnownLater_setThenNeverCleared() {
    HelpdeskContact first = adapter.upsertContact(customer(BSUID, null, null, "Ana"));
    assertThat(readContacts()).singleElement().satisfies(c -> assertThat(c.phoneE164()).isNull());

    HelpdeskContact withPhone = adapter.upsertContact(customer(BSUID, WA_ID, null, null));
    assertThat(readContacts()).singleElement().satisfies(c -> assertThat(c.phoneE164()).isEqualTo("+" + WA_ID));

    HelpdeskContact withoutAgain = adapter.upsertContact(customer(BSUID, null, null, null));
    assertThat(withPhone.contactId()).isEqualTo(first.contactId());
    assertThat(withoutAgain.contactId()).isEqualTo(first.contactId());
    assertThat(readContacts()).singleElement().satisfies(c -> {
      assertThat(c.externalId()).isEqualTo("whatsapp:" + BSUID);
      assertThat(c.phoneE164()).as("an unknown number never clears the stored one").isEqualTo("+" + WA_ID);
      assertThat(c.name()).as("a missing name never overwrites the stored one").isEqualTo("Ana");
    });
  }

  @Test
  void findOrCreateTicket_new_firstCommentIsPublicAndByCustomer() {
    HelpdeskContact contact = contact();
    TicketResult result = adapter.findOrCreateTicket(request(contact, key(1), "idem-1", "Hello, my order?"));
    assertThat(result.created()).isTrue();
    assertThat(result.ticket().requester()).isEqualTo(contact);
    assertThat(adapter.ticketState(result.ticket())).isIn(TicketState.OPEN, TicketState.PENDING);
    assertThat(readComments(result.ticket())).singleElement().satisfies(c -> {
      assertThat(c.authorId()).isEqualTo(contact.contactId());
      assertThat(c.isPublic()).isTrue();
      assertThat(c.text()).contains("Hello, my order?");
    });
  }

  @Test
  void findOrCreateTicket_sameIdempotencyKeyTwice_oneTicket() {
    assumeTrue(adapter.capabilities().contains(AdapterCapability.IDEMPOTENT_CREATE),
        "adapter has no IDEMPOTENT_CREATE; the bridge's conversation store dedupes creation");
    HelpdeskContact contact = contact();
    TicketResult first = adapter.findOrCreateTicket(request(contact, key(1), "idem-1", "first"));
    TicketResult again = adapter.findOrCreateTicket(request(contact, key(1), "idem-1", "first"));
    assertThat(again.ticket().ticketId()).isEqualTo(first.ticket().ticketId());
    assertThat(again.created()).isFalse();
    assertThat(readComments(first.ticket())).hasSize(1);
    TicketResult other = adapter.findOrCreateTicket(request(contact, key(2), "idem-2", "second"));
    assertThat(other.ticket().ticketId()).isNotEqualTo(first.ticket().ticketId());
  }

  @Test
  void appendCustomerMessage_open_publicCommentByCustomer() {
    TicketHandle ticket = newTicket();
    AppendResult r = adapter.appendCustomerMessage(ticket, message(ticket.requester(), "wamid.A2", "Any news?"));
    assertThat(r.rolledOver()).isFalse();
    assertThat(r.ticket().ticketId()).isEqualTo(ticket.ticketId());
    assertThat(readComments(ticket)).filteredOn(c -> c.id().equals(r.commentId())).singleElement()
        .satisfies(c -> {
          assertThat(c.authorId()).isEqualTo(ticket.requester().contactId());
          assertThat(c.isPublic()).isTrue();
          assertThat(c.text()).contains("Any news?");
        });
  }

  @Test
  void appendInternalNote_any_privateNote() {
    TicketHandle ticket = newTicket();
    AppendResult r = adapter.appendInternalNote(ticket, new InternalNote("The 24h window closes in 1h.", "w-1"));
    assertThat(readComments(ticket)).filteredOn(c -> c.id().equals(r.commentId())).singleElement()
        .satisfies(c -> {
          assertThat(c.isPublic()).isFalse();
          assertThat(c.authorId()).isNotEqualTo(ticket.requester().contactId());
          assertThat(c.text()).contains("The 24h window closes in 1h.");
        });
  }

  @Test
  void recordDeliveryStatus_failed_visibleNote() {
    TicketHandle ticket = newTicket();
    adapter.recordDeliveryStatus(ticket, new DeliveryStatusUpdate("wamid.OUT1", "reply-1",
        DeliveryStatusUpdate.Status.FAILED, Instant.parse("2026-01-15T10:00:00Z"), 131026,
        "Message undeliverable"));
    assertThat(readComments(ticket)).anySatisfy(c -> {
      assertThat(c.isPublic()).isFalse();
      assertThat(c.text()).contains("131026");
    });
  }

  // ---- terminal and solved tickets --------------------------------------------------------------------

  @Test
  void appendCustomerMessage_terminalTicket_rollsOverOrThrowsPerCapability() {
    TicketHandle ticket = newTicket();
    makeTerminal(ticket);
    assertThat(adapter.ticketState(ticket)).isEqualTo(TicketState.TERMINAL);
    var message = message(ticket.requester(), "wamid.AFTER", "Back again");
    if (!adapter.capabilities().contains(AdapterCapability.FOLLOW_UP_TICKETS)) {
      assertThatThrownBy(() -> adapter.appendCustomerMessage(ticket, message))
          .isInstanceOf(TerminalTicketException.class);
      return;
    }
    AppendResult r = adapter.appendCustomerMessage(ticket, message);
    assertThat(r.rolledOver()).isTrue();
    assertThat(r.ticket().ticketId()).isNotEqualTo(ticket.ticketId());
    assertThat(adapter.ticketState(r.ticket())).isNotEqualTo(TicketState.TERMINAL);
    assertThat(readComments(r.ticket())).anySatisfy(c -> {
      assertThat(c.text()).contains("Back again");
      assertThat(c.authorId()).isEqualTo(ticket.requester().contactId());
      assertThat(c.isPublic()).isTrue();
    });
  }

  @Test
  void reopenOrFollowUp_terminalTicket_newUsableTicketOnce() {
    TicketHandle ticket = newTicket();
    makeTerminal(ticket);
    var request = request(ticket.requester(), key(2), "idem-episode-2", "New question");
    TicketResult r = adapter.reopenOrFollowUp(ticket, request);
    assertThat(r.ticket().ticketId()).isNotEqualTo(ticket.ticketId());
    assertThat(r.created()).isTrue();
    assertThat(adapter.ticketState(r.ticket())).isIn(TicketState.OPEN, TicketState.PENDING);
    assertThat(readComments(r.ticket())).anySatisfy(c -> {
      assertThat(c.text()).contains("New question");
      assertThat(c.authorId()).isEqualTo(ticket.requester().contactId());
    });
    if (adapter.capabilities().contains(AdapterCapability.IDEMPOTENT_CREATE)) {
      assertThat(adapter.reopenOrFollowUp(ticket, request).ticket().ticketId()).isEqualTo(r.ticket().ticketId());
    }
  }

  @Test
  void reopenOrFollowUp_solvedTicket_usableTicket() {
    TicketHandle ticket = newTicket();
    makeSolved(ticket);
    assertThat(adapter.ticketState(ticket)).isEqualTo(TicketState.SOLVED);
    TicketResult r = adapter.reopenOrFollowUp(ticket, request(ticket.requester(), key(2), "idem-s", "Again"));
    assertThat(adapter.ticketState(r.ticket())).isIn(TicketState.OPEN, TicketState.PENDING);
    if (adapter.capabilities().contains(AdapterCapability.REOPEN_TICKETS)) {
      assertThat(r.ticket().ticketId()).isEqualTo(ticket.ticketId());
      assertThat(r.created()).isFalse();
    } else {
      assertThat(r.ticket().ticketId()).isNotEqualTo(ticket.ticketId());
    }
  }

  // ---- attachments ------------------------------------------------------------------------------------

  @Test
  void appendCustomerMessage_withAttachment_nativeOrPlaceholder() {
    TicketHandle ticket = newTicket();
    Attachment photo = Attachment.ofBytes("photo.png", "image/png", PNG);
    AppendResult r = adapter.appendCustomerMessage(ticket,
        message(ticket.requester(), "wamid.IMG", "See the photo", List.of(photo)));
    List<CommentView> comments = readComments(r.ticket());
    if (adapter.capabilities().contains(AdapterCapability.NATIVE_ATTACHMENTS)) {
      assertThat(comments).filteredOn(c -> c.id().equals(r.commentId())).singleElement()
          .satisfies(c -> assertThat(c.attachmentNames()).containsExactly("photo.png"));
    } else {
      assertThat(comments).anySatisfy(c -> assertThat(c.text()).contains("photo.png"));
    }
  }

  @Test
  void appendCustomerMessage_attachmentOverLimit_placeholderNamesIt() {
    TicketHandle ticket = newTicket();
    Attachment big = zeros("big-video.mp4", "video/mp4", adapter.maxAttachmentBytes() + 1);
    AppendResult r = adapter.appendCustomerMessage(ticket,
        message(ticket.requester(), "wamid.BIG", "A video", List.of(big)));
    List<CommentView> comments = readComments(r.ticket());
    assertThat(comments).allSatisfy(c -> assertThat(c.attachmentNames()).doesNotContain("big-video.mp4"));
    assertThat(comments).anySatisfy(c -> assertThat(c.text()).contains("big-video.mp4"));
    assertThat(comments).anySatisfy(c -> assertThat(c.text()).contains("A video"));
  }

  // ---- agent-reply webhook ----------------------------------------------------------------------------

  @Test
  void parseAgentReplies_authenticReply_returnsIt() {
    TicketHandle ticket = newTicket();
    List<AgentReply> replies = adapter.parseAgentReplies(postAgentReply(ticket, "Your parcel ships today."));
    assertThat(replies).singleElement().satisfies(r -> {
      assertThat(r.ticketId()).isEqualTo(ticket.ticketId());
      assertThat(r.replyId()).isNotBlank();
      assertThat(r.authorId()).isNotEqualTo(ticket.requester().contactId());
      assertThat(r.text()).contains("Your parcel ships today.");
    });
  }

  @Test
  void parseAgentReplies_tampered_rejected() {
    WebhookRequest authentic = postAgentReply(newTicket(), "Tamper with me");
    assertThatThrownBy(() -> adapter.parseAgentReplies(tamper(authentic)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void parseAgentReplies_noCredentials_rejected() {
    WebhookRequest authentic = postAgentReply(newTicket(), "No credentials");
    assertThatThrownBy(() -> adapter.parseAgentReplies(withoutCredentials(authentic)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void parseAgentReplies_echoOfCustomerComment_excluded() {
    TicketHandle ticket = newTicket();
    AppendResult r = adapter.appendCustomerMessage(ticket, message(ticket.requester(), "wamid.E", "Echo?"));
    assertThat(adapter.parseAgentReplies(announceComment(r.ticket(), r.commentId()))).isEmpty();
  }

  @Test
  void parseAgentReplies_echoOfIntegrationNote_excluded() {
    TicketHandle ticket = newTicket();
    AppendResult r = adapter.appendInternalNote(ticket, InternalNote.of("Reply held: window closed."));
    assertThat(adapter.parseAgentReplies(announceComment(ticket, r.commentId()))).isEmpty();
  }

  // ---- errors -----------------------------------------------------------------------------------------

  @Test
  void anyCall_rateLimited_rateLimitedExceptionWithRetryAfter() {
    injectRateLimit(Duration.ofSeconds(7));
    assertThatThrownBy(() -> adapter.upsertContact(ContactInfo.ofPhone(WA_ID, null)))
        .isInstanceOf(HelpdeskRateLimitedException.class)
        .satisfies(e -> {
          HelpdeskRateLimitedException rl = (HelpdeskRateLimitedException) e;
          assertThat(rl.retryable()).isTrue();
          assertThat(rl.retryAfter()).contains(Duration.ofSeconds(7));
          assertThat(rl.adapterId()).isEqualTo(adapter.id());
        });
  }

  @Test
  void ticketState_unknownTicket_notFound() {
    HelpdeskContact contact = contact();
    TicketHandle missing = new TicketHandle(unknownTicketId(), contact, key(1).format());
    assertThatThrownBy(() -> adapter.ticketState(missing)).isInstanceOf(HelpdeskNotFoundException.class)
        .satisfies(e -> assertThat(((HelpdeskException) e).retryable()).isFalse());
  }

  @Test
  void id_and_capabilities_declared() {
    assertThat(adapter.id()).isNotBlank().doesNotContainAnyWhitespaces();
    assertThat(adapter.capabilities()).isNotNull();
    assertThat(adapter.maxAttachmentBytes()).isPositive();
  }
}
