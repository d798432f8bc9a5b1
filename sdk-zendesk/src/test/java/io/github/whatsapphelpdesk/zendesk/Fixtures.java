package io.github.whatsapphelpdesk.zendesk;

import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test values. */
final class Fixtures {
  static final String WA_ID = "4915112345678";
  static final String KEY = "wa:1055:" + WA_ID + ":1";

  private Fixtures() {}

  static ContactInfo contact() {
    return ContactInfo.ofPhone(WA_ID, "Lena Schmidt");
  }

  static CustomerMessage message(HelpdeskContact author, String id, String text, Attachment... files) {
    return new CustomerMessage(id, author, text, List.of(files), Instant.parse("2026-11-25T10:00:00Z"), Map.of());
  }

  static TicketRequest request(HelpdeskContact requester, String idemKey, String text) {
    return new TicketRequest(KEY, idemKey, requester, "WhatsApp +" + WA_ID, message(requester, "wamid.1", text),
        List.of("vip"), Map.of());
  }
}
