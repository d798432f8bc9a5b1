package io.github.whatsapphelpdesk.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Parses a flow's {@code response_json} string; anything but a well-formed object gives an empty map. */
final class FlowJson {
  private FlowJson() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    try {
      ByteJsonReader r = ByteJsonReader.of(b);
      Object v = r.readJsonValue();
      if (!r.atEnd()) {
        return Map.of();
      }
      return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    } catch (RuntimeException e) {
      return Map.of();
    }
  }
}
