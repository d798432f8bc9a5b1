package io.github.whatsapphelpdesk.client;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Cloud API's outbound media table: accepted MIME types per kind and their maximum sizes
 * (reference: Meta's media page, Nov 2025). Sizes are binary megabytes. Stickers (WebP) have two limits:
 * 100 KB for a static sticker and 500 KB for an animated one (Meta, "Supported media types": "Animated
 * sticker 500 KB, Static sticker 100 KB"); {@link #isAnimatedWebp} tells them apart from the file's header
 * and {@link #maxStickerBytes} gives the limit.
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

  /** The limit of a static sticker: 100 KB. */
  public static final long STATIC_STICKER_MAX_BYTES = 100 * 1024L;
  /** The limit of an animated sticker: 500 KB. */
  public static final long ANIMATED_STICKER_MAX_BYTES = 500 * 1024L;

  /** The sticker limit: {@link #ANIMATED_STICKER_MAX_BYTES} or {@link #STATIC_STICKER_MAX_BYTES}. */
  public static long maxStickerBytes(boolean animated) {
    return animated ? ANIMATED_STICKER_MAX_BYTES : STATIC_STICKER_MAX_BYTES;
  }

  /**
   * True when {@code head} (the first 21 bytes or more of a file) is an animated WebP: a RIFF/WEBP file
   * whose first chunk is the extended header {@code VP8X} with the animation flag (bit 1 of the flags byte)
   * set (Google, "WebP Container Specification"). A simple (VP8/VP8L) WebP, or anything shorter, is static.
   */
  public static boolean isAnimatedWebp(byte[] head) {
    if (head == null || head.length < 21) {
      return false;
    }
    return ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP") && ascii(head, 12, "VP8X") && (head[20] & 0x02) != 0;
  }

  private static boolean ascii(byte[] b, int off, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (b[off + i] != (byte) s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The maximum size in bytes for a kind; for {@link MediaKind#STICKER} the animated limit (the larger of
   * the two): check a static sticker against {@link #maxStickerBytes}.
   */
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
