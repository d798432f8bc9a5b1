package io.github.whatsapphelpdesk.template;

/**
 * How a template's variables are written: {@code {{1}}} ({@link #POSITIONAL}, Meta's default) or
 * {@code {{first_name}}} ({@link #NAMED}). GET returns upper case; create takes lower case.
 */
public enum ParameterFormat {
  POSITIONAL, NAMED, UNKNOWN;

  /** Parses Meta's value; null (absent) means {@link #POSITIONAL}, Meta's default. */
  public static ParameterFormat parse(String s) {
    return s == null ? POSITIONAL : Enums.parse(ParameterFormat.class, s, UNKNOWN);
  }
}
