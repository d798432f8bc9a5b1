package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.client.internal.ApiCall;
import io.github.whatsapphelpdesk.client.internal.ApiExecutor;
import io.github.whatsapphelpdesk.client.internal.TemplateJson;
import io.github.whatsapphelpdesk.error.SerializationException;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.template.MessageTemplate;
import io.github.whatsapphelpdesk.template.TemplateStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Template management on the WABA: {@code GET/POST/DELETE /{waba-id}/message_templates} and {@code POST
 * /{template-id}}. Management calls count against Meta's 200 (or 5,000) calls per hour per WABA.
 * Thread-safe.
 */
public final class TemplatesApi {
  /** Page size asked for when listing. */
  public static final int PAGE_SIZE = 100;
  private static final int MAX_PAGES = 10_000;

  private final ApiExecutor executor;
  private final String wabaId;

  TemplatesApi(ApiExecutor executor, String wabaId) {
    this.executor = executor;
    this.wabaId = wabaId;
  }

  private String waba() {
    if (wabaId == null || wabaId.isBlank()) {
      throw new IllegalStateException("template management needs the WABA id: set wabaId(...) on the builder");
    }
    return wabaId;
  }

  /** Every template of the WABA, following the cursor over every page. */
  public List<MessageTemplate> list() {
    return list(null, null);
  }

  /**
   * Templates of the WABA, following every page.
   *
   * @param status only this status (for example APPROVED), or null for all
   * @param nameContains Meta's {@code name} filter (a substring match), or null
   */
  public List<MessageTemplate> list(TemplateStatus status, String nameContains) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("fields", TemplateJson.fields());
    q.put("limit", String.valueOf(PAGE_SIZE));
    if (status != null && status != TemplateStatus.UNKNOWN) {
      q.put("status", status.name());
    }
    if (nameContains != null) {
      q.put("name", nameContains);
    }
    List<MessageTemplate> out = new ArrayList<>();
    Set<String> seenCursors = new HashSet<>();
    for (int page = 0; page < MAX_PAGES; page++) {
      Map<String, Object> r = executor.execute(ApiCall.get(waba() + "/message_templates", q));
      Json.objs(r, "data").forEach(t -> out.add(TemplateJson.parse(t)));
      Map<String, Object> paging = Json.obj(r, "paging");
      String after = Json.str(Json.obj(paging, "cursors"), "after");
      // Meta omits "next" on the last page; the after cursor alone does not mean more pages.
      if (Json.str(paging, "next") == null || after == null || !seenCursors.add(after)) {
        return out;
      }
      q.put("after", after);
    }
    throw new SerializationException("template paging did not end after " + MAX_PAGES + " pages");
  }

  /** The template with exactly this name and language, if any. */
  public Optional<MessageTemplate> get(String name, String language) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    return list(null, name).stream()
        .filter(t -> t.name().equals(name) && t.language().equals(language))
        .findFirst();
  }

  /**
   * Submits a template for review; returns it with its new id, status (usually PENDING) and category
   * as Meta answered.
   */
  public MessageTemplate create(MessageTemplate draft) {
    Objects.requireNonNull(draft, "draft");
    validate(draft);
    Map<String, Object> r = executor.execute(ApiCall.postJson(waba() + "/message_templates", TemplateJson.createBody(draft)));
    if (Json.str(r, "id") == null) {
      throw new SerializationException("the create answer has no id");
    }
    return new MessageTemplate(Json.str(r, "id"), draft.name(), draft.language(),
        TemplateStatus.parse(Json.str(r, "status")),
        r.containsKey("category") ? io.github.whatsapphelpdesk.template.TemplateCategory.parse(Json.str(r, "category"))
            : draft.category(),
        draft.subCategory(), draft.previousCategory(), draft.parameterFormat(), draft.components(),
        draft.qualityScore(), null, draft.messageSendTtlSeconds());
  }

  /** Edits a template (components replaced whole; only APPROVED, REJECTED or PAUSED ones). */
  public boolean edit(String templateId, MessageTemplate changed) {
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(changed, "changed");
    Map<String, Object> r = executor.execute(ApiCall.postJson(templateId, TemplateJson.editBody(changed)).named("templates"));
    return Boolean.TRUE.equals(Json.bool(r, "success"));
  }

  /** Deletes every language of a template name (the name is blocked for 30 days). */
  public boolean delete(String name) {
    Objects.requireNonNull(name, "name");
    return Boolean.TRUE.equals(Json.bool(
        executor.execute(ApiCall.delete(waba() + "/message_templates", Map.of("name", name))), "success"));
  }

  /** Deletes one template (one language) by name and id. */
  public boolean delete(String name, String hsmId) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hsmId, "hsmId");
    Map<String, String> q = new LinkedHashMap<>();
    q.put("hsm_id", hsmId);
    q.put("name", name);
    return Boolean.TRUE.equals(Json.bool(executor.execute(ApiCall.delete(waba() + "/message_templates", q)), "success"));
  }

  private static void validate(MessageTemplate t) {
    List<String> v = new ArrayList<>();
    if (!t.name().matches("[a-z0-9_]{1,512}")) {
      v.add("name must be 1 to 512 lower-case letters, digits or underscores");
    }
    if (t.language().isBlank()) {
      v.add("language is required");
    }
    if (t.category() == io.github.whatsapphelpdesk.template.TemplateCategory.UNKNOWN) {
      v.add("category must be MARKETING, UTILITY or AUTHENTICATION");
    }
    if (t.component(io.github.whatsapphelpdesk.template.ComponentType.BODY).isEmpty()) {
      v.add("a BODY component is required");
    }
    if (!v.isEmpty()) {
      throw new ValidationException("Message template", v);
    }
  }
}
