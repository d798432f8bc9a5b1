package io.github.whatsapphelpdesk.freshdesk.internal;

import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.freshdesk.FreshdeskConfig;
import io.github.whatsapphelpdesk.freshdesk.FreshdeskSource;
import io.github.whatsapphelpdesk.freshdesk.FreshdeskStatus;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Ticket calls: create (JSON, or multipart with attachments), recover an earlier attempt, read the
 * status, update it, and write notes and replies within the per-ticket attachment total. Thread-safe.
 */
public final class Tickets {
  private final FreshdeskHttp http;
  private final FreshdeskConfig config;
  private final BoundedMemory attachmentBytes;

  public Tickets(FreshdeskHttp http, FreshdeskConfig config) {
    this.http = http;
    this.config = config;
    this.attachmentBytes = new BoundedMemory(config.memorySize());
  }

  /** The tag that marks the ticket created for an idempotency key: {@code wa-idem-<16 hex of SHA-256>}. */
  public static String idempotencyTag(String idempotencyKey) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return "wa-idem-" + HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The most candidate tickets {@link #findExisting} reads one by one (without a conversation key field). */
  static final int MAX_CANDIDATES_VIEWED = 5;

  /**
   * The ticket an earlier attempt with this request's idempotency key created, so that a retried create
   * never makes a duplicate. It lists the requester's recent tickets with the database filter
   * {@code GET /tickets?requester_id=&updated_since=} (never search: its index lags by minutes). The
   * documented list response has no {@code tags} (https://developers.freshdesk.com/api/#list_all_tickets),
   * so the idempotency tag cannot be matched there: with a {@code conversationKeyField} the list's
   * {@code custom_fields} identify the ticket; without one, the newest listed tickets with the request's
   * subject, source and a creation time inside the lookup window (at most {@value #MAX_CANDIDATES_VIEWED})
   * are read with {@code GET /tickets/{id}}, whose response carries {@code tags}
   * (https://developers.freshdesk.com/api/#view_a_ticket), and matched on the idempotency tag.
   */
  public Dtos.Ticket findExisting(TicketRequest request) {
    Instant since = config.clock().instant().minus(config.ticketLookupWindow()).truncatedTo(ChronoUnit.SECONDS);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("requester_id", request.requester().contactId());
    query.put("updated_since", since.toString());
    query.put("order_by", "created_at");
    query.put("order_type", "desc");
    query.put("per_page", "100");
    String tag = idempotencyTag(request.idempotencyKey());
    String keyField = config.conversationKeyField();
    List<Dtos.Ticket> candidates = new ArrayList<>();
    for (Dtos.Ticket t : http.allPages(http.url("/api/v2/tickets", query), EndpointClass.TICKETS_LIST,
        Dtos.Ticket.class, "list requester tickets")) {
      if (t.id() == null) {
        continue;
      }
      if (keyField != null) {
        if (t.customFields() != null && request.conversationKey().equals(String.valueOf(t.customFields().get(keyField)))) {
          return t;
        }
        continue;
      }
      if (t.tags() != null && t.tags().contains(tag)) {
        return t; // some accounts list tags; use them when present
      }
      if (Objects.equals(request.subject(), t.subject()) && Integer.valueOf(config.source().code()).equals(t.source())
          && createdSince(t, since)) {
        candidates.add(t);
      }
    }
    candidates.sort(Comparator.comparing((Dtos.Ticket t) -> t.id()).reversed());
    for (Dtos.Ticket c : candidates.subList(0, Math.min(MAX_CANDIDATES_VIEWED, candidates.size()))) {
      Dtos.Ticket full = get(c.id());
      if (full.tags() != null && full.tags().contains(tag)) {
        return full;
      }
    }
    return null;
  }

  private static boolean createdSince(Dtos.Ticket t, Instant since) {
    if (t.createdAt() == null) {
      return true;
    }
    try {
      return !Instant.parse(t.createdAt()).isBefore(since);
    } catch (java.time.format.DateTimeParseException e) {
      return true;
    }
  }

  /** Creates a ticket whose description is the first message (HTML-escaped) plus attachment placeholders. */
  public Dtos.Ticket create(TicketRequest request) {
    Set<String> tags = new LinkedHashSet<>(config.tags());
    tags.addAll(request.tags());
    tags.add(idempotencyTag(request.idempotencyKey()));
    Map<String, String> custom = new LinkedHashMap<>();
    request.customFields().forEach((k, v) -> {
      if (k.startsWith("cf_")) {
        custom.put(k, v);
      }
    });
    if (config.conversationKeyField() != null) {
      custom.put(config.conversationKeyField(), request.conversationKey());
    }
    List<Attachment> all = request.firstMessage().attachments();
    Split split = split(0, all);
    String description = html(request.firstMessage().text(), split.rejected());
    Dtos.Ticket ticket;
    if (split.accepted().isEmpty()) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("requester_id", Long.parseLong(request.requester().contactId()));
      body.put("subject", request.subject());
      body.put("description", description);
      body.put("source", config.source().code());
      body.put("status", FreshdeskStatus.OPEN.code());
      body.put("priority", config.priority().code());
      body.put("tags", List.copyOf(tags));
      if (!custom.isEmpty()) {
        body.put("custom_fields", custom);
      }
      ticket = http.json("POST", http.url("/api/v2/tickets", Map.of()), body, EndpointClass.TICKET_CREATE,
          Dtos.Ticket.class, "create ticket");
    } else {
      List<Map.Entry<String, String>> fields = new ArrayList<>();
      fields.add(new SimpleEntry<>("requester_id", request.requester().contactId()));
      fields.add(new SimpleEntry<>("subject", request.subject()));
      fields.add(new SimpleEntry<>("description", description));
      fields.add(new SimpleEntry<>("source", String.valueOf(config.source().code())));
      fields.add(new SimpleEntry<>("status", String.valueOf(FreshdeskStatus.OPEN.code())));
      fields.add(new SimpleEntry<>("priority", String.valueOf(config.priority().code())));
      tags.forEach(t -> fields.add(new SimpleEntry<>("tags[]", t)));
      custom.forEach((k, v) -> fields.add(new SimpleEntry<>("custom_fields[" + k + "]", v)));
      ticket = http.multipart("POST", http.url("/api/v2/tickets", Map.of()), fields, split.accepted(),
          EndpointClass.TICKET_CREATE, Dtos.Ticket.class, "create ticket");
    }
    attachmentBytes.merge(ticket.id(), split.bytes(), Long::sum);
    return ticket;
  }

