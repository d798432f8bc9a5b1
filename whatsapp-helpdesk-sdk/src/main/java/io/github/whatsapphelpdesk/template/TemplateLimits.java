package io.github.whatsapphelpdesk.template;

/**
 * The limits the local template check enforces (Meta's template guidelines and the send spec). Text
 * lengths count UTF-16 code units, as Meta does.
 */
public final class TemplateLimits {
  /** Hydrated body text (the body with its parameters substituted). */
  public static final int BODY_MAX = 1024;
  /** Hydrated text header. */
  public static final int HEADER_TEXT_MAX = 60;
  /** Footer text. */
  public static final int FOOTER_MAX = 60;
  /** A button label. */
  public static final int BUTTON_TEXT_MAX = 25;
  /** One text parameter ({@code maxLength} of the spec's {@code TextParameter}). */
  public static final int PARAMETER_TEXT_MAX = 32_768;
  /** A hydrated button URL. */
  public static final int URL_MAX = 2_000;
  /** A copy-code (coupon) button's code. */
  public static final int COPY_CODE_MAX = 15;
  /**
   * The longest run of spaces a text parameter may hold; Meta rejects parameters with a new line, a tab
   * or "more than 4 consecutive spaces".
   */
  public static final int MAX_CONSECUTIVE_SPACES = 4;

  private TemplateLimits() {}
}
