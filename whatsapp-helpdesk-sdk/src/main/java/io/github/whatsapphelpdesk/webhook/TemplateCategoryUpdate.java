package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.template.TemplateCategory;
import java.util.Objects;

/**
 * Meta re-categorised a template, or announced it will ({@code template_category_update}).
 *
 * @param metadata where it came from
 * @param templateId {@code message_template_id}, or null
 * @param templateName {@code message_template_name}, or null
 * @param language {@code message_template_language}, or null
 * @param previousCategory {@code previous_category} ({@link TemplateCategory#UNKNOWN} when absent)
 * @param newCategory {@code new_category} ({@link TemplateCategory#UNKNOWN} when absent)
 * @param correctCategory {@code correct_category} of an advance notice, or null when absent
 */
public record TemplateCategoryUpdate(
    EventMetadata metadata,
    String templateId,
    String templateName,
    String language,
    TemplateCategory previousCategory,
    TemplateCategory newCategory,
    TemplateCategory correctCategory) implements WebhookEvent {

  public TemplateCategoryUpdate {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(previousCategory, "previousCategory");
    Objects.requireNonNull(newCategory, "newCategory");
  }

  @Override
  public String idempotencyKey() {
    return metadata.field() + ":" + metadata.contentHash();
  }
}
