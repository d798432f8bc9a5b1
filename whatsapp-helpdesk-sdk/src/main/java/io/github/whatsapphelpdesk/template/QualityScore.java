package io.github.whatsapphelpdesk.template;

/** A template's quality rating. */
public enum QualityScore {
  GREEN, YELLOW, RED, UNKNOWN;

  /** Parses Meta's value; unknown or absent values give {@link #UNKNOWN}. */
  public static QualityScore parse(String s) {
    return Enums.parse(QualityScore.class, s, UNKNOWN);
  }
}
