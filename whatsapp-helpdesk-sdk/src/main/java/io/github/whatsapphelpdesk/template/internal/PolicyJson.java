package io.github.whatsapphelpdesk.template.internal;

import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.MediaKind;
import io.github.whatsapphelpdesk.error.SerializationException;
import io.github.whatsapphelpdesk.error.TemplatePolicyException.Problem;
import io.github.whatsapphelpdesk.error.TemplatePolicyException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.template.PolicyEvent;
import io.github.whatsapphelpdesk.template.PolicyParam;
import io.github.whatsapphelpdesk.template.PolicyRule;
import io.github.whatsapphelpdesk.template.TemplateLimits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a template policy document. Every problem is collected (with its JSON path) and thrown together;
 * nothing in the input can make it throw anything but {@link TemplatePolicyException}.
 */
public final class PolicyJson {
  /** The most rules one document may hold. */
  public static final int MAX_RULES = 1_000;
  private static final Set<String> TOP = Set.of("version", "rules");
  private static final Set<String> RULE = Set.of("id", "on", "status", "tag", "unless_tags", "template", "header",
      "header_media", "body", "buttons", "description");
  private static final Set<String> TEMPLATE = Set.of("name", "language", "also_in");
  private static final Set<String> PARAM = Set.of("source", "value", "key", "name", "fallback", "max_length");
  private static final Set<String> BUTTON = Set.of("index", "sub_type", "parameters");
  private static final Set<String> MEDIA = Set.of("type", "id", "link", "filename");

  private PolicyJson() {}

