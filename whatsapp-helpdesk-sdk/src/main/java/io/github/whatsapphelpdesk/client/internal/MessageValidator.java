package io.github.whatsapphelpdesk.client.internal;

import io.github.whatsapphelpdesk.client.Contact;
import io.github.whatsapphelpdesk.client.Contacts;
import io.github.whatsapphelpdesk.client.Interactive;
import io.github.whatsapphelpdesk.client.InteractiveAction;
import io.github.whatsapphelpdesk.client.Location;
import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.MessageContent;
import io.github.whatsapphelpdesk.client.Reaction;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.client.Text;
import io.github.whatsapphelpdesk.customer.Identifiers;
import io.github.whatsapphelpdesk.customer.Masking;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the documented Cloud API limits before any HTTP call and reports every violated rule at once.
 * Lengths count UTF-16 code points as Meta counts characters.
 */
public final class MessageValidator {
  public static final int TEXT_MAX = 4096;
  public static final int CAPTION_MAX = 1024;
  /**
   * Body limit of an interactive {@code list} message: 4,096 per Meta's list-message doc
   * (reference cloud-api.md §10: the send OpenAPI says 1,024 for every interactive body, the list doc 4,096).
   */
  public static final int LIST_BODY_MAX = 4096;
  /**
   * Body limit of every other interactive type (reply buttons, cta_url, flow, product, ...): 1,024, the
   * OpenAPI's {@code maxLength} and the cta_url doc. Uncertain for flow/product, where no doc page gives a
   * figure; the stricter value is kept so that a body the SDK accepts is never rejected by Meta.
   */
  public static final int INTERACTIVE_BODY_MAX = 1024;
  public static final int CTA_BODY_MAX = 1024;
  public static final int HEADER_FOOTER_MAX = 60;
  public static final int BUTTONS_MAX = 3;
  public static final int BUTTON_TITLE_MAX = 20;
  public static final int BUTTON_ID_MAX = 256;
  public static final int LIST_SECTIONS_MAX = 10;
  public static final int LIST_ROWS_MAX = 10;
  public static final int LIST_BUTTON_MAX = 20;
  public static final int ROW_TITLE_MAX = 24;
  public static final int ROW_DESCRIPTION_MAX = 72;
  public static final int ROW_ID_MAX = 200;
  public static final int SECTION_TITLE_MAX = 24;
  public static final int CTA_DISPLAY_TEXT_MAX = 20;
  public static final int CONTACTS_MAX = 5;

  private MessageValidator() {}

  /** The rule reported for an authentication template addressed by BSUID only. */
  public static final String AUTHENTICATION_NEEDS_PHONE =
      "authentication (OTP) templates need a phone number (to); Meta refuses BSUID recipients with 131062";

  /**
   * Throws a {@link ValidationException} naming every violated rule; returns when the message is valid.
   * Same as {@code validate(message, earlier, false)}: the category of a template is not part of the send
   * payload, so only what {@link #looksLikeAuthentication} recognises is checked as an OTP template.
   */
  public static void validate(Message message, List<String> earlier) {
    validate(message, earlier, false);
  }

