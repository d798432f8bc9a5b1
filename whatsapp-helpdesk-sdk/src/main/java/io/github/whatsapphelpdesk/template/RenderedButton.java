package io.github.whatsapphelpdesk.template;

import java.util.Objects;

/**
 * One button as the customer sees it.
 *
 * @param index the zero-based button index
 * @param type the button type
 * @param text the label
 * @param url the hydrated URL of a URL button (the suffix parameter substituted), otherwise null
 * @param phoneNumber the number of a call button, otherwise null
 * @param value the payload of a quick reply, the code of a copy-code or OTP button, otherwise null
 *     (not shown to the customer as text, but useful to match the reply)
 */
public record RenderedButton(int index, ButtonType type, String text, String url, String phoneNumber, String value) {
  public RenderedButton {
    Objects.requireNonNull(type, "type");
  }
}
