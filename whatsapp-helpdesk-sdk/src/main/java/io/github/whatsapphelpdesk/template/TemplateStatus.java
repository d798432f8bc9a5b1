package io.github.whatsapphelpdesk.template;

/** A template's review status; only {@link #APPROVED} templates can be sent. Unknown values map to {@link #UNKNOWN}. */
public enum TemplateStatus {
  APPROVED, PENDING, REJECTED, PAUSED, DISABLED, IN_APPEAL, PENDING_DELETION, ARCHIVED, LIMIT_EXCEEDED, DELETED,
  UNKNOWN;

  /** Parses Meta's value (case-insensitive); null and unknown values give {@link #UNKNOWN}. */
  public static TemplateStatus parse(String s) {
    return Enums.parse(TemplateStatus.class, s, UNKNOWN);
  }
}
