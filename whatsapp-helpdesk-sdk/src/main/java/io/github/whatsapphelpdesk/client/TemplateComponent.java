package io.github.whatsapphelpdesk.client;

import java.util.List;
import java.util.Objects;

/**
 * One component of a template send: {@code header}, {@code body} or {@code button} with its parameters.
 * Buttons also carry a {@code sub_type} ({@link #QUICK_REPLY}, {@link #URL}, {@link #COPY_CODE},
 * {@link #CATALOG}, {@link #FLOW}, ...) and the button's zero-based {@code index}, sent as a string.
 *
 * @param type {@code header}, {@code body} or {@code button}
 * @param subType the button sub type, or null for header and body
 * @param index the button index, or null for header and body
 * @param parameters the parameters, in template order for positional templates
 */
public record TemplateComponent(String type, String subType, Integer index, List<TemplateParameter> parameters) {
  /** Quick-reply button sub type. */
  public static final String QUICK_REPLY = "quick_reply";
  /** URL button sub type (the parameter is the URL suffix). */
  public static final String URL = "url";
  /** Copy-code (OTP) button sub type. */
  public static final String COPY_CODE = "copy_code";
  /** Catalog button sub type. */
  public static final String CATALOG = "catalog";
  /** Flow button sub type. */
  public static final String FLOW = "flow";

  public TemplateComponent {
    Objects.requireNonNull(type, "type");
    parameters = List.copyOf(parameters);
  }

  /** A header component. */
  public static TemplateComponent header(TemplateParameter... parameters) {
    return new TemplateComponent("header", null, null, List.of(parameters));
  }

  /** A body component. */
  public static TemplateComponent body(TemplateParameter... parameters) {
    return new TemplateComponent("body", null, null, List.of(parameters));
  }

  /** A button component. */
  public static TemplateComponent button(String subType, int index, TemplateParameter... parameters) {
    return new TemplateComponent("button", Objects.requireNonNull(subType, "subType"), index, List.of(parameters));
  }
}
