package io.github.whatsapphelpdesk.template.internal;

import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.error.TemplateProblem;
import io.github.whatsapphelpdesk.template.ComponentType;
import io.github.whatsapphelpdesk.template.MessageTemplate;
import io.github.whatsapphelpdesk.template.ParameterFormat;
import io.github.whatsapphelpdesk.template.PolicyDecision;
import io.github.whatsapphelpdesk.template.PolicyEvent;
import io.github.whatsapphelpdesk.template.PolicyParam;
import io.github.whatsapphelpdesk.template.PolicyRule;
import io.github.whatsapphelpdesk.template.TemplateLimits;
import io.github.whatsapphelpdesk.template.TemplateRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Matches events to rules and fills the chosen template's parameters. Stateless. */
public final class PolicyEngine {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyEngine.class);
  private static final String SAMPLE = "sample";

  private PolicyEngine() {}

  /** The first rule that matches and can be filled, as a decision. */
  public static Optional<PolicyDecision> decide(List<PolicyRule> rules, PolicyEvent event, TemplateRegistry registry) {
    for (PolicyRule r : rules) {
      if (!matches(r, event)) {
        continue;
      }
      Optional<PolicyDecision> d = fill(r, event, language(r, event), registry, false);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  /** Checks a rule against the registry's templates in each language it may pick, with sample values. */
  public static List<TemplateProblem> check(PolicyRule r, TemplateRegistry registry) {
    Set<String> langs = new LinkedHashSet<>();
    langs.add(r.language());
    langs.addAll(r.alsoIn());
    PolicyEvent.Builder b = PolicyEvent.builder(r.on(), SAMPLE, "15550000000")
        .status(r.status() != null ? r.status() : SAMPLE).tag(r.tag() != null ? r.tag() : SAMPLE)
        .agentText(SAMPLE).agentName(SAMPLE).customerName(SAMPLE);
    List<PolicyParam> all = new ArrayList<>(r.header());
    all.addAll(r.body());
    r.buttons().forEach(f -> all.addAll(f.parameters()));
    for (PolicyParam p : all) {
      if (p.source() == PolicyParam.Source.ATTRIBUTE) {
        b.attribute(p.key(), SAMPLE);
      }
    }
    PolicyEvent sample = b.build();
    List<TemplateProblem> out = new ArrayList<>();
    for (String lang : langs) {
      Optional<PolicyDecision> d = fill(r, sample, lang, registry, true);
      for (TemplateProblem p : registry.check(d.orElseThrow().message())) {
        out.add(new TemplateProblem(p.kind(), p.code(), lang + ":" + p.path(), p.message()));
      }
    }
    return out;
  }

  static boolean matches(PolicyRule r, PolicyEvent e) {
    if (r.on() != e.kind()) {
      return false;
    }
    if (r.status() != null && (e.status() == null || !r.status().equalsIgnoreCase(e.status().strip()))) {
      return false;
    }
    if (r.tag() != null) {
      boolean tagged = e.kind() == PolicyEvent.Kind.TICKET_TAG
          ? e.tag() != null && r.tag().equalsIgnoreCase(e.tag().strip())
          : hasTag(e, r.tag());
      if (!tagged) {
        return false;
      }
    }
    for (String t : r.unlessTags()) {
      if (hasTag(e, t)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasTag(PolicyEvent e, String tag) {
    return e.tags().stream().anyMatch(t -> t.strip().equalsIgnoreCase(tag));
  }

  /** The event's language when the rule has the template in it, otherwise the rule's language. */
  static String language(PolicyRule r, PolicyEvent e) {
    if (e.language() == null) {
      return r.language();
    }
    String want = e.language().strip().replace('-', '_');
    if (want.equalsIgnoreCase(r.language())) {
      return r.language();
    }
    for (String l : r.alsoIn()) {
      if (l.equalsIgnoreCase(want)) {
        return l;
      }
    }
    // "pt_BR" customers get "pt" when only the base language is configured.
    String base = want.contains("_") ? want.substring(0, want.indexOf('_')) : want;
    for (String l : r.alsoIn()) {
      if (l.equalsIgnoreCase(base)) {
        return l;
      }
    }
    return r.language();
  }

  private static Optional<PolicyDecision> fill(
      PolicyRule r, PolicyEvent e, String lang, TemplateRegistry registry, boolean sampling) {
    MessageTemplate def = registry == null ? null : registry.find(r.templateName(), lang).orElse(null);
    boolean[] truncated = {false};
    List<TemplateComponent> comps = new ArrayList<>();
    List<PolicyParam> header = allowed(r.header(), def, ComponentType.HEADER);
    List<PolicyParam> body = allowed(r.body(), def, ComponentType.BODY);
    if (r.headerMedia() != null) {
      comps.add(TemplateComponent.header(mediaParam(r.headerMedia())));
    } else if (!header.isEmpty()) {
      List<String> values = values(r, header, e, TemplateLimits.HEADER_TEXT_MAX, def, ComponentType.HEADER,
          truncated);
      if (values == null) {
        return Optional.empty();
      }
      comps.add(new TemplateComponent("header", null, null, params(header, values, def, ComponentType.HEADER)));
    }
    if (!body.isEmpty()) {
      List<String> values = values(r, body, e, TemplateLimits.BODY_MAX, def, ComponentType.BODY, truncated);
      if (values == null) {
        return Optional.empty();
      }
      comps.add(new TemplateComponent("body", null, null, params(body, values, def, ComponentType.BODY)));
    }
    for (PolicyRule.ButtonFill b : r.buttons()) {
      List<String> values = values(r, b.parameters(), e, TemplateLimits.URL_MAX, null, null, truncated);
      if (values == null) {
        return Optional.empty();
      }
      List<TemplateParameter> ps = new ArrayList<>();
      for (String v : values) {
        ps.add(switch (b.subType()) {
          case "quick_reply" -> TemplateParameter.payload(v);
          case "copy_code" -> new TemplateParameter("coupon_code", null, v);
          default -> TemplateParameter.text(v);
        });
      }
      comps.add(new TemplateComponent("button", b.subType(), b.index(), ps));
    }
    if (sampling) {
      truncated[0] = false;
    }
    boolean agentText = !ParamText.sanitize(e.agentText()).isEmpty()
        && (header.stream().anyMatch(PolicyEngine::isAgentText) || body.stream().anyMatch(PolicyEngine::isAgentText)
            || r.buttons().stream().anyMatch(b -> b.parameters().stream().anyMatch(PolicyEngine::isAgentText)));
    return Optional.of(new PolicyDecision(r.id(), new TemplateMessage(r.templateName(), lang, null, comps),
        truncated[0], agentText));
  }

  private static TemplateParameter mediaParam(Media m) {
    return switch (m.kind()) {
      case VIDEO -> TemplateParameter.video(m);
      case DOCUMENT -> TemplateParameter.document(m);
      default -> TemplateParameter.image(m);
    };
  }

  /**
   * The sanitised values of a component's parameters, or null when one is empty and has no fallback. With
   * a held definition, agent text is cut so that the hydrated component stays within {@code limit}.
   */
  private static List<String> values(
      PolicyRule r, List<PolicyParam> params, PolicyEvent e, int limit, MessageTemplate def, ComponentType type,
      boolean[] truncated) {
    List<String> out = new ArrayList<>();
    int agentAt = -1;
    for (int i = 0; i < params.size(); i++) {
      PolicyParam p = params.get(i);
      String v = ParamText.sanitize(raw(p, e));
      if (v.isEmpty() && p.fallback() != null) {
        v = ParamText.sanitize(p.fallback());
      }
      if (v.isEmpty()) {
        LOG.debug("policy rule {} skipped: parameter {} ({}) is empty and has no fallback", r.id(), i, p.source());
        return null;
      }
      String cut = ParamText.cut(v, p.maxLength());
      truncated[0] |= !cut.equals(v);
      out.add(cut);
      if (p.source() == PolicyParam.Source.AGENT_TEXT && agentAt < 0) {
        agentAt = i;
      }
    }
    String text = def == null || type == null ? null : def.component(type).map(c -> c.text()).orElse(null);
    if (agentAt >= 0 && text != null) {
      int others = 0;
      int vars = Placeholders.variables(text).size();
      for (int i = 0; i < out.size() && i < vars; i++) {
        if (i != agentAt) {
          others += out.get(i).length();
        }
      }
      int room = limit - Placeholders.fixedLength(text) - others;
      String v = out.get(agentAt);
      if (room < 1) {
        LOG.debug("policy rule {} skipped: template {} leaves no room for the agent's text", r.id(), def.name());
        return null;
      }
      if (v.length() > room) {
        out.set(agentAt, ParamText.cut(v, room));
        truncated[0] = true;
      }
    }
    return out;
  }

  private static boolean isAgentText(PolicyParam p) {
    return p.source() == PolicyParam.Source.AGENT_TEXT;
  }

  private static List<String> variables(MessageTemplate def, ComponentType type) {
    return def == null ? List.of() : Placeholders.variables(def.component(type).map(c -> c.text()).orElse(null));
  }

  private static boolean named(MessageTemplate def, List<String> vars) {
    return def.parameterFormat() == ParameterFormat.NAMED
        || (def.parameterFormat() == ParameterFormat.UNKNOWN && !vars.isEmpty() && !Placeholders.isNumber(vars.get(0)));
  }

  /**
   * The parameters to send: with a held definition, an agent-text parameter the template has no variable
   * for is left out (the template does not carry the agent's text); other excess parameters stay, for the
   * check to report.
   */
  private static List<PolicyParam> allowed(List<PolicyParam> params, MessageTemplate def, ComponentType type) {
    if (def == null || params.stream().noneMatch(PolicyEngine::isAgentText)) {
      return params;
    }
    List<String> vars = variables(def, type);
    boolean named = named(def, vars);
    int count = named ? vars.size() : Placeholders.positionalCount(vars);
    List<PolicyParam> out = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      PolicyParam p = params.get(i);
      boolean fits = named && p.name() != null ? vars.contains(p.name()) : i < count;
      if (!isAgentText(p) || fits) {
        out.add(p);
      }
    }
    return out;
  }

  /** Parameters carrying the values; named or positional as the held definition expects when known. */
  private static List<TemplateParameter> params(
      List<PolicyParam> params, List<String> values, MessageTemplate def, ComponentType type) {
    List<String> vars = variables(def, type);
    boolean heldNamed = def != null && named(def, vars);
    List<TemplateParameter> out = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      TemplateParameter tp = TemplateParameter.text(values.get(i));
      String name = params.get(i).name();
      if (def != null && !heldNamed) {
        name = null;
      } else if (def != null && name == null && i < vars.size()) {
        name = vars.get(i);
      }
      out.add(name == null ? tp : tp.named(name));
    }
    return out;
  }

  private static String raw(PolicyParam p, PolicyEvent e) {
    return switch (p.source()) {
      case LITERAL -> p.key();
      case TICKET_ID -> e.ticketId();
      case TICKET_STATUS -> e.status();
      case TAG -> e.tag();
      case CUSTOMER_NAME -> e.customerName();
      case WA_ID -> e.waId();
      case AGENT_TEXT -> e.agentText();
      case AGENT_NAME -> e.agentName();
      case ATTRIBUTE -> e.attributes().get(p.key());
    };
  }
}
