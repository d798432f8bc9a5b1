package io.github.whatsapphelpdesk.webhook;

/**
 * One typed event out of a webhook delivery. A delivery (one POST) carries any number of entries,
 * changes and items; the parser turns every item into one event, in payload order.
 *
 * <p>Java 17 has no pattern-matching {@code switch}: use {@link TypedWebhookListener} for one method per
 * type, or {@code instanceof}. New event types may be added in minor versions (treat unrecognised ones
 * like {@link UnknownEvent}).
 */
public sealed interface WebhookEvent
    permits InboundMessage, StatusUpdate, MessageEcho, UserPreferenceUpdate, TemplateStatusUpdate,
        TemplateQualityUpdate, TemplateCategoryUpdate, PhoneNumberQualityUpdate, AccountUpdate, AccountAlert,
        BusinessCapabilityUpdate, ErrorEvent, UnknownEvent {

  /** The entry and change that carried this event. */
  EventMetadata metadata();

  /**
   * The key this event is deduplicated on: {@code message:<wamid>} for inbound messages, {@code
   * status:<wamid>:<status>} for statuses, {@code echo:<wamid>} for echoes and {@code
   * <field>:<contentHash>} for everything else. Meta redelivers the same item with the same key.
   */
  String idempotencyKey();

  /** The {@code wa_id} of the customer this event is about, or null when it concerns no customer. */
  default String customerWaId() {
    return null;
  }
}