  /**
   * Throws a {@link ValidationException} naming every violated rule; returns when the message is valid.
   *
   * <p>Addressing: a {@code recipient} must be a BSUID or parent BSUID ({@link Identifiers#isBsuid}); it is
   * checked even when {@code to} is present (and wins), so a bad value never sits in a stored message.
   * Authentication templates (one-tap, zero-tap and copy-code OTP) still require a phone number: Meta
   * answers 131062 ("Business-scoped User ID recipients are not supported for this message") for a BSUID
   * recipient (Meta's BSUID guide; https://dualhook.com/docs/contacts-bsuid-api-changes and 8x8's
   * 2026-07-21 release note https://developer.8x8.com/release-notes/2026-07-21-business-scoped-user-ids-bsuid).
   *
   * <p>The send payload does not carry a template's category: an authentication template's copy-code button
   * is sent as {@code sub_type: url} with a text parameter, like any URL button (Meta's copy-code template
   * docs). So the rule applies when {@code authenticationTemplate} is true (a caller that knows the
   * category, for example from the template registry) or when the message {@linkplain #looksLikeAuthentication
   * looks like one}; an authentication template sent by BSUID with plain URL-button parameters is caught by
   * Meta's 131062, not here.
   *
   * @param authenticationTemplate true when the caller knows the template is in the AUTHENTICATION category
   */
  public static void validate(Message message, List<String> earlier, boolean authenticationTemplate) {
    List<String> v = new ArrayList<>(earlier);
    if (message.recipient() != null && !Identifiers.isBsuid(message.recipient())) {
      v.add("recipient must be a BSUID or parent BSUID (two capital letters, a dot, letters and digits), got "
          + Masking.identifier(message.recipient()));
    }
    if (message.to() == null && message.content() instanceof TemplateMessage t
        && (authenticationTemplate || looksLikeAuthentication(t))) {
      v.add(AUTHENTICATION_NEEDS_PHONE);
    }
    check(message.content(), v);
    if (message.replyToMessageId() != null && message.replyToMessageId().isBlank()) {
      v.add("context.message_id is blank");
    }
    if (message.bizOpaqueCallbackData() != null && len(message.bizOpaqueCallbackData()) > 512) {
      v.add("biz_opaque_callback_data is " + len(message.bizOpaqueCallbackData()) + " characters; the limit is 512");
    }
    if (!v.isEmpty()) {
      throw new ValidationException("WhatsApp " + message.content().type() + " message", v);
    }
  }

  /**
   * True when a template send is recognisably an OTP template from its payload alone: a button whose
   * {@code sub_type} is {@code otp}, {@code one_tap} or {@code zero_tap} (the creation-time OTP button
   * types), or a {@code copy_code} button that carries no {@code coupon_code} parameter (a code sent the
   * wrong way: {@code copy_code} is the coupon button, and such a send also fails validation). A correct OTP
   * send ({@code sub_type: url}) is not recognisable from the payload.
   */
  public static boolean looksLikeAuthentication(TemplateMessage t) {
    for (TemplateComponent c : t.components()) {
      if (!"button".equals(c.type()) || c.subType() == null) {
        continue;
      }
      String sub = c.subType().toLowerCase(java.util.Locale.ROOT);
      if (sub.equals("otp") || sub.equals("one_tap") || sub.equals("zero_tap")) {
        return true;
      }
      if (sub.equals(TemplateComponent.COPY_CODE)
          && c.parameters().stream().noneMatch(p -> "coupon_code".equals(p.type()))) {
        return true;
      }
    }
    return false;
  }

  static int len(String s) {
    return s == null ? 0 : s.codePointCount(0, s.length());
  }

  private static void max(List<String> v, String field, String value, int max) {
    if (value != null && len(value) > max) {
      v.add(field + " is " + len(value) + " characters; the limit is " + max);
    }
  }

  private static void required(List<String> v, String field, String value) {
    if (value == null || value.isBlank()) {
      v.add(field + " is required");
    }
  }

  private static void check(MessageContent c, List<String> v) {
    if (c instanceof Text t) {
      required(v, "text.body", t.body());
      max(v, "text.body", t.body(), TEXT_MAX);
    } else if (c instanceof Media m) {
      media(m, m.type(), v);
    } else if (c instanceof Location l) {
      if (!(l.latitude() >= -90 && l.latitude() <= 90)) {
        v.add("location.latitude " + l.latitude() + " is outside -90..90");
      }
      if (!(l.longitude() >= -180 && l.longitude() <= 180)) {
        v.add("location.longitude " + l.longitude() + " is outside -180..180");
      }
    } else if (c instanceof Contacts cs) {
      if (cs.contacts().isEmpty() || cs.contacts().size() > CONTACTS_MAX) {
        v.add("contacts has " + cs.contacts().size() + " entries; 1 to " + CONTACTS_MAX + " are allowed");
      }
      for (int i = 0; i < cs.contacts().size(); i++) {
        Contact ct = cs.contacts().get(i);
        required(v, "contacts[" + i + "].name.formatted_name", ct.name().formattedName());
      }
    } else if (c instanceof Reaction r) {
      required(v, "reaction.message_id", r.messageId());
    } else if (c instanceof Interactive i) {
      interactive(i, v);
    } else if (c instanceof TemplateMessage t) {
      template(t, v);
    }
  }

