package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.webhook.InboundContent;
import io.github.whatsapphelpdesk.webhook.SharedContact;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders inbound WhatsApp content as readable text for a helpdesk comment. */
public final class ContentRenderer {
  private ContentRenderer() {}

  /** The comment text (media captions included; the file itself is attached separately). */
  public static String render(InboundContent c) {
    if (c instanceof InboundContent.Text t) {
      return t.body();
    }
    if (c instanceof InboundContent.Media m) {
      String kind = m.voice() ? "voice message" : m.mediaType().name().toLowerCase(Locale.ROOT);
      String label = "[" + kind + (m.filename() != null ? ": " + m.filename() : "") + "]";
      return m.caption() == null || m.caption().isBlank() ? label : label + " " + m.caption();
    }
    if (c instanceof InboundContent.Location l) {
      StringBuilder b = new StringBuilder("[location] ");
      if (l.name() != null) {
        b.append(l.name()).append(", ");
      }
      if (l.address() != null) {
        b.append(l.address()).append(", ");
      }
      b.append(String.format(Locale.ROOT, "%.6f, %.6f", l.latitude(), l.longitude()));
      b.append(String.format(Locale.ROOT, " (https://maps.google.com/?q=%.6f,%.6f)", l.latitude(), l.longitude()));
      return b.toString();
    }
    if (c instanceof InboundContent.Contacts cs) {
      return "[shared contact] " + cs.contacts().stream().map(ContentRenderer::contact)
          .collect(Collectors.joining("; "));
    }
    if (c instanceof InboundContent.ButtonReply r) {
      return "[tapped button] " + r.title();
    }
    if (c instanceof InboundContent.ListReply r) {
      return "[chose from list] " + r.title() + (r.description() == null ? "" : " (" + r.description() + ")");
    }
    if (c instanceof InboundContent.FlowReply f) {
      return "[form submitted" + (f.name() == null ? "" : ": " + f.name() + "") + "] "
          + (f.responseJson() == null ? String.valueOf(f.body()) : f.responseJson());
    }
    if (c instanceof InboundContent.Button b) {
      return "[tapped button] " + b.text();
    }
    if (c instanceof InboundContent.Reaction r) {
      return r.emoji() == null || r.emoji().isEmpty()
          ? "[removed a reaction]"
          : "[reacted " + r.emoji() + " to a message]";
    }
    if (c instanceof InboundContent.Order o) {
      StringBuilder b = new StringBuilder("[order]");
      if (o.text() != null) {
        b.append(' ').append(o.text());
      }
      for (InboundContent.OrderItem i : o.items()) {
        b.append("\n- ").append(i.quantity()).append(" x ").append(i.productRetailerId());
        if (i.itemPrice() != null) {
          b.append(" @ ").append(i.itemPrice().toPlainString()).append(' ').append(i.currency());
        }
      }
      return b.toString();
    }
    if (c instanceof InboundContent.SystemChange s) {
      return "[system] " + (s.body() != null ? s.body() : s.systemType());
    }
    if (c instanceof InboundContent.RequestWelcome) {
      return "[the customer opened the chat]";
    }
    if (c instanceof InboundContent.Edit e) {
      return "[edited a message] " + render(e.newContent());
    }
    if (c instanceof InboundContent.Revoke) {
      return "[the customer deleted a message]";
    }
    if (c instanceof InboundContent.Unsupported u) {
      return "[unsupported message type: " + u.type() + "; the customer's message cannot be shown]";
    }
    if (c instanceof InboundContent.Unknown u) {
      return "[message of a type this SDK does not know: " + u.type() + "]";
    }
    return "[" + c.type() + "]";
  }

  private static String contact(SharedContact c) {
    String phones = c.phones().stream().map(SharedContact.Phone::phone).collect(Collectors.joining(", "));
    return (c.formattedName() == null ? "" : c.formattedName()) + (phones.isEmpty() ? "" : " " + phones);
  }
}
