package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import java.util.Locale;
import java.util.Objects;

/**
 * A business phone number's fields: identity, quality, status and health. Absent fields are null.
 *
 * @param id the phone number id
 * @param displayPhoneNumber the number as displayed
 * @param verifiedName the approved display name
 * @param qualityRating GREEN, YELLOW, RED, NA
 * @param status CONNECTED (required to send), DISCONNECTED, PENDING, FLAGGED, RESTRICTED, RATE_LIMITED
 * @param nameStatus APPROVED, AVAILABLE_WITHOUT_REVIEW, DECLINED, EXPIRED, PENDING_REVIEW, NONE, or null
 * @param codeVerificationStatus for example VERIFIED, NOT_VERIFIED, or null
 * @param platformType CLOUD_API or ON_PREMISE, or null
 * @param throughputLevel {@code throughput.level}, for example STANDARD, or null
 * @param messagingLimit {@code whatsapp_business_manager_messaging_limit} (portfolio-wide, v24+), or null
 * @param accountMode LIVE or SANDBOX, or null
 * @param officialBusinessAccount {@code is_official_business_account}, or null
 * @param onBizApp {@code is_on_biz_app} (coexistence number), or null
 * @param healthStatus {@code health_status}, or null when not asked for or absent
 */
public record PhoneNumberInfo(
    String id, String displayPhoneNumber, String verifiedName, QualityRating qualityRating, Status status,
    String nameStatus, String codeVerificationStatus, String platformType, String throughputLevel,
    String messagingLimit, String accountMode, Boolean officialBusinessAccount, Boolean onBizApp,
    HealthStatus healthStatus) {

  public PhoneNumberInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(qualityRating, "qualityRating");
    Objects.requireNonNull(status, "status");
  }

  /**
   * Feeds this number's {@link #throughputLevel()} and {@link #messagingLimit()} tier into a limiter in
   * one call ({@link DefaultOutboundLimiter#applyAccountLimits}). Absent, {@code NOT_SET} or unknown values
   * leave that limit unchanged. {@link WhatsAppClient#refreshLimits()} reads and applies in one step.
   */
  public void applyTo(DefaultOutboundLimiter limiter) {
    Objects.requireNonNull(limiter, "limiter").applyAccountLimits(id, throughputLevel, messagingLimit);
  }

  /** Quality rating; unknown values give {@link #UNKNOWN}. */
  public enum QualityRating {
    GREEN, YELLOW, RED, NA, UNKNOWN;

    /** Parses Meta's value. */
    public static QualityRating parse(String s) {
      try {
        return s == null ? UNKNOWN : valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return UNKNOWN;
      }
    }
  }

  /** Connection status; unknown or absent values give {@link #UNKNOWN}. */
  public enum Status {
    CONNECTED, DISCONNECTED, PENDING, FLAGGED, RESTRICTED, RATE_LIMITED, DELETED, MIGRATED, BANNED, UNVERIFIED,
    UNKNOWN;

    /** Parses Meta's value. */
    public static Status parse(String s) {
      try {
        return s == null ? UNKNOWN : valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return UNKNOWN;
      }
    }
  }
}
