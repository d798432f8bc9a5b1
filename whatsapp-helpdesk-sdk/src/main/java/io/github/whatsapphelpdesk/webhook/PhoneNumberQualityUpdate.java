package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.ratelimit.MessagingLimit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The business number's quality or messaging limit changed ({@code phone_number_quality_update}).
 *
 * @param metadata where it came from
 * @param displayPhoneNumber {@code display_phone_number}, or null
 * @param event the event; {@link Event#UNKNOWN} for values this SDK does not know
 * @param rawEvent {@code event} as sent, or null
 * @param maxDailyConversationsPerBusiness {@code max_daily_conversations_per_business} (for example
 *     {@code TIER_2K}, {@code TIER_UNLIMITED}, {@code NOT_SET}), or null
 * @param currentLimit the legacy {@code current_limit} (removed Feb 2026), or null
 * @param oldLimit the legacy {@code old_limit}, or null
 */
public record PhoneNumberQualityUpdate(
    EventMetadata metadata,
    String displayPhoneNumber,
    Event event,
    String rawEvent,
    String maxDailyConversationsPerBusiness,
    String currentLimit,
    String oldLimit) implements WebhookEvent {

  /** The {@code event} values. */
  public enum Event {
    ONBOARDING, THROUGHPUT_UPGRADE, UPGRADE, DOWNGRADE, FLAGGED, UNFLAGGED, UNKNOWN;

    /** Parses Meta's value; unknown values give {@link #UNKNOWN}. */
    public static Event parse(String s) {
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

  public PhoneNumberQualityUpdate {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(event, "event");
  }

  /**
   * The new messaging limit, from {@code max_daily_conversations_per_business} or else the legacy
   * {@code current_limit}; empty when absent, {@code NOT_SET} or not a known tier.
   */
  public Optional<MessagingLimit> messagingLimit() {
    String tier = maxDailyConversationsPerBusiness != null ? maxDailyConversationsPerBusiness : currentLimit;
    if (tier == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(MessagingLimit.parse(tier));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String idempotencyKey() {
    return metadata.field() + ":" + metadata.contentHash();
  }
}
