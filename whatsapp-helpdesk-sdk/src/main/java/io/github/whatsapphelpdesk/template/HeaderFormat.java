package io.github.whatsapphelpdesk.template;

/** The format of a HEADER component. */
public enum HeaderFormat {
  TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION, UNKNOWN;

  /** Parses Meta's value. */
  public static HeaderFormat parse(String s) {
    return Enums.parse(HeaderFormat.class, s, UNKNOWN);
  }
}
