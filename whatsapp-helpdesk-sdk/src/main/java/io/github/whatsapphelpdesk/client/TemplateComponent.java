package io.github.whatsapphelpdesk.client;

import java.util.List;
import java.util.Objects;

/**
 * One component of a template send: {@code header}, {@code body} or {@code button} with its parameters.
 * Buttons also carry a {@code sub_type} ({@link #QUICK_REPLY}, {@link #URL}, {@link #COPY_CODE},
 * {@link #CATALOG}, {@link #FLOW}, ...) and the button's zero-based {@code index}, sent as a string.
 *
 * <p>One-time passwords: an authentication template's copy-code or one-tap button is created as type
 * {@code OTP} but stored and sent as a {@code url} button whose one {@code text} parameter is the code
 * ({@link #otpButton}); the code also fills the body's {@code {{1}}} (Meta, "Copy code authentication
 * templates": "upon creation the button type will be set to URL"). {@link #COPY_CODE} is the coupon button
 * of a marketing template and takes a {@link TemplateParameter#couponCode} parameter ({@link #couponButton};
 * Meta, "Coupon code templates").
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
  /**
   * Copy-code button sub type of a coupon (marketing) template; its parameter is a {@link
   * TemplateParameter#couponCode}. Not for one-time passwords: see {@link #otpButton}.
   */
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

  /**
   * The OTP button of an authentication template (copy code or one tap) at index 0: {@code sub_type:
   * url} with the code as its one {@code text} parameter. Send the same code in the body:
   * {@code TemplateMessage.of(name, lang, body(text(code)), otpButton(code))}.
   */
  public static TemplateComponent otpButton(String code) {
    return button(URL, 0, TemplateParameter.text(code));
  }

  /**
   * The copy-code button of a coupon template at {@code index}: {@code sub_type: copy_code} with one
   * {@code {"type":"coupon_code","coupon_code":…}} parameter.
   */
  public static TemplateComponent couponButton(int index, String couponCode) {
    return button(COPY_CODE, index, TemplateParameter.couponCode(couponCode));
  }
}
