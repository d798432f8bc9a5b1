package io.github.whatsapphelpdesk.client;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Cloud API's outbound media table: accepted MIME types per kind and their maximum sizes
 * (reference: Meta's media page, Nov 2025). Sizes are binary megabytes. Stickers are checked against
 * the animated limit (500 KB); static stickers are limited to 100 KB by Meta.
 */
public final class MediaLimits {
  /** 1 MB as used by the table. */
  public static final long MB = 1024L * 1024L;
  private static final Map<String, MediaKind> KIND_BY_MIME = new LinkedHashMap<>();

  static {
    for (String m : new String[] {"audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"}) {
      KIND_BY_MIME.put(m, MediaKind.AUDIO);
    }
    for (String m : new String[] {"text/plain", "application/pdf", "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"}) {
      KIND_BY_MIME.put(m, MediaKind.DOCUMENT);
    }
    KIND_BY_MIME.put("image/jpeg", MediaKind.IMAGE);
    KIND_BY_MIME.put("image/png", MediaKind.IMAGE);
    KIND_BY_MIME.put("image/webp", MediaKind.STICKER);
    KIND_BY_MIME.put("video/mp4", MediaKind.VIDEO);
    KIND_BY_MIME.put("video/3gpp", MediaKind.VIDEO);
  }

  private MediaLimits() {}

  /** The kind a MIME type belongs to ({@code image/webp} is a sticker), or empty when not accepted. */
  public static Optional<MediaKind> kindOf(String mimeType) {
    if (mimeType == null) {
      return Optional.empty();
    }
    String base = mimeType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return Optional.ofNullable(KIND_BY_MIME.get(base));
  }

  /** The maximum size in bytes for a kind. */
  public static long maxBytes(MediaKind kind) {
    return switch (kind) {
      case AUDIO, VIDEO -> 16 * MB;
      case DOCUMENT -> 100 * MB;
      case IMAGE -> 5 * MB;
      case STICKER -> 500 * 1024L;
    };
  }

  /** Every accepted MIME type with its kind. */
  public static Map<String, MediaKind> acceptedMimeTypes() {
    return Map.copyOf(KIND_BY_MIME);
  }
}
