package io.github.whatsapphelpdesk.freshdesk;

/**
 * Freshdesk's ticket source codes. Freshdesk has no WhatsApp source, so the adapter defaults to
 * {@link #PORTAL} (Freshdesk's own default for API-created tickets, on which replies and notes take a plain
 * {@code body}) and marks the channel with tags and a custom field. With {@link #CHAT} the adapter sends
 * agent replies as {@code structured_body}, which Freshdesk documents as mandatory for webchat tickets. Codes 1, 2, 3, 7, 9 and 10 are in
 * Freshdesk's API reference; 4, 5, 6, 8, 11 and 12 come from client libraries.
 */
public enum FreshdeskSource {
  /** 1. */
  EMAIL(1),
  /** 2 (Freshdesk's default for API-created tickets): the adapter's default. */
  PORTAL(2),
  /** 3. */
  PHONE(3),
  /** 4. */
  FORUM(4),
  /** 5. */
  TWITTER(5),
  /** 6. */
  FACEBOOK(6),
  /** 7: chat; agent replies are sent as {@code structured_body}. */
  CHAT(7),
  /** 8. */
  MOBIHELP(8),
  /** 9. */
  FEEDBACK_WIDGET(9),
  /** 10. */
  OUTBOUND_EMAIL(10),
  /** 11. */
  ECOMMERCE(11),
  /** 12. */
  BOT(12);

  private final int code;

  FreshdeskSource(int code) {
    this.code = code;
  }

  /** The numeric code Freshdesk uses in {@code source}. */
  public int code() {
    return code;
  }

  /** The source for a code. */
  public static FreshdeskSource fromCode(int code) {
    for (FreshdeskSource s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown Freshdesk source code " + code);
  }
}
