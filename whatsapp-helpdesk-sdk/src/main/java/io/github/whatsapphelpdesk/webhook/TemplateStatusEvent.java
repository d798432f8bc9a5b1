package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.template.TemplateStatus;
import java.util.Locale;

/**
 * The {@code event} of a {@code message_template_status_update}. Unknown values map to {@link #UNKNOWN}.
 */
public enum TemplateStatusEvent {
  APPROVED, REJECTED, PENDING, FLAGGED, PAUSED, DISABLED, REINSTATED, PENDING_DELETION, DELETED, IN_APPEAL,
  ARCHIVED, LIMIT_EXCEEDED, ACCOUNT_RESTRICTION, UNKNOWN;

  /** Parses Meta's value, case-insensitively. */
  public static TemplateStatusEvent parse(String s) {
    if (s == null || s.isBlank()) {
      return UNKNOWN;
    }
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /**
   * The template's resulting review status: {@link #FLAGGED} (scheduled for disabling, still sendable)
   * and {@link #REINSTATED} give {@link TemplateStatus#APPROVED}; events that are not a status
   * ({@link #ACCOUNT_RESTRICTION}, {@link #UNKNOWN}) give {@link TemplateStatus#UNKNOWN}.
   */
  public TemplateStatus templateStatus() {
    switch (this) {
      case FLAGGED:
      case REINSTATED:
        return TemplateStatus.APPROVED;
      case ACCOUNT_RESTRICTION:
      case UNKNOWN:
        return TemplateStatus.UNKNOWN;
      default:
        return TemplateStatus.parse(name());
    }
  }

  /** True when templates with this status cannot be sent. */
  public boolean blocksSending() {
    TemplateStatus s = templateStatus();
    return s != TemplateStatus.APPROVED;
  }
}