  /** Parses a document into rules (duplicate ids are checked by the policy builder). */
  public static List<PolicyRule> parse(String json, String source) {
    List<Problem> problems = new ArrayList<>();
    Object root;
    try {
      root = Json.read(json);
    } catch (SerializationException | StackOverflowError e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new TemplatePolicyException(source, List.of(new Problem("$", "not valid JSON: "
          + msg.replace("the response is not valid JSON: ", "").replace("the response body", "the document"))));
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new TemplatePolicyException(source, List.of(new Problem("$", "the document must be a JSON object with"
          + " \"rules\"")));
    }
    unknownKeys(top, TOP, "$", problems);
    Object version = top.get("version");
    if (version != null && !(version instanceof Double d && d == 1.0)) {
      problems.add(new Problem("$.version", "only version 1 is supported"));
    }
    List<PolicyRule> rules = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    Object rs = top.get("rules");
    if (!(rs instanceof List<?> list)) {
      problems.add(new Problem("$.rules", rs == null ? "missing: a list of rules" : "must be a list of rules"));
    } else if (list.size() > MAX_RULES) {
      problems.add(new Problem("$.rules", "at most " + MAX_RULES + " rules, found " + list.size()));
    } else {
      for (int i = 0; i < list.size(); i++) {
        Object id = list.get(i) instanceof Map<?, ?> m ? m.get("id") : null;
        if (id instanceof String s && !ids.add(s)) {
          problems.add(new Problem("rules[" + i + "].id", "duplicate rule id '" + PolicyChecks.clip(s) + "'"));
        }
        PolicyRule r = rule(list.get(i), "rules[" + i + "]", problems);
        if (r != null) {
          rules.add(r);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new TemplatePolicyException(source, problems);
    }
    return rules;
  }

  private static PolicyRule rule(Object o, String path, List<Problem> problems) {
    if (!(o instanceof Map<?, ?> m)) {
      problems.add(new Problem(path, "a rule must be an object"));
      return null;
    }
    int before = problems.size();
    unknownKeys(m, RULE, path, problems);
    String id = string(m, "id", path, true, problems);
    PolicyEvent.Kind on = null;
    String onRaw = string(m, "on", path, true, problems);
    if (onRaw != null) {
      try {
        on = PolicyEvent.Kind.valueOf(onRaw.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(path + ".on", "unknown event '" + PolicyChecks.clip(onRaw)
            + "'; expected TICKET_SOLVED, REPLY_WINDOW_CLOSED, TICKET_STATUS or TICKET_TAG"));
      }
    }
    String status = string(m, "status", path, false, problems);
    String tag = string(m, "tag", path, false, problems);
    Set<String> unless = strings(m.get("unless_tags"), path + ".unless_tags", problems);
    String name = null;
    String language = null;
    Set<String> alsoIn = Set.of();
    Object t = m.get("template");
    if (!(t instanceof Map<?, ?> tm)) {
      problems.add(new Problem(path + ".template", t == null ? "missing: {\"name\", \"language\"}"
          : "must be an object {\"name\", \"language\"}"));
    } else {
      unknownKeys(tm, TEMPLATE, path + ".template", problems);
      name = string(tm, "name", path + ".template", true, problems);
      language = string(tm, "language", path + ".template", true, problems);
      alsoIn = strings(tm.get("also_in"), path + ".template.also_in", problems);
    }
    // The head is checked whatever else is wrong; a field that failed to parse already has its problem.
    List<Problem> head = new ArrayList<>();
    PolicyChecks.checkHead(id, on, status, tag, name, language, alsoIn, path, head);
    for (Problem p : head) {
      if (problems.subList(before, problems.size()).stream().noneMatch(q -> q.path().equals(p.path()))) {
        problems.add(p);
      }
    }
    int afterHead = problems.size();
    List<PolicyParam> header = params(m.get("header"), path + ".header", problems);
    List<PolicyParam> body = params(m.get("body"), path + ".body", problems);
    Media media = media(m.get("header_media"), path + ".header_media", problems);
    List<PolicyRule.ButtonFill> buttons = buttons(m.get("buttons"), path + ".buttons", problems);
    if (problems.size() == afterHead) {
      // Cross-field checks need every part parsed: a dropped parameter would shift the indexes.
      PolicyChecks.checkParts(on, header, media, body, buttons, path, problems);
    }
    if (problems.size() != before) {
      return null;
    }
    return new PolicyRule(id, on, status, tag, unless, name, language, alsoIn, header, media, body, buttons);
  }

  private static List<PolicyParam> params(Object o, String path, List<Problem> problems) {
    List<PolicyParam> out = new ArrayList<>();
    if (o == null) {
      return out;
    }
    if (!(o instanceof List<?> list)) {
      problems.add(new Problem(path, "must be a list of parameters"));
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      PolicyParam p = param(list.get(i), path + "[" + i + "]", problems);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private static PolicyParam param(Object o, String path, List<Problem> problems) {
    if (o instanceof String s) {
      if (s.isBlank()) {
        problems.add(new Problem(path, "a literal value cannot be blank"));
        return null;
      }
      return PolicyParam.literal(s);
    }
    if (!(o instanceof Map<?, ?> m)) {
      problems.add(new Problem(path, "a parameter is a string (a literal) or an object {\"source\": ...}"));
      return null;
    }
    int before = problems.size();
    unknownKeys(m, PARAM, path, problems);
    String src = string(m, "source", path, true, problems);
    PolicyParam.Source source = null;
    if (src != null) {
      try {
        source = PolicyParam.Source.valueOf(src.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(path + ".source", "unknown source '" + PolicyChecks.clip(src) + "'; expected one of "
            + sources()));
      }
    }
    String value = string(m, "value", path, false, problems);
    String key = string(m, "key", path, false, problems);
    String name = string(m, "name", path, false, problems);
    String fallback = string(m, "fallback", path, false, problems);
    int max = TemplateLimits.BODY_MAX;
    Object ml = m.get("max_length");
    if (ml != null) {
      if (!(ml instanceof Double d) || d != Math.rint(d) || d < 1 || d > TemplateLimits.BODY_MAX) {
        problems.add(new Problem(path + ".max_length", "must be a whole number from 1 to " + TemplateLimits.BODY_MAX));
      } else {
        max = d.intValue();
      }
    }
    if (source == PolicyParam.Source.LITERAL && value == null) {
      problems.add(new Problem(path + ".value", "a literal needs a value"));
    } else if (source != PolicyParam.Source.LITERAL && value != null) {
      problems.add(new Problem(path + ".value", "only a literal has a value; use fallback for a default"));
    }
    if (source == PolicyParam.Source.ATTRIBUTE && (key == null || key.isEmpty())) {
      problems.add(new Problem(path + ".key", "an attribute needs a key"));
    } else if (source != PolicyParam.Source.ATTRIBUTE && key != null) {
      problems.add(new Problem(path + ".key", "only an attribute has a key"));
    }
    if (problems.size() != before || source == null) {
      return null;
    }
    String k = source == PolicyParam.Source.LITERAL ? value : source == PolicyParam.Source.ATTRIBUTE ? key : null;
    return new PolicyParam(source, k, name, fallback, max);
  }

  private static String sources() {
    List<String> s = new ArrayList<>();
    for (PolicyParam.Source v : PolicyParam.Source.values()) {
      s.add(v.name().toLowerCase(Locale.ROOT));
    }
    return String.join(", ", s);
  }

  private static Media media(Object o, String path, List<Problem> problems) {
    if (o == null) {
      return null;
    }
    if (!(o instanceof Map<?, ?> m)) {
      problems.add(new Problem(path, "must be an object {\"type\", \"id\" or \"link\"}"));
      return null;
    }
    int before = problems.size();
    unknownKeys(m, MEDIA, path, problems);
    String type = string(m, "type", path, true, problems);
    String id = string(m, "id", path, false, problems);
    String link = string(m, "link", path, false, problems);
    String filename = string(m, "filename", path, false, problems);
    MediaKind kind = null;
    if (type != null) {
      try {
        kind = MediaKind.valueOf(type.strip().toUpperCase(Locale.ROOT));
        if (kind != MediaKind.IMAGE && kind != MediaKind.VIDEO && kind != MediaKind.DOCUMENT) {
          throw new IllegalArgumentException(type);
        }
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(path + ".type", "must be image, video or document, was '" + PolicyChecks.clip(type)
            + "'"));
      }
    }
    if ((id == null) == (link == null)) {
      problems.add(new Problem(path, "needs exactly one of id and link"));
    }
    if (problems.size() != before) {
      return null;
    }
    return new Media(kind, id, link, null, filename);
  }

  private static List<PolicyRule.ButtonFill> buttons(Object o, String path, List<Problem> problems) {
    List<PolicyRule.ButtonFill> out = new ArrayList<>();
    if (o == null) {
      return out;
    }
    if (!(o instanceof List<?> list)) {
      problems.add(new Problem(path, "must be a list of buttons"));
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String bp = path + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        problems.add(new Problem(bp, "a button must be an object {\"index\", \"sub_type\", \"parameters\"}"));
        continue;
      }
      int before = problems.size();
      unknownKeys(m, BUTTON, bp, problems);
      Object idx = m.get("index");
      int index = -1;
      if (!(idx instanceof Double d) || d != Math.rint(d)) {
        problems.add(new Problem(bp + ".index", idx == null ? "missing: the zero-based button index"
            : "must be a whole number"));
      } else {
        index = (int) Math.max(-1, Math.min(100, d));
      }
      String sub = string(m, "sub_type", bp, true, problems);
      List<PolicyParam> ps = params(m.get("parameters"), bp + ".parameters", problems);
      if (problems.size() == before) {
        out.add(new PolicyRule.ButtonFill(index, sub.strip().toLowerCase(Locale.ROOT), ps));
      }
    }
    return out;
  }

  private static void unknownKeys(Map<?, ?> m, Set<String> known, String path, List<Problem> problems) {
    for (Object k : m.keySet()) {
      if (!known.contains(k)) {
        problems.add(new Problem(path + "." + PolicyChecks.clip(String.valueOf(k)), "unknown key; expected one of "
            + known.stream().sorted().toList()));
      }
    }
  }

  private static String string(Map<?, ?> m, String key, String path, boolean required, List<Problem> problems) {
    Object v = m.get(key);
    if (v == null) {
      if (required) {
        problems.add(new Problem(path + "." + key, "missing"));
      }
      return null;
    }
    if (!(v instanceof String s)) {
      problems.add(new Problem(path + "." + key, "must be a string"));
      return null;
    }
    if (required && s.isBlank()) {
      problems.add(new Problem(path + "." + key, "cannot be blank"));
      return null;
    }
    return s;
  }

  private static Set<String> strings(Object o, String path, List<Problem> problems) {
    Set<String> out = new LinkedHashSet<>();
    if (o == null) {
      return out;
    }
    if (!(o instanceof List<?> list)) {
      problems.add(new Problem(path, "must be a list of strings"));
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s) || s.isBlank()) {
        problems.add(new Problem(path + "[" + i + "]", "must be a non-blank string"));
      } else {
        out.add(s);
      }
    }
    return out;
  }
}
