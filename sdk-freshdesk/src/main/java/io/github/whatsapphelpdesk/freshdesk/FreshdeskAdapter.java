package io.github.whatsapphelpdesk.freshdesk;

import com.squareup.moshi.Moshi;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.freshdesk.internal.AgentReplies;
import io.github.whatsapphelpdesk.freshdesk.internal.Contacts;
import io.github.whatsapphelpdesk.freshdesk.internal.Dtos;
import io.github.whatsapphelpdesk.freshdesk.internal.FreshdeskHttp;
import io.github.whatsapphelpdesk.freshdesk.internal.NoteDeduper;
import io.github.whatsapphelpdesk.freshdesk.internal.Tickets;
import io.github.whatsapphelpdesk.freshdesk.internal.WebhookAuthenticator;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.spi.AdapterCapability;
import io.github.whatsapphelpdesk.spi.AgentAttachment;
import io.github.whatsapphelpdesk.spi.AgentReply;
import io.github.whatsapphelpdesk.spi.AppendResult;
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
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Freshdesk (API v2) {@link HelpdeskAdapter}: contacts keyed by {@code unique_external_id}
 * ({@code whatsapp:<customer id>}, phone number optional),
 * customer messages as incoming public notes authored by the contact, internal notes, reopen or new
 * ticket for resolved and closed tickets by {@link TerminalPolicy}, multipart attachments within the
 * per-ticket total, client-side pacing from {@code X-RateLimit-*} headers, and agent replies re-read
 * from the API after a secret-checked automation webhook. Thread-safe; {@link #close()} releases its
 * HTTP client.
 *
 * <p>Freshdesk has no idempotency header. {@link #findOrCreateTicket} first looks for a ticket an
 * earlier attempt created (the requester's recently updated tickets, by database filter, matched on an
 * idempotency tag), so a retry after a timeout does not duplicate. Two concurrent first attempts for
 * one conversation could still both create: the bridge serialises calls per conversation and persists
 * the conversation-to-ticket mapping, which closes that gap.
 */
public final class FreshdeskAdapter implements HelpdeskAdapter {
  /** The adapter id. */
  public static final String ID = "freshdesk";
  private static final Logger LOG = LoggerFactory.getLogger(FreshdeskAdapter.class);

  private final FreshdeskConfig config;
  private final FreshdeskHttp http;
  private final Contacts contacts;
  private final Tickets tickets;
  private final AgentReplies replies;
  private final WebhookAuthenticator authenticator;
  private final NoteDeduper notes;

  private FreshdeskAdapter(FreshdeskConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    Moshi moshi = new Moshi.Builder().build();
    this.http = new FreshdeskHttp(ID, config, moshi);
    this.contacts = new Contacts(ID, http);
    this.tickets = new Tickets(http, config);
    this.replies = new AgentReplies(http, config.integrationAgentId(), config.memorySize(), moshi,
        config.replyCatchUpWindow(), config.clock());
    this.authenticator = new WebhookAuthenticator(config);
    this.notes = new NoteDeduper(config.memorySize());
  }

  /** Creates an adapter; it owns an HTTP client until {@link #close()}. */
  public static FreshdeskAdapter create(FreshdeskConfig config) {
    return new FreshdeskAdapter(config);
  }

  /** The settings. */
  public FreshdeskConfig config() {
    return config;
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code NATIVE_ATTACHMENTS}, and {@code REOPEN_TICKETS} unless the policy is
   * {@link TerminalPolicy#ALWAYS_NEW}. Never {@code FOLLOW_UP_TICKETS}: Freshdesk cannot link a new
   * ticket to a closed one, so a customer message on a ticket the policy does not continue throws
   * {@link TerminalTicketException} and the bridge calls {@link #reopenOrFollowUp}. Never
   * {@code IDEMPOTENT_CREATE} or {@code SIGNED_WEBHOOKS}: Freshdesk has neither.
   */
  @Override
  public Set<AdapterCapability> capabilities() {
    Set<AdapterCapability> caps = EnumSet.of(AdapterCapability.NATIVE_ATTACHMENTS);
    if (config.terminalPolicy() != TerminalPolicy.ALWAYS_NEW) {
      caps.add(AdapterCapability.REOPEN_TICKETS);
    }
    return caps;
  }

  /**
   * Upserts the customer's contact by {@code unique_external_id = whatsapp:<customer id>} (a BSUID, or a
   * wa_id for customers known before BSUIDs), following {@link HelpdeskAdapter#upsertContact}: a contact
   * under a legacy {@code whatsapp:<wa_id>} gets the new external id; a customer without a phone number is
   * created with its name and external id only (Freshdesk accepts {@code unique_external_id} as the
   * contact's identifying field); the mobile is set when the number becomes known, never cleared; the
   * username is kept as a line of the contact's {@code description} (see {@code docs/freshdesk.md}).
   */
  @Override
  public HelpdeskContact upsertContact(ContactInfo contact) {
    java.util.Objects.requireNonNull(contact, "contact");
    return contacts.upsert(contact);
  }

  @Override
  public TicketResult findOrCreateTicket(TicketRequest request) {
    Dtos.Ticket existing = tickets.findExisting(request);
    if (existing != null) {
      LOG.debug("Freshdesk ticket {} recovered for an earlier creation attempt", existing.id());
      // The ticket was created with the request's first message as its description.
      return new TicketResult(handle(existing.id(), request), false, descriptionId(existing.id()));
    }
    Dtos.Ticket created = tickets.create(request);
    return new TicketResult(handle(created.id(), request), true, descriptionId(created.id()));
  }

  /** The synthetic comment id of a ticket's description, which holds its first message. */
  public static String descriptionId(long ticketId) {
    return "description-" + ticketId;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the ticket's status first (one {@code GET}): Freshdesk accepts notes on resolved and closed
   * tickets, where agents would not see them. By the {@link TerminalPolicy} a resolved (or, under
   * {@code ALWAYS_REOPEN}, closed) ticket is reopened and the note added; otherwise
   * {@link TerminalTicketException} asks the bridge to continue with {@link #reopenOrFollowUp}. A
   * repeated WhatsApp message id returns the earlier note wherever the ticket's status has gone since.
   */
  @Override
  public AppendResult appendCustomerMessage(TicketHandle ticket, CustomerMessage message) {
    long id = ticketId(ticket);
    Long earlier = earlierCustomerNote(id, message);
    if (earlier != null) {
      return new AppendResult(ticket, String.valueOf(earlier), false);
    }
    int status = Objects.requireNonNullElse(tickets.get(id).status(), FreshdeskStatus.OPEN.code());
    boolean resolved = status == FreshdeskStatus.RESOLVED.code();
    boolean closed = status == FreshdeskStatus.CLOSED.code();
    if (resolved || closed) {
      if (!reopens(resolved)) {
        throw new TerminalTicketException(ID, 0, "Freshdesk ticket " + id + " is " + (closed ? "closed" : "resolved")
            + " and the terminal policy " + config.terminalPolicy() + " starts a new ticket (reopenOrFollowUp)");
      }
      try {
        tickets.update(id, FreshdeskStatus.OPEN.code(), Map.of());
      } catch (HelpdeskValidationException e) {
        if (!closed) {
          throw e;
        }
        throw new TerminalTicketException(ID, e.httpStatus(),
            "Freshdesk refused to reopen closed ticket " + id + "; start a new ticket (reopenOrFollowUp)", e);
      }
    }
    return new AppendResult(ticket, String.valueOf(writeCustomerNote(ticket, id, message)), false);
  }

  /** Whether the policy continues a resolved ({@code true}) or closed ({@code false}) ticket by reopening it. */
  private boolean reopens(boolean resolved) {
    return resolved ? config.terminalPolicy() != TerminalPolicy.ALWAYS_NEW
        : config.terminalPolicy() == TerminalPolicy.ALWAYS_REOPEN;
  }

  /** The note already holding this message (remembered, or re-read after an ambiguous failure), or null. */
  private Long earlierCustomerNote(long id, CustomerMessage message) {
    Long earlier = notes.written(id, message.messageId());
    if (earlier == null && notes.ambiguous(id, message.messageId())) {
      earlier = tickets.findNote(id, Long.parseLong(message.author().contactId()), message.text(),
          message.attachments());
    }
    if (earlier != null) {
      LOG.debug("Freshdesk note {} already holds message {}", earlier, message.messageId());
      notes.recordWritten(id, message.messageId(), earlier);
    }
    return earlier;
  }

  /** Writes the customer's note and remembers it under the message id. */
  private long writeCustomerNote(TicketHandle ticket, long id, CustomerMessage message) {
    long author = Long.parseLong(message.author().contactId());
    try {
      Dtos.Conversation note = tickets.note(id, message.text(), message.attachments(), true, author);
      notes.recordWritten(id, message.messageId(), note.id());
      return note.id();
    } catch (HelpdeskUnavailableException e) {
      notes.recordAmbiguous(id, message.messageId());
      throw e;
    } catch (HelpdeskValidationException e) {
      if (Tickets.looksTerminal(e) || ticketState(ticket) == TicketState.TERMINAL) {
        throw new TerminalTicketException(ID, e.httpStatus(),
            "Freshdesk ticket " + id + " is closed and rejected the note; reopen or start a new ticket", e);
      }
      throw e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>With a {@link InternalNote#dedupeKey()}, a repeated write returns the earlier note, and a retry
   * after an ambiguous failure first looks for a private note with the same text.
   */
  @Override
  public AppendResult appendInternalNote(TicketHandle ticket, InternalNote note) {
    long id = ticketId(ticket);
    String key = note.dedupeKey() == null ? null : "note:" + note.dedupeKey();
    if (key != null) {
      Long earlier = notes.written(id, key);
      if (earlier == null && notes.ambiguous(id, key)) {
        earlier = tickets.findNote(id, null, note.text(), List.of());
      }
      if (earlier != null) {
        notes.recordWritten(id, key, earlier);
        return new AppendResult(ticket, String.valueOf(earlier), false);
      }
    }
    try {
      Dtos.Conversation c = tickets.note(id, note.text(), List.of(), false, null);
      if (key != null) {
        notes.recordWritten(id, key, c.id());
      }
      return new AppendResult(ticket, String.valueOf(c.id()), false);
    } catch (HelpdeskUnavailableException e) {
      if (key != null) {
        notes.recordAmbiguous(id, key);
      }
      throw e;
    }
  }

  /**
   * Posts a public reply as the integration agent ({@code POST /tickets/{id}/reply}). Only for what
   * the integration itself must say as an agent (for example a CSAT record); customer messages are
   * notes. The integration agent's replies are never echoed back to WhatsApp.
   *
   * @return the conversation id of the reply
   */
  public String postAgentReply(TicketHandle ticket, String text) {
    return String.valueOf(tickets.reply(ticketId(ticket), text, config.integrationAgentId()).id());
  }

  @Override
  public void recordDeliveryStatus(TicketHandle ticket, DeliveryStatusUpdate status) {
    long id = ticketId(ticket);
    if (status.status() == DeliveryStatusUpdate.Status.FAILED) {
      StringBuilder sb = new StringBuilder("WhatsApp could not deliver the reply");
      if (status.replyId() != null) {
        sb.append(' ').append(status.replyId());
      }
      sb.append(" (message ").append(status.wamid()).append(')');
      if (status.errorCode() != null) {
        sb.append(", error ").append(status.errorCode());
      }
      if (status.errorDescription() != null) {
        sb.append(": ").append(status.errorDescription());
      }
      appendInternalNote(ticket, new InternalNote(sb.toString(), "delivery-failed:" + status.wamid()));
    }
    if (config.deliveryStatusField() != null) {
      tickets.update(id, null, Map.of(config.deliveryStatusField(), status.status().name().toLowerCase(java.util.Locale.ROOT)));
    }
  }

  @Override
  public TicketState ticketState(TicketHandle ticket) {
    Dtos.Ticket t = tickets.get(ticketId(ticket));
    return stateOf(t.status() == null ? FreshdeskStatus.OPEN.code() : t.status());
  }

  /** The bridge's view of a Freshdesk status code under this adapter's policy. */
  public TicketState stateOf(int status) {
    if (status == FreshdeskStatus.OPEN.code()) {
      return TicketState.OPEN;
    }
    if (config.pendingStatusCodes().contains(status)) {
      return TicketState.PENDING;
    }
    if (status == FreshdeskStatus.RESOLVED.code()) {
      return TicketState.SOLVED;
    }
    if (status == FreshdeskStatus.CLOSED.code()) {
      return config.terminalPolicy() == TerminalPolicy.ALWAYS_REOPEN ? TicketState.SOLVED : TicketState.TERMINAL;
    }
    return TicketState.OPEN;
  }

  @Override
  public TicketResult reopenOrFollowUp(TicketHandle ticket, TicketRequest request) {
    long id = ticketId(ticket);
    int status = Objects.requireNonNullElse(tickets.get(id).status(), FreshdeskStatus.OPEN.code());
    boolean resolved = status == FreshdeskStatus.RESOLVED.code();
    boolean closed = status == FreshdeskStatus.CLOSED.code();
    boolean reopen = !resolved && !closed || reopens(resolved);
    if (reopen) {
      try {
        if (resolved || closed) {
          tickets.update(id, FreshdeskStatus.OPEN.code(), Map.of());
        }
        CustomerMessage first = request.firstMessage();
        Long earlier = earlierCustomerNote(id, first);
        long note = earlier != null ? earlier : writeCustomerNote(ticket, id, first);
        return new TicketResult(ticket, false, String.valueOf(note));
      } catch (HelpdeskValidationException | TerminalTicketException e) {
        if (!closed) {
          throw e;
        }
        LOG.debug("Freshdesk refused to reopen closed ticket {}; starting a new ticket", id);
      }
    }
    return findOrCreateTicket(request);
  }

  @Override
  public List<AgentReply> parseAgentReplies(WebhookRequest request) {
    authenticator.verify(request);
    return replies.fetch(replies.ticketId(request));
  }

  @Override
  public void downloadAttachment(AgentAttachment attachment, OutputStream out) {
    http.download(attachment.url(), out, "download attachment " + attachment.id());
  }

  @Override
  public long maxAttachmentBytes() {
    return config.ticketAttachmentLimitBytes();
  }

  /** Attachment bytes this adapter has put on a ticket since it started (0 when it does not know). */
  public long attachmentBytesOn(TicketHandle ticket) {
    return tickets.attachmentBytes(ticketId(ticket));
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (RuntimeException e) {
      LOG.debug("closing the Freshdesk HTTP client failed", e);
    }
  }

  private static TicketHandle handle(long id, TicketRequest request) {
    return new TicketHandle(String.valueOf(id), request.requester(), request.conversationKey());
  }

  private static long ticketId(TicketHandle ticket) {
    try {
      return Long.parseLong(ticket.ticketId());
    } catch (NumberFormatException e) {
      throw new io.github.whatsapphelpdesk.error.ValidationException("Freshdesk ticket",
          List.of("ticket id '" + ticket.ticketId() + "' is not a Freshdesk ticket number"));
    }
  }
}
