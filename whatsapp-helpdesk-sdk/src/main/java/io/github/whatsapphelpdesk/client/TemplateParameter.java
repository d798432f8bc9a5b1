package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.client.internal.Redact;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One template parameter. Build it with the factories: {@link #text}, {@link #currency}, {@link
 * #dateTime}, {@link #image}, {@link #video}, {@link #document}, {@link #payload}, {@link #couponCode},
 * {@link #action}.
 * For templates with {@code parameter_format: named}, give each parameter its name with {@link
 * #named(String)}; named parameters may come in any order, positional ones must follow {@code {{1}}},
 * {@code {{2}}}, ...
 *
 * @param type the parameter type ({@code text}, {@code currency}, {@code date_time}, {@code image},
 *     {@code video}, {@code document}, {@code payload}, {@code coupon_code}, {@code action})
 * @param parameterName the {@code parameter_name} for named templates, or null
 * @param value the value under the type's key: a String for text, payload and coupon_code, a {@link Media} for
 *     media, or an unmodifiable map for currency, date_time and action
 */
public record TemplateParameter(String type, String parameterName, Object value) {

  public TemplateParameter {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }

  /**
   * A text parameter (also the URL suffix of a URL button, and the one-time password of an authentication
   * template's OTP button, which is sent as a URL button: see {@link TemplateComponent#otpButton}).
   */
  public static TemplateParameter text(String text) {
    return new TemplateParameter("text", null, Objects.requireNonNull(text, "text"));
  }

  /** A currency; {@code amount1000} is the amount times 1000, {@code code} ISO 4217. */
  public static TemplateParameter currency(String fallbackValue, String code, long amount1000) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fallback_value", Objects.requireNonNull(fallbackValue, "fallbackValue"));
    m.put("code", Objects.requireNonNull(code, "code"));
    m.put("amount_1000", amount1000);
    return new TemplateParameter("currency", null, Map.copyOf(m));
  }

  /** A date and time; the Cloud API always renders {@code fallbackValue}. */
  public static TemplateParameter dateTime(String fallbackValue) {
    return new TemplateParameter("date_time", null,
        Map.of("fallback_value", Objects.requireNonNull(fallbackValue, "fallbackValue")));
  }

  /**
   * A date and time with its components (ignored by the Cloud API, which renders the fallback; kept for
   * compatibility with Meta's examples). {@code calendar} is usually {@code GREGORIAN}.
   */
  public static TemplateParameter dateTime(
      String fallbackValue, int year, int month, int dayOfMonth, int dayOfWeek, int hour, int minute, String calendar) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fallback_value", Objects.requireNonNull(fallbackValue, "fallbackValue"));
    m.put("year", year);
    m.put("month", month);
    m.put("day_of_month", dayOfMonth);
    m.put("day_of_week", dayOfWeek);
    m.put("hour", hour);
    m.put("minute", minute);
    m.put("calendar", Objects.requireNonNull(calendar, "calendar"));
    return new TemplateParameter("date_time", null, Map.copyOf(m));
  }

  /** An image header parameter (id or link; captions are not allowed in templates). */
  public static TemplateParameter image(Media media) {
    return mediaParam(MediaKind.IMAGE, media);
  }

  /** A video header parameter. */
  public static TemplateParameter video(Media media) {
    return mediaParam(MediaKind.VIDEO, media);
  }

  /** A document header parameter (PDF only; a file name is allowed). */
  public static TemplateParameter document(Media media) {
    return mediaParam(MediaKind.DOCUMENT, media);
  }

  /**
   * The code of a coupon template's copy-code button: {@code {"type":"coupon_code","coupon_code":…}}
   * (at most 15 characters; Meta, "Coupon code templates").
   */
  public static TemplateParameter couponCode(String couponCode) {
    return new TemplateParameter("coupon_code", null, Objects.requireNonNull(couponCode, "couponCode"));
  }

  /** The payload of a quick-reply button. */
  public static TemplateParameter payload(String payload) {
    return new TemplateParameter("payload", null, Objects.requireNonNull(payload, "payload"));
  }

  /**
   * An {@code action} parameter, for catalog buttons ({@code thumbnail_product_retailer_id}) and flow
   * buttons ({@code flow_token}, {@code flow_action_data}).
   */
  public static TemplateParameter action(Map<String, Object> action) {
    return new TemplateParameter("action", null, Map.copyOf(action));
  }

  private static TemplateParameter mediaParam(MediaKind kind, Media media) {
    Objects.requireNonNull(media, "media");
    if (media.kind() != kind) {
      throw new IllegalArgumentException("expected " + kind + " media, got " + media.kind());
    }
    return new TemplateParameter(kind.apiName(), null, media);
  }

  /** A copy carrying {@code parameter_name} (templates with the named parameter format). */
  public TemplateParameter named(String name) {
    return new TemplateParameter(type, Objects.requireNonNull(name, "name"), value);
  }

  /** The value's length only for texts (names, codes, addresses); other values by type. */
  @Override
  public String toString() {
    String v = value instanceof String s ? Redact.len(s) : value instanceof Media m ? m.toString() : "<" + type + ">";
    return "TemplateParameter[type=" + type + ", parameterName=" + parameterName + ", value=" + v + "]";
  }
}
