package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.customer.Customer;

/**
 * One typed event out of a webhook delivery. A delivery (one POST) carries any number of entries,
 * changes and items; the parser turns every item into one event, in payload order.
 *
 * <p>Java 17 has no pattern-matching {@code switch}: use {@link TypedWebhookListener} for one method per
 * type, or {@code instanceof}. New event types may be added in minor versions (treat unrecognised ones
 * like {@link UnknownEvent}).
 */
public sealed interface WebhookEvent
    permits InboundMessage, StatusUpdate, MessageEcho, UserPreferenceUpdate, UserIdUpdate, TemplateStatusUpdate,
        TemplateQualityUpdate, TemplateCategoryUpdate, PhoneNumberQualityUpdate, AccountUpdate, AccountAlert,
        BusinessCapabilityUpdate, CallEvent, ErrorEvent, UnknownEvent {

  /** The entry and change that carried this event. */
  EventMetadata metadata();

  /**
   * The key this event is deduplicated on: {@code message:<wamid>} for inbound messages, {@code
   * status:<wamid>:<status>} for statuses, {@code echo:<wamid>} for echoes and {@code
   * <field>:<contentHash>} for everything else. Meta redelivers the same item with the same key.
   */
  String idempotencyKey();

  /**
   * The phone number ({@code wa_id}) of the customer this event is about, or null when it concerns no
   * customer or Meta withheld the number (customers with a username): prefer {@link #customer()}.
   */
  default String customerWaId() {
    return null;
  }

  /**
   * The customer this event is about (BSUID and/or phone number, with username and name when known), or
   * null when it concerns no customer. Resolve it through a {@code CustomerDirectory} to get the stable id.
   */
  default Customer customer() {
    return null;
  }
}
