package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Meta's per-type checks on a send body (reference section 2): lengths (100), missing fields (131008),
 * invalid values (131009). Media type checks return a 131053 failure for the caller to route.
 */
public final class MessageValidator {
  static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio", "document", "sticker");
  private static final Set<String> TYPES = Set.of("text", "image", "video", "audio", "document",
      "sticker", "location", "contacts", "reaction", "interactive", "template");
  private static final Set<String> INTERACTIVE_TYPES = Set.of("button", "list", "cta_url", "flow",
      "product", "product_list", "catalog_message", "location_request_message", "address_message");

  private MessageValidator() {}

  /** Validates a non-read send body; returns its {@code type}. */
  public static String validate(Map<String, Object> body) {
    String type = Json.str(body, "type");
    if (type == null) {
      type = "text";
    }
    if (!TYPES.contains(type)) {
      throw ApiFailure.of(100, "Param type must be one of " + String.join(", ", TYPES.stream().sorted().toList()));
    }
    Map<String, Object> payload = Json.map(body, type);
    if (type.equals("contacts")) {
      validateContacts(Json.list(body, "contacts"));
      return type;
    }
    if (payload == null) {
      throw ApiFailure.of(131008, "The parameter " + type + " is required for a " + type + " message");
    }
    switch (type) {
      case "text" -> {
        String text = required(payload, "text", "body");
        maxLength("text['body']", text, 4096);
      }
      case "location" -> {
        requireNumber(payload, "latitude");
        requireNumber(payload, "longitude");
      }
      case "reaction" -> {
        required(payload, "reaction", "message_id");
        if (!(payload.get("emoji") instanceof String)) {
          throw ApiFailure.of(131008, "The parameter reaction['emoji'] is required (empty removes it)");
        }
      }
      case "interactive" -> validateInteractive(payload);
      case "template" -> { }
      default -> validateMediaShape(type, payload);
    }
    return type;
  }

  private static void validateMediaShape(String type, Map<String, Object> media) {
    boolean hasId = media.get("id") instanceof String;
    boolean hasLink = media.get("link") instanceof String;
    if (!hasId && !hasLink) {
      throw ApiFailure.of(131008, "The parameter " + type + "['id'] or " + type + "['link'] is required");
    }
    if (hasId && hasLink) {
      throw ApiFailure.of(131009, "Give either " + type + "['id'] or " + type + "['link'], not both");
    }
    if (hasLink) {
      String link = (String) media.get("link");
      if (!link.startsWith("https://") && !link.startsWith("http://")) {
        throw ApiFailure.of(131009, type + "['link'] must be an http(s) URL");
      }
    }
    Object caption = media.get("caption");
    if (caption != null) {
      if (type.equals("audio") || type.equals("sticker")) {
        throw ApiFailure.of(131009, type + " messages cannot have a caption");
      }
      maxLength(type + "['caption']", String.valueOf(caption), 1024);
    }
  }

  /**
   * The 131053 failure when the referenced media cannot be sent as {@code type} (wrong MIME type),
   * or null. An unknown media id is a synchronous 131009.
   */
  public static ApiFailure mediaProblem(String type, Map<String, Object> body, MediaStore store) {
    if (!MEDIA_TYPES.contains(type)) {
      return null;
    }
    Map<String, Object> media = Json.map(body, type);
    String id = Json.str(media, "id");
    String mime;
    if (id != null) {
      MediaStore.Media m = store.get(id);
      if (m == null) {
        throw ApiFailure.of(131009, type + "['id'] " + id + " is not a valid media id");
      }
      mime = m.mimeType();
    } else {
      mime = mimeFromLink(Json.str(media, "link"));
      if (mime == null) {
        return null;
      }
    }
    if (!MediaStore.allowedFor(type, mime)) {
      return ApiFailure.of(131053, "Media upload error: " + mime + " is not a supported MIME type for "
          + type + " messages");
    }
    return null;
  }

  private static String mimeFromLink(String link) {
    String path = link.toLowerCase(Locale.ROOT);
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    int dot = path.lastIndexOf('.');
    String ext = dot < 0 ? "" : path.substring(dot + 1);
    return switch (ext) {
      case "jpg", "jpeg" -> "image/jpeg";
      case "png" -> "image/png";
      case "webp" -> "image/webp";
      case "gif" -> "image/gif";
      case "mp4" -> "video/mp4";
      case "3gp" -> "video/3gpp";
      case "mp3" -> "audio/mpeg";
      case "ogg" -> "audio/ogg";
      case "aac" -> "audio/aac";
      case "amr" -> "audio/amr";
      case "pdf" -> "application/pdf";
      case "txt" -> "text/plain";
      case "exe" -> "application/x-msdownload";
      case "zip" -> "application/zip";
      default -> null;
    };
  }

