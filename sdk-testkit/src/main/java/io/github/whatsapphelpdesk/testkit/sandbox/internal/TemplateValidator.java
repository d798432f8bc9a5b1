package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import io.github.whatsapphelpdesk.testkit.sandbox.SandboxTemplate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta's checks on a template send: existence in that language and status (132001, 132015, 132016),
 * parameter count per component (132000) and parameter format (132012).
 */
public final class TemplateValidator {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
  private static final Set<String> MEDIA_FORMATS = Set.of("IMAGE", "VIDEO", "DOCUMENT");

  private TemplateValidator() {}

  /** Validates {@code template} (the send body's template object); returns the template's category. */
  public static String validate(Map<String, Object> template, TemplateStore store) {
    String name = Json.str(template, "name");
    Map<String, Object> language = Json.map(template, "language");
    String code = Json.str(language, "code");
    if (name == null || name.isEmpty()) {
      throw ApiFailure.of(131008, "template.name is required");
    }
    if (code == null || code.isEmpty()) {
      throw ApiFailure.of(131008, "template.language.code is required");
    }
    TemplateStore.Stored stored = store.byName(name).stream()
        .filter(s -> s.template().language().equals(code)).findFirst().orElse(null);
    if (stored == null) {
      throw ApiFailure.of(132001, "template name (" + name + ") does not exist in " + code);
    }
    SandboxTemplate t = stored.template();
    switch (t.status()) {
      case "APPROVED" -> { }
      case "PAUSED" -> throw ApiFailure.of(132015, "Template " + name + " is paused due to low quality");
      case "DISABLED" -> throw ApiFailure.of(132016, "Template " + name + " is disabled");
      default -> throw ApiFailure.of(132001, "template name (" + name + ") in " + code
          + " is not approved (status " + t.status() + ")");
    }
    boolean named = t.parameterFormat().equals("NAMED");
    List<Map<String, Object>> sent = sentComponents(template);
    for (Map<String, Object> c : stored.components()) {
      String type = String.valueOf(c.get("type")).toUpperCase(Locale.ROOT);
      if (type.equals("HEADER")) {
        checkHeader(c, find(sent, "header", null), named);
      } else if (type.equals("BODY")) {
        checkText("body", Json.str(c, "text"), find(sent, "body", null), named);
      } else if (type.equals("BUTTONS")) {
        checkButtons(c, sent, "AUTHENTICATION".equalsIgnoreCase(t.category()));
      }
    }
    for (Map<String, Object> s : sent) {
      String type = String.valueOf(s.get("type")).toLowerCase(Locale.ROOT);
      boolean known = stored.components().stream()
          .anyMatch(c -> String.valueOf(c.get("type")).equalsIgnoreCase(type.equals("button") ? "BUTTONS" : type));
      if (!known && !parameters(s).isEmpty()) {
        throw ApiFailure.of(132000, type + ": expected number of params (0) does not match received"
            + " number of params (" + parameters(s).size() + ")");
      }
    }
    return t.category();
  }

  private static void checkHeader(Map<String, Object> c, Map<String, Object> sent, boolean named) {
    String format = String.valueOf(c.getOrDefault("format", "TEXT")).toUpperCase(Locale.ROOT);
    if (MEDIA_FORMATS.contains(format)) {
      List<Map<String, Object>> params = sent == null ? List.of() : parameters(sent);
      if (params.size() != 1) {
        throw ApiFailure.of(132000, "header: expected number of params (1) does not match received"
            + " number of params (" + params.size() + ")");
      }
      String ptype = Json.str(params.get(0), "type");
      String expected = format.toLowerCase(Locale.ROOT);
      if (!expected.equals(ptype) || !(params.get(0).get(expected) instanceof Map<?, ?>)) {
        throw ApiFailure.of(132012, "header: parameter of type " + expected + " expected, got " + ptype);
      }
      return;
    }
    if (format.equals("TEXT")) {
      checkText("header", Json.str(c, "text"), sent, named);
    }
  }

