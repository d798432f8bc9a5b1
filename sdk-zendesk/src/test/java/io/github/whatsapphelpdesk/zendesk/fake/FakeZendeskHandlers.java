package io.github.whatsapphelpdesk.zendesk.fake;

import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.Comment;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.Ticket;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.Upload;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.User;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import okhttp3.HttpUrl;

/** The write and list handlers of {@link FakeZendesk}; called under its lock. */
final class FakeZendeskHandlers {
  /** A create answer. */
  record Created(int code, String json) {}

  private FakeZendeskHandlers() {}

  /**
   * {@code POST /api/v2/users/create_or_update}: matches on {@code external_id} (case-insensitive, like
   * Zendesk); only {@code name} is required for a new user (no email or phone needed); fields left out of
   * the body keep their values.
   */
  static MockResponse upsertUser(FakeZendesk f, Map<String, Object> req) {
    Map<String, Object> in = Json.obj(req, "user");
    String ext = Json.str(in, "external_id");
    if (ext == null || Json.str(in, "name") == null || Json.str(in, "name").isBlank()) {
      return FakeZendesk.json(422, invalid("name", "external_id and name are required"));
    }
    User u = userByExternalId(f, ext);
    int code = 200;
    if (u == null) {
      u = f.s.users.get(f.addUser(Json.str(in, "name"), "end-user"));
      code = 201;
    }
    u.externalId = ext;
    apply(u, in);
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .setHeader("Location", "/api/v2/users/" + u.id + ".json")
        .body(Json.write(Map.of("user", FakeZendeskJson.user(u)))).build();
  }

  /**
   * {@code PUT /api/v2/users/{id}}: changes the fields given; an {@code external_id} another user holds is
   * refused with 422 RecordInvalid (external_id is unique, case-insensitive); a blank name is refused.
   */
  static MockResponse updateUser(FakeZendesk f, User u, Map<String, Object> req) {
    Map<String, Object> in = Json.obj(req, "user");
    if (in.containsKey("name") && (Json.str(in, "name") == null || Json.str(in, "name").isBlank())) {
      return FakeZendesk.json(422, invalid("name", "Name: cannot be blank"));
    }
    if (in.containsKey("external_id")) {
      String ext = Json.str(in, "external_id");
      User holder = ext == null ? null : userByExternalId(f, ext);
      if (holder != null && holder != u) {
        return FakeZendesk.json(422, Map.of("error", "RecordInvalid", "description", "Record validation errors",
            "details", Map.of("external_id", List.of(Map.of("description", "External has already been taken",
                "error", "DuplicateValue")))));
      }
      u.externalId = ext;
    }
    apply(u, in);
    return FakeZendesk.json(200, Map.of("user", FakeZendeskJson.user(u)));
  }

  private static void apply(User u, Map<String, Object> in) {
    if (Json.str(in, "name") != null) {
      u.name = Json.str(in, "name");
    }
    if (in.containsKey("phone")) {
      u.phone = Json.str(in, "phone");
    }
    if (in.containsKey("notes")) {
      u.notes = Json.str(in, "notes");
    }
  }

  static User userByExternalId(FakeZendesk f, String ext) {
    return f.s.users.values().stream().filter(x -> ext.equalsIgnoreCase(x.externalId)).findFirst().orElse(null);
  }

  static Created create(FakeZendesk f, Map<String, Object> req) {
    Map<String, Object> in = Json.obj(req, "ticket");
    Map<String, Object> cin = Json.obj(in, "comment");
    Long requester = Json.lng(in, "requester_id");
    if (cin.isEmpty() || requester == null || !f.s.users.containsKey(requester)) {
      return new Created(422, Json.write(invalid("requester_id", "comment and an existing requester_id are required")));
    }
    Long source = Json.lng(in, "via_followup_source_id");
    if (source != null && (!f.s.tickets.containsKey(source) || !"closed".equals(f.s.tickets.get(source).status))) {
      return new Created(422, Json.write(invalid("via_followup_source_id", "is not a closed ticket")));
    }
    Ticket t = new Ticket();
    t.id = f.s.tickets.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    t.subject = Json.str(in, "subject");
    t.requesterId = requester;
    t.externalId = Json.str(in, "external_id");
    t.status = Json.str(in, "status") == null ? "new" : Json.str(in, "status");
    t.followupSourceId = source;
    Object tags = in.get("tags");
    if (tags instanceof List<?> l) {
      l.forEach(x -> t.tags.add(String.valueOf(x)));
    } else if (source != null) {
      t.tags.addAll(f.s.tickets.get(source).tags);
    }
    t.customFields.addAll(Json.objs(in, "custom_fields"));
    Long author = Json.lng(cin, "author_id");
    if (author == null) {
      author = Json.lng(in, "submitter_id") != null ? Json.lng(in, "submitter_id") : f.integrationUserId();
    }
    Comment c = f.comment(author, Json.str(cin, "body"), Json.bool(cin, "public", true));
    attach(f, c, cin);
    t.comments.add(c);
    f.s.tickets.put(t.id, t);
    return new Created(201, Json.write(withAudit(f, t, c)));
  }

