package io.github.whatsapphelpdesk.client;

import java.util.Locale;

/** The media message types, which are also the kinds of the upload limits table. */
public enum MediaKind {
  IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER;

  /** The Cloud API name, for example {@code "image"}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the kinds that accept a caption (image, video, document). */
  public boolean allowsCaption() {
    return this == IMAGE || this == VIDEO || this == DOCUMENT;
  }
}
