package io.github.whatsapphelpdesk.zendesk.internal;

import io.github.whatsapphelpdesk.error.HelpdeskConflictException;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException.FieldError;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import io.github.whatsapphelpdesk.spi.TicketResult;
import io.github.whatsapphelpdesk.spi.TicketState;
import io.github.whatsapphelpdesk.zendesk.ZendeskConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;

/** Creates tickets, writes comments, uploads files and rolls over to follow-ups. Thread-safe. */
public final class TicketWriter {
  private final ZendeskConfig config;
  private final ZendeskHttp http;

  public TicketWriter(ZendeskConfig config, ZendeskHttp http) {
    this.config = config;
    this.http = http;
  }

  /** Creates a ticket (a follow-up of {@code followUpOf} when not null) with the request's first message. */
  public TicketResult create(TicketRequest r, Long followUpOf) {
    long requester = requesterId(r.requester());
    List<String> tags = tags(r.tags());
    Map<Long, String> fields = fields(r.requester());
    r.customFields().forEach((k, v) -> {
      if (!k.matches("\\d+")) {
        throw new HelpdeskValidationException(ZendeskErrors.ID, 0, "custom field keys must be Zendesk field ids",
            List.of(new FieldError("customFields." + k, "invalid_key", "not a numeric ticket field id")));
      }
      fields.put(Long.parseLong(k), v);
    });
    Map<String, Object> comment = Bodies.comment(render(List.of(r.firstMessage())), true, requester,
        uploads(List.of(r.firstMessage())));
    String key = followUpOf == null ? r.idempotencyKey() : "followup:" + followUpOf + ":" + r.idempotencyKey();
    return post(r.subject(), r.requester(), r.conversationKey(), tags, fields, comment, followUpOf, key);
  }

  /** The channel tag, the configured extra tags, then {@code more}, without duplicates. */
  private List<String> tags(List<String> more) {
    Set<String> tags = new LinkedHashSet<>();
    tags.add(config.channelTag());
    tags.addAll(config.extraTags());
    tags.addAll(more);
    return List.copyOf(tags);
  }

  /** The custom fields every ticket of the conversation carries: the customer id (BSUID or wa_id) field when configured. */
  private Map<Long, String> fields(HelpdeskContact requester) {
    Map<Long, String> fields = new LinkedHashMap<>();
    if (config.waIdFieldId() != null) {
      fields.put(config.waIdFieldId(), requester.customer().value());
    }
    return fields;
  }

  private TicketResult post(String subject, HelpdeskContact requester, String externalId, List<String> tags,
      Map<Long, String> fields, Map<String, Object> comment, Long followUpOf, String idempotencyKey) {
    long requesterId = requesterId(requester);
    Request req = http.request("/api/v2/tickets")
        .header("Idempotency-Key", boundedKey(idempotencyKey))
        .post(ZendeskHttp.json(Bodies.create(subject, requesterId, externalId, tags, fields, comment, followUpOf)))
        .build();
    ZendeskHttp.Answer a = http.send("create ticket", req, null, 400);
    if (a.status() == 400) {
      if (!ZendeskErrors.isIdempotencyError(a.body())) {
        throw ZendeskErrors.map("create ticket", 400, a.body(), null);
      }
      return recover(requester, externalId);
    }
    String id = Json.str(Json.obj(a.body(), "ticket"), "id");
    if (id == null) {
      throw new HelpdeskException(ZendeskErrors.ID, a.status(), "ticket create answered without ticket.id");
    }
    boolean hit = "hit".equalsIgnoreCase(a.idempotencyLookup());
    return new TicketResult(new TicketHandle(id, requester, externalId), !hit, Bodies.commentIdFromAudit(a.body()));
  }

  /** After an IdempotentRequestError: the ticket an earlier attempt created, found by external id. */
  private TicketResult recover(HelpdeskContact requester, String externalId) {
    String q = "/api/v2/tickets?external_id=" + URLEncoder.encode(externalId, StandardCharsets.UTF_8);
    ZendeskHttp.Answer a = http.send("find ticket by external_id", http.request(q).get().build(), null);
    String want = requester.contactId();
    Map<String, Object> match = Json.objs(a.body(), "tickets").stream()
        .filter(t -> want.equals(Json.str(t, "requester_id")))
        .filter(t -> !"closed".equals(Json.str(t, "status")))
        .min(Comparator.comparingLong(t -> Json.lng(t, "id")))
        .orElse(null);
    if (match == null) {
      throw new HelpdeskConflictException(ZendeskErrors.ID, 400,
          "IdempotentRequestError and no open ticket with the conversation's external_id");
    }
    return new TicketResult(new TicketHandle(Json.str(match, "id"), requester, externalId), false, null);
  }

