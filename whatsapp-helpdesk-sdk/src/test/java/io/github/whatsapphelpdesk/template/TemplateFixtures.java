package io.github.whatsapphelpdesk.template;

import io.github.whatsapphelpdesk.client.ClientTestAccess;
import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.MediaKind;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.client.internal.TemplateJson;
import io.github.whatsapphelpdesk.http.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Template definitions and messages for the template tests: the peer fixtures and Meta's send examples. */
final class TemplateFixtures {
  private TemplateFixtures() {}

  /** The templates of a {@code message_templates} page fixture. */
  static List<MessageTemplate> page(String fixture) {
    return Json.objs(Json.readObject(ClientTestAccess.fixture(fixture)), "data").stream().map(TemplateJson::parse)
        .toList();
  }

  /** The seven templates of {@code peer/retTemplate1.json}. */
  static List<MessageTemplate> peer() {
    return page("peer/retTemplate1.json");
  }

  /** A registry holding {@code templates}, whose source returns the same. */
  static TemplateRegistry registry(List<MessageTemplate> templates) {
    return TemplateRegistry.builder().source(() -> templates).templates(templates).build();
  }

  /** An APPROVED UTILITY definition. */
  static MessageTemplate def(String name, String language, ParameterFormat format, Component... components) {
    return new MessageTemplate("id-" + name + "-" + language, name, language, TemplateStatus.APPROVED,
        TemplateCategory.UTILITY, null, null, format, List.of(components), QualityScore.GREEN, null, null);
  }

  static MessageTemplate withStatus(MessageTemplate t, TemplateStatus s) {
    return new MessageTemplate(t.id(), t.name(), t.language(), s, t.category(), t.subCategory(), t.previousCategory(),
        t.parameterFormat(), t.components(), t.qualityScore(), t.rejectedReason(), t.messageSendTtlSeconds());
  }

  static Component body(String text) {
    return Component.body(text, Map.of());
  }

  /**
   * The template of one of Meta's send examples ({@code fixtures/send-openapi/<name>.json}), as the
   * typed {@link TemplateMessage} a caller would build.
   */
  @SuppressWarnings("unchecked")
  static TemplateMessage sendExample(String name) {
    Map<String, Object> t = Json.obj(Json.readObject(ClientTestAccess.fixture("send-openapi/" + name + ".json")),
        "template");
    List<TemplateComponent> comps = new ArrayList<>();
    for (Map<String, Object> c : Json.objs(t, "components")) {
      List<TemplateParameter> ps = new ArrayList<>();
      for (Map<String, Object> p : Json.objs(c, "parameters")) {
        String type = Json.str(p, "type");
        Object v = p.get(type);
        if (Set.of("image", "video", "document").contains(type)) {
          Map<String, Object> m = (Map<String, Object>) v;
          MediaKind kind = MediaKind.valueOf(type.toUpperCase(java.util.Locale.ROOT));
          v = new Media(kind, Json.str(m, "id"), Json.str(m, "link"), null, Json.str(m, "filename"));
        }
        ps.add(new TemplateParameter(type, Json.str(p, "parameter_name"), v));
      }
      Long index = Json.lng(c, "index");
      comps.add(new TemplateComponent(Json.str(c, "type"), Json.str(c, "sub_type"),
          index == null ? null : index.intValue(), ps));
    }
    return new TemplateMessage(Json.str(t, "name"), Json.str(Json.obj(t, "language"), "code"),
        Json.str(Json.obj(t, "language"), "policy"), comps);
  }
}
