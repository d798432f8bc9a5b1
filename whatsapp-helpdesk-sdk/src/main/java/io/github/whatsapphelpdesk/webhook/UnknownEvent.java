package io.github.whatsapphelpdesk.webhook;

import java.util.Objects;

/**
 * A change whose {@code field} this SDK version does not model (for example {@code history}, {@code
 * group_lifecycle_update}, {@code phone_number_name_update}), or a {@code messages} value array it does
 * not know. Never an exception: the raw JSON is kept so nothing is lost.
 *
 * @param metadata where it came from
 * @param field the change's {@code field} (also {@code metadata.field()})
 * @param rawJson the change's {@code value} exactly as received (or the unknown array item)
 */
public record UnknownEvent(EventMetadata metadata, String field, String rawJson) implements WebhookEvent {
  public UnknownEvent {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rawJson, "rawJson");
  }

  @Override
  public String idempotencyKey() {
    return field + ":" + metadata.contentHash();
  }
}
