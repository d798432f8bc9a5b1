package io.github.whatsapphelpdesk.freshdesk.internal;

import io.github.whatsapphelpdesk.error.HelpdeskConflictException;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contact upserts keyed by {@code unique_external_id = whatsapp:<customer id>}, following
 * {@link io.github.whatsapphelpdesk.spi.HelpdeskAdapter#upsertContact}. Thread-safe (stateless).
 *
 * <p>Freshdesk facts relied on (developers.freshdesk.com/api/#create_contact, #update_contact,
 * #list_all_contacts):
 * <ul>
 *   <li>{@code POST /api/v2/contacts} needs a {@code name} and at least one of {@code email, phone, mobile,
 *       twitter_id, unique_external_id}; {@code unique_external_id} is unique (409 {@code duplicate_value}),
 *       {@code mobile} is not. So a username user without a phone number is created with its name and
 *       {@code unique_external_id} only, and creating is race-safe.
 *   <li>The documented database filters are {@code ?email=|phone=|mobile=}; {@code ?unique_external_id=}
 *       is widely used but undocumented, so a 400 (unknown filter) falls back to the exact {@code ?mobile=}
 *       filter, checking the external id of every match. Without a phone number there is no fallback
 *       (search lags by minutes and is never used): the contact is then not findable and a 409 on create
 *       becomes a {@link HelpdeskConflictException}.
 *   <li>The username is kept as one managed line ({@value #USERNAME_LABEL} {@code @name}) of the contact's
 *       {@code description}, a standard field on every account; contact custom fields must be created by
 *       an admin first, and tags are a flat list agents use for segmentation. Other description lines are
 *       kept.
 * </ul>
 *
 * <p>Flow: with no legacy external id, create first and on 409 look the contact up by its external id
 * (one request for a new customer); with legacy ids (a BSUID customer whose phone number is known), look
 * up the external id, then each legacy id (a contact found there gets the new {@code unique_external_id}:
 * the migration path), then create. Updates never write a null: the mobile is set when known, the name
 * only while it is a placeholder the adapter chose (agents' edits are kept).
 */
public final class Contacts {
  /** The label of the managed description line that holds the WhatsApp username. */
  public static final String USERNAME_LABEL = "WhatsApp username:";

  private static final Logger LOG = LoggerFactory.getLogger(Contacts.class);
  private final String adapterId;
  private final FreshdeskHttp http;

  public Contacts(String adapterId, FreshdeskHttp http) {
    this.adapterId = adapterId;
    this.http = http;
  }

  /** Creates, finds, migrates or updates the contact. */
  public HelpdeskContact upsert(ContactInfo info) {
    String mobile = info.e164().orElse(null);
    String externalId = info.externalId();
    if (!info.legacyExternalIds().isEmpty()) {
      Dtos.Contact existing = lookup(externalId, mobile);
      if (existing != null) {
        updateIfNeeded(existing, info, null);
        return new HelpdeskContact(String.valueOf(existing.id()), info.customerId());
      }
      for (String legacy : info.legacyExternalIds()) {
        Dtos.Contact earlier = lookup(legacy, mobile);
        if (earlier != null) {
          updateIfNeeded(earlier, info, externalId);
          LOG.debug("Freshdesk contact {} moved from its legacy external id to the customer's stable id {}",
              earlier.id(), info.customerId().masked());
          return new HelpdeskContact(String.valueOf(earlier.id()), info.customerId());
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", info.displayName());
    if (mobile != null) {
      body.put("mobile", mobile);
    }
    body.put("unique_external_id", externalId);
    if (info.username() != null) {
      body.put("description", mergeDescription(null, info.username()));
    }
    try {
      Dtos.Contact created = http.json("POST", http.url("/api/v2/contacts", Map.of()), body,
          EndpointClass.OTHER, Dtos.Contact.class, "create contact");
      return new HelpdeskContact(String.valueOf(created.id()), info.customerId());
    } catch (HelpdeskConflictException duplicate) {
      Dtos.Contact existing = lookup(externalId, mobile);
      if (existing == null) {
        throw new HelpdeskConflictException(adapterId, duplicate.httpStatus(),
            "a contact with this unique_external_id exists but no database filter finds it "
                + "(deleted, merged or blocked contact, or no phone number to filter by?); restore it in Freshdesk",
            duplicate);
      }
      updateIfNeeded(existing, info, null);
      return new HelpdeskContact(String.valueOf(existing.id()), info.customerId());
    }
  }

  /**
   * Finds the contact with this external id: the {@code ?unique_external_id=} filter, or when Freshdesk
   * rejects it and a mobile is known, the exact {@code ?mobile=} filter; null when not found.
   */
  private Dtos.Contact lookup(String externalId, String mobile) {
    try {
      return firstWithExternalId(http.allPages(
          http.url("/api/v2/contacts", Map.of("unique_external_id", externalId)),
          EndpointClass.CONTACTS_LIST, Dtos.Contact.class, "look up contact by external id"), externalId);
    } catch (HelpdeskValidationException unsupportedFilter) {
      if (mobile == null) {
        LOG.debug("Freshdesk rejected the unique_external_id contact filter and no phone number is known");
        return null;
      }
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
   * Writes what changed: the new external id (migration), the mobile when known and different, the name
   * only while it is a placeholder (a phone number, the masked id or the username the adapter stored), the
   * username line.
   */
  private void updateIfNeeded(Dtos.Contact existing, ContactInfo info, String newExternalId) {
    Map<String, Object> changes = new LinkedHashMap<>();
    if (newExternalId != null) {
      changes.put("unique_external_id", newExternalId);
    }
    String mobile = info.e164().orElse(null);
    if (mobile != null && !mobile.equals(existing.mobile())) {
      changes.put("mobile", mobile);
    }
    String name = existing.name();
    String better = info.profileName() != null ? info.profileName().strip()
        : info.username() != null ? info.displayName() : null;
    if (better != null && !better.equals(name) && isPlaceholder(name, existing, info)) {
      changes.put("name", better);
    }
    if (info.username() != null) {
      String merged = mergeDescription(existing.description(), info.username());
      if (!merged.equals(existing.description())) {
        changes.put("description", merged);
      }
    }
    if (!changes.isEmpty()) {
      http.json("PUT", http.url("/api/v2/contacts/" + existing.id(), Map.of()), changes,
          EndpointClass.OTHER, Dtos.Contact.class, "update contact");
    }
  }

  /** A name the adapter chose itself, which a profile name (or a username) may replace. */
  private static boolean isPlaceholder(String name, Dtos.Contact existing, ContactInfo info) {
    if (name == null || name.isBlank()) {
      return true;
    }
    if (name.equals(existing.mobile()) || name.equals(info.e164().orElse(null))
        || name.equals(info.customerId().masked())) {
      return true;
    }
    String stored = storedUsername(existing.description());
    return stored != null && (name.equals(stored) || name.equals("@" + stored));
  }

  /** The username of the managed description line, without {@code @}, or null. */
  static String storedUsername(String description) {
    if (description == null) {
      return null;
    }
    for (String line : description.split("\n")) {
      if (line.startsWith(USERNAME_LABEL)) {
        String u = line.substring(USERNAME_LABEL.length()).strip();
        return u.startsWith("@") ? u.substring(1) : u;
      }
    }
    return null;
  }

  /** The description with the managed username line replaced or appended; other lines are kept. */
  static String mergeDescription(String description, String username) {
    String line = USERNAME_LABEL + " @" + (username.startsWith("@") ? username.substring(1) : username).strip();
    if (description == null || description.isBlank()) {
      return line;
    }
    List<String> lines = new ArrayList<>(List.of(description.split("\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(USERNAME_LABEL)) {
        lines.set(i, line);
        return String.join("\n", lines);
      }
    }
    return description + "\n" + line;
  }
}
