package io.github.whatsapphelpdesk.testkit.sandbox;

import io.github.whatsapphelpdesk.testkit.sandbox.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A message template known to the sandbox, as Meta's template management API describes it.
 *
 * @param name template name (lowercase letters, digits and {@code _})
 * @param language language code, e.g. {@code en_US}
 * @param status APPROVED, PENDING, REJECTED, PAUSED, DISABLED, ... (only APPROVED can be sent)
 * @param category MARKETING, UTILITY or AUTHENTICATION
 * @param parameterFormat NAMED or POSITIONAL
 * @param componentsJson the {@code components} array in Meta's JSON (HEADER/BODY/FOOTER/BUTTONS)
 */
public record SandboxTemplate(String name, String language, String status, String category,
    String parameterFormat, String componentsJson) {

  /** Validates and normalises status, category and format to upper case. */
  public SandboxTemplate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    status = Objects.requireNonNull(status, "status").toUpperCase(Locale.ROOT);
    category = Objects.requireNonNull(category, "category").toUpperCase(Locale.ROOT);
    parameterFormat = parameterFormat == null ? "POSITIONAL" : parameterFormat.toUpperCase(Locale.ROOT);
    componentsJson = componentsJson == null ? "[]" : componentsJson;
    if (!(Json.parseOrNull(componentsJson) instanceof List<?>)) {
      throw new IllegalArgumentException("componentsJson must be a JSON array: " + name);
    }
  }

  /** An APPROVED UTILITY template with a single BODY component, positional or named by its text. */
  public static SandboxTemplate approved(String name, String language, String bodyText) {
    boolean named = bodyText.matches("(?s).*\\{\\{[a-z_][a-z0-9_]*}}.*");
    return new SandboxTemplate(name, language, "APPROVED", "UTILITY", named ? "NAMED" : "POSITIONAL",
        Json.write(List.of(Json.obj("type", "BODY", "text", bodyText))));
  }

  /** A copy with another status (e.g. PAUSED). */
  public SandboxTemplate withStatus(String newStatus) {
    return new SandboxTemplate(name, language, newStatus, category, parameterFormat, componentsJson);
  }

  /**
   * Reads templates in Meta's JSON: a single template object, an array of them, or a list response
   * {@code {"data":[...]}}. Fields: name, language, status (default APPROVED), category (default
   * UTILITY), parameter_format (default POSITIONAL), components.
   *
   * @throws IllegalArgumentException when the JSON is not one of these shapes
   */
  @SuppressWarnings("unchecked")
  public static List<SandboxTemplate> fromMetaJson(String json) {
    Object parsed = Json.parseOrNull(json);
    List<Object> items;
    if (parsed instanceof Map<?, ?> m && m.get("data") instanceof List<?> data) {
      items = (List<Object>) data;
    } else if (parsed instanceof Map<?, ?> m) {
      items = List.of(m);
    } else if (parsed instanceof List<?> l) {
      items = (List<Object>) l;
    } else {
      throw new IllegalArgumentException("not a template JSON object, array or list response");
    }
    List<SandboxTemplate> out = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("template entries must be JSON objects");
      }
      Map<String, Object> t = (Map<String, Object>) item;
      String name = Json.str(t, "name");
      String language = Json.str(t, "language");
      if (name == null || language == null) {
        throw new IllegalArgumentException("a template needs name and language");
      }
      Object components = t.getOrDefault("components", List.of());
      out.add(new SandboxTemplate(name, language, orDefault(Json.str(t, "status"), "APPROVED"),
          orDefault(Json.str(t, "category"), "UTILITY"), Json.str(t, "parameter_format"),
          Json.write(components)));
    }
    return List.copyOf(out);
  }

  private static String orDefault(String v, String d) {
    return v == null ? d : v;
  }
}
