package io.github.whatsapphelpdesk.freshdesk;

import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Values shared by the adapter tests. */
final class Fixtures {
  static final String WA_ID = "5511987654321";
  static final ContactInfo CUSTOMER = ContactInfo.ofPhone(WA_ID, "Maria Silva");

  private Fixtures() {}

  static CustomerMessage message(HelpdeskContact author, String id, String text, Attachment... files) {
    return new CustomerMessage(id, author, text, List.of(files), Instant.parse("2026-11-25T09:59:00Z"), Map.of());
  }

  static TicketRequest request(HelpdeskContact requester, String episode, String text, Attachment... files) {
    String key = "wa:1234567890:" + requester.customer().value() + ":" + episode;
    return new TicketRequest(key, "idem-" + key, requester, "WhatsApp: Maria Silva",
        message(requester, "wamid." + episode, text, files), List.of("whatsapp-inbound"),
        Map.of("cf_wa_id", requester.customer().value(), "ignored_non_cf", "x"));
  }

  static Attachment file(String name, int size) {
    return Attachment.ofBytes(name, "image/jpeg", new byte[size]);
  }
}
