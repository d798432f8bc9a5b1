package io.github.whatsapphelpdesk.freshdesk.internal;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.error.HelpdeskConflictException;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contact upserts keyed by {@code unique_external_id = whatsapp:<wa_id>}, which Freshdesk keeps
 * unique: create first, and on 409 {@code duplicate_value} look the contact up by database filters
 * (never search, which lags) and update its mobile. Thread-safe.
 */
public final class Contacts {
  private static final Logger LOG = LoggerFactory.getLogger(Contacts.class);
  private final String adapterId;
  private final FreshdeskHttp http;

  public Contacts(String adapterId, FreshdeskHttp http) {
    this.adapterId = adapterId;
    this.http = http;
  }

  /** Creates or updates the contact. */
  public HelpdeskContact upsert(ContactInfo info) {
    String mobile = PhoneNumbers.toE164(info.e164());
    String externalId = info.externalId();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", displayName(info, mobile));
    body.put("mobile", mobile);
    body.put("unique_external_id", externalId);
    try {
      Dtos.Contact created = http.json("POST", http.url("/api/v2/contacts", Map.of()), body,
          EndpointClass.OTHER, Dtos.Contact.class, "create contact");
      return new HelpdeskContact(String.valueOf(created.id()), info.waId());
    } catch (HelpdeskConflictException duplicate) {
      Dtos.Contact existing = lookup(externalId, mobile);
      if (existing == null) {
        throw new HelpdeskConflictException(adapterId, duplicate.httpStatus(),
            "a contact with this unique_external_id exists but neither database filter finds it "
                + "(deleted, merged or blocked contact?); restore it in Freshdesk", duplicate);
      }
      updateIfNeeded(existing, info, mobile);
      return new HelpdeskContact(String.valueOf(existing.id()), info.waId());
    }
  }

  private static String displayName(ContactInfo info, String mobile) {
    String n = info.profileName();
    return n == null || n.isBlank() ? mobile : n.strip();
  }

  /**
   * Finds the contact. {@code ?unique_external_id=} is widely used but not documented for contacts,
   * so a 400 (unknown filter) falls back to the documented exact {@code ?mobile=} filter, checking the
   * external id of every match.
   */
  private Dtos.Contact lookup(String externalId, String mobile) {
    try {
      Dtos.Contact c = firstWithExternalId(http.allPages(
          http.url("/api/v2/contacts", Map.of("unique_external_id", externalId)),
          EndpointClass.CONTACTS_LIST, Dtos.Contact.class, "look up contact by external id"), externalId);
      if (c != null) {
        return c;
      }
    } catch (HelpdeskValidationException unsupportedFilter) {
      LOG.debug("Freshdesk rejected the unique_external_id contact filter; falling back to mobile");
    }
    return firstWithExternalId(http.allPages(
        http.url("/api/v2/contacts", Map.of("mobile", mobile, "per_page", "100")),
        EndpointClass.CONTACTS_LIST, Dtos.Contact.class, "look up contact by mobile"), externalId);
  }

  private static Dtos.Contact firstWithExternalId(List<Dtos.Contact> contacts, String externalId) {
    for (Dtos.Contact c : contacts) {
      if (c.id() != null && externalId.equals(c.uniqueExternalId())) {
        return c;
      }
    }
    return null;
  }

  /**
   * Aligns the mobile with the normalised format, and replaces the name only when it is still the
   * phone-number placeholder (an agent's edits to the name are kept).
   */
  private void updateIfNeeded(Dtos.Contact existing, ContactInfo info, String mobile) {
    Map<String, Object> changes = new LinkedHashMap<>();
    if (!mobile.equals(existing.mobile())) {
      changes.put("mobile", mobile);
    }
    String name = existing.name();
    boolean placeholder = name == null || name.isBlank() || name.equals(existing.mobile()) || name.equals(mobile);
    if (info.profileName() != null && !info.profileName().isBlank() && placeholder
        && !info.profileName().strip().equals(name)) {
      changes.put("name", info.profileName().strip());
    }
    if (!changes.isEmpty()) {
      http.json("PUT", http.url("/api/v2/contacts/" + existing.id(), Map.of()), changes,
          EndpointClass.OTHER, Dtos.Contact.class, "update contact");
    }
  }
}
