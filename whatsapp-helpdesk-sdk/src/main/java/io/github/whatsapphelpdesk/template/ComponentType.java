package io.github.whatsapphelpdesk.template;

/** The component types of a template definition. */
public enum ComponentType {
  HEADER, BODY, FOOTER, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER, UNKNOWN;

  /** Parses Meta's value. */
  public static ComponentType parse(String s) {
    return Enums.parse(ComponentType.class, s, UNKNOWN);
  }
}
