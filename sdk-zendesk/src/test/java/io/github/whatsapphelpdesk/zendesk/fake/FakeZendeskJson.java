package io.github.whatsapphelpdesk.zendesk.fake;

import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.Comment;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.Ticket;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.Upload;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders fake records in the shapes of the spec's examples (TicketResponse, TicketCommentObject, ...). */
final class FakeZendeskJson {
  private FakeZendeskJson() {}

  static Map<String, Object> user(User u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id);
    m.put("url", "https://example.zendesk.com/api/v2/users/" + u.id + ".json");
    m.put("name", u.name);
    m.put("external_id", u.externalId);
    m.put("phone", u.phone);
    m.put("notes", u.notes == null ? "" : u.notes);
    m.put("role", u.role);
    m.put("active", true);
    m.put("verified", false);
    return m;
  }

  static Map<String, Object> ticket(Ticket t, String base) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id);
    m.put("url", base + "/api/v2/tickets/" + t.id + ".json");
    m.put("external_id", t.externalId);
    m.put("subject", t.subject);
    m.put("description", t.comments.isEmpty() ? null : t.comments.get(0).body);
    m.put("status", t.status);
    m.put("requester_id", t.requesterId);
    m.put("submitter_id", t.requesterId);
    m.put("tags", List.copyOf(t.tags));
    m.put("custom_fields", List.copyOf(t.customFields));
    m.put("via", Map.of("channel", "api"));
    if (t.followupSourceId != null) {
      m.put("via_followup_source_id", t.followupSourceId);
    }
    return m;
  }

  static Map<String, Object> comment(Comment c, String base) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id);
    m.put("type", "Comment");
    m.put("author_id", c.authorId);
    m.put("body", c.body);
    m.put("html_body", "<div class=\"zd-comment\"><p>" + c.body + "</p></div>");
    m.put("plain_body", c.body);
    m.put("public", c.isPublic);
    m.put("attachments", c.attachments.stream().map(u -> attachment(u, base)).toList());
    m.put("created_at", c.createdAt.toString());
    return m;
  }

  static Map<String, Object> attachment(Upload u, String base) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id);
    m.put("file_name", u.fileName);
    m.put("content_type", u.contentType);
    m.put("content_url", base + "/attachments/token/" + u.token + "/?name="
        + URLEncoder.encode(u.fileName, StandardCharsets.UTF_8));
    m.put("size", u.content.length);
    m.put("thumbnails", List.of());
    return m;
  }
}
