package io.github.whatsapphelpdesk.crm.internal;

import io.github.whatsapphelpdesk.crm.StoredAttachment;
import io.github.whatsapphelpdesk.crm.StoredComment;
import io.github.whatsapphelpdesk.crm.StoredContact;
import io.github.whatsapphelpdesk.crm.StoredTicket;
import io.github.whatsapphelpdesk.crm.TicketStatus;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.DeliveryStatusUpdate;
import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.spi.Attachment;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory helpdesk's data: contacts, tickets, comments, files, statuses, and the indexes that
 * make its writes idempotent. Not thread-safe: the owner holds one lock around every call. Not API.
 */
public final class DeskState {
  /**
   * A file waiting to be stored: its metadata and content; {@code content} is null when the file is over
   * the size limit (it is then not read, and a placeholder line names it).
   */
  public record PendingFile(String filename, String mimeType, long sizeBytes, byte[] content) {}

  /**
   * Reads files before anything is written; files over {@code maxBytes} are not kept.
   *
   * @throws IOException when a file cannot be read
   */
  public static List<PendingFile> read(List<Attachment> attachments, long maxBytes) throws IOException {
    List<PendingFile> files = new ArrayList<>();
    for (Attachment a : attachments) {
      byte[] content = a.sizeBytes() > maxBytes ? null : a.readAllBytes();
      if (content != null && content.length > maxBytes) {
        content = null;
      }
      files.add(new PendingFile(a.filename(), a.mimeType(), content == null ? a.sizeBytes() : content.length,
          content));
    }
    return files;
  }

  /**
   * Adds a customer's public comment; files over {@code maxBytes} become a placeholder line in the text.
   */
  public StoredComment addCustomerComment(String ticketId, String requesterId, String messageId, String text,
      List<PendingFile> files, long maxBytes) {
    StringBuilder body = new StringBuilder(text);
    List<PendingFile> kept = new ArrayList<>();
    for (PendingFile f : files) {
      if (f.content() == null) {
        body.append(body.length() == 0 ? "" : "\n").append("[Attachment not stored: ").append(f.filename())
            .append(" (").append(f.mimeType()).append(", ").append(f.sizeBytes()).append(" bytes) is over the ")
            .append(maxBytes).append("-byte limit]");
      } else {
        kept.add(f);
      }
    }
    return addComment(ticketId, requesterId, StoredComment.AuthorKind.CUSTOMER, true, body.toString(), kept,
        messageId, null);
  }

  /** The outcome of {@link #findOrCreate}. */
  public record Created(StoredTicket ticket, boolean created, String firstCommentId) {}

  /** The outcome of {@link #appendCustomer}. */
  public record Appended(StoredTicket ticket, String commentId, boolean rolledOver) {}

  private static final class Ticket {
    StoredTicket snapshot;
    final List<StoredComment> comments = new ArrayList<>();
    final Map<String, String> noteByDedupeKey = new HashMap<>();
    final List<DeliveryStatusUpdate> statuses = new ArrayList<>();

    Ticket(StoredTicket snapshot) {
      this.snapshot = snapshot;
    }
  }

  private final Clock clock;
  private long sequence;
  private final Map<String, StoredContact> contactsByExternalId = new LinkedHashMap<>();
  private final Map<String, Ticket> tickets = new LinkedHashMap<>();
  private final Map<String, String> ticketByIdempotencyKey = new HashMap<>();
  /** wamid -> {ticket id, comment id}, so a retried customer message is found wherever it landed. */
  private final Map<String, String[]> commentByMessageId = new HashMap<>();
  private final Map<String, StoredAttachment> attachments = new HashMap<>();
  private final Map<String, byte[]> attachmentBytes = new HashMap<>();

  public DeskState(Clock clock) {
    this.clock = clock;
  }

  private String nextId(String prefix) {
    return prefix + (++sequence);
  }

  /**
   * Creates or updates a contact: found by its external id, else by a legacy external id (then moved to the
   * new one), else created. A known phone number, username or profile name is never replaced by null.
   */
  public StoredContact upsertContact(ContactInfo info) {
    String externalId = info.externalId();
    StoredContact existing = contactsByExternalId.get(externalId);
    if (existing == null) {
      for (String legacy : info.legacyExternalIds()) {
        existing = contactsByExternalId.remove(legacy);
        if (existing != null) {
          break;
        }
      }
    }
    String id = existing != null ? existing.id() : nextId("u");
    String phone = info.customer().phone() != null ? info.customer().phone()
        : existing != null ? existing.phone() : null;
    String username = info.username() != null ? info.username() : existing != null ? existing.username() : null;
    String name = info.profileName() != null ? info.profileName() : existing != null ? existing.profileName() : null;
    StoredContact c = new StoredContact(id, externalId, info.customerId(), phone, username, name);
    contactsByExternalId.put(externalId, c);
    return c;
  }

  public List<StoredContact> contacts() {
    return List.copyOf(contactsByExternalId.values());
  }

  /** The ticket created under an idempotency key, if any. */
  public Optional<String> ticketForIdempotencyKey(String key) {
    return Optional.ofNullable(ticketByIdempotencyKey.get(key));
  }

  /** Creates a ticket, remembered under the idempotency key. */
  public StoredTicket createTicket(String idempotencyKey, String requesterId, String conversationKey,
      String subject, List<String> tags, Map<String, String> customFields, String followUpOf) {
    Instant now = clock.instant();
    StoredTicket t = new StoredTicket(Long.toString(++sequence), requesterId, conversationKey, subject,
        TicketStatus.OPEN, tags, customFields, followUpOf, now, now);
    tickets.put(t.id(), new Ticket(t));
    if (idempotencyKey != null) {
      ticketByIdempotencyKey.put(idempotencyKey, t.id());
    }
    return t;
  }

