package io.github.whatsapphelpdesk.webhook;

import java.util.Locale;
import java.util.Objects;

/**
 * An alert about the account or a number ({@code account_alerts}).
 *
 * @param metadata where it came from
 * @param entityType {@code entity_type} ({@code WABA}, {@code PHONE_NUMBER}, {@code BUSINESS}...), or null
 * @param entityId {@code entity_id}, or null
 * @param severity {@code alert_info.alert_severity}
 * @param alertType {@code alert_info.alert_type}, for example {@code OBA_APPROVED}, or null
 * @param description {@code alert_info.alert_description}, or null
 * @param alertStatus {@code alert_info.alert_status}, or null
 */
public record AccountAlert(
    EventMetadata metadata,
    String entityType,
    String entityId,
    Severity severity,
    String alertType,
    String description,
    String alertStatus) implements WebhookEvent {

  /** {@code alert_severity}. */
  public enum Severity {
    CRITICAL, WARNING, INFORMATIONAL, UNKNOWN;

    /** Parses Meta's value; unknown values give {@link #UNKNOWN}. */
    public static Severity parse(String s) {
      if (s == null || s.isBlank()) {
        return UNKNOWN;
      }
      try {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return UNKNOWN;
      }
    }
  }

  public AccountAlert {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(severity, "severity");
  }

  @Override
  public String idempotencyKey() {
    return metadata.field() + ":" + metadata.contentHash();
  }
}
