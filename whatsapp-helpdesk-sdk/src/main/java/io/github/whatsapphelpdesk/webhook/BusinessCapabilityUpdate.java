package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.ratelimit.MessagingLimit;
import java.util.Objects;
import java.util.Optional;

/**
 * The business's messaging capabilities changed ({@code business_capability_update}).
 *
 * @param metadata where it came from
 * @param maxDailyConversationPerPhone the legacy {@code max_daily_conversation_per_phone}, or null
 * @param maxPhoneNumbersPerBusiness {@code max_phone_numbers_per_business}, or null
 * @param maxDailyConversationsPerBusiness {@code max_daily_conversations_per_business} (a tier such as
 *     {@code TIER_10K}), or null
 */
public record BusinessCapabilityUpdate(
    EventMetadata metadata,
    Long maxDailyConversationPerPhone,
    Long maxPhoneNumbersPerBusiness,
    String maxDailyConversationsPerBusiness) implements WebhookEvent {

  public BusinessCapabilityUpdate {
    Objects.requireNonNull(metadata, "metadata");
  }

  /** The new portfolio messaging limit, when the tier is present and known. */
  public Optional<MessagingLimit> messagingLimit() {
    if (maxDailyConversationsPerBusiness != null) {
      try {
        return Optional.of(MessagingLimit.parse(maxDailyConversationsPerBusiness));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    if (maxDailyConversationPerPhone != null && maxDailyConversationPerPhone > 0) {
      return Optional.of(MessagingLimit.of(maxDailyConversationPerPhone));
    }
    return Optional.empty();
  }

  @Override
  public String idempotencyKey() {
    return metadata.field() + ":" + metadata.contentHash();
  }
}