  private static void media(Media m, String prefix, List<String> v) {
    if ((m.id() == null) == (m.link() == null)) {
      v.add(prefix + " needs exactly one of id or link");
    }
    if (m.link() != null && m.link().isBlank()) {
      v.add(prefix + ".link is blank");
    }
    if (m.caption() != null && !m.kind().allowsCaption()) {
      v.add(prefix + ".caption is not allowed for " + m.kind().apiName() + " (only image, video and document)");
    }
    max(v, prefix + ".caption", m.caption(), CAPTION_MAX);
    if (m.filename() != null && m.kind() != io.github.whatsapphelpdesk.client.MediaKind.DOCUMENT) {
      v.add(prefix + ".filename is only allowed for documents");
    }
  }

  private static void interactive(Interactive i, List<String> v) {
    InteractiveAction a = i.action();
    if (i.header() != null) {
      max(v, "interactive.header.text", i.header().text(), HEADER_FOOTER_MAX);
      if (i.header().media() != null) {
        Media hm = i.header().media();
        if (hm.kind() == io.github.whatsapphelpdesk.client.MediaKind.AUDIO
            || hm.kind() == io.github.whatsapphelpdesk.client.MediaKind.STICKER) {
          v.add("interactive.header supports text, image, video or document, not " + hm.kind().apiName());
        }
        media(hm, "interactive.header." + hm.kind().apiName(), v);
      }
    }
    max(v, "interactive.footer.text", i.footer(), HEADER_FOOTER_MAX);
    boolean bodyOptional = a instanceof InteractiveAction.Product || a instanceof InteractiveAction.Raw;
    if (!bodyOptional) {
      required(v, "interactive.body.text", i.body());
    }
    max(v, "interactive.body.text", i.body(), a instanceof InteractiveAction.ListAction ? LIST_BODY_MAX : INTERACTIVE_BODY_MAX);
    if (a instanceof InteractiveAction.ReplyButtons rb) {
      if (rb.buttons().isEmpty() || rb.buttons().size() > BUTTONS_MAX) {
        v.add("interactive.action.buttons has " + rb.buttons().size() + " buttons; 1 to " + BUTTONS_MAX + " are allowed");
      }
      Set<String> ids = new HashSet<>();
      for (int k = 0; k < rb.buttons().size(); k++) {
        var b = rb.buttons().get(k);
        String f = "interactive.action.buttons[" + k + "]";
        required(v, f + ".reply.id", b.id());
        required(v, f + ".reply.title", b.title());
        max(v, f + ".reply.title", b.title(), BUTTON_TITLE_MAX);
        max(v, f + ".reply.id", b.id(), BUTTON_ID_MAX);
        if (!ids.add(b.id())) {
          v.add(f + ".reply.id '" + b.id() + "' is not unique");
        }
      }
    } else if (a instanceof InteractiveAction.ListAction l) {
      required(v, "interactive.action.button", l.button());
      max(v, "interactive.action.button", l.button(), LIST_BUTTON_MAX);
      if (l.sections().isEmpty() || l.sections().size() > LIST_SECTIONS_MAX) {
        v.add("interactive.action.sections has " + l.sections().size() + " sections; 1 to " + LIST_SECTIONS_MAX + " are allowed");
      }
      int rows = 0;
      Set<String> ids = new HashSet<>();
      for (int s = 0; s < l.sections().size(); s++) {
        var sec = l.sections().get(s);
        String sf = "interactive.action.sections[" + s + "]";
        if (l.sections().size() > 1) {
          required(v, sf + ".title (required when there are several sections)", sec.title());
        }
        max(v, sf + ".title", sec.title(), SECTION_TITLE_MAX);
        if (sec.rows().isEmpty()) {
          v.add(sf + ".rows is empty");
        }
        for (int r = 0; r < sec.rows().size(); r++) {
          rows++;
          var row = sec.rows().get(r);
          String rf = sf + ".rows[" + r + "]";
          required(v, rf + ".id", row.id());
          required(v, rf + ".title", row.title());
          max(v, rf + ".id", row.id(), ROW_ID_MAX);
          max(v, rf + ".title", row.title(), ROW_TITLE_MAX);
          max(v, rf + ".description", row.description(), ROW_DESCRIPTION_MAX);
          if (!ids.add(row.id())) {
            v.add(rf + ".id '" + row.id() + "' is not unique");
          }
        }
      }
      if (rows > LIST_ROWS_MAX) {
        v.add("interactive.action.sections have " + rows + " rows in total; the limit is " + LIST_ROWS_MAX);
      }
    } else if (a instanceof InteractiveAction.CtaUrl cta) {
      required(v, "interactive.action.parameters.display_text", cta.displayText());
      max(v, "interactive.action.parameters.display_text", cta.displayText(), CTA_DISPLAY_TEXT_MAX);
      if (!(cta.url().startsWith("https://") || cta.url().startsWith("http://"))) {
        v.add("interactive.action.parameters.url must be an http(s) URL");
      }
    } else if (a instanceof InteractiveAction.Flow f) {
      if ((f.flowId() == null) == (f.flowName() == null)) {
        v.add("interactive.action.parameters needs exactly one of flow_id or flow_name");
      }
      max(v, "interactive.action.parameters.flow_cta", f.flowCta(), 30);
    } else if (a instanceof InteractiveAction.ProductList pl) {
      if (i.header() == null || i.header().text() == null) {
        v.add("interactive.header of type text is required for product_list");
      }
      if (pl.sections().isEmpty() || pl.sections().size() > LIST_SECTIONS_MAX) {
        v.add("interactive.action.sections has " + pl.sections().size() + " sections; 1 to " + LIST_SECTIONS_MAX + " are allowed");
      }
      int items = pl.sections().stream().mapToInt(s -> s.productRetailerIds().size()).sum();
      if (items > 30) {
        v.add("interactive.action.sections have " + items + " products in total; the limit is 30");
      }
    }
  }