  /** Appends customer messages as one public comment, rolling over when the ticket is closed or full. */
  public AppendResult appendCustomer(TicketHandle t, List<CustomerMessage> messages) {
    return appendCustomerWithStatus(t, messages, null);
  }

  /** Like {@link #appendCustomer}, optionally setting a status (reopening a solved ticket). */
  public AppendResult appendCustomerWithStatus(TicketHandle t, List<CustomerMessage> messages, String status) {
    long requester = requesterId(t.requester());
    List<String> tokens = uploads(messages);
    String text = render(messages);
    Map<String, Object> comment = Bodies.comment(text, true, requester, tokens);
    ZendeskHttp.Answer a = put(t.ticketId(), Bodies.update(comment, status));
    if (a.status() == 422) {
      String key = "followup:" + t.ticketId() + ":" + messages.get(0).messageId();
      if (ZendeskErrors.isClosedTicket(422, a.body())) {
        TicketResult r = post(subject(t), t.requester(), t.conversationKey(), tags(List.of()), fields(t.requester()),
            comment, Long.parseLong(t.ticketId()), key);
        return new AppendResult(r.ticket(), commentIdOrTicket(r), true);
      }
      if (ZendeskErrors.isCommentCap(422, a.body())) {
        Map<String, Object> continued = Bodies.comment("(Continued from ticket #" + t.ticketId()
            + ", which reached Zendesk's comment limit.)\n\n" + text, true, requester, tokens);
        TicketResult r = post(subject(t), t.requester(), t.conversationKey(), tags(List.of()), fields(t.requester()),
            continued, null, key);
        return new AppendResult(r.ticket(), commentIdOrTicket(r), true);
      }
      throw ZendeskErrors.map("add comment", 422, a.body(), null);
    }
    return new AppendResult(t, commentIdOrTicket(a.body(), t.ticketId()), false);
  }

  /** Appends a private note authored by the integration user; a closed ticket throws. */
  public AppendResult appendNote(TicketHandle t, String text) {
    ZendeskHttp.Answer a = put(t.ticketId(), Bodies.update(Bodies.comment(text, false, null, List.of()), null));
    if (a.status() == 422) {
      throw ZendeskErrors.map("add internal note", 422, a.body(), null);
    }
    return new AppendResult(t, commentIdOrTicket(a.body(), t.ticketId()), false);
  }

