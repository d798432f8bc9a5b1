package io.github.whatsapphelpdesk.template.internal;

import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.BUTTON;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.CURRENCY;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.DATE_TIME;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.HEADER_MEDIA;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.PARAMETER_COUNT;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.PARAMETER_FORMAT;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.TEXT_CHARACTERS;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.TEXT_LENGTH;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.UNEXPECTED_COMPONENT;

import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.error.TemplateProblem;
import io.github.whatsapphelpdesk.template.Button;
import io.github.whatsapphelpdesk.template.ButtonType;
import io.github.whatsapphelpdesk.template.Component;
import io.github.whatsapphelpdesk.template.ComponentType;
import io.github.whatsapphelpdesk.template.HeaderFormat;
import io.github.whatsapphelpdesk.template.MessageTemplate;
import io.github.whatsapphelpdesk.template.ParameterFormat;
import io.github.whatsapphelpdesk.template.RenderedButton;
import io.github.whatsapphelpdesk.template.RenderedTemplate;
import io.github.whatsapphelpdesk.template.TemplateLimits;
import io.github.whatsapphelpdesk.template.TemplateStatus;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link TemplateMessage} against its {@link MessageTemplate} and renders it. Stateless; every
 * method is thread-safe.
 */
public final class TemplateChecker {
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
  private static final Set<String> TEXT_TYPES = Set.of("text", "currency", "date_time");
  private static final Set<String> CALENDARS = Set.of("GREGORIAN", "SOLAR_HIJRI");

  private TemplateChecker() {}

  /** The problem for a template that is not APPROVED, or null when it is. */
  public static TemplateProblem statusProblem(MessageTemplate t, String reason) {
    if (t.status() == TemplateStatus.APPROVED) {
      return null;
    }
    String why = reason == null || reason.isBlank() || "NONE".equalsIgnoreCase(reason) ? "" : " (reason: " + reason + ")";
    String what = "template '" + t.name() + "' (" + t.language() + ") is " + t.status() + why;
    return switch (t.status()) {
      case PAUSED -> TemplateProblem.of(TemplateProblem.Kind.PAUSED, "template",
          what + "; Meta paused it for low quality, it cannot be sent until it is unpaused");
      case DISABLED -> TemplateProblem.of(TemplateProblem.Kind.DISABLED, "template",
          what + "; it cannot be sent again");
      case PENDING -> TemplateProblem.of(TemplateProblem.Kind.NOT_APPROVED, "template",
          what + "; it is still in review and can be sent once APPROVED");
      default -> TemplateProblem.of(TemplateProblem.Kind.NOT_APPROVED, "template",
          what + "; only APPROVED templates can be sent");
    };
  }

  /** Every parameter problem of {@code m} against {@code t} (not the status). */
  public static List<TemplateProblem> check(MessageTemplate t, TemplateMessage m) {
    List<TemplateProblem> out = new ArrayList<>();
    bind(t, m, out);
    return out;
  }

  /** Renders {@code m} with {@code t}; call only after {@link #check} found nothing. */
  public static RenderedTemplate render(MessageTemplate t, TemplateMessage m) {
    Binding b = bind(t, m, new ArrayList<>());
    Component header = t.component(ComponentType.HEADER).orElse(null);
    String headerText = null;
    RenderedTemplate.HeaderMedia media = null;
    if (header != null && header.format() == HeaderFormat.TEXT) {
      headerText = Placeholders.substitute(header.text(), b.header);
    } else if (header != null && header.format() != null && header.format() != HeaderFormat.UNKNOWN) {
      media = b.headerMedia != null ? b.headerMedia : new RenderedTemplate.HeaderMedia(header.format(), null, null, null);
    }
    String body = t.component(ComponentType.BODY).map(c -> Placeholders.substitute(c.text(), b.body)).orElse("");
    String footer = t.component(ComponentType.FOOTER).map(Component::text).orElse(null);
    List<RenderedButton> buttons = new ArrayList<>();
    List<Button> defs = buttons(t);
    for (int i = 0; i < defs.size(); i++) {
      Button d = defs.get(i);
      String value = b.buttonValues.get(i);
      String url = d.url() == null ? null : Placeholders.substitute(d.url(), value == null ? Map.of() : Map.of("1", value));
      buttons.add(new RenderedButton(i, d.type(), d.text(), url, d.phoneNumber(),
          d.type() == ButtonType.URL ? null : value));
    }
    return new RenderedTemplate(t.name(), t.language(), t.category(), headerText, media, body, footer, buttons);
  }

