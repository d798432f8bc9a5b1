package io.github.whatsapphelpdesk.template.internal;

import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.MediaKind;
import io.github.whatsapphelpdesk.error.TemplatePolicyException.Problem;
import io.github.whatsapphelpdesk.template.PolicyEvent;
import io.github.whatsapphelpdesk.template.PolicyParam;
import io.github.whatsapphelpdesk.template.PolicyRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks of a {@link PolicyRule}, shared by the builder and the JSON loader. */
public final class PolicyChecks {
  private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z0-9]{2,4})?");
  /** The button sub types a rule can fill from text values. */
  public static final Set<String> BUTTON_SUB_TYPES = Set.of("url", "quick_reply", "copy_code");

  private PolicyChecks() {}

  /** Adds a problem for every invalid field of a rule; {@code path} prefixes each problem. */
  public static void checkRuleFields(
      String id, PolicyEvent.Kind on, String status, String tag, String templateName, String language,
      Set<String> alsoIn, List<PolicyParam> header, Media headerMedia, List<PolicyParam> body,
      List<PolicyRule.ButtonFill> buttons, String path, List<Problem> out) {
    checkHead(id, on, status, tag, templateName, language, alsoIn, path, out);
    checkParts(on, header, headerMedia, body, buttons, path, out);
  }

  /** Checks the id, the trigger and the template of a rule. */
  public static void checkHead(
      String id, PolicyEvent.Kind on, String status, String tag, String templateName, String language,
      Set<String> alsoIn, String path, List<Problem> out) {
    if (id == null || !RULE_ID.matcher(id).matches()) {
      out.add(new Problem(path + ".id", "a rule id must be 1 to 64 letters, digits or _ . : -"));
    }
    if (on == null) {
      out.add(new Problem(path + ".on", "the rule needs an event: TICKET_SOLVED, REPLY_WINDOW_CLOSED, TICKET_STATUS"
          + " or TICKET_TAG"));
    } else if (on == PolicyEvent.Kind.TICKET_STATUS && blank(status)) {
      out.add(new Problem(path + ".status", "a TICKET_STATUS rule needs the status to match"));
    } else if (on == PolicyEvent.Kind.TICKET_TAG && blank(tag)) {
      out.add(new Problem(path + ".tag", "a TICKET_TAG rule needs the tag to match"));
    }
    if (templateName == null || !TEMPLATE_NAME.matcher(templateName).matches()) {
      out.add(new Problem(path + ".template.name", "a template name is 1 to 512 lower-case letters, digits or"
          + " underscores" + (templateName == null ? " (missing)" : ", was '" + clip(templateName) + "'")));
    }
    if (language == null || !LANGUAGE.matcher(language).matches()) {
      out.add(new Problem(path + ".template.language", "a language code looks like en or en_US"
          + (language == null ? " (missing)" : ", was '" + clip(language) + "'")));
    }
    for (String l : alsoIn) {
      if (l == null || !LANGUAGE.matcher(l).matches()) {
        out.add(new Problem(path + ".template.also_in", "a language code looks like en or en_US, was '" + clip(l) + "'"));
      } else if (l.equals(language)) {
        out.add(new Problem(path + ".template.also_in", "'" + l + "' is already the rule's language"));
      }
    }
  }

  /** Checks the parameters of a rule's header, body and buttons. */
  public static void checkParts(
      PolicyEvent.Kind on, List<PolicyParam> header, Media headerMedia, List<PolicyParam> body,
      List<PolicyRule.ButtonFill> buttons, String path, List<Problem> out) {
    if (header.size() > 1) {
      out.add(new Problem(path + ".header", "a text header has at most 1 variable; " + header.size() + " were given"));
    }
    if (headerMedia != null) {
      if (!header.isEmpty()) {
        out.add(new Problem(path + ".header", "a header is either text parameters or media, not both"));
      }
      if (headerMedia.kind() != MediaKind.IMAGE && headerMedia.kind() != MediaKind.VIDEO
          && headerMedia.kind() != MediaKind.DOCUMENT) {
        out.add(new Problem(path + ".header_media", "header media must be an image, video or document, not "
            + headerMedia.kind().apiName()));
      }
      if ((headerMedia.id() == null) == (headerMedia.link() == null)) {
        out.add(new Problem(path + ".header_media", "header media needs exactly one of id and link"));
      }
      if (headerMedia.caption() != null) {
        out.add(new Problem(path + ".header_media", "template header media cannot have a caption"));
      }
    }
    params(header, on, path + ".header", out);
    params(body, on, path + ".body", out);
    Set<Integer> indexes = new HashSet<>();
    for (int i = 0; i < buttons.size(); i++) {
      PolicyRule.ButtonFill b = buttons.get(i);
      String bp = path + ".buttons[" + i + "]";
      if (b.index() < 0 || b.index() > 9) {
        out.add(new Problem(bp + ".index", "a button index is 0 to 9, was " + b.index()));
      } else if (!indexes.add(b.index())) {
        out.add(new Problem(bp + ".index", "button index " + b.index() + " is given twice"));
      }
      if (!BUTTON_SUB_TYPES.contains(b.subType())) {
        out.add(new Problem(bp + ".sub_type", "a rule can fill url, quick_reply or copy_code buttons, not '"
            + clip(b.subType()) + "'"));
      }
      if (b.parameters().size() != 1) {
        out.add(new Problem(bp + ".parameters", "a button takes exactly 1 parameter; " + b.parameters().size()
            + " were given"));
      }
      params(b.parameters(), on, bp, out);
    }
  }

  private static void params(List<PolicyParam> params, PolicyEvent.Kind on, String path, List<Problem> out) {
    long named = params.stream().filter(p -> p.name() != null).count();
    if (named != 0 && named != params.size()) {
      out.add(new Problem(path, "either every parameter has a name (named templates) or none has"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < params.size(); i++) {
      PolicyParam p = params.get(i);
      String pp = path + "[" + i + "]";
      if (p.name() != null && !names.add(p.name())) {
        out.add(new Problem(pp + ".name", "parameter name '" + clip(p.name()) + "' is used twice"));
      }
      if (p.name() != null && !Pattern.matches("[a-z0-9_]{1,64}", p.name())) {
        out.add(new Problem(pp + ".name", "a parameter name is lower-case letters, digits and underscores, was '"
            + clip(p.name()) + "'"));
      }
      if (p.source() == PolicyParam.Source.AGENT_TEXT && on != null && on != PolicyEvent.Kind.REPLY_WINDOW_CLOSED
          && p.fallback() == null) {
        out.add(new Problem(pp + ".source", "agent_text is only set on REPLY_WINDOW_CLOSED events; give a fallback"));
      }
      if (p.source() == PolicyParam.Source.TAG && on != null && on != PolicyEvent.Kind.TICKET_TAG
          && p.fallback() == null) {
        out.add(new Problem(pp + ".source", "tag is only set on TICKET_TAG events; give a fallback"));
      }
      if (p.source() == PolicyParam.Source.LITERAL && ParamText.sanitize(p.key()).isEmpty()) {
        out.add(new Problem(pp + ".value", "a literal value cannot be blank"));
      }
      if (p.fallback() != null && ParamText.sanitize(p.fallback()).isEmpty()) {
        out.add(new Problem(pp + ".fallback", "a fallback cannot be blank"));
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static String clip(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
