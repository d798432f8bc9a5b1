package io.github.whatsapphelpdesk.client.internal;

import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.template.Button;
import io.github.whatsapphelpdesk.template.ButtonType;
import io.github.whatsapphelpdesk.template.Component;
import io.github.whatsapphelpdesk.template.ComponentType;
import io.github.whatsapphelpdesk.template.HeaderFormat;
import io.github.whatsapphelpdesk.template.MessageTemplate;
import io.github.whatsapphelpdesk.template.ParameterFormat;
import io.github.whatsapphelpdesk.template.QualityScore;
import io.github.whatsapphelpdesk.template.TemplateCategory;
import io.github.whatsapphelpdesk.template.TemplateStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads and writes the template model from and to Meta's JSON. Stateless. */
public final class TemplateJson {
  private static final Set<String> COMPONENT_KEYS = Set.of("type", "format", "text", "buttons", "example");
  private static final Set<String> BUTTON_KEYS = Set.of("type", "text", "url", "phone_number", "example");

  private TemplateJson() {}

  /** Parses one template object. */
  public static MessageTemplate parse(Map<String, Object> t) {
    Long ttl = Json.lng(t, "message_send_ttl_seconds");
    return new MessageTemplate(Json.str(t, "id"), orEmpty(Json.str(t, "name")), orEmpty(Json.str(t, "language")),
        TemplateStatus.parse(Json.str(t, "status")), TemplateCategory.parse(Json.str(t, "category")),
        Json.str(t, "sub_category"), Json.str(t, "previous_category"),
        ParameterFormat.parse(Json.str(t, "parameter_format")),
        Json.objs(t, "components").stream().map(TemplateJson::component).toList(),
        QualityScore.parse(Json.str(Json.obj(t, "quality_score"), "score")), Json.str(t, "rejected_reason"),
        ttl == null ? null : ttl.intValue());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  @SuppressWarnings("unchecked")
  static Component component(Map<String, Object> c) {
    ComponentType type = ComponentType.parse(Json.str(c, "type"));
    Map<String, Object> extra = extra(c, COMPONENT_KEYS);
    if (type == ComponentType.UNKNOWN && c.get("type") != null) {
      extra.put("type", c.get("type"));
    }
    Object ex = c.get("example");
    Map<String, Object> example = ex instanceof Map ? (Map<String, Object>) ex : Map.of();
    return new Component(type, c.containsKey("format") ? HeaderFormat.parse(Json.str(c, "format")) : null,
        Json.str(c, "text"), Json.objs(c, "buttons").stream().map(TemplateJson::button).toList(), example, extra);
  }

  static Button button(Map<String, Object> b) {
    ButtonType type = ButtonType.parse(Json.str(b, "type"));
    Map<String, Object> extra = extra(b, BUTTON_KEYS);
    if (type == ButtonType.UNKNOWN && b.get("type") != null) {
      extra.put("type", b.get("type"));
    }
    return new Button(type, Json.str(b, "text"), Json.str(b, "url"), Json.str(b, "phone_number"),
        Json.strs(b, "example"), extra);
  }

  private static Map<String, Object> extra(Map<String, Object> m, Set<String> known) {
    Map<String, Object> extra = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (!known.contains(k) && v != null) {
        extra.put(k, v);
      }
    });
    return extra;
  }

  /** The create body: name, category, language, parameter_format (when named) and components. */
  public static Map<String, Object> createBody(MessageTemplate t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("category", t.category().name());
    m.put("language", t.language());
    if (t.parameterFormat() == ParameterFormat.NAMED) {
      m.put("parameter_format", "named");
    }
    m.put("components", components(t.components()));
    return m;
  }

  /** The edit body: the components (replaced whole) and the category. */
  public static Map<String, Object> editBody(MessageTemplate t) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (t.category() != TemplateCategory.UNKNOWN) {
      m.put("category", t.category().name());
    }
    m.put("components", components(t.components()));
    return m;
  }

  /** Writes components as Meta's JSON. */
  public static List<Object> components(List<Component> components) {
    return components.stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", c.type() == ComponentType.UNKNOWN ? c.extra().get("type") : c.type().name());
      if (c.format() != null) {
        m.put("format", c.format().name());
      }
      if (c.text() != null) {
        m.put("text", c.text());
      }
      if (!c.buttons().isEmpty()) {
        m.put("buttons", c.buttons().stream().map(TemplateJson::writeButton).toList());
      }
      if (!c.example().isEmpty()) {
        m.put("example", c.example());
      }
      c.extra().forEach(m::putIfAbsent);
      return (Object) m;
    }).toList();
  }

  private static Map<String, Object> writeButton(Button b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", b.type() == ButtonType.UNKNOWN ? b.extra().get("type") : b.type().name());
    if (b.text() != null) {
      m.put("text", b.text());
    }
    if (b.url() != null) {
      m.put("url", b.url());
    }
    if (b.phoneNumber() != null) {
      m.put("phone_number", b.phoneNumber());
    }
    if (!b.example().isEmpty()) {
      m.put("example", b.example());
    }
    b.extra().forEach(m::putIfAbsent);
    return m;
  }

  /** The fields asked for when listing. */
  public static String fields() {
    return String.join(",", List.of("id", "name", "language", "status", "category", "sub_category",
        "previous_category", "parameter_format", "components", "quality_score", "rejected_reason",
        "message_send_ttl_seconds")).toLowerCase(Locale.ROOT);
  }
}
