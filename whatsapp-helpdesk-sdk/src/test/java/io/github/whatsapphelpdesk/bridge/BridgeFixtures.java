package io.github.whatsapphelpdesk.bridge;

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

  static InboundMessage message(String wamid, String from, Instant at, InboundContent content) {
    return new InboundMessage(EventMetadata.of("102290129340398", PN, "15550783881"), wamid, from,
        new ContactProfile(from, "Customer " + from.substring(from.length() - 4), null), at, content, null, null,
        List.of());
  }

  static InboundMessage text(String wamid, String from, Instant at, String body) {
    return message(wamid, from, at, new InboundContent.Text(body));
  }

  static StatusUpdate failed(String wamid, String recipient, Instant at, int code) {
    return new StatusUpdate(EventMetadata.of("102290129340398", PN, "15550783881"), wamid, DeliveryStatus.FAILED,
        "failed", recipient, at, List.of(WebhookError.of(code, "failed", "failed", "details", null)), null, null, null);
  }
}
