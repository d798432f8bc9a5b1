package io.github.whatsapphelpdesk.freshdesk.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.spi.AgentAttachment;
import io.github.whatsapphelpdesk.spi.AgentReply;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns an authenticated "Reply is sent" webhook into agent replies. The payload is only a hint: the
 * adapter takes nothing from it but the ticket id, re-reads the ticket's conversations (every page),
 * and keeps public agent replies ({@code source 0, incoming false, private false}) not written by the
 * integration agent. It remembers, per ticket, the newest reply id it returned (bounded LRU): it
 * returns every newer reply, oldest first; for a ticket it does not remember (first webhook, or after a
 * restart) the replies created within the catch-up window before now, and at least the newest one (with
 * a zero window, only the newest). The bridge dedupes on reply ids as well. Thread-safe.
 */
public final class AgentReplies {
  private static final int SOURCE_REPLY = 0;
  private final FreshdeskHttp http;
  private final Long integrationAgentId;
  private final BoundedMemory lastReturned;
  private final JsonAdapter<Object> json;
  private final Duration catchUp;
  private final Clock clock;

  public AgentReplies(FreshdeskHttp http, Long integrationAgentId, int memorySize, Moshi moshi,
      Duration catchUp, Clock clock) {
    this.catchUp = catchUp;
    this.clock = clock;
    this.http = http;
    this.integrationAgentId = integrationAgentId;
    this.lastReturned = new BoundedMemory(memorySize);
    this.json = moshi.adapter(Object.class).lenient();
  }

  /** The ticket id the payload names: {@code ticket_id} at the top or under {@code freshdesk_webhook}. */
  public long ticketId(WebhookRequest request) {
    Object parsed;
    try {
      parsed = request.bodyLength() == 0 ? null : json.fromJson(request.bodyAsString());
    } catch (IOException | RuntimeException e) {
      throw new ValidationException("Freshdesk webhook", List.of("the body is not JSON"));
    }
    Object id = null;
    if (parsed instanceof Map<?, ?> m) {
      id = m.get("ticket_id");
      if (id == null && m.get("freshdesk_webhook") instanceof Map<?, ?> inner) {
        id = inner.get("ticket_id");
      }
    }
    if (id == null) {
      id = request.queryParam("ticket_id").orElse(null);
    }
    String s = id instanceof Double d ? String.valueOf(d.longValue()) : id == null ? "" : id.toString().strip();
    if (!s.matches("[1-9][0-9]{0,18}")) {
      throw new ValidationException("Freshdesk webhook", List.of(
          "ticket_id is missing or not a ticket number; the body must be {\"ticket_id\": \"{{ticket.id}}\"}"));
    }
    return Long.parseLong(s);
  }

  /** The new public agent replies on a ticket, re-read from the API. */
  public List<AgentReply> fetch(long ticketId) {
    List<Dtos.Conversation> all = http.allPages(
        http.url("/api/v2/tickets/" + ticketId + "/conversations", Map.of("per_page", "100")),
        EndpointClass.TICKETS_LIST, Dtos.Conversation.class, "list conversations");
    List<Dtos.Conversation> replies = new ArrayList<>();
    for (Dtos.Conversation c : all) {
      if (c.id() != null && c.userId() != null && Integer.valueOf(SOURCE_REPLY).equals(c.source())
          && !Boolean.TRUE.equals(c.incoming()) && !Boolean.TRUE.equals(c.isPrivate())
          && !c.userId().equals(integrationAgentId)) {
        replies.add(c);
      }
    }
    replies.sort(Comparator.comparing(Dtos.Conversation::id));
    if (replies.isEmpty()) {
      return List.of();
    }
    long last = lastReturned.get(ticketId, -1);
    List<Dtos.Conversation> chosen = new ArrayList<>();
    if (last < 0) {
      Instant cutoff = clock.instant().minus(catchUp);
      Dtos.Conversation newest = replies.get(replies.size() - 1);
      if (!catchUp.isZero()) {
        for (Dtos.Conversation c : replies) {
          if (c != newest && !parseTime(c.createdAt()).isBefore(cutoff)) {
            chosen.add(c);
          }
        }
      }
      chosen.add(newest);
    } else {
      for (Dtos.Conversation c : replies) {
        if (c.id() > last) {
          chosen.add(c);
        }
      }
    }
    if (chosen.isEmpty()) {
      return List.of();
    }
    lastReturned.merge(ticketId, chosen.get(chosen.size() - 1).id(), Math::max);
    List<AgentReply> out = new ArrayList<>();
    for (Dtos.Conversation c : chosen) {
      out.add(toReply(ticketId, c));
    }
    return out;
  }

  private static AgentReply toReply(long ticketId, Dtos.Conversation c) {
    List<AgentAttachment> files = new ArrayList<>();
    if (c.attachments() != null) {
      for (Dtos.AttachmentDto a : c.attachments()) {
        if (a.id() != null && a.attachmentUrl() != null) {
          files.add(new AgentAttachment(String.valueOf(a.id()), a.name() == null ? "attachment" : a.name(),
              a.contentType() == null ? "application/octet-stream" : a.contentType(),
              a.size() == null ? -1 : a.size(), a.attachmentUrl()));
        }
      }
    }
    String text = HtmlText.toText(c.body() != null ? c.body() : c.bodyText());
    return new AgentReply(String.valueOf(ticketId), String.valueOf(c.id()), String.valueOf(c.userId()), null,
        text, files, parseTime(c.createdAt()));
  }

  private static Instant parseTime(String s) {
    if (s == null) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
