package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import io.github.whatsapphelpdesk.testkit.sandbox.SandboxTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The WABA's templates: list with cursor paging, create, delete by name / hsm_id, lookup for sends.
 * Guarded by the caller's lock.
 */
public final class TemplateStore {
  private static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");

  /** A stored template with its Graph id. */
  public record Stored(String id, SandboxTemplate template) {
    /** The template's components as parsed JSON. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> components() {
      Object parsed = Json.parseOrNull(template.componentsJson());
      List<Map<String, Object>> out = new ArrayList<>();
      if (parsed instanceof List<?> l) {
        for (Object o : l) {
          if (o instanceof Map<?, ?> m) {
            out.add((Map<String, Object>) m);
          }
        }
      }
      return out;
    }

    /** The template node, restricted to {@code fields} (comma-separated; id always) when given. */
    public Map<String, Object> toJsonPublic(String fields) {
      Map<String, Object> full = toJson();
      Set<String> wanted = TemplateStore.fields(fields);
      if (wanted != null) {
        full.keySet().removeIf(k -> !k.equals("id") && !wanted.contains(k));
      }
      return full;
    }

    Map<String, Object> toJson() {
      SandboxTemplate t = template;
      return Json.obj("name", t.name(), "parameter_format", t.parameterFormat(), "components", components(),
          "language", t.language(), "status", t.status(), "category", t.category(), "id", id);
    }
  }

  private final List<Stored> templates = new ArrayList<>();
  private final Ids ids;

  public TemplateStore(Ids ids, List<SandboxTemplate> seeded) {
    this.ids = ids;
    for (SandboxTemplate t : seeded) {
      put(t);
    }
  }

  /** Adds or replaces (same name and language) a template; returns its id. */
  public String put(SandboxTemplate t) {
    for (int i = 0; i < templates.size(); i++) {
      Stored s = templates.get(i);
      if (s.template().name().equals(t.name()) && s.template().language().equals(t.language())) {
        templates.set(i, new Stored(s.id(), t));
        return s.id();
      }
    }
    String id = ids.numericId();
    templates.add(new Stored(id, t));
    return id;
  }

  /** All templates with this name (any language). */
  public List<Stored> byName(String name) {
    return templates.stream().filter(s -> s.template().name().equals(name)).toList();
  }

  /** The template with this Graph id (a list of zero or one). */
  public List<Stored> byIdList(String id) {
    return templates.stream().filter(s -> s.id().equals(id)).toList();
  }

  /** A snapshot of all templates. */
  public List<SandboxTemplate> all() {
    return templates.stream().map(Stored::template).toList();
  }

  /** GET /{waba}/message_templates with limit, after/before cursors, status, name and fields filters. */
  public Map<String, Object> list(Map<String, String> query, String selfUrl) {
    List<Stored> filtered = new ArrayList<>();
    String status = query.get("status");
    String name = query.get("name");
    for (Stored s : templates) {
      if (status != null && !s.template().status().equalsIgnoreCase(status)) {
        continue;
      }
      if (name != null && !s.template().name().contains(name)) {
        continue;
      }
      filtered.add(s);
    }
    int limit = parseLimit(query.get("limit"));
    int start = 0;
    if (query.containsKey("after")) {
      start = decodeCursor(query.get("after")) + 1;
    } else if (query.containsKey("before")) {
      start = Math.max(0, decodeCursor(query.get("before")) - limit);
    }
    int end = Math.min(filtered.size(), start + limit);
    List<Object> data = new ArrayList<>();
    Set<String> fields = fields(query.get("fields"));
    for (int i = start; i < end; i++) {
      Map<String, Object> full = filtered.get(i).toJson();
      if (fields != null) {
        full.keySet().removeIf(k -> !k.equals("id") && !fields.contains(k));
      }
      data.add(full);
    }
    Map<String, Object> result = Json.obj("data", data);
    if (start < end) {
      Map<String, Object> paging = Json.obj("cursors",
          Json.obj("before", encodeCursor(start), "after", encodeCursor(end - 1)));
      if (end < filtered.size()) {
        Map<String, String> next = new LinkedHashMap<>(query);
        next.remove("before");
        next.remove("access_token");
        next.put("limit", Integer.toString(limit));
        next.put("after", encodeCursor(end - 1));
        paging.put("next", selfUrl + "?" + GraphQuery.encode(next));
      }
      result.put("paging", paging);
    }
    return result;
  }

  /** POST /{waba}/message_templates. Returns {id, status, category}. */
  public Map<String, Object> create(Map<String, Object> body, boolean approve) {
    String name = Json.str(body, "name");
    String language = Json.str(body, "language");
    String category = Json.str(body, "category");
    List<Object> components = Json.list(body, "components");
    if (name == null || language == null || category == null || components == null) {
      throw ApiFailure.of(100, "name, language, category and components are required");
    }
    if (!name.matches("[a-z0-9_]{1,512}")) {
      throw ApiFailure.of(100, "Template name must be at most 512 characters of lowercase letters,"
          + " digits and underscores");
    }
    if (!CATEGORIES.contains(category.toUpperCase(Locale.ROOT))) {
      throw ApiFailure.of(100, "category must be one of MARKETING, UTILITY, AUTHENTICATION");
    }
    for (Stored s : byName(name)) {
      if (s.template().language().equals(language)) {
        throw new ApiFailure(100, 2388024, ErrorCatalog.title(100),
            "Content in this language already exists");
      }
    }
    String format = Json.str(body, "parameter_format");
    String status = approve ? "APPROVED" : "PENDING";
    SandboxTemplate t = new SandboxTemplate(name, language, status, category, format, Json.write(components));
    String id = put(t);
    return Json.obj("id", id, "status", status, "category", t.category());
  }

  /** DELETE ?name=[&hsm_id=]. */
  public Map<String, Object> delete(Map<String, String> query) {
    String name = query.get("name");
    String hsmId = query.get("hsm_id");
    if (name == null) {
      throw ApiFailure.of(100, "The parameter name is required");
    }
    List<Stored> matches = byName(name).stream()
        .filter(s -> hsmId == null || s.id().equals(hsmId)).toList();
    if (matches.isEmpty()) {
      throw ApiFailure.of(100, "Message template " + name + " not found");
    }
    if (matches.stream().anyMatch(s -> s.template().status().equals("DISABLED"))) {
      throw ApiFailure.of(100, "Disabled templates cannot be deleted");
    }
    templates.removeAll(matches);
    return Json.obj("success", true);
  }

  private static Set<String> fields(String fields) {
    if (fields == null || fields.isBlank()) {
      return null;
    }
    return Set.of(fields.split("\\s*,\\s*"));
  }

  private static int parseLimit(String raw) {
    if (raw == null) {
      return 25;
    }
    try {
      int v = Integer.parseInt(raw);
      if (v < 1) {
        throw ApiFailure.of(100, "limit must be positive");
      }
      return Math.min(v, 1000);
    } catch (NumberFormatException e) {
      throw ApiFailure.of(100, "limit must be a number");
    }
  }

  static String encodeCursor(int index) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("idx:" + index).getBytes(StandardCharsets.US_ASCII));
  }

  static int decodeCursor(String cursor) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (s.startsWith("idx:")) {
        return Integer.parseInt(s.substring(4));
      }
    } catch (IllegalArgumentException e) {
      // falls through
    }
    throw ApiFailure.of(100, "Invalid cursor");
  }
}