  public Optional<StoredTicket> ticket(String id) {
    Ticket t = tickets.get(id);
    return t == null ? Optional.empty() : Optional.of(t.snapshot);
  }

  public List<StoredTicket> tickets() {
    return tickets.values().stream().map(t -> t.snapshot).toList();
  }

  public void setStatus(String ticketId, TicketStatus status) {
    Ticket t = tickets.get(ticketId);
    StoredTicket s = t.snapshot;
    t.snapshot = new StoredTicket(s.id(), s.requesterId(), s.conversationKey(), s.subject(), status, s.tags(),
        s.customFields(), s.followUpOf(), s.createdAt(), clock.instant());
  }

  /** Where a WhatsApp message was stored: {ticket id, comment id}, if anywhere. */
  public Optional<String[]> commentForMessage(String messageId) {
    String[] where = commentByMessageId.get(messageId);
    return where == null ? Optional.empty() : Optional.of(where.clone());
  }

  /** The note written under a dedupe key on a ticket, if any. */
  public Optional<String> noteForDedupeKey(String ticketId, String dedupeKey) {
    return Optional.ofNullable(tickets.get(ticketId).noteByDedupeKey.get(dedupeKey));
  }

  /** Adds a comment with its files; indexes its message id and note dedupe key. */
  public StoredComment addComment(String ticketId, String authorId, StoredComment.AuthorKind kind,
      boolean isPublic, String text, List<PendingFile> files, String messageId, String noteDedupeKey) {
    Ticket t = tickets.get(ticketId);
    List<StoredAttachment> stored = new ArrayList<>();
    for (PendingFile f : files) {
      StoredAttachment a = new StoredAttachment(nextId("a"), f.filename(), f.mimeType(), f.content().length);
      attachments.put(a.id(), a);
      attachmentBytes.put(a.id(), f.content());
      stored.add(a);
    }
    StoredComment c = new StoredComment(nextId("c"), ticketId, authorId, kind, isPublic, text, stored,
        messageId, clock.instant());
    t.comments.add(c);
    if (messageId != null) {
      commentByMessageId.put(messageId, new String[] {ticketId, c.id()});
    }
    if (noteDedupeKey != null) {
      t.noteByDedupeKey.put(noteDedupeKey, c.id());
    }
    return c;
  }

  public List<StoredComment> comments(String ticketId) {
    Ticket t = tickets.get(ticketId);
    return t == null ? List.of() : List.copyOf(t.comments);
  }

  public Optional<StoredComment> comment(String ticketId, String commentId) {
    return comments(ticketId).stream().filter(c -> c.id().equals(commentId)).findFirst();
  }

  public Optional<StoredAttachment> attachment(String id) {
    return Optional.ofNullable(attachments.get(id));
  }

  public Optional<byte[]> attachmentBytes(String id) {
    byte[] b = attachmentBytes.get(id);
    return b == null ? Optional.empty() : Optional.of(b.clone());
  }

  public void addStatus(String ticketId, DeliveryStatusUpdate status) {
    tickets.get(ticketId).statuses.add(status);
  }

  public List<DeliveryStatusUpdate> statuses(String ticketId) {
    Ticket t = tickets.get(ticketId);
    return t == null ? List.of() : List.copyOf(t.statuses);
  }

  /**
   * Returns the ticket created under the idempotency key, or creates it with the first message as its
   * first comment.
   */
  public Created findOrCreate(String idempotencyKey, String requesterId, String conversationKey,
      String subject, List<String> tags, Map<String, String> customFields, String followUpOf,
      String messageId, String text, List<PendingFile> files, long maxBytes) {
    Optional<String> existing = ticketForIdempotencyKey(idempotencyKey);
    if (existing.isPresent()) {
      Ticket t = tickets.get(existing.get());
      return new Created(t.snapshot, false, t.comments.isEmpty() ? null : t.comments.get(0).id());
    }
    StoredTicket t = createTicket(idempotencyKey, requesterId, conversationKey, subject, tags, customFields,
        followUpOf);
    StoredComment c = addCustomerComment(t.id(), requesterId, messageId, text, files, maxBytes);
    return new Created(t, true, c.id());
  }

  /**
   * Appends a customer message once per message id (a retry returns the first comment, wherever it
   * landed). A solved or pending ticket reopens; a closed one rolls over to a follow-up ticket, or throws
   * when {@code followUps} is off.
   */
  public Appended appendCustomer(String ticketId, String messageId, String text, List<PendingFile> files,
      long maxBytes, boolean followUps) {
    StoredTicket t = tickets.get(ticketId).snapshot;
    String[] earlier = commentByMessageId.get(messageId);
    if (earlier != null) {
      return new Appended(tickets.get(earlier[0]).snapshot, earlier[1], !earlier[0].equals(ticketId));
    }
    if (t.status() == TicketStatus.CLOSED) {
      if (!followUps) {
        throw new TerminalTicketException("in-memory", 0, "ticket " + t.id() + " is closed");
      }
      StoredTicket next = createTicket(null, t.requesterId(), t.conversationKey(), "Follow-up: " + t.subject(),
          t.tags(), t.customFields(), t.id());
      return new Appended(next, addCustomerComment(next.id(), t.requesterId(), messageId, text, files, maxBytes)
          .id(), true);
    }
    if (t.status() != TicketStatus.OPEN) {
      setStatus(t.id(), TicketStatus.OPEN);
    }
    StoredComment c = addCustomerComment(t.id(), t.requesterId(), messageId, text, files, maxBytes);
    return new Appended(tickets.get(ticketId).snapshot, c.id(), false);
  }
}
