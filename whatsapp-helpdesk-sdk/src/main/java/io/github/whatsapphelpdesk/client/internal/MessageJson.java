package io.github.whatsapphelpdesk.client.internal;

import io.github.whatsapphelpdesk.client.Contact;
import io.github.whatsapphelpdesk.client.Contacts;
import io.github.whatsapphelpdesk.client.Interactive;
import io.github.whatsapphelpdesk.client.InteractiveAction;
import io.github.whatsapphelpdesk.client.InteractiveHeader;
import io.github.whatsapphelpdesk.client.Location;
import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.MessageContent;
import io.github.whatsapphelpdesk.client.Reaction;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.client.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the message records into the Cloud API's JSON tree. Stateless. */
public final class MessageJson {
  private MessageJson() {}

  /**
   * The body of {@code POST /{phone-number-id}/messages}. With a phone number, {@code e164To} (already
   * E.164) goes in {@code to}; without one ({@code e164To} null) the message's BSUID goes in {@code
   * recipient}. Only one of the two is written: Meta lets {@code to} win when both are present (its BSUID
   * guide; https://dualhook.com/docs/contacts-bsuid-api-changes), so sending both would only add noise.
   */
  public static Map<String, Object> toTree(Message message, String e164To) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messaging_product", "whatsapp");
    m.put("recipient_type", "individual");
    if (e164To != null) {
      m.put("to", e164To);
    } else if (message.recipient() != null) {
      m.put("recipient", message.recipient());
    } else {
      throw new IllegalArgumentException("a message needs to or recipient");
    }
    MessageContent c = message.content();
    m.put("type", c.type());
    if (message.replyToMessageId() != null) {
      m.put("context", Map.of("message_id", message.replyToMessageId()));
    }
    if (message.bizOpaqueCallbackData() != null) {
      m.put("biz_opaque_callback_data", message.bizOpaqueCallbackData());
    }
    m.put(c.type(), content(c));
    return m;
  }

  /** The body of a read receipt, with the typing indicator when asked. */
  public static Map<String, Object> readReceipt(String messageId, boolean typing) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messaging_product", "whatsapp");
    m.put("status", "read");
    m.put("message_id", messageId);
    if (typing) {
      m.put("typing_indicator", Map.of("type", "text"));
    }
    return m;
  }

  private static Object content(MessageContent c) {
    if (c instanceof Text t) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("body", t.body());
      m.put("preview_url", t.previewUrl());
      return m;
    } else if (c instanceof Media md) {
      return media(md);
    } else if (c instanceof Location l) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("latitude", l.latitude());
      m.put("longitude", l.longitude());
      put(m, "name", l.name());
      put(m, "address", l.address());
      return m;
    } else if (c instanceof Contacts cs) {
      return cs.contacts().stream().map(MessageJson::contact).toList();
    } else if (c instanceof Reaction r) {
      return Map.of("message_id", r.messageId(), "emoji", r.emoji());
    } else if (c instanceof Interactive i) {
      return interactive(i);
    } else if (c instanceof TemplateMessage t) {
      return template(t);
    }
    throw new IllegalStateException("unknown content " + c);
  }

  static Map<String, Object> media(Media md) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "id", md.id());
    put(m, "link", md.link());
    put(m, "caption", md.caption());
    put(m, "filename", md.filename());
    return m;
  }

  private static Map<String, Object> contact(Contact c) {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> n = new LinkedHashMap<>();
    put(n, "formatted_name", c.name().formattedName());
    put(n, "first_name", c.name().firstName());
    put(n, "last_name", c.name().lastName());
    put(n, "middle_name", c.name().middleName());
    put(n, "suffix", c.name().suffix());
    put(n, "prefix", c.name().prefix());
    m.put("name", n);
    put(m, "birthday", c.birthday());
    list(m, "phones", c.phones().stream().map(p -> obj("phone", p.phone(), "type", p.type(), "wa_id", p.waId())).toList());
    list(m, "emails", c.emails().stream().map(e -> obj("email", e.email(), "type", e.type())).toList());
    list(m, "addresses", c.addresses().stream().map(a -> obj("street", a.street(), "city", a.city(),
        "state", a.state(), "zip", a.zip(), "country", a.country(), "country_code", a.countryCode(),
        "type", a.type())).toList());
    if (c.org() != null) {
      m.put("org", obj("company", c.org().company(), "department", c.org().department(), "title", c.org().title()));
    }
    list(m, "urls", c.urls().stream().map(u -> obj("url", u.url(), "type", u.type())).toList());
    return m;
  }

  private static Map<String, Object> interactive(Interactive i) {
    Map<String, Object> m = new LinkedHashMap<>();
    InteractiveAction a = i.action();
    m.put("type", a.interactiveType());
    InteractiveHeader h = i.header();
    if (h != null) {
      Map<String, Object> hm = new LinkedHashMap<>();
      hm.put("type", h.type());
      if (h.media() != null) {
        hm.put(h.type(), media(h.media()));
      } else {
        hm.put("text", h.text());
      }
      m.put("header", hm);
    }
    if (i.body() != null) {
      m.put("body", Map.of("text", i.body()));
    }
    if (i.footer() != null) {
      m.put("footer", Map.of("text", i.footer()));
    }
    m.put("action", action(a));
    return m;
  }

  private static Map<String, Object> action(InteractiveAction a) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (a instanceof InteractiveAction.ReplyButtons rb) {
      m.put("buttons", rb.buttons().stream()
          .map(b -> Map.<String, Object>of("type", "reply", "reply", Map.of("id", b.id(), "title", b.title())))
          .toList());
    } else if (a instanceof InteractiveAction.ListAction l) {
      m.put("button", l.button());
      m.put("sections", l.sections().stream().map(s -> {
        Map<String, Object> sm = new LinkedHashMap<>();
        put(sm, "title", s.title());
        sm.put("rows", s.rows().stream()
            .map(r -> obj("id", r.id(), "title", r.title(), "description", r.description())).toList());
        return sm;
      }).toList());
    } else if (a instanceof InteractiveAction.CtaUrl cta) {
      m.put("name", "cta_url");
      m.put("parameters", obj("display_text", cta.displayText(), "url", cta.url()));
    } else if (a instanceof InteractiveAction.Flow f) {
      m.put("name", "flow");
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("flow_message_version", f.flowMessageVersion());
      put(p, "flow_token", f.flowToken());
      put(p, "flow_id", f.flowId());
      put(p, "flow_name", f.flowName());
      p.put("flow_cta", f.flowCta());
      put(p, "flow_action", f.flowAction());
      put(p, "mode", f.mode());
      if (f.screen() != null || f.data() != null) {
        Map<String, Object> payload = new LinkedHashMap<>();
        put(payload, "screen", f.screen());
        if (f.data() != null) {
          payload.put("data", f.data());
        }
        p.put("flow_action_payload", payload);
      }
      m.put("parameters", p);
    } else if (a instanceof InteractiveAction.Product p) {
      m.put("catalog_id", p.catalogId());
      m.put("product_retailer_id", p.productRetailerId());
    } else if (a instanceof InteractiveAction.ProductList pl) {
      m.put("catalog_id", pl.catalogId());
      m.put("sections", pl.sections().stream().map(s -> {
        Map<String, Object> sm = new LinkedHashMap<>();
        put(sm, "title", s.title());
        sm.put("product_items", s.productRetailerIds().stream()
            .map(id -> Map.of("product_retailer_id", id)).toList());
        return sm;
      }).toList());
    } else if (a instanceof InteractiveAction.Catalog c) {
      m.put("name", "catalog_message");
      if (c.thumbnailProductRetailerId() != null) {
        m.put("parameters", Map.of("thumbnail_product_retailer_id", c.thumbnailProductRetailerId()));
      }
    } else if (a instanceof InteractiveAction.OrderDetails od) {
      m.put("name", "review_and_pay");
      m.put("parameters", od.parameters());
    } else if (a instanceof InteractiveAction.OrderStatus os) {
      m.put("name", "review_order");
      m.put("parameters", Map.of("reference_id", os.referenceId(),
          "order", obj("status", os.status(), "description", os.description())));
    } else if (a instanceof InteractiveAction.Raw raw) {
      m.putAll(raw.action());
    }
    return m;
  }

  private static Map<String, Object> template(TemplateMessage t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("language", obj("code", t.languageCode(), "policy", t.languagePolicy()));
    if (!t.components().isEmpty()) {
      List<Object> comps = new ArrayList<>();
      for (TemplateComponent c : t.components()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("type", c.type());
        put(cm, "sub_type", c.subType());
        if (c.index() != null) {
          cm.put("index", String.valueOf(c.index()));
        }
        cm.put("parameters", c.parameters().stream().map(MessageJson::parameter).toList());
        comps.add(cm);
      }
      m.put("components", comps);
    }
    return m;
  }

  private static Map<String, Object> parameter(TemplateParameter p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", p.type());
    put(m, "parameter_name", p.parameterName());
    Object v = p.value();
    m.put(p.type(), v instanceof Media md ? media(md) : v);
    return m;
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  private static void list(Map<String, Object> m, String k, List<?> v) {
    if (!v.isEmpty()) {
      m.put(k, v);
    }
  }

  private static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      put(m, (String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
