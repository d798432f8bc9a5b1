package io.github.whatsapphelpdesk.crm;

import io.github.whatsapphelpdesk.crm.StoredComment.AuthorKind;
import io.github.whatsapphelpdesk.crm.internal.DeskState;
import io.github.whatsapphelpdesk.crm.internal.DeskState.PendingFile;
import io.github.whatsapphelpdesk.error.HelpdeskNotFoundException;
import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.error.TerminalTicketException;
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
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A complete helpdesk held in memory: the embedded default for demos and tests, and the model to follow
 * when writing an adapter for a CRM of your own (see docs/spi.md).
 *
 * <p>Semantics: contacts are upserted by external id ({@code whatsapp:<customer id>}), a contact under a
 * legacy external id ({@code whatsapp:<wa_id>}) is moved to the new one, and customers without a phone
 * number (username users) are supported; tickets are OPEN, PENDING, SOLVED or CLOSED
 * (terminal); ticket creation is idempotent by idempotency key; a customer message is a public comment
 * authored by the requester and is stored once per wamid (a retry returns the first comment); a customer
 * message reopens a solved or pending ticket; on a closed ticket it rolls over to a follow-up ticket, or
 * throws {@link TerminalTicketException} when follow-ups are off; notes are private and deduplicated by
 * their key; files up to {@link #maxAttachmentBytes()} are stored, larger ones become a placeholder line.
 * Agent replies reach the bridge through the generic JWT webhook ({@link #agentReply}), verified by
 * {@link JwtAgentReplyVerifier} in {@link #parseAgentReplies}, which re-reads the comment and drops
 * anything not written publicly by an agent (echo suppression).
 *
 * <p>For reliability tests a {@link FailureInjector} fails a seeded fraction of calls, before or after
 * their side effect, and {@link #rateLimitNext} makes calls fail with a rate limit. Thread-safe (one lock).
 * Everything, including files, stays in memory until the object is dropped.
 */
public final class InMemoryHelpdesk implements HelpdeskAdapter {
  /** The adapter id. */
  public static final String ID = "in-memory";
  /** The author id of notes the integration writes. */
  public static final String INTEGRATION_USER_ID = "integration";
  /** The path of the webhook requests {@link #agentReply} returns. */
  public static final String WEBHOOK_PATH = "/helpdesk/in-memory/agent-replies";

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryHelpdesk.class);

  private final Clock clock;
  private final FailureInjector failures;
  private final long maxAttachmentBytes;
  private final boolean followUps;
  private final boolean reopenSolved;
  private final Set<AdapterCapability> capabilities;
  private final JwtAgentReplyVerifier verifier;
  private final AgentReplyTokenSigner signer;
  private final DeskState state;
  private final Object lock = new Object();
  private int rateLimitedCalls;
  private Duration rateLimitRetryAfter;

  InMemoryHelpdesk(InMemoryHelpdeskBuilder b) {
    this.clock = b.clock;
    this.failures = b.failures;
    this.maxAttachmentBytes = b.maxAttachmentBytes;
    this.followUps = b.followUpTickets;
    this.reopenSolved = b.reopenSolved;
    EnumSet<AdapterCapability> caps = EnumSet.of(AdapterCapability.IDEMPOTENT_CREATE,
        AdapterCapability.SIGNED_WEBHOOKS, AdapterCapability.NATIVE_ATTACHMENTS);
    if (followUps) {
      caps.add(AdapterCapability.FOLLOW_UP_TICKETS);
    }
    if (reopenSolved) {
      caps.add(AdapterCapability.REOPEN_TICKETS);
    }
    this.capabilities = Set.copyOf(caps);
    byte[] secret = b.webhookSecret;
    if (secret == null) {
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
    }
    this.verifier = JwtAgentReplyVerifier.builder().hmacSecret(secret).audience(b.audience).clock(clock).build();
    this.signer = AgentReplyTokenSigner.builder().hmacSecret(secret).audience(b.audience).clock(clock).build();
    this.state = new DeskState(clock);
  }

  /** A helpdesk with default settings and the system clock. */
  public static InMemoryHelpdesk create() {
    return builder().build();
  }

  /** A new builder. */
  public static InMemoryHelpdeskBuilder builder() {
    return new InMemoryHelpdeskBuilder();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<AdapterCapability> capabilities() {
    return capabilities;
  }

  @Override
  public long maxAttachmentBytes() {
    return maxAttachmentBytes;
  }

  // ---- SPI -------------------------------------------------------------------------------------------

  @Override
  public HelpdeskContact upsertContact(ContactInfo contact) {
    Objects.requireNonNull(contact, "contact");
    return call("upsertContact", () -> {
      StoredContact c = state.upsertContact(contact);
      return new HelpdeskContact(c.id(), c.customerId());
    });
  }

  @Override
  public TicketResult findOrCreateTicket(TicketRequest request) {
    Objects.requireNonNull(request, "request");
    List<PendingFile> files = readFiles(request.firstMessage().attachments());
    return call("findOrCreateTicket", () -> createTicket(request, files, null));
  }

  private TicketResult createTicket(TicketRequest request, List<PendingFile> files, String followUpOf) {
    CustomerMessage first = request.firstMessage();
    DeskState.Created c = state.findOrCreate(request.idempotencyKey(), request.requester().contactId(),
        request.conversationKey(), request.subject(), request.tags(), request.customFields(), followUpOf,
        first.messageId(), first.text(), files, maxAttachmentBytes);
    return new TicketResult(handle(c.ticket(), request.requester()), c.created(), c.firstCommentId());
  }

  @Override
  public AppendResult appendCustomerMessage(TicketHandle ticket, CustomerMessage message) {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(message, "message");
    List<PendingFile> files = readFiles(message.attachments());
    return call("appendCustomerMessage", () -> {
      require(ticket.ticketId());
      DeskState.Appended a = state.appendCustomer(ticket.ticketId(), message.messageId(), message.text(), files,
          maxAttachmentBytes, followUps);
      return new AppendResult(handle(a.ticket(), ticket.requester()), a.commentId(), a.rolledOver());
    });
  }

  @Override
  public AppendResult appendInternalNote(TicketHandle ticket, InternalNote note) {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(note, "note");
    return call("appendInternalNote", () -> {
      StoredTicket t = require(ticket.ticketId());
      if (note.dedupeKey() != null) {
        Optional<String> earlier = state.noteForDedupeKey(t.id(), note.dedupeKey());
        if (earlier.isPresent()) {
          return new AppendResult(ticket, earlier.get(), false);
        }
      }
      if (t.status() == TicketStatus.CLOSED) {
        throw new TerminalTicketException(ID, 0, "ticket " + t.id() + " is closed");
      }
      StoredComment c = state.addComment(t.id(), INTEGRATION_USER_ID, AuthorKind.INTEGRATION, false,
          note.text(), List.of(), null, note.dedupeKey());
      return new AppendResult(ticket, c.id(), false);
    });
  }

  @Override
  public void recordDeliveryStatus(TicketHandle ticket, DeliveryStatusUpdate status) {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(status, "status");
    call("recordDeliveryStatus", () -> {
      StoredTicket t = require(ticket.ticketId());
      state.addStatus(t.id(), status);
      String key = "delivery-failed:" + status.wamid();
      if (status.status() == DeliveryStatusUpdate.Status.FAILED && t.status() != TicketStatus.CLOSED
          && state.noteForDedupeKey(t.id(), key).isEmpty()) {
        String text = "WhatsApp could not deliver the reply" + (status.replyId() == null ? "" : " " + status.replyId())
            + (status.errorCode() == null ? "" : " (error " + status.errorCode() + ")")
            + (status.errorDescription() == null ? "." : ": " + status.errorDescription());
        state.addComment(t.id(), INTEGRATION_USER_ID, AuthorKind.INTEGRATION, false, text, List.of(), null, key);
      }
      return null;
    });
  }

  @Override
  public TicketState ticketState(TicketHandle ticket) {
    Objects.requireNonNull(ticket, "ticket");
    return call("ticketState", () -> require(ticket.ticketId()).status().toTicketState());
  }

  @Override
  public TicketResult reopenOrFollowUp(TicketHandle ticket, TicketRequest request) {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(request, "request");
    List<PendingFile> files = readFiles(request.firstMessage().attachments());
    return call("reopenOrFollowUp", () -> {
      StoredTicket t = require(ticket.ticketId());
      if (t.status() == TicketStatus.OPEN || t.status() == TicketStatus.PENDING) {
        return new TicketResult(ticket, false, null);
      }
      if (t.status() == TicketStatus.SOLVED && reopenSolved) {
        state.setStatus(t.id(), TicketStatus.OPEN);
        return new TicketResult(ticket, false, null);
      }
      return createTicket(request, files, followUps ? t.id() : null);
    });
  }

  @Override
  public List<AgentReply> parseAgentReplies(WebhookRequest request) {
    verifier.verify(request);
    AgentReply hint = AgentReplyJson.parse(request.body());
    synchronized (lock) {
      Optional<StoredComment> comment = state.comment(hint.ticketId(), hint.replyId());
      if (comment.isEmpty()) {
        LOG.debug("agent-reply webhook names unknown comment {} on ticket {}; ignored", hint.replyId(),
            hint.ticketId());
        return List.of();
      }
      StoredComment c = comment.get();
      if (c.authorKind() != AuthorKind.AGENT || !c.isPublic()) {
        LOG.debug("comment {} on ticket {} is not a public agent reply ({}); echo suppressed", c.id(),
            c.ticketId(), c.authorKind());
        return List.of();
      }
      return List.of(toAgentReply(c));
    }
  }

  @Override
  public void downloadAttachment(AgentAttachment attachment, OutputStream out) {
    Objects.requireNonNull(attachment, "attachment");
    Objects.requireNonNull(out, "out");
    byte[] content;
    synchronized (lock) {
      content = state.attachmentBytes(attachment.id()).orElseThrow(
          () -> new HelpdeskNotFoundException(ID, 404, "no attachment " + attachment.id()));
    }
    try {
      out.write(content);
    } catch (IOException e) {
      throw new HelpdeskUnavailableException(ID, 0, "could not write attachment " + attachment.id(), e);
    }
  }

  // ---- agent side (tests, demo) -----------------------------------------------------------------------

  /**
   * An agent answers publicly on a ticket: stores the comment (with files) and returns the signed
   * generic webhook request the CRM would post, ready for {@link #parseAgentReplies}.
   *
   * @throws TerminalTicketException when the ticket is closed
   */
  public WebhookRequest agentReply(String ticketId, String agentId, String text, Attachment... attachments) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(text, "text");
    List<PendingFile> files = readFiles(List.of(attachments));
    StoredComment c;
    synchronized (lock) {
      StoredTicket t = require(ticketId);
      if (t.status() == TicketStatus.CLOSED) {
        throw new TerminalTicketException(ID, 0, "ticket " + t.id() + " is closed");
      }
      c = state.addComment(t.id(), agentId, AuthorKind.AGENT, true, text, files, null, null);
    }
    return webhookFor(ticketId, c.id());
  }

  /**
   * The signed webhook request announcing any stored comment, as a CRM trigger would post it; for a
   * customer's or the integration's comment it is an echo that {@link #parseAgentReplies} drops.
   */
  public WebhookRequest webhookFor(String ticketId, String commentId) {
    StoredComment c;
    synchronized (lock) {
      c = state.comment(ticketId, commentId).orElseThrow(
          () -> new HelpdeskNotFoundException(ID, 404, "no comment " + commentId + " on ticket " + ticketId));
    }
    return signer.request(WEBHOOK_PATH, AgentReplyJson.toJson(toAgentReply(c)));
  }

  /** Sets a ticket to SOLVED. */
  public void solve(String ticketId) {
    setStatus(ticketId, TicketStatus.SOLVED);
  }

  /** Sets a ticket to CLOSED (terminal). */
  public void close(String ticketId) {
    setStatus(ticketId, TicketStatus.CLOSED);
  }

  /** Sets a ticket's status (a closed ticket stays closed). */
  public void setStatus(String ticketId, TicketStatus status) {
    Objects.requireNonNull(status, "status");
    synchronized (lock) {
      if (require(ticketId).status() != TicketStatus.CLOSED) {
        state.setStatus(ticketId, status);
      }
    }
  }

  /** The next {@code calls} SPI calls fail with {@link HelpdeskRateLimitedException} and this retry-after. */
  public void rateLimitNext(int calls, Duration retryAfter) {
    synchronized (lock) {
      this.rateLimitedCalls = calls;
      this.rateLimitRetryAfter = retryAfter;
    }
  }

  /** The failure injector (to turn it on or off, or read its counts). */
  public FailureInjector failureInjector() {
    return failures;
  }

  // ---- inspection -------------------------------------------------------------------------------------

  /** Every ticket, in creation order. */
  public List<StoredTicket> tickets() {
    synchronized (lock) {
      return state.tickets();
    }
  }

  /** A ticket. */
  public Optional<StoredTicket> ticket(String ticketId) {
    synchronized (lock) {
      return state.ticket(ticketId);
    }
  }

  /** The tickets opened for a conversation key (the original and its follow-ups), in creation order. */
  public List<StoredTicket> ticketsForConversation(String conversationKey) {
    synchronized (lock) {
      return state.tickets().stream().filter(t -> t.conversationKey().equals(conversationKey)).toList();
    }
  }

  /** Every comment and note on a ticket, in order. */
  public List<StoredComment> comments(String ticketId) {
    synchronized (lock) {
      return state.comments(ticketId);
    }
  }

  /** The private notes on a ticket, in order. */
  public List<StoredComment> notes(String ticketId) {
    return comments(ticketId).stream().filter(c -> !c.isPublic()).toList();
  }

  /** Every contact. */
  public List<StoredContact> contacts() {
    synchronized (lock) {
      return state.contacts();
    }
  }

  /** The delivery statuses recorded on a ticket, in order. */
  public List<DeliveryStatusUpdate> deliveryStatuses(String ticketId) {
    synchronized (lock) {
      return state.statuses(ticketId);
    }
  }

  /** A stored file's content. */
  public Optional<byte[]> attachmentContent(String attachmentId) {
    synchronized (lock) {
      return state.attachmentBytes(attachmentId);
    }
  }

  // ---- internals --------------------------------------------------------------------------------------

  private <T> T call(String operation, Supplier<T> action) {
    Optional<FailureInjector.Timing> failure;
    T result;
    synchronized (lock) {
      if (rateLimitedCalls > 0) {
        rateLimitedCalls--;
        throw new HelpdeskRateLimitedException(ID, 429, operation + " rate limited", rateLimitRetryAfter);
      }
      failure = failures.next(operation);
      if (failure.isPresent() && failure.get() == FailureInjector.Timing.BEFORE) {
        throw new HelpdeskUnavailableException(ID, 503, operation + " failed (injected, nothing written)", null);
      }
      result = action.get();
    }
    if (failure.isPresent()) {
      throw new HelpdeskUnavailableException(ID, 503, operation + " failed (injected, after the write)", null);
    }
    return result;
  }

  private StoredTicket require(String ticketId) {
    return state.ticket(Objects.requireNonNull(ticketId, "ticketId"))
        .orElseThrow(() -> new HelpdeskNotFoundException(ID, 404, "no ticket " + ticketId));
  }

  private static TicketHandle handle(StoredTicket t, HelpdeskContact requester) {
    return new TicketHandle(t.id(), requester, t.conversationKey());
  }

  private List<PendingFile> readFiles(List<Attachment> attachments) {
    try {
      return DeskState.read(attachments, maxAttachmentBytes);
    } catch (IOException e) {
      throw new HelpdeskUnavailableException(ID, 0, "could not read an attachment", e);
    }
  }

  private AgentReply toAgentReply(StoredComment c) {
    List<AgentAttachment> files = c.attachments().stream().map(a -> new AgentAttachment(a.id(), a.filename(),
        a.mimeType(), a.sizeBytes(), "memory://attachments/" + a.id())).toList();
    return new AgentReply(c.ticketId(), c.id(), c.authorId(), null, c.text(), files, c.createdAt());
  }
}
