package io.github.whatsapphelpdesk.webhook;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A customer stopped or resumed marketing messages ({@code user_preferences}). Record it: sending
 * marketing templates to a stopped user fails with 131050.
 *
 * @param metadata where it came from
 * @param waId the customer's wa_id
 * @param contact the matching {@code contacts[]} entry, or null
 * @param category {@code category}, for example {@code "marketing_messages"}, or null
 * @param value {@link Value#STOP}, {@link Value#RESUME} or {@link Value#UNKNOWN}
 * @param detail {@code detail} (human-readable), or null
 * @param timestamp {@code timestamp}, or null
 */
public record UserPreferenceUpdate(
    EventMetadata metadata,
    String waId,
    ContactProfile contact,
    String category,
    Value value,
    String detail,
    Instant timestamp) implements WebhookEvent {

  /** The preference value. */
  public enum Value {
    /** The customer opted out. */
    STOP,
    /** The customer opted back in. */
    RESUME,
    /** A value this SDK version does not know. */
    UNKNOWN;

    /** Parses Meta's value; unknown values give {@link #UNKNOWN}. */
    public static Value parse(String s) {
      if (s == null) {
        return UNKNOWN;
      }
      switch (s.toLowerCase(Locale.ROOT)) {
        case "stop": return STOP;
        case "resume": return RESUME;
        default: return UNKNOWN;
      }
    }
  }

  public UserPreferenceUpdate {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(waId, "waId");
    Objects.requireNonNull(value, "value");
  }

  /** True when this is a marketing opt-out. */
  public boolean marketingStopped() {
    return value == Value.STOP && isMarketing();
  }

  /** True when this is a marketing opt-in. */
  public boolean marketingResumed() {
    return value == Value.RESUME && isMarketing();
  }

  private boolean isMarketing() {
    return category == null || category.startsWith("marketing");
  }

  @Override
  public String idempotencyKey() {
    return metadata.field() + ":" + metadata.contentHash();
  }

  @Override
  public String customerWaId() {
    return waId;
  }
}
