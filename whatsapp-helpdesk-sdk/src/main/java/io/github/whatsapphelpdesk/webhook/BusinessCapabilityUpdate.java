package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.MessagingLimit;
import java.util.Objects;
import java.util.Optional;

/**
 * The business's messaging capabilities changed ({@code business_capability_update}). Every value is an
 * integer; {@code max_daily_conversations_per_business} is the business portfolio's messaging limit (250,
 * 2000, 10000, 100000, or -1 for unlimited), shared by all the portfolio's numbers since 2025-10-07 (Meta,
 * "business_capability_update webhook reference", updated 2026-05-21; "Messaging limits").
 * Apply it with {@link #applyTo(DefaultOutboundLimiter)}.
 *
 * @param metadata where it came from ({@link EventMetadata#wabaId()} is the WABA that reported it)
 * @param maxDailyConversationPerPhone the legacy {@code max_daily_conversation_per_phone} (removed by Meta
 *     in February 2026; same values), or null
 * @param maxPhoneNumbersPerBusiness {@code max_phone_numbers_per_business}, or null
 * @param maxDailyConversationsPerBusiness {@code max_daily_conversations_per_business}: 250, 2000, 10000,
 *     100000 or -1 (unlimited), or null
 * @param maxPhoneNumbersPerWaba {@code max_phone_numbers_per_waba}, or null
 */
public record BusinessCapabilityUpdate(
    EventMetadata metadata,
    Long maxDailyConversationPerPhone,
    Long maxPhoneNumbersPerBusiness,
    Long maxDailyConversationsPerBusiness,
    Long maxPhoneNumbersPerWaba) implements WebhookEvent {

  public BusinessCapabilityUpdate {
    Objects.requireNonNull(metadata, "metadata");
  }

  /**
   * The new portfolio messaging limit: {@code max_daily_conversations_per_business}, else the legacy
   * {@code max_daily_conversation_per_phone}; -1 is {@link MessagingLimit#UNLIMITED}. Empty when neither
   * is present or valid.
   */
  public Optional<MessagingLimit> messagingLimit() {
    Optional<MessagingLimit> l = limitOf(maxDailyConversationsPerBusiness);
    return l.isPresent() ? l : limitOf(maxDailyConversationPerPhone);
  }

  private static Optional<MessagingLimit> limitOf(Long v) {
    if (v == null || v == 0 || v < -1) {
      return Optional.empty();
    }
    return Optional.of(MessagingLimit.ofDailyConversations(v));
  }

  /**
   * Applies the new limit to the portfolio of this event's WABA in {@code limiter} (see {@link
   * DefaultOutboundLimiter#applyMessagingLimitOfWaba}), so every number of the portfolio shares it.
   *
   * @return true when a limit was applied
   */
  public boolean applyTo(DefaultOutboundLimiter limiter) {
    Objects.requireNonNull(limiter, "limiter");
    Optional<MessagingLimit> l = messagingLimit();
    l.ifPresent(limit -> limiter.applyMessagingLimitOfWaba(metadata.wabaId(), limit));
    return l.isPresent();
  }

  @Override
  public String idempotencyKey() {
    return metadata.field() + ":" + metadata.contentHash();
  }
}
