package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.client.MediaKind;

/** Chooses the WhatsApp media kind for a helpdesk file's MIME type. */
public final class MediaKinds {
  private MediaKinds() {}

  /** image/* (except webp stickers), audio/*, video/*, else document. */
  public static MediaKind forMime(String mime) {
    String m = mime == null ? "" : mime.toLowerCase(java.util.Locale.ROOT);
    if (m.equals("image/jpeg") || m.equals("image/png")) {
      return MediaKind.IMAGE;
    }
    if (m.equals("image/webp")) {
      return MediaKind.STICKER;
    }
    if (m.startsWith("audio/")) {
      return MediaKind.AUDIO;
    }
    if (m.equals("video/mp4") || m.equals("video/3gpp")) {
      return MediaKind.VIDEO;
    }
    return MediaKind.DOCUMENT;
  }
}