  /** The ticket's state. */
  public TicketState state(String ticketId) {
    ZendeskHttp.Answer a = http.send("show ticket", http.request("/api/v2/tickets/" + ticketId).get().build(), null);
    String status = Json.str(Json.obj(a.body(), "ticket"), "status");
    return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
      case "new", "open" -> TicketState.OPEN;
      case "pending", "hold" -> TicketState.PENDING;
      case "solved" -> TicketState.SOLVED;
      case "closed" -> TicketState.TERMINAL;
      default -> throw new HelpdeskException(ZendeskErrors.ID, a.status(), "unknown ticket status " + status);
    };
  }

  private ZendeskHttp.Answer put(String ticketId, Map<String, Object> body) {
    if (!ticketId.matches("\\d+")) {
      throw new HelpdeskValidationException(ZendeskErrors.ID, 0, "Zendesk ticket ids are numeric",
          List.of(new FieldError("ticketId", "invalid", "not numeric")));
    }
    return http.send("update ticket", http.request("/api/v2/tickets/" + ticketId).put(ZendeskHttp.json(body)).build(),
        ticketId, 422);
  }

  private List<String> uploads(List<CustomerMessage> messages) {
    List<String> tokens = new ArrayList<>();
    for (CustomerMessage m : messages) {
      for (Attachment att : m.attachments()) {
        if (att.sizeBytes() <= config.maxAttachmentBytes()) {
          tokens.add(upload(att));
        }
      }
    }
    return tokens;
  }

  private String upload(Attachment att) {
    String path = "/api/v2/uploads?filename=" + URLEncoder.encode(uploadName(att.filename(), att.mimeType()),
        StandardCharsets.UTF_8);
    MediaType parsed = MediaType.parse(att.mimeType());
    MediaType type = parsed == null ? MediaType.get("application/octet-stream") : parsed;
    // Streamed from Attachment.Data on every attempt (a retry after 401/429 reopens it): never buffered whole.
    RequestBody body = new RequestBody() {
      @Override
      public MediaType contentType() {
        return type;
      }

      @Override
      public long contentLength() {
        return att.sizeBytes();
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        try (InputStream in = att.data().open()) {
          sink.writeAll(Okio.source(in));
        }
      }
    };
    Request req = http.request(path).post(body).build();
    ZendeskHttp.Answer a = http.send("upload", req, null);
    String token = Json.str(Json.obj(a.body(), "upload"), "token");
    if (token == null) {
      throw new HelpdeskException(ZendeskErrors.ID, a.status(), "upload answered without a token");
    }
    return token;
  }

  /** Extensions for the MIME types WhatsApp delivers, for file names that arrive without one. */
  private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("image/jpeg", "jpg"),
      Map.entry("image/png", "png"), Map.entry("image/webp", "webp"), Map.entry("video/mp4", "mp4"),
      Map.entry("video/3gpp", "3gp"), Map.entry("audio/ogg", "ogg"), Map.entry("audio/mpeg", "mp3"),
      Map.entry("audio/aac", "aac"), Map.entry("audio/amr", "amr"), Map.entry("audio/mp4", "m4a"),
      Map.entry("application/pdf", "pdf"), Map.entry("text/plain", "txt"));

  /**
   * The {@code filename} Zendesk gets: Zendesk wants the extension to match the file (agents' browsers
   * otherwise fail to open it), so a name without one gets the MIME type's extension; a blank name
   * becomes {@code attachment}.
   */
  static String uploadName(String filename, String mimeType) {
    String name = filename.isBlank() ? "attachment" : filename.strip();
    int dot = name.lastIndexOf('.');
    if (dot > 0 && dot < name.length() - 1) {
      return name;
    }
    String base = mimeType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    String ext = EXTENSIONS.get(base);
    return ext == null ? name : (dot == name.length() - 1 ? name + ext : name + "." + ext);
  }

  /** The comment text: messages separated by blank lines, with placeholders for files over the limit. */
  String render(List<CustomerMessage> messages) {
    StringBuilder sb = new StringBuilder();
    for (CustomerMessage m : messages) {
      if (sb.length() > 0) {
        sb.append("\n\n");
      }
      sb.append(m.text());
      for (Attachment att : m.attachments()) {
        if (att.sizeBytes() > config.maxAttachmentBytes()) {
          sb.append("\n[Attachment not uploaded: ").append(att.filename()).append(" (").append(att.mimeType())
              .append(", ").append(att.sizeBytes()).append(" bytes) exceeds the Zendesk limit of ")
              .append(config.maxAttachmentBytes()).append(" bytes]");
        }
      }
    }
    return sb.toString();
  }

  private static String subject(TicketHandle t) {
    io.github.whatsapphelpdesk.customer.CustomerId c = t.requester().customer();
    return "WhatsApp " + (c.isPhone() ? "+" + c.value() : c.masked()) + " (follow-up of #" + t.ticketId() + ")";
  }

  private static long requesterId(HelpdeskContact c) {
    try {
      return Long.parseLong(c.contactId());
    } catch (NumberFormatException e) {
      throw new HelpdeskValidationException(ZendeskErrors.ID, 0, "Zendesk user ids are numeric",
          List.of(new FieldError("requester.contactId", "invalid", "not numeric")));
    }
  }

  private static String commentIdOrTicket(TicketResult r) {
    return r.firstCommentId() != null ? r.firstCommentId() : "ticket:" + r.ticket().ticketId();
  }

  private static String commentIdOrTicket(Map<String, Object> body, String ticketId) {
    String id = Bodies.commentIdFromAudit(body);
    return id != null ? id : "ticket:" + ticketId;
  }

  static String boundedKey(String key) {
    if (key.length() <= 255) {
      return key;
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
