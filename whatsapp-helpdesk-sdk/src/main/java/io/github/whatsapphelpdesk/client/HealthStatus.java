package io.github.whatsapphelpdesk.client;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code health_status}: whether messages can be sent, overall (the worst of the entities) and per
 * entity (PHONE_NUMBER, WABA, BUSINESS, APP, MESSAGE_TEMPLATE).
 *
 * @param canSendMessage the overall value
 * @param entities the per-entity values
 */
public record HealthStatus(CanSend canSendMessage, List<Entity> entities) {
  public HealthStatus {
    Objects.requireNonNull(canSendMessage, "canSendMessage");
    entities = List.copyOf(entities);
  }

  /** AVAILABLE, LIMITED or BLOCKED; unknown values give {@link #UNKNOWN}. */
  public enum CanSend {
    AVAILABLE, LIMITED, BLOCKED, UNKNOWN;

    /** Parses Meta's value. */
    public static CanSend parse(String s) {
      try {
        return s == null ? UNKNOWN : valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return UNKNOWN;
      }
    }
  }

  /**
   * One entity's health.
   *
   * @param entityType PHONE_NUMBER, WABA, BUSINESS, APP or MESSAGE_TEMPLATE
   * @param id the entity id, or null
   * @param canSendMessage the entity's value
   * @param additionalInfo extra explanations, possibly empty
   * @param errors the problems, possibly empty
   */
  public record Entity(String entityType, String id, CanSend canSendMessage, List<String> additionalInfo,
      List<Problem> errors) {
    public Entity {
      additionalInfo = List.copyOf(additionalInfo);
      errors = List.copyOf(errors);
    }
  }

  /**
   * One problem of an entity.
   *
   * @param errorCode the error code
   * @param errorDescription what is wrong
   * @param possibleSolution what to do
   */
  public record Problem(int errorCode, String errorDescription, String possibleSolution) {}
}
