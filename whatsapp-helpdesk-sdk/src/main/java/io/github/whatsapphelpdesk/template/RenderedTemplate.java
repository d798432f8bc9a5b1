package io.github.whatsapphelpdesk.template;

import java.util.List;
import java.util.Objects;

/**
 * A template message as the customer sees it: every parameter substituted into the header, body,
 * footer and buttons (currency and date_time show their {@code fallback_value}, as the Cloud API
 * renders them). WhatsApp formatting marks ({@code *bold*}, {@code _italic_}) are kept as written.
 *
 * @param name the template name
 * @param language the language code
 * @param category the template's category when rendered
 * @param headerText the hydrated text header, or null
 * @param headerMedia a media or location header, or null
 * @param body the hydrated body (never null; empty when the template has no body)
 * @param footer the footer, or null
 * @param buttons the buttons in template order
 */
public record RenderedTemplate(
    String name, String language, TemplateCategory category, String headerText, HeaderMedia headerMedia, String body,
    String footer, List<RenderedButton> buttons) {

  /**
   * A media (or location) header.
   *
   * @param format IMAGE, VIDEO, DOCUMENT or LOCATION
   * @param id the uploaded media id, or null
   * @param link the media link, or null
   * @param filename the document file name, or null
   */
  public record HeaderMedia(HeaderFormat format, String id, String link, String filename) {
    public HeaderMedia {
      Objects.requireNonNull(format, "format");
    }
  }

  public RenderedTemplate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(body, "body");
    buttons = List.copyOf(buttons);
  }

  /**
   * A plain-text transcript for an agent: the header (or {@code [IMAGE: link]}), the body, the footer
   * and one {@code [button]} line per button, separated by blank lines.
   */
  public String asText() {
    StringBuilder sb = new StringBuilder();
    if (headerText != null) {
      sb.append(headerText);
    } else if (headerMedia != null) {
      sb.append('[').append(headerMedia.format());
      String ref = headerMedia.filename() != null ? headerMedia.filename()
          : headerMedia.link() != null ? headerMedia.link() : headerMedia.id();
      if (ref != null) {
        sb.append(": ").append(ref);
      }
      sb.append(']');
    }
    append(sb, body);
    append(sb, footer);
    if (!buttons.isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (RenderedButton button : buttons) {
        if (b.length() > 0) {
          b.append('\n');
        }
        b.append("[ ").append(button.text() == null ? button.type().name() : button.text()).append(" ]");
        if (button.url() != null) {
          b.append(' ').append(button.url());
        } else if (button.phoneNumber() != null) {
          b.append(' ').append(button.phoneNumber());
        }
      }
      append(sb, b.toString());
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String part) {
    if (part == null || part.isEmpty()) {
      return;
    }
    if (sb.length() > 0) {
      sb.append("\n\n");
    }
    sb.append(part);
  }
}
