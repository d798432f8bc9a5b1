package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.client.internal.Redact;
import java.util.Objects;

/**
 * A media message: image, audio, video, document or sticker, referenced by an uploaded media
 * {@code id} (preferred: Meta caches {@code link} media for 10 minutes per URL) or by a public
 * {@code link}. Captions apply to image, video and document (at most 1,024 characters); a file name
 * applies to documents only.
 *
 * @param kind the media type
 * @param id the uploaded media id, or null when {@code link} is used
 * @param link the HTTPS URL, or null when {@code id} is used
 * @param caption the caption, or null
 * @param filename the document file name, or null
 */
public record Media(MediaKind kind, String id, String link, String caption, String filename)
    implements MessageContent {

  public Media {
    Objects.requireNonNull(kind, "kind");
  }

  /** Media by uploaded id. */
  public static Media byId(MediaKind kind, String id) {
    return new Media(kind, Objects.requireNonNull(id, "id"), null, null, null);
  }

  /** Media by public link. */
  public static Media byLink(MediaKind kind, String link) {
    return new Media(kind, null, Objects.requireNonNull(link, "link"), null, null);
  }

  /** An image by id. */
  public static Media image(String id) {
    return byId(MediaKind.IMAGE, id);
  }

  /** An audio by id. */
  public static Media audio(String id) {
    return byId(MediaKind.AUDIO, id);
  }

  /** A video by id. */
  public static Media video(String id) {
    return byId(MediaKind.VIDEO, id);
  }

  /** A document by id. */
  public static Media document(String id) {
    return byId(MediaKind.DOCUMENT, id);
  }

  /** A sticker by id. */
  public static Media sticker(String id) {
    return byId(MediaKind.STICKER, id);
  }

  /** A copy with this caption (image, video, document). */
  public Media withCaption(String caption) {
    return new Media(kind, id, link, caption, filename);
  }

  /** A copy with this file name (documents). */
  public Media withFilename(String filename) {
    return new Media(kind, id, link, caption, filename);
  }

  @Override
  public String type() {
    return kind.apiName();
  }

  /** The caption's length only. */
  @Override
  public String toString() {
    return "Media[kind=" + kind + ", id=" + id + ", link=" + (link == null ? null : "<link>") + ", caption="
        + Redact.len(caption) + ", filename=" + filename + "]";
  }
}
