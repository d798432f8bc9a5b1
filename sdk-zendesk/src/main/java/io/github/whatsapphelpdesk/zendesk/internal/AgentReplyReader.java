package io.github.whatsapphelpdesk.zendesk.internal;

import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.spi.AgentAttachment;
import io.github.whatsapphelpdesk.spi.AgentReply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Re-reads a ticket's comments after an agent-reply webhook and keeps only authentic public agent
 * comments: not by the integration user, not by the requester or another end user. Thread-safe.
 */
public final class AgentReplyReader {
  /**
   * The most pages read for one webhook (100 comments each, newest first): the comment an agent-reply
   * webhook announces is among the newest, so five pages (500 comments) bound the calls one webhook costs
   * on a long ticket (a ticket holds up to 5,000 comments, 50 pages).
   */
  static final int MAX_PAGES = 5;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AgentReplyReader.class);

  private final ZendeskHttp http;
  private final LongSupplier integrationUserId;
  private final Clock clock;
  private final Duration lookback;

  /**
   * @param lookback without a {@code comment_id} in the webhook, public agent comments created this long
   *     before now are returned too (besides the latest public comment)
   */
  public AgentReplyReader(ZendeskHttp http, LongSupplier integrationUserId, Clock clock, Duration lookback) {
    this.http = http;
    this.integrationUserId = integrationUserId;
    this.clock = clock;
    this.lookback = lookback;
  }

  /**
   * Reads the webhook payload (the trigger's JSON template) and returns the replies it announces: the
   * comment named by {@code comment_id}, or else every public agent comment of the lookback window plus the
   * latest public comment when an agent wrote it, oldest first. Without a comment id the webhook cannot
   * say which comment fired it, and a customer message may land between the agent's reply and the
   * webhook's delivery; returning only the latest public comment would then lose the reply.
   */
  public List<AgentReply> read(Map<String, Object> payload) {
    Long ticketId = Json.lng(payload, "ticket_id");
    if (ticketId == null) {
      throw new HelpdeskValidationException(ZendeskErrors.ID, 0, "agent-reply webhook has no numeric ticket_id",
          List.of(new HelpdeskValidationException.FieldError("ticket_id", "missing", "required by the body template")));
    }
    Long wantedComment = Json.lng(payload, "comment_id");
    long self = integrationUserId.getAsLong();
    Instant since = clock.instant().minus(lookback);
    // Cursor pagination sorts with sort=-created_at (newest first); sort_order=desc applies to offset
    // pagination only and is ignored here (Support API OAS, List Comments, "Sorting";
    // https://developer.zendesk.com/documentation/api-basics/pagination/comparing-cursor-pagination-and-offset-pagination/).
    String base = "/api/v2/tickets/" + ticketId + "/comments?include=users&sort=-created_at&page%5Bsize%5D=100";
    String path = base;
    Map<String, Object> latest = null;
    Map<Long, Map<String, Object>> recent = new TreeMap<>();
    Map<Long, Map<String, Object>> users = new HashMap<>();
    for (int page = 0; page < MAX_PAGES && path != null; page++) {
      ZendeskHttp.Answer a = http.send("list comments", http.request(path).get().build(), null);
      for (Map<String, Object> u : Json.objs(a.body(), "users")) {
        users.put(Json.lng(u, "id"), u);
      }
      List<Map<String, Object>> comments = Json.objs(a.body(), "comments");
      for (Map<String, Object> c : comments) {
        Long id = Json.lng(c, "id");
        if (id == null) {
          continue;
        }
        if (wantedComment != null && wantedComment.equals(id)) {
          Map<String, Object> author = users.get(Json.lng(c, "author_id"));
          return accept(c, author, self) ? List.of(toReply(ticketId, c, author)) : List.of();
        }
        if (wantedComment == null && Json.bool(c, "public", false)) {
          if (latest == null || id > Json.lng(latest, "id")) {
            latest = c;
          }
          if (!createdAt(c).isBefore(since) && accept(c, users.get(Json.lng(c, "author_id")), self)) {
            recent.put(id, c);
          }
        }
      }
      // Comment ids grow over time. When the page came newest first (sort_order honoured) and reached
      // back past the lookback window, older pages cannot add anything; otherwise read on.
      boolean descending = comments.size() < 2
          || Json.lng(comments.get(0), "id") > Json.lng(comments.get(comments.size() - 1), "id");
      if (wantedComment == null && latest != null && descending && !comments.isEmpty()
          && createdAt(comments.get(comments.size() - 1)).isBefore(since)) {
        path = null;
        break;
      }
      if (wantedComment != null && descending && !comments.isEmpty()
          && Json.lng(comments.get(comments.size() - 1), "id") < wantedComment) {
        return List.of(); // newest first and already past the wanted id: it is not on this ticket
      }
      Map<String, Object> meta = Json.obj(a.body(), "meta");
      String after = Json.str(meta, "after_cursor");
      path = Json.bool(meta, "has_more", false) && after != null
          ? base + "&page%5Bafter%5D=" + URLEncoder.encode(after, StandardCharsets.UTF_8) : null;
    }
    if (path != null) {
      LOG.warn("Zendesk ticket {}: stopped reading comments after {} pages", ticketId, MAX_PAGES);
    }
    if (wantedComment != null) {
      return List.of();
    }
    if (latest != null && accept(latest, users.get(Json.lng(latest, "author_id")), self)) {
      recent.put(Json.lng(latest, "id"), latest);
    }
    List<AgentReply> out = new ArrayList<>(recent.size());
    recent.forEach((id, c) -> out.add(toReply(ticketId, c, users.get(Json.lng(c, "author_id")))));
    return out;
  }

  private static Instant createdAt(Map<String, Object> c) {
    String created = Json.str(c, "created_at");
    try {
      return created == null ? Instant.EPOCH : Instant.parse(created);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private static boolean accept(Map<String, Object> c, Map<String, Object> author, long self) {
    if (!Json.bool(c, "public", false)) {
      return false;
    }
    Long authorId = Json.lng(c, "author_id");
    if (authorId == null || authorId == self) {
      return false; // echo of the integration's own comment (customer messages are authored by the requester)
    }
    String role = author == null ? null : Json.str(author, "role");
    return "agent".equals(role) || "admin".equals(role);
  }

  private static AgentReply toReply(long ticketId, Map<String, Object> c, Map<String, Object> author) {
    List<AgentAttachment> files = new ArrayList<>();
    for (Map<String, Object> att : Json.objs(c, "attachments")) {
      String url = Json.str(att, "content_url");
      String id = Json.str(att, "id");
      if (url == null || id == null) {
        continue;
      }
      Long size = Json.lng(att, "size");
      String name = Json.str(att, "file_name");
      String type = Json.str(att, "content_type");
      files.add(new AgentAttachment(id, name == null ? "attachment-" + id : name,
          type == null ? "application/octet-stream" : type, size == null ? -1 : size, url));
    }
    String text = Json.str(c, "plain_body");
    if (text == null) {
      text = Json.str(c, "body");
    }
    return new AgentReply(Long.toString(ticketId), Json.str(c, "id"), Json.str(c, "author_id"),
        author == null ? null : Json.str(author, "name"), text == null ? "" : text.strip(), files, createdAt(c));
  }
}