  private static void validateContacts(List<Object> contacts) {
    if (contacts == null) {
      throw ApiFailure.of(131008, "The parameter contacts is required for a contacts message");
    }
    if (contacts.isEmpty() || contacts.size() > 5) {
      throw ApiFailure.of(131009, "contacts must hold 1 to 5 contacts, got " + contacts.size());
    }
    for (Object c : contacts) {
      @SuppressWarnings("unchecked")
      Map<String, Object> contact = c instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
      if (Json.str(Json.map(contact, "name"), "formatted_name") == null) {
        throw ApiFailure.of(131008, "The parameter contacts[]['name']['formatted_name'] is required");
      }
    }
  }

  private static void validateInteractive(Map<String, Object> interactive) {
    String itype = Json.str(interactive, "type");
    if (itype == null) {
      throw ApiFailure.of(131008, "The parameter interactive['type'] is required");
    }
    if (!INTERACTIVE_TYPES.contains(itype)) {
      throw ApiFailure.of(131009, "interactive['type'] " + itype + " is not supported");
    }
    Map<String, Object> action = Json.map(interactive, "action");
    if (action == null) {
      throw ApiFailure.of(131008, "The parameter interactive['action'] is required");
    }
    Map<String, Object> body = Json.map(interactive, "body");
    if (body != null) {
      maxLength("interactive['body']['text']", Json.str(body, "text"), itype.equals("list") ? 4096 : 1024);
    } else if (!itype.equals("product") && !itype.equals("catalog_message")) {
      throw ApiFailure.of(131008, "The parameter interactive['body'] is required");
    }
    Map<String, Object> header = Json.map(interactive, "header");
    if (header != null && "text".equals(Json.str(header, "type"))) {
      maxLength("interactive['header']['text']", Json.str(header, "text"), 60);
    }
    maxLength("interactive['footer']['text']", Json.str(Json.map(interactive, "footer"), "text"), 60);
    switch (itype) {
      case "button" -> validateButtons(Json.list(action, "buttons"));
      case "list" -> validateList(action);
      case "cta_url" -> {
        Map<String, Object> p = Json.map(action, "parameters");
        String text = required(p, "interactive['action']['parameters']", "display_text");
        maxLength("interactive['action']['parameters']['display_text']", text, 20);
        required(p, "interactive['action']['parameters']", "url");
      }
      default -> { }
    }
  }

  private static void validateButtons(List<Object> buttons) {
    if (buttons == null || buttons.isEmpty() || buttons.size() > 3) {
      throw ApiFailure.of(131009, "interactive['action']['buttons'] must hold 1 to 3 buttons");
    }
    for (Object o : buttons) {
      @SuppressWarnings("unchecked")
      Map<String, Object> reply = Json.map(o instanceof Map<?, ?> m ? (Map<String, Object>) m : null, "reply");
      String title = required(reply, "buttons[]['reply']", "title");
      String id = required(reply, "buttons[]['reply']", "id");
      maxLength("buttons[]['reply']['title']", title, 20);
      maxLength("buttons[]['reply']['id']", id, 256);
    }
  }

  @SuppressWarnings("unchecked")
  private static void validateList(Map<String, Object> action) {
    maxLength("interactive['action']['button']", required(action, "interactive['action']", "button"), 20);
    List<Object> sections = Json.list(action, "sections");
    if (sections == null || sections.isEmpty() || sections.size() > 10) {
      throw ApiFailure.of(131009, "interactive['action']['sections'] must hold 1 to 10 sections");
    }
    int rows = 0;
    for (Object s : sections) {
      List<Object> sectionRows = Json.list(s instanceof Map<?, ?> m ? (Map<String, Object>) m : null, "rows");
      if (sectionRows == null || sectionRows.isEmpty()) {
        throw ApiFailure.of(131009, "each section needs at least one row");
      }
      for (Object r : sectionRows) {
        Map<String, Object> row = r instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        maxLength("rows[]['title']", required(row, "rows[]", "title"), 24);
        maxLength("rows[]['id']", required(row, "rows[]", "id"), 200);
        maxLength("rows[]['description']", Json.str(row, "description"), 72);
        rows++;
      }
    }
    if (rows > 10) {
      throw ApiFailure.of(131009, "a list message may hold at most 10 rows in total, got " + rows);
    }
  }

  private static String required(Map<String, Object> m, String where, String key) {
    Object v = m == null ? null : m.get(key);
    if (!(v instanceof String s) || s.isEmpty()) {
      throw ApiFailure.of(131008, "The parameter " + where + "['" + key + "'] is required");
    }
    return s;
  }

  private static void requireNumber(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Number) && !(v instanceof String s && s.matches("-?\\d+(\\.\\d+)?"))) {
      throw ApiFailure.of(131008, "The parameter location['" + key + "'] is required");
    }
  }

  private static void maxLength(String what, String value, int max) {
    if (value != null && value.codePointCount(0, value.length()) > max) {
      throw ApiFailure.of(100, "Param " + what + " must be at most " + max + " characters long.");
    }
  }
}
