package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.client.internal.Redact;
import java.util.Objects;

/**
 * The header of an interactive message: text (at most 60 characters) or media.
 *
 * @param text the header text, or null for a media header
 * @param media the image, video or document, or null for a text header
 */
public record InteractiveHeader(String text, Media media) {
  public InteractiveHeader {
    if ((text == null) == (media == null)) {
      throw new IllegalArgumentException("an interactive header has either text or media");
    }
  }

  /** A text header. */
  public static InteractiveHeader text(String text) {
    return new InteractiveHeader(Objects.requireNonNull(text, "text"), null);
  }

  /** A media header (image, video or document). */
  public static InteractiveHeader media(Media media) {
    return new InteractiveHeader(null, Objects.requireNonNull(media, "media"));
  }

  /** {@code text}, {@code image}, {@code video} or {@code document}. */
  public String type() {
    return media == null ? "text" : media.kind().apiName();
  }

  /** The text's length only. */
  @Override
  public String toString() {
    return "InteractiveHeader[text=" + Redact.len(text) + ", media=" + media + "]";
  }
}