  private static List<Button> buttons(MessageTemplate t) {
    return t.component(ComponentType.BUTTONS).map(Component::buttons).orElse(List.of());
  }

  /** The values bound to a template's variables. */
  private static final class Binding {
    final Map<String, String> header = new HashMap<>();
    final Map<String, String> body = new HashMap<>();
    RenderedTemplate.HeaderMedia headerMedia;
    final Map<Integer, String> buttonValues = new HashMap<>();
  }

  private static Binding bind(MessageTemplate t, TemplateMessage m, List<TemplateProblem> out) {
    Binding b = new Binding();
    TemplateComponent header = null;
    TemplateComponent body = null;
    Map<Integer, TemplateComponent> buttonComps = new LinkedHashMap<>();
    for (int k = 0; k < m.components().size(); k++) {
      TemplateComponent c = m.components().get(k);
      String type = c.type().toLowerCase(Locale.ROOT);
      switch (type) {
        case "header" -> {
          if (header != null) {
            out.add(TemplateProblem.of(UNEXPECTED_COMPONENT, "components[" + k + "]", "the header component is given twice"));
          } else {
            header = c;
          }
        }
        case "body" -> {
          if (body != null) {
            out.add(TemplateProblem.of(UNEXPECTED_COMPONENT, "components[" + k + "]", "the body component is given twice"));
          } else {
            body = c;
          }
        }
        case "button" -> {
          if (c.index() == null) {
            out.add(TemplateProblem.of(BUTTON, "components[" + k + "]", "a button component needs an index"));
          } else if (buttonComps.containsKey(c.index())) {
            out.add(TemplateProblem.of(BUTTON, "button[" + c.index() + "]", "button index " + c.index() + " is given twice"));
          } else {
            buttonComps.put(c.index(), c);
          }
        }
        default -> out.add(TemplateProblem.of(UNEXPECTED_COMPONENT, "components[" + k + "]",
            "component type '" + c.type() + "' is not header, body or button"));
      }
    }
    ParameterFormat format = t.parameterFormat();
    checkHeader(t, header, format, b, out);
    Component bodyDef = t.component(ComponentType.BODY).orElse(null);
    if (bodyDef == null) {
      if (body != null && !body.parameters().isEmpty()) {
        out.add(TemplateProblem.of(UNEXPECTED_COMPONENT, "body", "the template has no body, but body parameters were given"));
      }
    } else {
      textComponent("body", bodyDef.text(), body, format, TemplateLimits.BODY_MAX, b.body, out);
    }
    checkButtons(t, buttonComps, b, out);
    return b;
  }

  private static void checkHeader(
      MessageTemplate t, TemplateComponent header, ParameterFormat format, Binding b, List<TemplateProblem> out) {
    Component def = t.component(ComponentType.HEADER).orElse(null);
    if (def == null) {
      if (header != null && !header.parameters().isEmpty()) {
        out.add(TemplateProblem.of(UNEXPECTED_COMPONENT, "header",
            "the template has no header, but header parameters were given"));
      }
      return;
    }
    HeaderFormat hf = def.format() == null ? HeaderFormat.TEXT : def.format();
    switch (hf) {
      case TEXT -> textComponent("header", def.text(), header, format, TemplateLimits.HEADER_TEXT_MAX, b.header, out);
      case IMAGE, VIDEO, DOCUMENT, LOCATION -> {
        String expected = hf.name().toLowerCase(Locale.ROOT);
        if (header == null || header.parameters().isEmpty()) {
          out.add(TemplateProblem.of(HEADER_MEDIA, "header", "the template has " + article(hf) + " " + hf
              + " header: add a header component with one " + expected + " parameter"));
          return;
        }
        if (header.parameters().size() != 1) {
          out.add(TemplateProblem.of(PARAMETER_COUNT, "header", "the " + hf + " header takes 1 parameter, "
              + header.parameters().size() + " were given"));
        }
        TemplateParameter p = header.parameters().get(0);
        if (!expected.equals(p.type())) {
          out.add(TemplateProblem.of(HEADER_MEDIA, "header.parameters[0]", "the template has " + article(hf) + " "
              + hf + " header, but the parameter is " + article(p.type()) + " " + p.type()));
        } else if (p.value() instanceof Media md) {
          b.headerMedia = new RenderedTemplate.HeaderMedia(hf, md.id(), md.link(), md.filename());
          if (md.caption() != null) {
            out.add(TemplateProblem.of(HEADER_MEDIA, "header.parameters[0]", "template header media cannot have a caption"));
          }
        } else if (hf == HeaderFormat.LOCATION) {
          b.headerMedia = new RenderedTemplate.HeaderMedia(hf, null, null, null);
        }
      }
      default -> {
        // A header format this SDK does not know: leave it to Meta.
      }
    }
  }

