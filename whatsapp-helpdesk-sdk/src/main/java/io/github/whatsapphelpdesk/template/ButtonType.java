package io.github.whatsapphelpdesk.template;

/** The button types of a BUTTONS component. */
public enum ButtonType {
  QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, FLOW, CATALOG, MPM, VOICE_CALL, UNKNOWN;

  /** Parses Meta's value. */
  public static ButtonType parse(String s) {
    return Enums.parse(ButtonType.class, s, UNKNOWN);
  }
}
