package io.github.whatsapphelpdesk.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a webhook handler answers: a status code, a content type and a body. The body never echoes
 * secrets or customer data.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} of the body
 * @param body the body text (may be empty)
 */
public record WebhookResponse(int status, String contentType, String body) {

  public WebhookResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** A plain-text answer. */
  public static WebhookResponse text(int status, String body) {
    return new WebhookResponse(status, "text/plain; charset=utf-8", body);
  }

  /** The body as UTF-8 bytes. */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
