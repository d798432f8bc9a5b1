package io.github.whatsapphelpdesk.template;

import java.util.Locale;

/** Lenient enum parsing with an UNKNOWN fallback. */
final class Enums {
  private Enums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String s, E fallback) {
    if (s == null || s.isBlank()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }
}
