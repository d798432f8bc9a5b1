package io.github.whatsapphelpdesk.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One component of a template definition: HEADER (with a {@link HeaderFormat}), BODY, FOOTER or
 * BUTTONS, as Meta's JSON has it.
 *
 * @param type the component type ({@link ComponentType#UNKNOWN} keeps the raw value in {@code extra})
 * @param format the header format, or null for other components
 * @param text the text with its {@code {{1}}} or {@code {{name}}} variables, or null
 * @param buttons the buttons of a BUTTONS component, otherwise empty
 * @param example Meta's {@code example} object ({@code header_text}, {@code body_text}, {@code
 *     header_handle}, {@code body_text_named_params}, ...), empty when absent
 * @param extra every other field (for example {@code add_security_recommendation}, {@code
 *     code_expiration_minutes}, {@code cards}), kept for a faithful round trip
 */
public record Component(
    ComponentType type, HeaderFormat format, String text, List<Button> buttons, Map<String, Object> example,
    Map<String, Object> extra) {

  public Component {
    Objects.requireNonNull(type, "type");
    buttons = List.copyOf(buttons);
    example = Collections.unmodifiableMap(new LinkedHashMap<>(example));
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** A text header. */
  public static Component textHeader(String text) {
    return new Component(ComponentType.HEADER, HeaderFormat.TEXT, text, List.of(), Map.of(), Map.of());
  }

  /** A media or location header ({@code example} carries {@code header_handle} for media). */
  public static Component mediaHeader(HeaderFormat format, Map<String, Object> example) {
    return new Component(ComponentType.HEADER, format, null, List.of(), example, Map.of());
  }

  /** A body. */
  public static Component body(String text, Map<String, Object> example) {
    return new Component(ComponentType.BODY, null, text, List.of(), example, Map.of());
  }

  /** A footer. */
  public static Component footer(String text) {
    return new Component(ComponentType.FOOTER, null, text, List.of(), Map.of(), Map.of());
  }

  /** Buttons. */
  public static Component buttons(Button... buttons) {
    return new Component(ComponentType.BUTTONS, null, null, List.of(buttons), Map.of(), Map.of());
  }
}