  private static void checkText(String where, String text, Map<String, Object> sent, boolean named) {
    Set<String> placeholders = placeholders(text);
    List<Map<String, Object>> params = sent == null ? List.of() : parameters(sent);
    if (params.size() != placeholders.size()) {
      throw ApiFailure.of(132000, where + ": expected number of params (" + placeholders.size()
          + ") does not match received number of params (" + params.size() + ")");
    }
    for (Map<String, Object> p : params) {
      String pname = Json.str(p, "parameter_name");
      if (named && pname == null) {
        throw ApiFailure.of(132012, where + ": the template uses named parameters; each parameter"
            + " needs parameter_name");
      }
      if (!named && pname != null) {
        throw ApiFailure.of(132012, where + ": the template uses positional parameters; parameter_name ("
            + pname + ") is not allowed");
      }
      if (named && !placeholders.contains(pname)) {
        throw ApiFailure.of(132012, where + ": parameter_name (" + pname + ") is not a parameter of"
            + " the template");
      }
      checkValue(where, p);
    }
  }

  private static void checkValue(String where, Map<String, Object> p) {
    String type = Json.str(p, "type");
    if (type == null) {
      throw ApiFailure.of(132012, where + ": parameter type is required");
    }
    switch (type) {
      case "text" -> {
        if (!(p.get("text") instanceof String s) || s.isEmpty()) {
          throw ApiFailure.of(132012, where + ": text parameter needs a non-empty text");
        }
      }
      case "currency" -> {
        Map<String, Object> cur = Json.map(p, "currency");
        Object amount = cur == null ? null : cur.get("amount_1000");
        String code = Json.str(cur, "code");
        if (cur == null || Json.str(cur, "fallback_value") == null || code == null
            || !code.matches("[A-Z]{3}") || !(amount instanceof Number n)
            || n.doubleValue() != Math.rint(n.doubleValue())) {
          throw ApiFailure.of(132012, where + ": currency needs fallback_value, a 3-letter ISO code and"
              + " an integer amount_1000");
        }
      }
      case "date_time" -> {
        if (Json.str(Json.map(p, "date_time"), "fallback_value") == null) {
          throw ApiFailure.of(132012, where + ": date_time needs fallback_value");
        }
      }
      case "image", "video", "document" -> throw ApiFailure.of(132012, where + ": a " + type
          + " parameter is only allowed in a media header");
      default -> throw ApiFailure.of(132012, where + ": unsupported parameter type " + type);
    }
  }

  private static void checkButtons(Map<String, Object> c, List<Map<String, Object>> sent, boolean authentication) {
    List<Object> buttons = Json.list(c, "buttons");
    if (buttons == null) {
      return;
    }
    for (int i = 0; i < buttons.size(); i++) {
      if (!(buttons.get(i) instanceof Map<?, ?>)) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> b = (Map<String, Object>) buttons.get(i);
      String type = String.valueOf(b.get("type")).toUpperCase(Locale.ROOT);
      Map<String, Object> given = find(sent, "button", Integer.toString(i));
      int expected = type.equals("URL") ? placeholders(Json.str(b, "url")).size() : 0;
      int received = given == null ? 0 : parameters(given).size();
      // An authentication template's OTP button (created as OTP, stored as URL) is sent as sub_type url
      // with the code as a text parameter; copy_code is a coupon template's button and takes a coupon_code
      // parameter (Meta, "Copy code authentication templates"; "Coupon code templates").
      if (type.equals("OTP") || authentication && type.equals("URL")) {
        otpButton(i, given);
        continue;
      }
      if (type.equals("COPY_CODE")) {
        couponButton(i, given);
        continue;
      }
      boolean optional = type.equals("QUICK_REPLY");
      if (optional ? received > 1 : received != expected) {
        throw ApiFailure.of(132000, "button " + i + ": expected number of params (" + expected
            + ") does not match received number of params (" + received + ")");
      }
      if (given != null && type.equals("URL") && !"url".equalsIgnoreCase(String.valueOf(given.get("sub_type")))) {
        throw ApiFailure.of(131009, "button " + i + ": the template's button is a URL button; sub_type must be"
            + " url, was " + given.get("sub_type"));
      }
    }
  }

