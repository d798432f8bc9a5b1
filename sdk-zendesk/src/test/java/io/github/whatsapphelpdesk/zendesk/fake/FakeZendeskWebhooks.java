package io.github.whatsapphelpdesk.zendesk.fake;

import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.zendesk.ZendeskWebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds agent-reply trigger webhooks the way Zendesk sends them (body template of docs/zendesk.md). */
public final class FakeZendeskWebhooks {
  private FakeZendeskWebhooks() {}

  /** The JSON body the documented trigger template renders, for a placeholder ticket and an agent. */
  public static byte[] body(long ticketId, Long commentId) {
    return body(ticketId, commentId, "wa:123:4915112345678:1", "agent");
  }

  /**
   * The JSON body the documented trigger template renders (plus {@code comment_id} when not null).
   * Zendesk renders an empty placeholder as an empty string; the role is rendered capitalised
   * ({@code agent} becomes {@code Agent}).
   */
  public static byte[] body(long ticketId, Long commentId, String externalId, String role) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ticket_id", Long.toString(ticketId));
    if (commentId != null) {
      m.put("comment_id", Long.toString(commentId));
    }
    m.put("external_id", externalId == null ? "" : externalId);
    m.put("current_user_role", role == null || role.isEmpty() ? ""
        : Character.toUpperCase(role.charAt(0)) + role.substring(1));
    return Json.write(m).getBytes(StandardCharsets.UTF_8);
  }

  /** A copy of {@code request} without the signature headers (the Zendesk webhook's credentials). */
  public static WebhookRequest withoutSignature(WebhookRequest request) {
    WebhookRequest.Builder b = WebhookRequest.builder().method(request.method()).path(request.path())
        .query(request.query()).body(request.body());
    request.headers().forEach((k, v) -> {
      if (!k.equalsIgnoreCase(ZendeskWebhookVerifier.SIGNATURE_HEADER)
          && !k.equalsIgnoreCase(ZendeskWebhookVerifier.TIMESTAMP_HEADER)) {
        v.forEach(value -> b.header(k, value));
      }
    });
    return b.build();
  }

  /** A request signed with {@code secret} at {@code signedAt}. */
  public static WebhookRequest signed(String secret, Instant signedAt, byte[] body) {
    String ts = signedAt.toString();
    return WebhookRequest.builder().method("POST").path("/zendesk/agent-reply")
        .header("Content-Type", "application/json")
        .header(ZendeskWebhookVerifier.TIMESTAMP_HEADER, ts)
        .header(ZendeskWebhookVerifier.SIGNATURE_HEADER, ZendeskWebhookVerifier.sign(secret, ts, body))
        .body(body).build();
  }
}
