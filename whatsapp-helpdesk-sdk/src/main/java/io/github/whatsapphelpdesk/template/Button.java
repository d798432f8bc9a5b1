package io.github.whatsapphelpdesk.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One button of a template's BUTTONS component, as Meta's JSON has it.
 *
 * @param type the button type ({@link ButtonType#UNKNOWN} for types this SDK does not know; the raw
 *     value is then kept in {@code extra} under {@code "type"})
 * @param text the button label, or null
 * @param url the URL (URL buttons; may contain {@code {{1}}}), or null
 * @param phoneNumber the phone number (PHONE_NUMBER buttons), or null
 * @param example example values (URL suffix, copy code), possibly empty
 * @param extra every other field Meta sent (for example {@code otp_type}, {@code flow_id}), kept so a
 *     template can be written back unchanged
 */
public record Button(
    ButtonType type, String text, String url, String phoneNumber, List<String> example, Map<String, Object> extra) {

  public Button {
    Objects.requireNonNull(type, "type");
    example = List.copyOf(example);
    extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** A quick-reply button. */
  public static Button quickReply(String text) {
    return new Button(ButtonType.QUICK_REPLY, text, null, null, List.of(), Map.of());
  }

  /** A URL button; {@code example} gives a sample suffix when the URL ends with {@code {{1}}}. */
  public static Button url(String text, String url, String... example) {
    return new Button(ButtonType.URL, text, url, null, List.of(example), Map.of());
  }

  /** A call button. */
  public static Button phoneNumber(String text, String phoneNumber) {
    return new Button(ButtonType.PHONE_NUMBER, text, null, phoneNumber, List.of(), Map.of());
  }
}
