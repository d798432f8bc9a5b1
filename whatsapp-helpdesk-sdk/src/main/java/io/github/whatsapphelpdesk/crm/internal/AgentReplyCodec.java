package io.github.whatsapphelpdesk.crm.internal;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.github.whatsapphelpdesk.crm.AgentReplyFormatException;
import io.github.whatsapphelpdesk.spi.AgentAttachment;
import io.github.whatsapphelpdesk.spi.AgentReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okio.Buffer;

/** Reads and writes the generic agent-reply webhook body with Moshi's streaming API. Not API. */
public final class AgentReplyCodec {
  private AgentReplyCodec() {}

  /** Parses a body; see {@code AgentReplyJson}. */
  public static AgentReply parse(byte[] body) {
    Objects.requireNonNull(body, "body");
    Object root;
    try (JsonReader reader = JsonReader.of(new Buffer().write(body))) {
      root = reader.readJsonValue();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new AgentReplyFormatException(List.of("the body has data after the JSON object"));
      }
    } catch (JsonEncodingException | JsonDataException e) {
      throw new AgentReplyFormatException(List.of("the body is not valid JSON (" + e.getMessage() + ")"));
    } catch (IOException e) {
      throw new AgentReplyFormatException(List.of("the body is not valid JSON (" + e.getMessage() + ")"));
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new AgentReplyFormatException(List.of("the body must be a JSON object"));
    }
    List<String> problems = new ArrayList<>();
    String ticketId = id(map, "ticket_id", "ticket_id", problems);
    String replyId = id(map, "reply_id", "reply_id", problems);
    String authorId = null;
    String authorName = null;
    Object author = map.get("author");
    if (author instanceof Map<?, ?> a) {
      authorId = id(a, "id", "author.id", problems);
      authorName = optionalString(a, "name", "author.name", problems);
    } else {
      problems.add(author == null ? "author is required" : "author must be an object");
    }
    String text = optionalString(map, "text", "text", problems);
    if (text == null && !map.containsKey("text")) {
      problems.add("text is required");
    }
    Instant createdAt = null;
    Object created = map.get("created_at");
    if (created instanceof String s) {
      try {
        createdAt = Instant.parse(s);
      } catch (DateTimeParseException e) {
        problems.add("created_at must be an ISO-8601 instant such as 2026-01-15T10:00:00Z");
      }
    } else {
      problems.add(created == null ? "created_at is required" : "created_at must be a string");
    }
    List<AgentAttachment> attachments = attachments(map.get("attachments"), problems);
    if (!problems.isEmpty()) {
      throw new AgentReplyFormatException(problems);
    }
    return new AgentReply(ticketId, replyId, authorId, authorName, text == null ? "" : text, attachments,
        createdAt);
  }

  private static List<AgentAttachment> attachments(Object value, List<String> problems) {
    List<AgentAttachment> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof List<?> list)) {
      problems.add("attachments must be an array");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "attachments[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> a)) {
        problems.add(path + " must be an object");
        continue;
      }
      int before = problems.size();
      String id = id(a, "id", path + ".id", problems);
      String filename = requiredString(a, "filename", path + ".filename", problems);
      String mime = requiredString(a, "mime_type", path + ".mime_type", problems);
      String url = requiredString(a, "url", path + ".url", problems);
      long size = -1;
      Object s = a.get("size");
      if (s instanceof Double d && d >= 0 && d == Math.rint(d)) {
        size = d.longValue();
      } else if (s != null) {
        problems.add(path + ".size must be a non-negative integer");
      }
      if (problems.size() == before) {
        out.add(new AgentAttachment(id, filename, mime, size, url));
      }
    }
    return out;
  }

  private static String id(Map<?, ?> map, String key, String path, List<String> problems) {
    Object v = map.get(key);
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return Long.toString(d.longValue());
    }
    problems.add(v == null ? path + " is required" : path + " must be a non-empty string or an integer");
    return null;
  }

  private static String requiredString(Map<?, ?> map, String key, String path, List<String> problems) {
    Object v = map.get(key);
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    problems.add(v == null ? path + " is required" : path + " must be a non-empty string");
    return null;
  }

  private static String optionalString(Map<?, ?> map, String key, String path, List<String> problems) {
    Object v = map.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    problems.add(path + " must be a string");
    return null;
  }

  /** Writes a reply in the documented shape. */
  public static byte[] write(AgentReply reply) {
    Objects.requireNonNull(reply, "reply");
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.beginObject();
      w.name("ticket_id").value(reply.ticketId());
      w.name("reply_id").value(reply.replyId());
      w.name("author").beginObject().name("id").value(reply.authorId());
      if (reply.authorName() != null) {
        w.name("name").value(reply.authorName());
      }
      w.endObject();
      w.name("text").value(reply.text());
      w.name("attachments").beginArray();
      for (AgentAttachment a : reply.attachments()) {
        w.beginObject().name("id").value(a.id()).name("filename").value(a.filename())
            .name("mime_type").value(a.mimeType());
        if (a.sizeBytes() >= 0) {
          w.name("size").value(a.sizeBytes());
        }
        w.name("url").value(a.url()).endObject();
      }
      w.endArray();
      w.name("created_at").value(reply.createdAt().toString());
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readByteArray();
  }
}
