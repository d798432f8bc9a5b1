package io.github.whatsapphelpdesk.template;

/** A template's category; unknown (and retired: TRANSACTIONAL, OTP...) values map to {@link #UNKNOWN}. */
public enum TemplateCategory {
  MARKETING, UTILITY, AUTHENTICATION, UNKNOWN;

  /** Parses Meta's value (case-insensitive). */
  public static TemplateCategory parse(String s) {
    return Enums.parse(TemplateCategory.class, s, UNKNOWN);
  }
}
