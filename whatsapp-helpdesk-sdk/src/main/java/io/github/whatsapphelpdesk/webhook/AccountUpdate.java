package io.github.whatsapphelpdesk.webhook;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The WABA or a number was restricted, banned, verified, deleted, offboarded... ({@code
 * account_update}). Surface it to the operator: restrictions block sending.
 *
 * @param metadata where it came from
 * @param event the event; {@link Event#UNKNOWN} for values this SDK does not know
 * @param rawEvent {@code event} as sent, or null
 * @param phoneNumber {@code phone_number}, or null
 * @param restrictions {@code restriction_info[]} of an {@code ACCOUNT_RESTRICTION}
 * @param banState {@code ban_info.waba_ban_state} ({@code SCHEDULE_FOR_DISABLE}, {@code DISABLE},
 *     {@code REINSTATE}), or null
 * @param banDate {@code ban_info.waba_ban_date} (free text), or null
 * @param violationType {@code violation_info.violation_type} of an {@code ACCOUNT_VIOLATION}, or null
 */
public record AccountUpdate(
    EventMetadata metadata,
    Event event,
    String rawEvent,
    String phoneNumber,
    List<Restriction> restrictions,
    String banState,
    String banDate,
    String violationType) implements WebhookEvent {

  /** The {@code event} values. */
  public enum Event {
    ACCOUNT_RESTRICTION, ACCOUNT_VIOLATION, DISABLED_UPDATE, ACCOUNT_DELETED, ACCOUNT_OFFBOARDED,
    ACCOUNT_RECONNECTED, VERIFIED_ACCOUNT, PARTNER_ADDED, PARTNER_REMOVED, PARTNER_APP_INSTALLED,
    PARTNER_APP_UNINSTALLED, PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE, VOLUME_BASED_PRICING_TIER_UPDATE,
    BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE, AUTH_INTL_PRICE_ELIGIBILITY_UPDATE, UNKNOWN;

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

  /**
   * One {@code restriction_info[]} item.
   *
   * @param restrictionType for example {@code RESTRICTED_BIZ_INITIATED_MESSAGING}, or null
   * @param expiration {@code expiration} as sent (Meta's format varies), or null
   */
  public record Restriction(String restrictionType, String expiration) {}

  public AccountUpdate {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(event, "event");
    restrictions = List.copyOf(restrictions);
  }

  @Override
  public String idempotencyKey() {
    return metadata.field() + ":" + metadata.contentHash();
  }
}
