package io.github.whatsapphelpdesk.zendesk.internal;

import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-user upserts keyed by {@code external_id = whatsapp:<customer id>}, with the migration of users
 * created under a legacy external id ({@code whatsapp:<wa_id>}). Not API; thread-safe (stateless).
 *
 * <p>Zendesk facts relied on (Support API OAS, {@code UserForAdmin}, {@code ShowManyUsers},
 * {@code CreateOrUpdateUser}, {@code UpdateUser}; developer.zendesk.com/api-reference/ticketing/users/users/):
 * <ul>
 *   <li>{@code external_id} is "a unique identifier from another system", compared case-insensitively;
 *       {@code create_or_update} matches on it (or email) and so is race-safe for creation.
 *   <li>{@code GET /api/v2/users/show_many?external_ids=a,b} is a direct lookup of up to 100 external ids
 *       (not search, which lags by minutes).
 *   <li>Only {@code name} is required: a user without email or phone is valid, so username users (no
 *       phone number) are created with a name and the external id only.
 *   <li>{@code notes} ("any notes you want to store about the user") exists on every account; user
 *       {@code tags} exist only when user tagging is enabled and {@code user_fields} only when an admin
 *       defined the field, so the username is kept as one managed line of {@code notes}
 *       ({@value #USERNAME_LABEL} {@code @name}); the rest of the notes (agents' text) is kept as it is.
 * </ul>
 */
public final class Users {
  /** The label of the managed notes line that holds the WhatsApp username. */
  public static final String USERNAME_LABEL = "WhatsApp username:";

  private static final Logger LOG = LoggerFactory.getLogger(Users.class);

  private final ZendeskHttp http;

  public Users(ZendeskHttp http) {
    this.http = http;
  }

  /** Upserts the end user (see {@link io.github.whatsapphelpdesk.spi.HelpdeskAdapter#upsertContact}). */
  public HelpdeskContact upsert(ContactInfo contact) {
    String externalId = contact.externalId();
    List<String> legacy = contact.legacyExternalIds();
    if (legacy.isEmpty() && contact.profileName() != null && contact.username() == null) {
      // Nothing to migrate or merge: one create_or_update sets name and phone (an absent phone is left as is).
      return createOrUpdate(contact);
    }
    List<String> wanted = new ArrayList<>();
    wanted.add(externalId);
    wanted.addAll(legacy);
    List<Map<String, Object>> found = showMany(wanted);
    Map<String, Object> current = byExternalId(found, externalId);
    if (current != null) {
      update(current, contact, null);
      return new HelpdeskContact(Json.str(current, "id"), contact.customerId());
    }
    for (String old : legacy) {
      Map<String, Object> earlier = byExternalId(found, old);
      if (earlier != null) {
        return migrate(earlier, contact);
      }
    }
    return createOrUpdate(contact);
  }

  /** Moves a legacy user to the new external id; if another request took that id meanwhile, uses that user. */
  private HelpdeskContact migrate(Map<String, Object> earlier, ContactInfo contact) {
    ZendeskHttp.Answer a = update(earlier, contact, contact.externalId());
    if (a != null && a.status() == 422) {
      Map<String, Object> now = byExternalId(showMany(List.of(contact.externalId())), contact.externalId());
      if (now == null) {
        throw ZendeskErrors.map("move user to new external_id", 422, a.body(), null);
      }
      LOG.debug("Zendesk user {} already holds the new external id; legacy user {} left as is",
          Json.str(now, "id"), Json.str(earlier, "id"));
      update(now, contact, null);
      return new HelpdeskContact(Json.str(now, "id"), contact.customerId());
    }
    LOG.debug("Zendesk user {} moved from its legacy external id to the customer's stable id {}",
        Json.str(earlier, "id"), contact.customerId().masked());
    return new HelpdeskContact(Json.str(earlier, "id"), contact.customerId());
  }

  private HelpdeskContact createOrUpdate(ContactInfo contact) {
    ZendeskHttp.Answer a = http.send("upsert user",
        http.request("/api/v2/users/create_or_update").post(ZendeskHttp.json(createBody(contact))).build(), null);
    String id = Json.str(Json.obj(a.body(), "user"), "id");
    if (id == null) {
      throw new HelpdeskException(ZendeskErrors.ID, a.status(), "create_or_update answered without user.id");
    }
    LOG.debug("Zendesk user {} upserted for {} ({})", id, contact.customerId().masked(),
        a.status() == 201 ? "created" : "updated");
    return new HelpdeskContact(id, contact.customerId());
  }

  /**
   * The create_or_update body: name (the display name when no profile name is known), external id, the
   * phone only when known, the username notes line only when known, {@code skip_verify_email}.
   */
  static Map<String, Object> createBody(ContactInfo contact) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("name", contact.displayName());
    user.put("external_id", contact.externalId());
    contact.e164().ifPresent(p -> user.put("phone", p));
    if (contact.username() != null) {
      user.put("notes", mergeNotes(null, contact.username()));
    }
    user.put("skip_verify_email", true);
    return Map.of("user", user);
  }

  /**
   * Writes what changed with {@code PUT /api/v2/users/{id}}: a new external id (migration), the profile
   * name, a phone number that became known or changed, the username line. Never sends a null. Returns
   * null when nothing changed, else the answer (a 422 is passed through only for a migration).
   */
  private ZendeskHttp.Answer update(Map<String, Object> user, ContactInfo contact, String newExternalId) {
    Map<String, Object> changes = new LinkedHashMap<>();
    if (newExternalId != null) {
      changes.put("external_id", newExternalId);
    }
    String name = Json.str(user, "name");
    if (contact.profileName() != null && !contact.profileName().strip().equals(name)) {
      changes.put("name", contact.profileName().strip());
    } else if (contact.profileName() == null && contact.username() != null && isPlaceholder(name, user, contact)) {
      changes.put("name", contact.displayName());
    }
    contact.e164().filter(p -> !p.equals(Json.str(user, "phone"))).ifPresent(p -> changes.put("phone", p));
    if (contact.username() != null) {
      String notes = Json.str(user, "notes");
      String merged = mergeNotes(notes, contact.username());
      if (!merged.equals(notes)) {
        changes.put("notes", merged);
      }
    }
    if (changes.isEmpty()) {
      return null;
    }
    Request req = http.request("/api/v2/users/" + Json.str(user, "id"))
        .put(ZendeskHttp.json(Map.of("user", changes))).build();
    return newExternalId != null ? http.send("update user", req, null, 422) : http.send("update user", req, null);
  }

  /** A name the adapter chose itself (phone number, masked id, an earlier username), which a username may replace. */
  private static boolean isPlaceholder(String name, Map<String, Object> user, ContactInfo contact) {
    if (name == null || name.isBlank()) {
      return true;
    }
    if (name.equals(Json.str(user, "phone")) || name.equals(contact.e164().orElse(null))
        || name.equals(contact.customerId().masked())) {
      return true;
    }
    String stored = storedUsername(Json.str(user, "notes"));
    return stored != null && (name.equals(stored) || name.equals("@" + stored));
  }

  /** The username of the managed notes line, without {@code @}, or null. */
  static String storedUsername(String notes) {
    if (notes == null) {
      return null;
    }
    for (String line : notes.split("\n")) {
      if (line.startsWith(USERNAME_LABEL)) {
        String u = line.substring(USERNAME_LABEL.length()).strip();
        return u.startsWith("@") ? u.substring(1) : u;
      }
    }
    return null;
  }

  /** The notes with the managed username line replaced or appended; other lines are kept. */
  public static String mergeNotes(String notes, String username) {
    String line = USERNAME_LABEL + " @" + (username.startsWith("@") ? username.substring(1) : username).strip();
    if (notes == null || notes.isBlank()) {
      return line;
    }
    List<String> lines = new ArrayList<>(List.of(notes.split("\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(USERNAME_LABEL)) {
        lines.set(i, line);
        return String.join("\n", lines);
      }
    }
    return notes + "\n" + line;
  }

  private List<Map<String, Object>> showMany(List<String> externalIds) {
    String q = String.join(",", externalIds.stream().map(e -> URLEncoder.encode(e, StandardCharsets.UTF_8)).toList());
    ZendeskHttp.Answer found = http.send("find user by external_id",
        http.request("/api/v2/users/show_many?external_ids=" + q).get().build(), null);
    return Json.objs(found.body(), "users");
  }

  private static Map<String, Object> byExternalId(List<Map<String, Object>> users, String externalId) {
    for (Map<String, Object> u : users) {
      if (externalId.equalsIgnoreCase(Json.str(u, "external_id")) && Json.str(u, "id") != null) {
        return u;
      }
    }
    return null;
  }
}
