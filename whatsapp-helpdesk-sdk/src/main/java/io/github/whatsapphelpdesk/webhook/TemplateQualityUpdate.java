package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.template.QualityScore;
import java.util.Objects;

/**
 * A template's quality rating changed ({@code message_template_quality_update}).
 *
 * @param metadata where it came from
 * @param templateId {@code message_template_id}, or null
 * @param templateName {@code message_template_name}, or null
 * @param language {@code message_template_language}, or null
 * @param previousScore {@code previous_quality_score} ({@link QualityScore#UNKNOWN} when absent or new)
 * @param newScore {@code new_quality_score}
 */
public record TemplateQualityUpdate(
    EventMetadata metadata,
    String templateId,
    String templateName,
    String language,
    QualityScore previousScore,
    QualityScore newScore) implements WebhookEvent {

  public TemplateQualityUpdate {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(previousScore, "previousScore");
    Objects.requireNonNull(newScore, "newScore");
  }

  @Override
  public String idempotencyKey() {
    return metadata.field() + ":" + metadata.contentHash();
  }
}