  private static void otpButton(int i, Map<String, Object> given) {
    if (given == null) {
      throw ApiFailure.of(132000, "button " + i + ": expected number of params (1) does not match received"
          + " number of params (0)");
    }
    String sub = String.valueOf(given.get("sub_type"));
    if (!"url".equalsIgnoreCase(sub)) {
      throw ApiFailure.of(131009, "button " + i + ": an authentication template's one-time password button"
          + " is sent with sub_type url, not " + sub);
    }
    List<Map<String, Object>> ps = parameters(given);
    if (ps.size() != 1) {
      throw ApiFailure.of(132000, "button " + i + ": expected number of params (1) does not match received"
          + " number of params (" + ps.size() + ")");
    }
    Object code = ps.get(0).get("text");
    if (!"text".equals(Json.str(ps.get(0), "type")) || !(code instanceof String s) || s.isEmpty()) {
      throw ApiFailure.of(132012, "button " + i + ": the one-time password must be a text parameter");
    }
    if (s.length() > 15) {
      throw ApiFailure.of(131009, "button " + i + ": the one-time password has " + s.length()
          + " characters; at most 15 are allowed");
    }
  }

  private static void couponButton(int i, Map<String, Object> given) {
    if (given == null) {
      throw ApiFailure.of(132000, "button " + i + ": expected number of params (1) does not match received"
          + " number of params (0)");
    }
    String sub = String.valueOf(given.get("sub_type"));
    if (!"copy_code".equalsIgnoreCase(sub)) {
      throw ApiFailure.of(131009, "button " + i + ": the template's button is a copy-code (coupon) button;"
          + " sub_type must be copy_code, was " + sub);
    }
    List<Map<String, Object>> ps = parameters(given);
    if (ps.size() != 1) {
      throw ApiFailure.of(132000, "button " + i + ": expected number of params (1) does not match received"
          + " number of params (" + ps.size() + ")");
    }
    Object code = ps.get(0).get("coupon_code");
    if (!"coupon_code".equals(Json.str(ps.get(0), "type")) || !(code instanceof String s) || s.isEmpty()) {
      throw ApiFailure.of(132012, "button " + i + ": a copy-code button takes a coupon_code parameter"
          + " ({\"type\":\"coupon_code\",\"coupon_code\":…}), got " + Json.str(ps.get(0), "type"));
    }
    if (s.length() > 15) {
      throw ApiFailure.of(131009, "button " + i + ": the coupon code has " + s.length()
          + " characters; at most 15 are allowed");
    }
  }

  private static Map<String, Object> find(List<Map<String, Object>> sent, String type, String index) {
    for (Map<String, Object> s : sent) {
      if (type.equalsIgnoreCase(String.valueOf(s.get("type")))
          && (index == null || index.equals(String.valueOf(s.get("index"))))) {
        return s;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> sentComponents(Map<String, Object> template) {
    List<Map<String, Object>> out = new ArrayList<>();
    List<Object> list = Json.list(template, "components");
    if (list != null) {
      for (Object o : list) {
        if (!(o instanceof Map<?, ?>)) {
          throw ApiFailure.of(131009, "template.components must be objects");
        }
        out.add((Map<String, Object>) o);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parameters(Map<String, Object> component) {
    List<Map<String, Object>> out = new ArrayList<>();
    List<Object> list = Json.list(component, "parameters");
    if (list != null) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        } else {
          throw ApiFailure.of(131009, "template parameters must be objects");
        }
      }
    }
    return out;
  }

  static Set<String> placeholders(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text != null) {
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
