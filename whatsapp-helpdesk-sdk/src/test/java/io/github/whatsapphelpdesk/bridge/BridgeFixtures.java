package io.github.whatsapphelpdesk.bridge;

import io.github.whatsapphelpdesk.customer.Identifiers;
import io.github.whatsapphelpdesk.webhook.ContactProfile;
import io.github.whatsapphelpdesk.webhook.DeliveryStatus;
import io.github.whatsapphelpdesk.webhook.EventMetadata;
import io.github.whatsapphelpdesk.webhook.InboundContent;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.StatusUpdate;
import io.github.whatsapphelpdesk.webhook.WebhookError;
import java.time.Instant;
import java.util.List;

/** Builders of webhook events for bridge tests. */
final class BridgeFixtures {
  static final String PN = "106540352242922";

  private BridgeFixtures() {}

  /**
   * A message from {@code from}: a phone number (sent with a BSUID derived from it, as Meta does since
   * 2026-03-31), or a BSUID ({@code CC.…}) for a username-only customer, who has no phone number anywhere.
   */
  static InboundMessage message(String wamid, String from, Instant at, InboundContent content) {
    if (Identifiers.isBsuid(from)) {
      String username = "user" + from.substring(from.length() - 4);
      return new InboundMessage(EventMetadata.of("102290129340398", PN, "15550783881"), wamid, null, from,
          new ContactProfile(null, "Customer " + from.substring(from.length() - 4), from, null, username), at,
          content, null, null, List.of());
    }
    return new InboundMessage(EventMetadata.of("102290129340398", PN, "15550783881"), wamid, from, null,
        new ContactProfile(from, "Customer " + from.substring(from.length() - 4), null, null, null), at, content,
        null, null, List.of());
  }

  static InboundMessage text(String wamid, String from, Instant at, String body) {
    return message(wamid, from, at, new InboundContent.Text(body));
  }

  /** A status of a message the business sent, echoing the {@code biz_opaque_callback_data} it was sent with. */
  static StatusUpdate status(String wamid, String recipient, Instant at, DeliveryStatus status, String callbackData,
      Integer errorCode) {
    return new StatusUpdate(EventMetadata.of("102290129340398", PN, "15550783881"), wamid, status,
        status.name().toLowerCase(java.util.Locale.ROOT), recipient, null, at,
        errorCode == null ? List.of() : List.of(WebhookError.of(errorCode, "failed", "failed", "details", null)),
        null, null, callbackData);
  }

  static StatusUpdate failed(String wamid, String recipient, Instant at, int code) {
    return new StatusUpdate(EventMetadata.of("102290129340398", PN, "15550783881"), wamid, DeliveryStatus.FAILED,
        "failed", recipient, null, at, List.of(WebhookError.of(code, "failed", "failed", "details", null)), null,
        null, null);
  }
}