  private static String article(Object o) {
    String s = String.valueOf(o).toLowerCase(Locale.ROOT);
    return !s.isEmpty() && "aeiou".indexOf(s.charAt(0)) >= 0 ? "an" : "a";
  }

  /** Checks and binds the parameters of a text header or body. */
  private static void textComponent(
      String where, String text, TemplateComponent given, ParameterFormat format, int maxHydrated,
      Map<String, String> values, List<TemplateProblem> out) {
    List<String> vars = Placeholders.variables(text);
    List<TemplateParameter> params = given == null ? List.of() : given.parameters();
    boolean named = format == ParameterFormat.NAMED
        || (format == ParameterFormat.UNKNOWN && !vars.isEmpty() && !Placeholders.isNumber(vars.get(0)));
    int before = out.size();
    for (int i = 0; i < params.size(); i++) {
      TemplateParameter p = params.get(i);
      String path = where + ".parameters[" + i + "]";
      if (!TEXT_TYPES.contains(p.type())) {
        out.add(TemplateProblem.of(PARAMETER_FORMAT, path, "a " + where + " parameter must be text, currency or "
            + "date_time, not " + p.type()));
        continue;
      }
      parameterValue(p, path, out);
    }
    if (named) {
      namedParameters(where, vars, params, values, out);
    } else {
      positionalParameters(where, vars, params, values, out);
    }
    if (out.size() == before && text != null) {
      String hydrated = Placeholders.substitute(text, values);
      if (hydrated.length() > maxHydrated) {
        out.add(TemplateProblem.of(TEXT_LENGTH, where, "the " + where + " would have " + hydrated.length()
            + " characters with its parameters; at most " + maxHydrated + " are allowed"));
      }
    }
  }

