package io.github.whatsapphelpdesk.zendesk.internal;

import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.spi.AgentAttachment;
import io.github.whatsapphelpdesk.spi.AgentReply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Re-reads a ticket's comments after an agent-reply webhook and keeps only authentic public agent
 * comments: not by the integration user, not by the requester or another end user. Thread-safe.
 */
public final class AgentReplyReader {
  /** The most pages read for one webhook (100 comments each). */
  static final int MAX_PAGES = 60;

  private final ZendeskHttp http;
  private final LongSupplier integrationUserId;

  public AgentReplyReader(ZendeskHttp http, LongSupplier integrationUserId) {
    this.http = http;
    this.integrationUserId = integrationUserId;
  }

  /** Reads the webhook payload (the trigger's JSON template) and returns the replies it announces. */
  public List<AgentReply> read(Map<String, Object> payload) {
    Long ticketId = Json.lng(payload, "ticket_id");
    if (ticketId == null) {
      throw new HelpdeskValidationException(ZendeskErrors.ID, 0, "agent-reply webhook has no numeric ticket_id",
          List.of(new HelpdeskValidationException.FieldError("ticket_id", "missing", "required by the body template")));
    }
    Long wantedComment = Json.lng(payload, "comment_id");
    long self = integrationUserId.getAsLong();
    String base = "/api/v2/tickets/" + ticketId + "/comments?include=users&sort_order=desc&page%5Bsize%5D=100";
    String path = base;
    Map<String, Object> latest = null;
    Map<Long, Map<String, Object>> latestUsers = Map.of();
    for (int page = 0; page < MAX_PAGES && path != null; page++) {
      ZendeskHttp.Answer a = http.send("list comments", http.request(path).get().build(), null);
      Map<Long, Map<String, Object>> users = new HashMap<>();
      for (Map<String, Object> u : Json.list(a.body(), "users")) {
        users.put(Json.lng(u, "id"), u);
      }
      List<Map<String, Object>> comments = Json.list(a.body(), "comments");
      for (Map<String, Object> c : comments) {
        Long id = Json.lng(c, "id");
        if (wantedComment != null && wantedComment.equals(id)) {
          Map<String, Object> author = users.get(Json.lng(c, "author_id"));
          return accept(c, author, self) ? List.of(toReply(ticketId, c, author)) : List.of();
        }
        if (wantedComment == null && Json.bool(c, "public", false) && id != null
            && (latest == null || id > Json.lng(latest, "id"))) {
          latest = c;
          latestUsers = users;
        }
      }
      // Comment ids grow over time. When the page came newest first (sort_order honoured), the latest
      // public comment is already known; otherwise keep reading to the last page.
      boolean descending = comments.size() < 2
          || Json.lng(comments.get(0), "id") > Json.lng(comments.get(comments.size() - 1), "id");
      if (wantedComment == null && latest != null && descending) {
        break;
      }
      Map<String, Object> meta = Json.obj(a.body(), "meta");
      String after = Json.str(meta, "after_cursor");
      path = Json.bool(meta, "has_more", false) && after != null
          ? base + "&page%5Bafter%5D=" + URLEncoder.encode(after, StandardCharsets.UTF_8) : null;
    }
    if (latest == null) {
      return List.of();
    }
    // Only the latest public comment is announced by the trigger: an agent's, or nothing.
    Map<String, Object> author = latestUsers.get(Json.lng(latest, "author_id"));
    return accept(latest, author, self) ? List.of(toReply(ticketId, latest, author)) : List.of();
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
    for (Map<String, Object> att : Json.list(c, "attachments")) {
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
    String created = Json.str(c, "created_at");
    return new AgentReply(Long.toString(ticketId), Json.str(c, "id"), Json.str(c, "author_id"),
        author == null ? null : Json.str(author, "name"), text == null ? "" : text.strip(), files,
        created == null ? Instant.EPOCH : Instant.parse(created));
  }
}
