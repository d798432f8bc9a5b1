package io.github.whatsapphelpdesk.ratelimit;

import io.github.whatsapphelpdesk.error.ValidationException;
import java.util.List;
import java.util.Locale;

/**
 * A business portfolio's messaging limit: how many unique recipients may receive business-initiated
 * messages in a moving 24 hours. Read it from the portfolio's {@code whatsapp_business_manager_messaging_limit}
 * with {@link #parse(String)}.
 *
 * @param maxRecipients unique recipients per window; {@link Long#MAX_VALUE} means unlimited
 */
public record MessagingLimit(long maxRecipients) {
  /** 250 unique recipients (new, unverified portfolios). */
  public static final MessagingLimit TIER_250 = new MessagingLimit(250);
  /** 2,000 unique recipients. */
  public static final MessagingLimit TIER_2K = new MessagingLimit(2_000);
  /** 10,000 unique recipients. */
  public static final MessagingLimit TIER_10K = new MessagingLimit(10_000);
  /** 100,000 unique recipients. */
  public static final MessagingLimit TIER_100K = new MessagingLimit(100_000);
  /** No limit: business-initiated recipients are not counted. */
  public static final MessagingLimit UNLIMITED = new MessagingLimit(Long.MAX_VALUE);

  public MessagingLimit {
    if (maxRecipients < 1) {
      throw new ValidationException("messaging limit", List.of("maxRecipients must be >= 1, was " + maxRecipients));
    }
  }

  /** A custom limit of {@code maxRecipients} unique recipients per window. */
  public static MessagingLimit of(long maxRecipients) {
    return new MessagingLimit(maxRecipients);
  }

  /** True when recipients are not counted at all. */
  public boolean unlimited() {
    return maxRecipients == Long.MAX_VALUE;
  }

  /**
   * The limit as the {@code business_capability_update} webhook reports it in {@code
   * max_daily_conversations_per_business}: an integer, 250, 2000, 10000 or 100000, or -1 for unlimited
   * (Meta, "business_capability_update webhook reference", updated 2026-05-21:
   * developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/business_capability_update).
   * Other positive values are taken as they are.
   *
   * @throws ValidationException for 0 or a negative value other than -1
   */
  public static MessagingLimit ofDailyConversations(long value) {
    if (value == -1) {
      return UNLIMITED;
    }
    if (value < 1) {
      throw new ValidationException("messaging limit",
          List.of("max_daily_conversations_per_business must be -1 (unlimited) or >= 1, was " + value));
    }
    if (value == 250) {
      return TIER_250;
    }
    if (value == 2_000) {
      return TIER_2K;
    }
    if (value == 10_000) {
      return TIER_10K;
    }
    if (value == 100_000) {
      return TIER_100K;
    }
    return new MessagingLimit(value);
  }

  /**
   * Parses a tier string as Meta returns it in {@code whatsapp_business_manager_messaging_limit} (or in
   * {@code max_daily_conversations_per_business}): {@code TIER_250}, {@code TIER_2K}, {@code TIER_10K},
   * {@code TIER_100K}, {@code TIER_UNLIMITED}; also the legacy {@code TIER_50} and {@code TIER_1K}.
   * Case-insensitive; the {@code TIER_} prefix is optional. An integer (as the {@code
   * business_capability_update} webhook sends it, -1 meaning unlimited) is read with {@link
   * #ofDailyConversations}.
   *
   * @throws ValidationException for null, {@code NOT_SET} or an unknown tier
   */
  public static MessagingLimit parse(String tier) {
    if (tier == null || tier.isBlank()) {
      throw new ValidationException("messaging limit tier", List.of("tier is missing"));
    }
    String t = tier.trim().toUpperCase(Locale.ROOT);
    if (t.matches("-?[0-9]{1,18}")) {
      return ofDailyConversations(Long.parseLong(t));
    }
    if (t.startsWith("TIER_")) {
      t = t.substring(5);
    }
    switch (t) {
      case "50": return new MessagingLimit(50);
      case "250": return TIER_250;
      case "1K": return new MessagingLimit(1_000);
      case "2K": return TIER_2K;
      case "10K": return TIER_10K;
      case "100K": return TIER_100K;
      case "UNLIMITED": return UNLIMITED;
      default:
        throw new ValidationException("messaging limit tier",
            List.of("unknown tier '" + tier + "' (expected TIER_250, TIER_2K, TIER_10K, TIER_100K or TIER_UNLIMITED)"));
    }
  }

  @Override
  public String toString() {
    return unlimited() ? "MessagingLimit[unlimited]" : "MessagingLimit[" + maxRecipients + "]";
  }
}
