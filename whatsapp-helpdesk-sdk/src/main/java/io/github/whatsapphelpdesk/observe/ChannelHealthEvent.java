package io.github.whatsapphelpdesk.observe;

import java.time.Instant;
import java.util.Objects;

/**
 * Something is wrong with the channel itself (the WhatsApp number, or the helpdesk connection), not with
 * one conversation.
 *
 * @param kind what happened
 * @param phoneNumberId the business number concerned, or null
 * @param code the Cloud API error code, or 0
 * @param detail a readable explanation without secrets or message text
 * @param at the bridge clock's instant
 */
public record ChannelHealthEvent(Kind kind, String phoneNumberId, int code, String detail, Instant at) {

  /** The kinds of channel problems. */
  public enum Kind {
    /** The access token is invalid or expired (190): nothing can be sent until it is renewed. */
    TOKEN_INVALID,
    /** The WABA or number is restricted, banned or disabled. */
    ACCOUNT_RESTRICTED,
    /** The number's quality or messaging limit went down. */
    QUALITY_DOWNGRADED,
    /** A template was paused or disabled. */
    TEMPLATE_PAUSED,
    /**
     * The number hit the spam rate limit (131048): Meta restricts how many messages it may send because too
     * many were blocked or flagged. Sends wait for a long back-off; check the number's quality.
     */
    SPAM_RATE_LIMITED,
    /**
     * The helpdesk refused the stored OAuth refresh token ({@code invalid_grant}): it was already spent
     * (by an instance that did not share the token store, or a copy of the configuration) or revoked.
     * Nothing reaches the helpdesk until the app is authorized again and a new refresh token configured.
     * {@code phoneNumberId} is null and {@code code} is the token endpoint's HTTP status.
     */
    HELPDESK_REFRESH_TOKEN_REJECTED
  }

  public ChannelHealthEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
  }
}
