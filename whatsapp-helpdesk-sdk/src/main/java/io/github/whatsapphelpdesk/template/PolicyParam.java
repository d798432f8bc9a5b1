package io.github.whatsapphelpdesk.template;

import java.util.Objects;

/**
 * Where a rule takes one template parameter's value from. Values are made safe for a template
 * parameter: new lines, tabs and runs of spaces become one space (Meta rejects parameters with new
 * lines, tabs or more than 4 consecutive spaces), the ends are trimmed, and text longer than {@link
 * #maxLength} is cut at a word boundary and ends with an ellipsis. An empty value takes the {@link
 * #fallback}; with no fallback the rule does not apply (Meta rejects empty parameters).
 *
 * @param source the source
 * @param key the literal value ({@link Source#LITERAL}) or the attribute key ({@link Source#ATTRIBUTE}),
 *     otherwise null
 * @param name the {@code parameter_name} for templates with the named parameter format, or null
 * @param fallback the value used when the source is empty, or null
 * @param maxLength the longest value (1 to {@value TemplateLimits#BODY_MAX}); longer values are cut
 */
public record PolicyParam(Source source, String key, String name, String fallback, int maxLength) {

  /** The value sources. */
  public enum Source {
    /** A fixed value ({@link PolicyParam#key()}). */
    LITERAL,
    /** {@link PolicyEvent#ticketId()}. */
    TICKET_ID,
    /** {@link PolicyEvent#status()}. */
    TICKET_STATUS,
    /** {@link PolicyEvent#tag()}. */
    TAG,
    /** {@link PolicyEvent#customerName()}. */
    CUSTOMER_NAME,
    /** {@link PolicyEvent#waId()}. */
    WA_ID,
    /** {@link PolicyEvent#agentText()}: cut to fit the template's hydrated body limit when a registry is given. */
    AGENT_TEXT,
    /** {@link PolicyEvent#agentName()}. */
    AGENT_NAME,
    /** {@link PolicyEvent#attributes()}{@code .get(key)}. */
    ATTRIBUTE
  }

  public PolicyParam {
    Objects.requireNonNull(source, "source");
    if ((source == Source.LITERAL || source == Source.ATTRIBUTE) && (key == null || key.isEmpty())) {
      throw new IllegalArgumentException(source + " needs a " + (source == Source.LITERAL ? "value" : "key"));
    }
    if (maxLength < 1 || maxLength > TemplateLimits.BODY_MAX) {
      throw new IllegalArgumentException("maxLength must be 1.." + TemplateLimits.BODY_MAX + ", was " + maxLength);
    }
  }

  private static PolicyParam of(Source source, String key) {
    return new PolicyParam(source, key, null, null, TemplateLimits.BODY_MAX);
  }

  /** A fixed value. */
  public static PolicyParam literal(String value) {
    return of(Source.LITERAL, Objects.requireNonNull(value, "value"));
  }

  /** The ticket id. */
  public static PolicyParam ticketId() {
    return of(Source.TICKET_ID, null);
  }

  /** The ticket status. */
  public static PolicyParam ticketStatus() {
    return of(Source.TICKET_STATUS, null);
  }

  /** The tag just added. */
  public static PolicyParam tag() {
    return of(Source.TAG, null);
  }

  /** The customer's profile name. */
  public static PolicyParam customerName() {
    return of(Source.CUSTOMER_NAME, null);
  }

  /** The customer's wa_id. */
  public static PolicyParam waId() {
    return of(Source.WA_ID, null);
  }

  /** The agent's reply text. */
  public static PolicyParam agentText() {
    return of(Source.AGENT_TEXT, null);
  }

  /** The agent's name. */
  public static PolicyParam agentName() {
    return of(Source.AGENT_NAME, null);
  }

  /** An event attribute. */
  public static PolicyParam attribute(String key) {
    return of(Source.ATTRIBUTE, Objects.requireNonNull(key, "key"));
  }

  /** A copy with this {@code parameter_name} (named-format templates). */
  public PolicyParam named(String parameterName) {
    return new PolicyParam(source, key, Objects.requireNonNull(parameterName, "parameterName"), fallback, maxLength);
  }

  /** A copy using {@code value} when the source is empty. */
  public PolicyParam orElse(String value) {
    return new PolicyParam(source, key, name, Objects.requireNonNull(value, "value"), maxLength);
  }

  /** A copy cutting values longer than {@code max}. */
  public PolicyParam maxLength(int max) {
    return new PolicyParam(source, key, name, fallback, max);
  }
}
