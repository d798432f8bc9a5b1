package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.customer.Masking;
import java.util.Objects;
import java.util.Optional;

/**
 * Meta's answer to a send. A 200 means accepted, not delivered: delivery arrives as status webhooks.
 *
 * @param messageId the wamid of the new message
 * @param waId the {@code wa_id} Meta resolved; it can differ from the input (Brazil, Mexico, changed
 *     numbers), so store it separately
 * @param input the recipient as sent
 * @param messageStatus {@code accepted}, {@code held_for_quality_assessment} or {@code paused} for paced
 *     templates, or null when absent
 */
public record SendResult(String messageId, String waId, String input, String messageStatus) {
  public SendResult {
    Objects.requireNonNull(messageId, "messageId");
  }

  /** {@code message_status}, when present. */
  public Optional<String> status() {
    return Optional.ofNullable(messageStatus);
  }

  /** Phone numbers masked. */
  @Override
  public String toString() {
    return "SendResult[messageId=" + messageId + ", waId=" + Masking.identifier(waId) + ", input="
        + Masking.identifier(input) + ", messageStatus=" + messageStatus + "]";
  }
}