  static MockResponse update(FakeZendesk f, Ticket t, Map<String, Object> req) {
    if ("closed".equals(t.status)) {
      Map<String, Object> details = Map.of("status", List.of(Map.of("description", "Status: closed prevents ticket update")));
      return FakeZendesk.json(422, Map.of("error", "RecordInvalid", "description", "Record validation errors",
          "details", details));
    }
    Map<String, Object> in = Json.obj(req, "ticket");
    Map<String, Object> cin = Json.obj(in, "comment");
    Comment c = null;
    if (!cin.isEmpty()) {
      if (t.comments.size() >= f.commentCap()) {
        return FakeZendesk.json(422, invalid("base", "Comments count exceeds the limit of " + f.commentCap()
            + " comments per ticket"));
      }
      // Zendesk's sticky flag: a comment without "public" inherits the first comment's visibility.
      boolean isPublic = cin.containsKey("public") ? Json.bool(cin, "public", true) : t.comments.get(0).isPublic;
      Long author = Json.lng(cin, "author_id");
      c = f.comment(author == null ? f.integrationUserId() : author, Json.str(cin, "body"), isPublic);
      attach(f, c, cin);
      t.comments.add(c);
      if (author != null && author == t.requesterId && ("solved".equals(t.status) || "pending".equals(t.status))) {
        t.status = "open"; // an end-user reply reopens the ticket
      }
    }
    if (Json.str(in, "status") != null) {
      t.status = Json.str(in, "status");
    }
    return FakeZendesk.json(200, withAudit(f, t, c));
  }

  static MockResponse listComments(FakeZendesk f, Ticket t, HttpUrl url) {
    if (t == null) {
      return FakeZendesk.json(404, Map.of("error", "RecordNotFound"));
    }
    List<Comment> all = new ArrayList<>(t.comments);
    // Zendesk sorts comments oldest first by default. With cursor pagination (page[size]) the order is
    // changed with sort=created_at|-created_at, and sort_order is ignored; with offset pagination
    // (page/per_page) it is sort_order=asc|desc, and sort is ignored. Source: the List Comments operation in
    // the Support API OAS (shared conformance/zendesk/support-api.yaml, "Sorting") and
    // https://developer.zendesk.com/documentation/api-basics/pagination/comparing-cursor-pagination-and-offset-pagination/
    boolean cursor = url.queryParameter("page[size]") != null || url.queryParameter("page[after]") != null;
    boolean desc = cursor ? "-created_at".equals(url.queryParameter("sort"))
        : "desc".equals(url.queryParameter("sort_order"));
    if (desc && !f.ignoresSortOrder()) {
      java.util.Collections.reverse(all);
    }
    f.countCommentCall();
    int from;
    int size;
    if (cursor) {
      String sizeParam = url.queryParameter("page[size]");
      size = sizeParam == null ? 100 : Math.min(100, Integer.parseInt(sizeParam));
      String after = url.queryParameter("page[after]");
      from = after == null ? 0 : Integer.parseInt(new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8));
    } else {
      String per = url.queryParameter("per_page");
      size = per == null ? 100 : Math.min(100, Integer.parseInt(per));
      String page = url.queryParameter("page");
      from = (page == null ? 0 : Integer.parseInt(page) - 1) * size;
    }
    from = Math.min(from, all.size());
    int to = Math.min(all.size(), from + size);
    List<Object> comments = new ArrayList<>();
    Set<Long> authors = new LinkedHashSet<>();
    for (Comment c : all.subList(from, to)) {
      comments.add(FakeZendeskJson.comment(c, f.base()));
      authors.add(c.authorId);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("comments", comments);
    if ("users".equals(url.queryParameter("include"))) {
      out.put("users", authors.stream().map(id -> FakeZendeskJson.user(f.s.users.get(id))).toList());
    }
    boolean more = to < all.size();
    if (!cursor) {
      out.put("next_page", more ? f.base() + url.encodedPath() + "?page=" + (to / size + 1) + "&per_page=" + size : null);
      out.put("previous_page", null);
      out.put("count", all.size());
      return FakeZendesk.json(200, out);
    }
    String cursorValue = Base64.getUrlEncoder().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("has_more", more);
    meta.put("after_cursor", more ? cursorValue : null);
    meta.put("before_cursor", null);
    out.put("meta", meta);
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("next", more ? f.base() + url.encodedPath() + "?page%5Bafter%5D=" + cursorValue : null);
    out.put("links", links);
    return FakeZendesk.json(200, out);
  }

  private static void attach(FakeZendesk f, Comment c, Map<String, Object> cin) {
    Object tokens = cin.get("uploads");
    if (tokens instanceof List<?> l) {
      for (Object tok : l) {
        Upload u = f.s.uploads.get(String.valueOf(tok));
        if (u != null) {
          c.attachments.add(u);
        }
      }
    }
  }

  private static Map<String, Object> withAudit(FakeZendesk f, Ticket t, Comment c) {
    Map<String, Object> audit = new LinkedHashMap<>();
    audit.put("id", f.nextAudit());
    audit.put("ticket_id", t.id);
    List<Object> events = new ArrayList<>();
    if (c != null) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", c.id);
      e.put("type", "Comment");
      e.put("author_id", c.authorId);
      e.put("body", c.body);
      e.put("public", c.isPublic);
      events.add(e);
    }
    audit.put("events", events);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ticket", FakeZendeskJson.ticket(t, f.base()));
    out.put("audit", audit);
    return out;
  }

  static Map<String, Object> invalid(String field, String description) {
    return Map.of("error", "RecordInvalid", "description", "Record validation errors",
        "details", Map.of(field, List.of(Map.of("description", description, "error", "InvalidValue"))));
  }
}
