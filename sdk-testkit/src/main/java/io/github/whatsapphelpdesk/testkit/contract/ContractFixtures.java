package io.github.whatsapphelpdesk.testkit.contract;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.store.ConversationKey;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values and helpers shared by the contract tests: a customer, conversation keys, requests, messages and
 * request copies. Subclasses may override {@link #unknownTicketId()} when their helpdesk's ids differ.
 */
public abstract class ContractFixtures {
  /** The business phone number id used in conversation keys. */
  protected static final String PHONE_NUMBER_ID = "106540352242922";
  /** The customer's wa_id. */
  protected static final String WA_ID = "4915112345678";
  /** The customer's BSUID (business-scoped user id). */
  protected static final String BSUID = "US.13491208655302741918";
  /** A username-only customer's BSUID (no phone number known). */
  protected static final String OTHER_BSUID = "DE.88812000431177720035";
  /** Another customer's wa_id. */
  protected static final String OTHER_WA_ID = "5511987654321";
  /** A 1x1 PNG. */
  protected static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
  /** The timestamp of the fixtures' messages. */
  protected static final Instant SENT_AT = Instant.parse("2026-01-15T10:00:00Z");

  private HelpdeskAdapter bound;

  /** Binds the adapter the helpers call. */
  final void bind(HelpdeskAdapter adapter) {
    this.bound = adapter;
  }

  /** A ticket id the helpdesk does not know. */
  protected String unknownTicketId() {
    return "987654321";
  }

  /** The conversation key of episode {@code episode} of the fixture customer. */
  protected static ConversationKey key(long episode) {
    return new ConversationKey(PHONE_NUMBER_ID, CustomerId.ofPhone(WA_ID), episode);
  }

  /** Upserts the fixture customer. */
  protected HelpdeskContact contact() {
    return bound.upsertContact(ContactInfo.ofPhone(WA_ID, "Ana"));
  }

  /**
   * The contact of a customer as a webhook gives them: the natural id (the BSUID when given, else the
   * phone number) and whatever else is known; nulls for the unknown.
   */
  protected static ContactInfo customer(String bsuid, String waId, String username, String profileName) {
    return ContactInfo.of(Customer.of(bsuid, waId, null, username, profileName));
  }

  /** A customer message without attachments. */
  protected static CustomerMessage message(HelpdeskContact author, String wamid, String text) {
    return message(author, wamid, text, List.of());
  }

  /** A customer message. */
  protected static CustomerMessage message(HelpdeskContact author, String wamid, String text,
      List<Attachment> attachments) {
    return new CustomerMessage(wamid, author, text, attachments, SENT_AT, Map.of("type", "text"));
  }

  /** A ticket request whose first message is {@code text}. */
  protected static TicketRequest request(HelpdeskContact contact, ConversationKey key, String idempotencyKey,
      String text) {
    return new TicketRequest(key.format(), idempotencyKey, contact, "WhatsApp conversation",
        message(contact, "wamid." + idempotencyKey, text), List.of("whatsapp"), Map.of());
  }

  /** Creates a ticket for the fixture customer (episode 1) and returns it. */
  protected TicketHandle newTicket() {
    return bound.findOrCreateTicket(request(contact(), key(1), "idem-new", "I need help")).ticket();
  }

  /** An attachment of {@code size} zero bytes, produced lazily (never held in memory by the fixture). */
  protected static Attachment zeros(String filename, String mimeType, long size) {
    return new Attachment(filename, mimeType, size, () -> new InputStream() {
      private long left = size;

      @Override
      public int read() {
        if (left <= 0) {
          return -1;
        }
        left--;
        return 0;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 0);
        left -= n;
        return n;
      }
    });
  }

  /** A copy of a request with another body and, when {@code dropHeader} is set, without that header. */
  protected static WebhookRequest copy(WebhookRequest request, byte[] body, String dropHeader) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request.headers().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
    if (dropHeader != null) {
      headers.remove(dropHeader);
    }
    return WebhookRequest.builder().method(request.method()).path(request.path()).query(request.query())
        .headers(headers).body(body).build();
  }
}