  /** Reads a ticket. */
  public Dtos.Ticket get(long ticketId) {
    return http.json("GET", http.url("/api/v2/tickets/" + ticketId, Map.of()), null, EndpointClass.OTHER,
        Dtos.Ticket.class, "view ticket");
  }

  /** Sets the status; {@code extraCustomFields} may be empty. */
  public Dtos.Ticket update(long ticketId, Integer status, Map<String, String> customFields) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (status != null) {
      body.put("status", status);
    }
    if (!customFields.isEmpty()) {
      body.put("custom_fields", customFields);
    }
    return http.json("PUT", http.url("/api/v2/tickets/" + ticketId, Map.of()), body, EndpointClass.TICKET_UPDATE,
        Dtos.Ticket.class, "update ticket");
  }

  /**
   * Adds a note: {@code incoming:true, private:false, user_id:<contact>} for a customer message, or
   * {@code private:true} for an internal note. Files beyond the ticket's attachment total become
   * placeholders in the body.
   */
  public Dtos.Conversation note(long ticketId, String text, List<Attachment> files, boolean customer, Long userId) {
    try {
      return noteWithin(ticketId, text, files, customer, userId, attachmentBytes.get(ticketId, 0));
    } catch (HelpdeskValidationException e) {
      if (files.isEmpty() || e.fieldErrors().stream().noneMatch(f -> "attachments".equals(f.field()))) {
        throw e;
      }
      // Freshdesk counted more attachments on the ticket than we knew of (a restart, agents' files):
      // remember the ticket as full and send every file as a placeholder.
      attachmentBytes.merge(ticketId, config.ticketAttachmentLimitBytes(), Math::max);
      return noteWithin(ticketId, text, files, customer, userId, config.ticketAttachmentLimitBytes());
    }
  }

  private Dtos.Conversation noteWithin(long ticketId, String text, List<Attachment> files, boolean customer,
      Long userId, long used) {
    Split split = split(used, files);
    String body = html(text, split.rejected());
    Dtos.Conversation c;
    if (split.accepted().isEmpty()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("body", body);
      json.put("private", !customer);
      json.put("incoming", customer);
      if (userId != null) {
        json.put("user_id", userId);
      }
      c = http.json("POST", http.url("/api/v2/tickets/" + ticketId + "/notes", Map.of()), json,
          EndpointClass.TICKET_UPDATE, Dtos.Conversation.class, "add note");
    } else {
      List<Map.Entry<String, String>> fields = new ArrayList<>();
      fields.add(new SimpleEntry<>("body", body));
      fields.add(new SimpleEntry<>("private", String.valueOf(!customer)));
      fields.add(new SimpleEntry<>("incoming", String.valueOf(customer)));
      if (userId != null) {
        fields.add(new SimpleEntry<>("user_id", String.valueOf(userId)));
      }
      c = http.multipart("POST", http.url("/api/v2/tickets/" + ticketId + "/notes", Map.of()), fields,
          split.accepted(), EndpointClass.TICKET_UPDATE, Dtos.Conversation.class, "add note");
    }
    attachmentBytes.merge(ticketId, split.bytes(), Long::sum);
    return c;
  }

  /**
   * The id of an incoming note by {@code userId} (a private note when null) with this text (as
   * {@link #note} would render it), re-read from the conversations; null when there is none.
   */
  public Long findNote(long ticketId, Long userId, String text, List<Attachment> files) {
    List<Dtos.Conversation> all = http.allPages(
        http.url("/api/v2/tickets/" + ticketId + "/conversations", Map.of("per_page", "100")),
        EndpointClass.TICKETS_LIST, Dtos.Conversation.class, "list conversations");
    Dtos.Conversation found = NoteDeduper.find(all, userId, html(text, List.of()));
    if (found == null && !files.isEmpty()) {
      found = NoteDeduper.find(all, userId, html(text, files));
    }
    return found == null ? null : found.id();
  }

  /**
   * A public reply as the integration agent ({@code POST /tickets/{id}/reply}): {@code structured_body}
   * when the configured source is {@link FreshdeskSource#CHAT}, else {@code body}; when Freshdesk refuses
   * a plain body and asks for {@code structured_body} (a chat ticket created under another configuration),
   * it is sent once more as {@code structured_body}.
   */
  public Dtos.Conversation reply(long ticketId, String text, Long agentId) {
    boolean structured = config.source() == FreshdeskSource.CHAT;
    try {
      return replyAs(ticketId, text, agentId, structured);
    } catch (HelpdeskValidationException e) {
      if (structured || e.fieldErrors().stream().noneMatch(f -> "structured_body".equals(f.field()))) {
        throw e;
      }
      return replyAs(ticketId, text, agentId, true);
    }
  }

  private Dtos.Conversation replyAs(long ticketId, String text, Long agentId, boolean structured) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (structured) {
      // Freshdesk documents structured_body as mandatory for replies to webchat and SDK tickets
      // (https://developers.freshdesk.com/api/#reply_ticket): {"body_contents":[{"type":"text",
      // "data":{"content":"..."}}]}. See docs/freshdesk.md, "Ticket source".
      json.put("structured_body", Map.of("body_contents",
          List.of(Map.of("type", "text", "data", Map.of("content", text)))));
    } else {
      json.put("body", HtmlText.escape(text));
    }
    if (agentId != null) {
      json.put("user_id", agentId);
    }
    return http.json("POST", http.url("/api/v2/tickets/" + ticketId + "/reply", Map.of()), json,
        EndpointClass.TICKET_UPDATE, Dtos.Conversation.class, "reply");
  }

  /** Bytes of attachments the adapter has put on a ticket (0 when it does not remember the ticket). */
  public long attachmentBytes(long ticketId) {
    return attachmentBytes.get(ticketId, 0);
  }

  /** True when a validation error is Freshdesk refusing to touch a closed ticket. */
  public static boolean looksTerminal(HelpdeskValidationException e) {
    String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
    return m.contains("closed");
  }

  private record Split(List<Attachment> accepted, List<Attachment> rejected, long bytes) {}

  private Split split(long used, List<Attachment> files) {
    List<Attachment> ok = new ArrayList<>();
    List<Attachment> no = new ArrayList<>();
    long total = used;
    for (Attachment a : files) {
      if (total + a.sizeBytes() <= config.ticketAttachmentLimitBytes()) {
        ok.add(a);
        total += a.sizeBytes();
      } else {
        no.add(a);
      }
    }
    return new Split(ok, no, total - used);
  }

  private String html(String text, List<Attachment> rejected) {
    StringBuilder sb = new StringBuilder(HtmlText.escape(text));
    for (Attachment a : rejected) {
      sb.append(sb.length() == 0 ? "" : "<br>").append(HtmlText.escape(placeholder(a)));
    }
    return sb.length() == 0 ? "(empty message)" : sb.toString();
  }

  /** The text standing in for a file that would exceed the ticket's attachment total. */
  public String placeholder(Attachment a) {
    return "[Attachment not uploaded: " + a.filename() + " (" + a.mimeType() + ", " + a.sizeBytes()
        + " bytes) would exceed Freshdesk's " + (config.ticketAttachmentLimitBytes() / (1024 * 1024))
        + " MB attachment total per ticket]";
  }
}
