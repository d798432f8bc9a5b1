package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.client.internal.Redact;
import java.util.Objects;

/**
 * A text message ({@code type: text}); at most 4,096 characters.
 *
 * @param body the text
 * @param previewUrl whether WhatsApp renders a preview of the first URL in the body
 */
public record Text(String body, boolean previewUrl) implements MessageContent {
  public Text {
    Objects.requireNonNull(body, "body");
  }

  /** Text without URL preview. */
  public static Text of(String body) {
    return new Text(body, false);
  }

  @Override
  public String type() {
    return "text";
  }

  /** The body's length only: message bodies are personal data. */
  @Override
  public String toString() {
    return "Text[body=" + Redact.len(body) + ", previewUrl=" + previewUrl + "]";
  }
}
