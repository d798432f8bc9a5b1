package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Hosted media: uploads (live 30 days), customer media from webhooks (7 days), short-lived download
 * URLs (5 minutes of sandbox time). Guarded by the caller's lock.
 */
public final class MediaStore {
  /** Download URLs expire after this much sandbox time. */
  public static final Duration URL_TTL = Duration.ofMinutes(5);
  static final long MAX_UPLOAD_BYTES = 100L * 1024 * 1024;

  private static final Map<String, Set<String>> TYPES = Map.of(
      "audio", Set.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"),
      "document", Set.of("text/plain", "application/pdf", "application/msword",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.ms-powerpoint",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
      "image", Set.of("image/jpeg", "image/png"),
      "sticker", Set.of("image/webp"),
      "video", Set.of("video/mp4", "video/3gpp"));
  private static final Map<String, Long> MAX_BYTES = Map.of("audio", 16L << 20, "document", 100L << 20,
      "image", 5L << 20, "sticker", 500L << 10, "video", 16L << 20);

  /** One hosted file. */
  public record Media(String id, byte[] bytes, String mimeType, String sha256Hex, Instant expiresAt) {}

  private record Url(String mediaId, Instant issuedAt) {}

  private final Clock clock;
  private final Ids ids;
  private final Map<String, Media> media = new HashMap<>();
  private final Map<String, Url> urls = new HashMap<>();

  public MediaStore(Clock clock, Ids ids) {
    this.clock = clock;
    this.ids = ids;
  }

  /** The media kind (image, audio, ...) a MIME type is allowed for, or null when unsupported. */
  public static String kindOf(String mimeType) {
    String base = baseMime(mimeType);
    for (Map.Entry<String, Set<String>> e : TYPES.entrySet()) {
      if (!e.getKey().equals("sticker") && e.getValue().contains(base)) {
        return e.getKey();
      }
    }
    return TYPES.get("sticker").contains(base) ? "sticker" : null;
  }

  /** Whether {@code mimeType} may be sent as a message of {@code type}. */
  public static boolean allowedFor(String type, String mimeType) {
    Set<String> allowed = TYPES.get(type);
    String base = baseMime(mimeType);
    return allowed != null && allowed.contains(base);
  }

  private static String baseMime(String mimeType) {
    if (mimeType == null) {
      return "";
    }
    int semi = mimeType.indexOf(';');
    return (semi < 0 ? mimeType : mimeType.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** Stores an upload after Meta's type and size checks (131053); returns the media id. */
  public String upload(byte[] bytes, String mimeType) {
    String kind = kindOf(mimeType);
    if (kind == null) {
      throw ApiFailure.of(131053, "Param file must be a file with one of the supported types;"
          + " MIME type " + mimeType + " is not supported");
    }
    long max = MAX_BYTES.get(kind);
    String what = kind;
    if (kind.equals("sticker") && !animatedWebp(bytes)) {
      // Meta: static stickers 100 KB, animated ones 500 KB ("Supported media types").
      max = 100L << 10;
      what = "static sticker";
    } else if (kind.equals("sticker")) {
      what = "animated sticker";
    }
    if (bytes.length > max) {
      throw ApiFailure.of(131053, "The " + what + " is " + bytes.length + " bytes; the limit for "
          + what + " is " + max + " bytes");
    }
    return store(bytes, baseMime(mimeType), Duration.ofDays(30));
  }

  /**
   * WebP container: {@code RIFF <size> WEBP} then, for an extended file, a {@code VP8X} chunk whose flags
   * byte (offset 20) has the animation bit {@code 0x02}; or an {@code ANIM} chunk anywhere in the header.
   */
  static boolean animatedWebp(byte[] b) {
    if (b.length < 21 || b[0] != 'R' || b[1] != 'I' || b[2] != 'F' || b[3] != 'F'
        || b[8] != 'W' || b[9] != 'E' || b[10] != 'B' || b[11] != 'P') {
      return false;
    }
    boolean extended = b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == 'X';
    return extended && (b[20] & 0x02) != 0;
  }

  /** Stores customer media (from an inbound webhook; lives 7 days); returns the media id. */
  public Media storeInbound(byte[] bytes, String mimeType) {
    String id = store(bytes, baseMime(mimeType), Duration.ofDays(7));
    return media.get(id);
  }

  private String store(byte[] bytes, String mimeType, Duration ttl) {
    String id = ids.numericId();
    media.put(id, new Media(id, bytes.clone(), mimeType, HexFormat.of().formatHex(sha256(bytes)),
        clock.instant().plus(ttl)));
    return id;
  }

  /** The live media with this id, or null. */
  public Media get(String id) {
    Media m = media.get(id);
    if (m != null && !clock.instant().isBefore(m.expiresAt())) {
      media.remove(id);
      return null;
    }
    return m;
  }

  /** GET /{media-id}: {url, mime_type, sha256, file_size, id, messaging_product}. */
  public Map<String, Object> describe(String id, String baseUrl) {
    Media m = get(id);
    if (m == null) {
      throw ApiFailure.unknownObject("GET", id);
    }
    Instant now = clock.instant();
    urls.values().removeIf(u -> !now.isBefore(u.issuedAt().plus(URL_TTL)));
    String hash = ids.alnum(32);
    urls.put(hash, new Url(id, now));
    String url = baseUrl + "/whatsapp_business/attachments/?mid=" + id + "&ext=" + now.getEpochSecond()
        + "&hash=" + hash;
    return Json.obj("url", url, "mime_type", m.mimeType(), "sha256", m.sha256Hex(),
        "file_size", m.bytes().length, "id", id, "messaging_product", "whatsapp");
  }

  /** The media behind a download URL hash, or null when unknown, expired or deleted (404). */
  public Media download(String hash) {
    Url u = hash == null ? null : urls.get(hash);
    if (u == null) {
      return null;
    }
    if (!clock.instant().isBefore(u.issuedAt().plus(URL_TTL))) {
      urls.remove(hash);
      return null;
    }
    return get(u.mediaId());
  }

  /** DELETE /{media-id}. */
  public boolean delete(String id) {
    if (get(id) == null) {
      return false;
    }
    media.remove(id);
    Iterator<Url> it = urls.values().iterator();
    while (it.hasNext()) {
      if (it.next().mediaId().equals(id)) {
        it.remove();
      }
    }
    return true;
  }

  /** Base64 SHA-256 as inbound webhooks carry it. */
  public static String sha256Base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(sha256(bytes));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
