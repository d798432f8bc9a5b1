package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.template.TemplateCategory;
import java.util.Objects;

/**
 * A template's review status changed ({@code message_template_status_update}).
 *
 * @param metadata where it came from (WABA id, entry time)
 * @param templateId {@code message_template_id} (as a string), or null
 * @param templateName {@code message_template_name}, or null
 * @param language {@code message_template_language}, for example {@code en_US}, or null
 * @param event the new status; {@link TemplateStatusEvent#UNKNOWN} for values this SDK does not know
 * @param rawEvent {@code event} as sent, or null
 * @param reason {@code reason} ({@code INVALID_FORMAT}, {@code SCAM}, {@code NONE}...), or null
 * @param category {@code message_template_category}, or null when absent
 * @param rejectionReason {@code rejection_info.reason} (human-readable), or null
 * @param recommendation {@code rejection_info.recommendation}, or null
 * @param disableDate {@code disable_info.disable_date} (free text, for {@code FLAGGED}), or null
 * @param otherInfoTitle {@code other_info.title} (for pauses and locks), or null
 * @param otherInfoDescription {@code other_info.description}, or null
 */
public record TemplateStatusUpdate(
    EventMetadata metadata,
    String templateId,
    String templateName,
    String language,
    TemplateStatusEvent event,
    String rawEvent,
    String reason,
    TemplateCategory category,
    String rejectionReason,
    String recommendation,
    String disableDate,
    String otherInfoTitle,
    String otherInfoDescription) implements WebhookEvent {

  public TemplateStatusUpdate {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(event, "event");
  }

  @Override
  public String idempotencyKey() {
    return metadata.field() + ":" + metadata.contentHash();
  }
}
