package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.store.OutboundMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a template's text parameters in {@link OutboundMessage#templateParameters()} (plain strings, so
 * any outbox backend keeps them) and rebuilds the {@link TemplateMessage} at send time. Keys:
 * {@code body.<n>} (positional, 1-based) or {@code body.<name>} (named), the same for {@code header}, and
 * {@code button.<sub_type>.<index>.<n>} for button payloads or URL suffixes.
 */
public final class TemplateCodec {
  private TemplateCodec() {}

  /** The parameters as strings, or empty when a parameter is not text (media, currency...). */
  public static Optional<Map<String, String>> encode(TemplateMessage t) {
    Map<String, String> out = new LinkedHashMap<>();
    for (TemplateComponent c : t.components()) {
      String prefix = c.type().equals("button")
          ? "button." + c.subType() + "." + c.index()
          : c.type();
      int n = 1;
      for (TemplateParameter p : c.parameters()) {
        if (!(p.value() instanceof String s) || !(p.type().equals("text") || p.type().equals("payload"))) {
          return Optional.empty();
        }
        String name = p.parameterName() != null ? p.parameterName() : Integer.toString(n);
        out.put(prefix + "." + (p.type().equals("payload") ? "~" : "") + name, s);
        n++;
      }
      if (c.parameters().isEmpty()) {
        out.put(prefix + ".#", "");
      }
    }
    return Optional.of(out);
  }

  /** Rebuilds the template of a TEMPLATE outbox message. */
  public static TemplateMessage decode(OutboundMessage m) {
    Map<String, List<TemplateParameter>> groups = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : m.templateParameters().entrySet()) {
      String key = e.getKey();
      int dot = key.lastIndexOf('.');
      String group = key.substring(0, dot);
      String name = key.substring(dot + 1);
      List<TemplateParameter> ps = groups.computeIfAbsent(group, g -> new ArrayList<>());
      if (name.equals("#")) {
        continue;
      }
      boolean payload = name.startsWith("~");
      String bare = payload ? name.substring(1) : name;
      TemplateParameter p = payload ? TemplateParameter.payload(e.getValue()) : TemplateParameter.text(e.getValue());
      ps.add(bare.chars().allMatch(Character::isDigit) ? p : p.named(bare));
    }
    List<TemplateComponent> components = new ArrayList<>();
    groups.forEach((group, ps) -> {
      TemplateParameter[] arr = ps.toArray(new TemplateParameter[0]);
      if (group.startsWith("button.")) {
        String[] parts = group.split("\\.");
        components.add(TemplateComponent.button(parts[1], Integer.parseInt(parts[2]), arr));
      } else if (group.equals("header")) {
        components.add(TemplateComponent.header(arr));
      } else {
        components.add(TemplateComponent.body(arr));
      }
    });
    return TemplateMessage.of(m.templateName(), m.templateLanguage(), components.toArray(new TemplateComponent[0]));
  }
}
