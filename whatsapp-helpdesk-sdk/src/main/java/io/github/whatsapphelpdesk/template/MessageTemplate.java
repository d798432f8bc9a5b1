package io.github.whatsapphelpdesk.template;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message template as the WABA's {@code message_templates} edge returns it (also the draft given to
 * create). Immutable; enums fall back to UNKNOWN for values this SDK does not know.
 *
 * @param id the template id ({@code hsm_id}), or null for a draft
 * @param name the name (lower case and underscores, at most 512 characters)
 * @param language the language code, for example {@code en_US}
 * @param status the review status ({@link TemplateStatus#UNKNOWN} for a draft)
 * @param category the category
 * @param subCategory {@code sub_category}, or null
 * @param previousCategory {@code previous_category} as Meta sent it (may be a retired value), or null
 * @param parameterFormat positional or named
 * @param components the components in Meta's order
 * @param qualityScore {@code quality_score.score}
 * @param rejectedReason {@code rejected_reason}, or null ({@code NONE} when not rejected)
 * @param messageSendTtlSeconds {@code message_send_ttl_seconds}, or null
 */
public record MessageTemplate(
    String id, String name, String language, TemplateStatus status, TemplateCategory category, String subCategory,
    String previousCategory, ParameterFormat parameterFormat, List<Component> components, QualityScore qualityScore,
    String rejectedReason, Integer messageSendTtlSeconds) {

  public MessageTemplate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(parameterFormat, "parameterFormat");
    Objects.requireNonNull(qualityScore, "qualityScore");
    components = List.copyOf(components);
  }

  /** A draft for {@code templates().create(...)}. */
  public static MessageTemplate draft(
      String name, String language, TemplateCategory category, ParameterFormat format, List<Component> components) {
    return new MessageTemplate(null, name, language, TemplateStatus.UNKNOWN, category, null, null, format,
        components, QualityScore.UNKNOWN, null, null);
  }

  /** True when the template may be sent. */
  public boolean sendable() {
    return status == TemplateStatus.APPROVED;
  }

  /** The first component of a type. */
  public Optional<Component> component(ComponentType type) {
    return components.stream().filter(c -> c.type() == type).findFirst();
  }
}
