package io.github.whatsapphelpdesk.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an event came from: the entry and change that carried it.
 *
 * @param wabaId the WhatsApp Business Account id ({@code entry[].id}); never null (empty when the
 *     payload omits it)
 * @param phoneNumberId the business phone number id ({@code value.metadata.phone_number_id}), or null
 *     for fields that carry no metadata (template and account updates)
 * @param displayPhoneNumber the business number as displayed ({@code metadata.display_phone_number}
 *     or the value's {@code display_phone_number}), or null
 * @param field the change's {@code field}, for example {@code "messages"}; never null
 * @param entryTime the entry's {@code time}, or null (message entries usually have none)
 * @param contentHash hex SHA-256 identifying this event's content, for events that have no id of their
 *     own (template, account, preference updates, value-level errors, unknown fields); null for events
 *     keyed by a message id
 */
public record EventMetadata(
    String wabaId,
    String phoneNumberId,
    String displayPhoneNumber,
    String field,
    Instant entryTime,
    String contentHash) {

  public EventMetadata {
    Objects.requireNonNull(wabaId, "wabaId");
    Objects.requireNonNull(field, "field");
  }

  /** Metadata for a {@code messages} change (no entry time, no content hash). */
  public static EventMetadata of(String wabaId, String phoneNumberId, String displayPhoneNumber) {
    return new EventMetadata(wabaId, phoneNumberId, displayPhoneNumber, "messages", null, null);
  }
}