  private static void template(TemplateMessage t, List<String> v) {
    required(v, "template.name", t.name());
    max(v, "template.name", t.name(), 512);
    required(v, "template.language.code", t.languageCode());
    for (int k = 0; k < t.components().size(); k++) {
      TemplateComponent c = t.components().get(k);
      String f = "template.components[" + k + "]";
      if (!List.of("header", "body", "button").contains(c.type())) {
        v.add(f + ".type '" + c.type() + "' is not header, body or button");
      }
      if ("button".equals(c.type()) && (c.subType() == null || c.index() == null)) {
        v.add(f + " is a button and needs sub_type and index");
      }
      if (c.index() != null && (c.index() < 0 || c.index() > 9)) {
        v.add(f + ".index " + c.index() + " is outside 0..9");
      }
      // copy_code is the coupon button of a marketing template: one {"type":"coupon_code"} parameter. An
      // authentication template's copy-code (OTP) button is sent as sub_type url with a text parameter
      // (Meta, "Copy code authentication templates" and "Coupon code templates").
      if ("button".equals(c.type()) && TemplateComponent.COPY_CODE.equalsIgnoreCase(c.subType())
          && (c.parameters().size() != 1 || !"coupon_code".equals(c.parameters().get(0).type()))) {
        v.add(f + " is a copy_code (coupon) button: it takes one coupon_code parameter"
            + " (TemplateParameter.couponCode); an OTP code goes in a url button (TemplateComponent.otpButton)");
      }
      long named = c.parameters().stream().filter(p -> p.parameterName() != null).count();
      if (named != 0 && named != c.parameters().size()) {
        v.add(f + " mixes named and positional parameters");
      }
      for (int p = 0; p < c.parameters().size(); p++) {
        TemplateParameter tp = c.parameters().get(p);
        if (tp.value() instanceof Media m) {
          media(m, f + ".parameters[" + p + "]." + tp.type(), v);
          if (m.caption() != null) {
            v.add(f + ".parameters[" + p + "]." + tp.type() + ".caption is not allowed in templates");
          }
        }
      }
    }
  }
}
