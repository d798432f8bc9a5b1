package io.github.whatsapphelpdesk.client;

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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates send bodies against the request schemas of Meta's OpenAPI spec
 * ({@code schema/send-message-schemas.json}, extracted by {@code schema/extract.py} with prose stripped).
 *
 * <p>The spec's message schemas are {@code allOf: [BaseMessageProperties, {additionalProperties:
 * false, properties: {type, <payload>}}]}: the second branch forbids {@code messaging_product}, {@code
 * to} and every other envelope field, so no real message validates against them as a whole (a spec
 * bug). We therefore validate the envelope against {@code BaseMessageProperties} and the payload against
 * the payload schema of its type.
 */
final class SendSchema {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNode ROOT;

  static {
    try (InputStream in = SendSchema.class.getResourceAsStream("/schema/send-message-schemas.json")) {
      ROOT = MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SendSchema() {}

  /** Validation messages of a body (empty when valid). */
  static List<String> validate(Map<String, Object> body) {
    JsonNode node = MAPPER.valueToTree(body);
    List<String> errors = new ArrayList<>();
    errors.addAll(check("#/components/schemas/BaseMessageProperties", node));
    String type = String.valueOf(body.get("type"));
    String schemaName = switch (type) {
      case "text" -> "TextMessage";
      case "image" -> "ImageMessage";
      case "audio" -> "AudioMessage";
      case "video" -> "VideoMessage";
      case "document" -> "DocumentMessage";
      case "sticker" -> "StickerMessage";
      case "location" -> "LocationMessage";
      case "contacts" -> "ContactsMessage";
      case "reaction" -> "ReactionMessage";
      case "interactive" -> "InteractiveMessage";
      case "template" -> "TemplateMessage";
      default -> throw new IllegalArgumentException("no schema for type " + type);
    };
    errors.addAll(check("#/components/schemas/" + schemaName + "/allOf/1/properties/" + type, node.get(type)));
    errors.addAll(check("#/components/schemas/" + schemaName + "/allOf/1/properties/type", node.get("type")));
    return errors;
  }

  private static final Map<String, JsonSchema> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  private static List<String> check(String ref, JsonNode value) {
    JsonSchema schema = CACHE.computeIfAbsent(ref, r -> {
      ObjectNode schemaNode = ROOT.deepCopy();
      schemaNode.put("$ref", r);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    });
    Set<ValidationMessage> msgs = schema.validate(value);
    return msgs.stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
