package io.github.whatsapphelpdesk.webhook;

import java.util.Objects;

/**
 * An app- or system-level error ({@code value.errors[]} of a {@code messages} change), for example
 * 130429 when the throughput limit was hit. One event per error.
 *
 * @param metadata where it came from (the phone number it concerns)
 * @param error the error, classified through the error table
 */
public record ErrorEvent(EventMetadata metadata, WebhookError error) implements WebhookEvent {
  public ErrorEvent {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(error, "error");
  }

  @Override
  public String idempotencyKey() {
    return metadata.field() + ":error:" + metadata.contentHash();
  }
}