  private static void positionalParameters(
      String where, List<String> vars, List<TemplateParameter> params, Map<String, String> values,
      List<TemplateProblem> out) {
    int expected = Placeholders.positionalCount(vars);
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).parameterName() != null) {
        out.add(TemplateProblem.of(PARAMETER_FORMAT, where + ".parameters[" + i + "]",
            "the template uses positional parameters ({{1}}, {{2}}...); remove parameter_name '"
                + params.get(i).parameterName() + "'"));
      }
    }
    if (params.size() != expected) {
      out.add(TemplateProblem.of(PARAMETER_COUNT, where, "the " + where + " has " + expected + " variable"
          + (expected == 1 ? "" : "s") + " but " + params.size() + " parameter" + (params.size() == 1 ? " was" : "s were")
          + " given"));
    }
    for (int i = 0; i < Math.min(expected, params.size()); i++) {
      values.put(String.valueOf(i + 1), display(params.get(i)));
    }
  }

  private static void namedParameters(
      String where, List<String> vars, List<TemplateParameter> params, Map<String, String> values,
      List<TemplateProblem> out) {
    for (int i = 0; i < params.size(); i++) {
      TemplateParameter p = params.get(i);
      String path = where + ".parameters[" + i + "]";
      if (p.parameterName() == null) {
        out.add(TemplateProblem.of(PARAMETER_FORMAT, path,
            "the template uses named parameters; give each one its parameter_name (expected " + vars + ")"));
      } else if (!vars.contains(p.parameterName())) {
        out.add(TemplateProblem.of(PARAMETER_FORMAT, path, "the " + where + " has no variable {{"
            + p.parameterName() + "}} (expected " + vars + ")"));
      } else if (values.containsKey(p.parameterName())) {
        out.add(TemplateProblem.of(PARAMETER_FORMAT, path, "parameter '" + p.parameterName() + "' is given twice"));
      } else {
        values.put(p.parameterName(), display(p));
      }
    }
    for (String v : vars) {
      if (!values.containsKey(v)) {
        out.add(TemplateProblem.of(PARAMETER_COUNT, where, "the " + where + " needs parameter '" + v + "'"));
      }
    }
  }

  /** What the customer sees for a parameter. */
  private static String display(TemplateParameter p) {
    Object v = p.value();
    if (v instanceof Map<?, ?> map) {
      Object fb = map.get("fallback_value");
      return fb == null ? "" : String.valueOf(fb);
    }
    return String.valueOf(v);
  }

  private static void parameterValue(TemplateParameter p, String path, List<TemplateProblem> out) {
    switch (p.type()) {
      case "text" -> textValue(String.valueOf(p.value()), path, TemplateLimits.PARAMETER_TEXT_MAX, out);
      case "currency" -> currency(p.value(), path, out);
      case "date_time" -> dateTime(p.value(), path, out);
      default -> {
        // Other types are checked where they are allowed.
      }
    }
  }

  /** Meta's rule for text parameters: not empty, no new line or tab, no more than 4 consecutive spaces. */
  static void textValue(String s, String path, int max, List<TemplateProblem> out) {
    if (s.isBlank()) {
      out.add(TemplateProblem.of(TEXT_CHARACTERS, path, "a text parameter cannot be empty"));
      return;
    }
    if (s.length() > max) {
      out.add(new TemplateProblem(TEXT_LENGTH, 100, path, "the parameter has " + s.length()
          + " characters; at most " + max + " are allowed"));
    }
    int spaces = 0;
    boolean reportedSpaces = false;
    boolean reportedControl = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c == '\n' || c == '\r' || c == '\t') && !reportedControl) {
        out.add(TemplateProblem.of(TEXT_CHARACTERS, path, "a text parameter cannot contain new lines or tabs"));
        reportedControl = true;
      }
      spaces = c == ' ' ? spaces + 1 : 0;
      if (spaces > TemplateLimits.MAX_CONSECUTIVE_SPACES && !reportedSpaces) {
        out.add(TemplateProblem.of(TEXT_CHARACTERS, path, "a text parameter cannot contain more than "
            + TemplateLimits.MAX_CONSECUTIVE_SPACES + " consecutive spaces"));
        reportedSpaces = true;
      }
    }
  }

  private static void currency(Object value, String path, List<TemplateProblem> out) {
    if (!(value instanceof Map<?, ?> m)) {
      out.add(TemplateProblem.of(CURRENCY, path, "a currency needs fallback_value, code and amount_1000"));
      return;
    }
    Object fb = m.get("fallback_value");
    if (!(fb instanceof String s) || s.isBlank()) {
      out.add(TemplateProblem.of(CURRENCY, path + ".fallback_value", "a currency needs a non-empty fallback_value"));
    } else {
      textValue(s, path + ".fallback_value", TemplateLimits.PARAMETER_TEXT_MAX, out);
    }
    Object code = m.get("code");
    if (!(code instanceof String c) || !CURRENCY_CODE.matcher(c).matches()) {
      out.add(TemplateProblem.of(CURRENCY, path + ".code", "code must be an ISO 4217 code of 3 upper-case letters, was "
          + quote(code)));
    }
    Object amount = m.get("amount_1000");
    if (!isInteger(amount)) {
      out.add(TemplateProblem.of(CURRENCY, path + ".amount_1000",
          "amount_1000 must be a whole number (the amount times 1000), was " + quote(amount)));
    }
    for (Object k : m.keySet()) {
      if (!Set.of("fallback_value", "code", "amount_1000").contains(k)) {
        out.add(TemplateProblem.of(CURRENCY, path + "." + k, "a currency has no field '" + k + "'"));
      }
    }
  }

  private static void dateTime(Object value, String path, List<TemplateProblem> out) {
    if (!(value instanceof Map<?, ?> m)) {
      out.add(TemplateProblem.of(DATE_TIME, path, "a date_time needs a fallback_value"));
      return;
    }
    Object fb = m.get("fallback_value");
    if (!(fb instanceof String s) || s.isBlank()) {
      out.add(TemplateProblem.of(DATE_TIME, path + ".fallback_value",
          "a date_time needs a non-empty fallback_value (the Cloud API always shows it)"));
    } else {
      textValue(s, path + ".fallback_value", TemplateLimits.PARAMETER_TEXT_MAX, out);
    }
    range(m, "year", 1, 9999, path, out);
    range(m, "month", 1, 12, path, out);
    range(m, "day_of_month", 1, 31, path, out);
    range(m, "day_of_week", 1, 7, path, out);
    range(m, "hour", 0, 23, path, out);
    range(m, "minute", 0, 59, path, out);
    Object cal = m.get("calendar");
    if (cal != null && !(cal instanceof String c && CALENDARS.contains(c))) {
      out.add(TemplateProblem.of(DATE_TIME, path + ".calendar", "calendar must be GREGORIAN or SOLAR_HIJRI, was "
          + quote(cal)));
    }
    if (isInteger(m.get("year")) && isInteger(m.get("month")) && isInteger(m.get("day_of_month"))
        && (cal == null || "GREGORIAN".equals(cal))) {
      try {
        LocalDate.of(toInt(m.get("year")), toInt(m.get("month")), toInt(m.get("day_of_month")));
      } catch (DateTimeException e) {
        out.add(TemplateProblem.of(DATE_TIME, path, "year, month and day_of_month do not form a date: "
            + e.getMessage()));
      }
    }
    for (Object k : m.keySet()) {
      if (!Set.of("fallback_value", "year", "month", "day_of_month", "day_of_week", "hour", "minute", "calendar",
          "timestamp").contains(k)) {
        out.add(TemplateProblem.of(DATE_TIME, path + "." + k, "a date_time has no field '" + k + "'"));
      }
    }
  }

  private static void range(Map<?, ?> m, String key, int min, int max, String path, List<TemplateProblem> out) {
    Object v = m.get(key);
    if (v == null) {
      return;
    }
    if (!isInteger(v) || toLong(v) < min || toLong(v) > max) {
      out.add(TemplateProblem.of(DATE_TIME, path + "." + key, key + " must be a whole number from " + min + " to "
          + max + ", was " + quote(v)));
    }
  }

  private static boolean isInteger(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return true;
    }
    if (v instanceof Double d) {
      return !d.isInfinite() && !d.isNaN() && d == Math.rint(d) && Math.abs(d) < 9.0e15;
    }
    if (v instanceof Float f) {
      return !f.isInfinite() && !f.isNaN() && f == Math.rint(f);
    }
    return false;
  }

  private static long toLong(Object v) {
    return ((Number) v).longValue();
  }

  private static int toInt(Object v) {
    long l = toLong(v);
    return l > Integer.MAX_VALUE ? Integer.MAX_VALUE : l < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) l;
  }

  private static String quote(Object o) {
    if (o == null) {
      return "absent";
    }
    String s = String.valueOf(o);
    return "'" + (s.length() > 20 ? s.substring(0, 20) + "…" : s) + "'";
  }

  // ----------------------------------------------------------------------------------------------
  // Buttons

  private static void checkButtons(
      MessageTemplate t, Map<Integer, TemplateComponent> given, Binding b, List<TemplateProblem> out) {
    List<Button> defs = buttons(t);
    for (Map.Entry<Integer, TemplateComponent> e : given.entrySet()) {
      int idx = e.getKey();
      if (idx < 0 || idx >= defs.size()) {
        out.add(TemplateProblem.of(BUTTON, "button[" + idx + "]", "the template has " + defs.size() + " button"
            + (defs.size() == 1 ? "" : "s") + "; there is no button at index " + idx));
      }
    }
    for (int i = 0; i < defs.size(); i++) {
      button(i, defs.get(i), given.get(i), b, out);
    }
  }

  private static void button(int i, Button def, TemplateComponent c, Binding b, List<TemplateProblem> out) {
    String path = "button[" + i + "]";
    ButtonType type = def.type();
    String expectedSub = switch (type) {
      case QUICK_REPLY -> "quick_reply";
      case URL, OTP -> "url";
      case COPY_CODE -> "copy_code";
      case FLOW -> "flow";
      case CATALOG -> "catalog";
      case MPM -> "mpm";
      case PHONE_NUMBER, VOICE_CALL -> null;
      case UNKNOWN -> "";
    };
    boolean dynamicUrl = type == ButtonType.URL && !Placeholders.variables(def.url()).isEmpty();
    boolean required = dynamicUrl || type == ButtonType.OTP || type == ButtonType.COPY_CODE || type == ButtonType.MPM;
    if (c == null) {
      if (required) {
        out.add(TemplateProblem.of(PARAMETER_COUNT, path, "the " + describe(type, def) + " at index " + i
            + " needs a button component (sub_type " + expectedSub + ") with one parameter"));
      }
      return;
    }
    if (type == ButtonType.UNKNOWN) {
      return;
    }
    if (expectedSub == null) {
      out.add(TemplateProblem.of(BUTTON, path, "the " + describe(type, def) + " at index " + i
          + " takes no parameters; remove its button component"));
      return;
    }
    if (c.subType() == null || !expectedSub.equalsIgnoreCase(c.subType())) {
      out.add(TemplateProblem.of(BUTTON, path, "the button at index " + i + " is " + describe(type, def)
          + ": sub_type must be " + expectedSub + ", was " + (c.subType() == null ? "absent" : c.subType())));
      return;
    }
    List<TemplateParameter> ps = c.parameters();
    switch (type) {
      case QUICK_REPLY -> {
        count(path, ps, 0, 1, out);
        types(path, ps, Set.of("payload", "text"), out);
        if (!ps.isEmpty()) {
          b.buttonValues.put(i, String.valueOf(ps.get(0).value()));
        }
      }
      case URL -> {
        if (!dynamicUrl) {
          count(path, ps, 0, 0, out);
          return;
        }
        if (count(path, ps, 1, 1, out) && types(path, ps, Set.of("text"), out)) {
          String suffix = String.valueOf(ps.get(0).value());
          textValue(suffix, path + ".parameters[0]", TemplateLimits.URL_MAX, out);
          String url = Placeholders.substitute(def.url(), Map.of("1", suffix));
          if (url.length() > TemplateLimits.URL_MAX) {
            out.add(TemplateProblem.of(TEXT_LENGTH, path, "the URL would have " + url.length()
                + " characters; at most " + TemplateLimits.URL_MAX + " are allowed"));
          }
          b.buttonValues.put(i, suffix);
        }
      }
      case OTP -> {
        if (count(path, ps, 1, 1, out) && types(path, ps, Set.of("text"), out)) {
          String code = String.valueOf(ps.get(0).value());
          textValue(code, path + ".parameters[0]", TemplateLimits.COPY_CODE_MAX, out);
          b.buttonValues.put(i, code);
        }
      }
      case COPY_CODE -> {
        if (count(path, ps, 1, 1, out) && types(path, ps, Set.of("coupon_code"), out)) {
          String code = String.valueOf(ps.get(0).value());
          textValue(code, path + ".parameters[0]", TemplateLimits.COPY_CODE_MAX, out);
          b.buttonValues.put(i, code);
        }
      }
      case FLOW, CATALOG -> {
        count(path, ps, 0, 1, out);
        types(path, ps, Set.of("action"), out);
      }
      case MPM -> {
        if (count(path, ps, 1, 1, out)) {
          types(path, ps, Set.of("action"), out);
        }
      }
      default -> {
        // PHONE_NUMBER, VOICE_CALL and UNKNOWN returned above.
      }
    }
  }

  private static String describe(ButtonType type, Button def) {
    String label = def.text() == null ? "" : " '" + def.text() + "'";
    return type.name().toLowerCase(Locale.ROOT).replace('_', '-') + " button" + label;
  }

  private static boolean count(String path, List<TemplateParameter> ps, int min, int max, List<TemplateProblem> out) {
    if (ps.size() < min || ps.size() > max) {
      String expected = min == max ? String.valueOf(min) : min + " to " + max;
      out.add(TemplateProblem.of(PARAMETER_COUNT, path, "the button takes " + expected + " parameter"
          + (max == 1 ? "" : "s") + ", " + ps.size() + " given"));
      return false;
    }
    return true;
  }

  private static boolean types(String path, List<TemplateParameter> ps, Set<String> allowed, List<TemplateProblem> out) {
    boolean ok = true;
    for (int k = 0; k < ps.size(); k++) {
      if (!allowed.contains(ps.get(k).type())) {
        out.add(TemplateProblem.of(PARAMETER_FORMAT, path + ".parameters[" + k + "]", "the button parameter must be "
            + String.join(" or ", allowed.stream().sorted().toList()) + ", not " + ps.get(k).type()));
        ok = false;
      }
    }
    return ok;
  }
}
