package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import mockwebserver3.RecordedRequest;

/**
 * Validates request bodies against the request schemas copied from the Zendesk OAS
 * ({@code schemas/support-api-fragments.json}), plus a strict check that tickets and comments carry
 * only properties the spec knows (the spec's schemas allow additional properties).
 */
final class SpecSchemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode DOC = load();
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
  private static final java.util.Map<String, JsonSchema> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  private SpecSchemas() {}

  private static JsonNode load() {
    try (InputStream in = SpecSchemas.class.getResourceAsStream("/schemas/support-api-fragments.json")) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code json} is valid against {@code components.schemas.<name>}. */
  static void assertValid(String name, String json) {
    JsonSchema schema = CACHE.computeIfAbsent(name, n -> {
      ObjectNode root = DOC.deepCopy();
      root.put("$ref", "#/components/schemas/" + n);
      return FACTORY.getSchema(root);
    });
    JsonNode body;
    try {
      body = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + e.getMessage());
    }
    Set<ValidationMessage> errors = schema.validate(body);
    assertThat(errors).as("%s violations", name).isEmpty();
    if (body.has("ticket")) {
      assertThat(unknown(body.get("ticket"), "TicketCreateInput")).as("unknown ticket properties").isEmpty();
      if (body.get("ticket").has("comment")) {
        assertThat(unknown(body.get("ticket").get("comment"), "TicketCommentObject"))
            .as("unknown comment properties").isEmpty();
      }
    }
  }

  /**
   * Asserts that a recorded {@code POST /api/v2/uploads} follows the UploadFiles operation
   * ({@code paths./api/v2/uploads.post} and its {@code x-request-rules} in the fragments): the required
   * {@code filename} query parameter, carrying an extension that matches the file's type, a
   * {@code Content-Type} that is the file's MIME type, and the file's bytes as the raw body.
   */
  static void assertValidUpload(RecordedRequest r, String mimeType, byte[] content) {
    JsonNode op = DOC.at("/paths/" + "~1api~1v2~1uploads" + "/post");
    assertThat(op.isMissingNode()).as("UploadFiles operation in the fragments").isFalse();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v2/uploads");
    JsonNode rules = op.get("x-request-rules");
    for (JsonNode q : rules.get("requiredQuery")) {
      assertThat(r.getUrl().queryParameter(q.asText())).as("required query parameter %s", q.asText()).isNotBlank();
    }
    String filename = r.getUrl().queryParameter("filename");
    String contentType = r.getHeaders().get("Content-Type");
    assertThat(contentType).as("Content-Type").isNotNull();
    okhttp3.MediaType parsed = okhttp3.MediaType.parse(contentType);
    assertThat(parsed).as("Content-Type %s is a MIME type", contentType).isNotNull();
    if (rules.path("contentTypeDescribesFile").asBoolean()) {
      assertThat(parsed.type() + "/" + parsed.subtype()).isEqualTo(mimeType);
    }
    if (rules.path("sameExtensionAsFile").asBoolean()) {
      int dot = filename.lastIndexOf('.');
      assertThat(dot).as("filename %s has an extension", filename).isGreaterThan(0);
      String ext = filename.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
      String expected = EXTENSIONS.get(mimeType);
      if (expected != null) {
        assertThat(ext).as("extension of %s for %s", filename, mimeType).isIn((Object[]) expected.split("\\|"));
      }
    }
    assertThat(r.getBody().toByteArray()).as("raw file body").isEqualTo(content);
  }

  /** Extensions agents' browsers expect for the MIME types WhatsApp sends ({@code |} separates synonyms). */
  private static final java.util.Map<String, String> EXTENSIONS = java.util.Map.ofEntries(
      java.util.Map.entry("image/jpeg", "jpg|jpeg"), java.util.Map.entry("image/png", "png"),
      java.util.Map.entry("image/webp", "webp"), java.util.Map.entry("video/mp4", "mp4"),
      java.util.Map.entry("audio/ogg", "ogg|opus"), java.util.Map.entry("audio/mpeg", "mp3"),
      java.util.Map.entry("application/pdf", "pdf"), java.util.Map.entry("text/plain", "txt"));

  private static List<String> unknown(JsonNode obj, String schemaName) {
    Set<String> known = new TreeSet<>();
    collect(DOC.at("/components/schemas/" + schemaName), known);
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  private static void collect(JsonNode schema, Set<String> known) {
    if (schema.has("$ref")) {
      collect(DOC.at(schema.get("$ref").asText().substring(1)), known);
    }
    if (schema.has("properties")) {
      schema.get("properties").fieldNames().forEachRemaining(known::add);
    }
    if (schema.has("allOf")) {
      schema.get("allOf").forEach(s -> collect(s, known));
    }
  }
}
