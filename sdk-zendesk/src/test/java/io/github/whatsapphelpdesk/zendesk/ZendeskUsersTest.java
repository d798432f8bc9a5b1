package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.zendesk.internal.Users;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Zendesk end users for BSUID customers: username-only users, the username notes line, legacy migration. */
class ZendeskUsersTest {
  private static final String BSUID = "US.13491208655302741918";
  private final ZendeskTestSupport t = new ZendeskTestSupport();
  private final ZendeskAdapter adapter = ZendeskAdapter.create(t.config().build());

  @AfterEach
  void close() {
    adapter.close();
    t.close();
  }

  private static ContactInfo customer(String bsuid, String phone, String username, String name) {
    return ContactInfo.of(Customer.of(bsuid, phone, null, username, name));
  }

  @Test
  void usernameOnlyCustomer_createdWithNameExternalIdAndNotesLine_noPhone() {
    HelpdeskContact c = adapter.upsertContact(customer(BSUID, null, "lena.s", null));

    Map<String, Object> user = t.fake.userByExternalId("whatsapp:" + BSUID);
    assertThat(user).containsEntry("id", Long.parseLong(c.contactId())).containsEntry("name", "lena.s")
        .containsEntry("notes", "WhatsApp username: @lena.s");
    assertThat(user.get("phone")).isNull();
    RecordedRequest create = t.drain("POST", "/api/v2/users/create_or_update").get(0);
    String body = create.getBody().utf8();
    SpecSchemas.assertValid("UserRequest", body);
    assertThat(Json.obj(Json.readObject(body), "user")).doesNotContainKey("phone").doesNotContainKey("email");
  }

  @Test
  void usernameChanges_onlyTheManagedNotesLineChanges_agentNotesKept() {
    long id = t.fake.addEndUser("Lena Schmidt", "whatsapp:" + BSUID, null);
    adapter.upsertContact(customer(BSUID, null, "lena.s", null));
    assertThat(t.fake.userByExternalId("whatsapp:" + BSUID)).as("an agent's name is not a placeholder")
        .containsEntry("name", "Lena Schmidt").containsEntry("notes", "WhatsApp username: @lena.s");
    t.fake.setUserNotes(id, "VIP customer\nWhatsApp username: @lena.s\ncall back Mondays");
    HelpdeskContact c = adapter.upsertContact(customer(BSUID, null, "lena.schmidt", "Lena"));

    assertThat(c.contactId()).isEqualTo(String.valueOf(id));
    assertThat(t.fake.userByExternalId("whatsapp:" + BSUID)).containsEntry("notes",
        "VIP customer\nWhatsApp username: @lena.schmidt\ncall back Mondays").containsEntry("name", "Lena");
    assertThat(t.fake.endUsers()).hasSize(1);
  }

  @Test
  void mergeNotes_keepsOtherLines() {
    assertThat(Users.mergeNotes("VIP customer\nWhatsApp username: @old",
        "@new")).isEqualTo("VIP customer\nWhatsApp username: @new");
    assertThat(Users.mergeNotes("VIP customer", "new"))
        .isEqualTo("VIP customer\nWhatsApp username: @new");
  }

  @Test
  void legacyUser_movedWithOnePut_phoneKept_noCreate() {
    long legacy = t.fake.addEndUser("Lena Schmidt", "whatsapp:4915112345678", "+4915112345678");
    t.drain();

    HelpdeskContact c = adapter.upsertContact(customer(BSUID, "4915112345678", null, "Lena Schmidt"));

    assertThat(c.contactId()).isEqualTo(String.valueOf(legacy));
    assertThat(t.fake.userByExternalId("whatsapp:" + BSUID)).containsEntry("phone", "+4915112345678");
    assertThat(t.fake.userByExternalId("whatsapp:4915112345678")).isNull();
    List<RecordedRequest> all = t.drain().stream().filter(r -> r.getUrl().encodedPath().startsWith("/api/")).toList();
    assertThat(all).extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath())
        .containsExactly("GET /api/v2/users/show_many", "PUT /api/v2/users/" + legacy);
    assertThat(all.get(0).getUrl().queryParameter("external_ids"))
        .isEqualTo("whatsapp:" + BSUID + ",whatsapp:4915112345678");
    assertThat(Json.obj(Json.readObject(all.get(1).getBody().utf8()), "user"))
        .containsEntry("external_id", "whatsapp:" + BSUID).doesNotContainKey("phone").doesNotContainKey("name");
  }

  @Test
  void bothUsersExist_theBsuidUserWins_legacyUserLeftAlone() {
    long legacy = t.fake.addEndUser("Old", "whatsapp:4915112345678", "+4915112345678");
    long current = t.fake.addEndUser("Lena", "whatsapp:" + BSUID, null);

    HelpdeskContact c = adapter.upsertContact(customer(BSUID, "4915112345678", null, null));

    assertThat(c.contactId()).isEqualTo(String.valueOf(current));
    assertThat(t.fake.userByExternalId("whatsapp:4915112345678")).containsEntry("id", legacy);
    assertThat(t.fake.userByExternalId("whatsapp:" + BSUID)).containsEntry("phone", "+4915112345678")
        .containsEntry("name", "Lena");
  }

  @Test
  void usernameRenamed_withoutProfileName_usernamePlaceholderNameFollows() {
    adapter.upsertContact(customer(BSUID, null, "lena.s", null));
    adapter.upsertContact(customer(BSUID, null, "lena.schmidt", null));

    assertThat(t.fake.userByExternalId("whatsapp:" + BSUID)).containsEntry("name", "lena.schmidt")
        .containsEntry("notes", "WhatsApp username: @lena.schmidt");
  }
}
