package io.github.whatsapphelpdesk.zendesk.internal;

import io.github.whatsapphelpdesk.http.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Zendesk request bodies (shapes of {@code UserRequest}, {@code TicketCreateRequest}, {@code TicketUpdateRequest}). */
public final class Bodies {
  private Bodies() {}

  /**
   * A comment object.
   *
   * @param authorId the author, or null for the API (integration) user
   */
  public static Map<String, Object> comment(String body, boolean isPublic, Long authorId, List<String> uploads) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("body", body.isEmpty() ? "(empty message)" : body);
    c.put("public", isPublic);
    if (authorId != null) {
      c.put("author_id", authorId);
    }
    if (!uploads.isEmpty()) {
      c.put("uploads", List.copyOf(uploads));
    }
    return c;
  }

  /** {@code {"ticket":{"comment":...}}}, optionally with a status. */
  public static Map<String, Object> update(Map<String, Object> comment, String status) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("comment", comment);
    if (status != null) {
      t.put("status", status);
    }
    return Map.of("ticket", t);
  }

  /** The fields of a new ticket. */
  public static Map<String, Object> create(String subject, long requesterId, String externalId, List<String> tags,
      Map<Long, String> customFields, Map<String, Object> comment, Long followUpOf) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("subject", subject);
    t.put("requester_id", requesterId);
    t.put("submitter_id", requesterId);
    t.put("external_id", externalId);
    t.put("tags", List.copyOf(tags));
    if (!customFields.isEmpty()) {
      List<Map<String, Object>> cf = new ArrayList<>();
      customFields.forEach((id, value) -> {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("value", value);
        cf.add(f);
      });
      t.put("custom_fields", cf);
    }
    t.put("comment", comment);
    if (followUpOf != null) {
      t.put("via_followup_source_id", followUpOf);
    }
    return Map.of("ticket", t);
  }

  /** The id of the Comment event in a create/update answer's audit, or null. */
  public static String commentIdFromAudit(Map<String, Object> answer) {
    for (Map<String, Object> e : Json.objs(Json.obj(answer, "audit"), "events")) {
      if ("Comment".equals(Json.str(e, "type"))) {
        return Json.str(e, "id");
      }
    }
    return null;
  }
}
