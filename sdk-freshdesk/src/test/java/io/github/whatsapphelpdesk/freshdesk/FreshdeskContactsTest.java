package io.github.whatsapphelpdesk.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskAuthenticationException;
import io.github.whatsapphelpdesk.error.HelpdeskConflictException;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeFreshdeskServer;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeStore;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FreshdeskContactsTest {
  private final FakeFreshdeskServer fake;
  private final FreshdeskAdapter adapter;

  FreshdeskContactsTest() throws Exception {
    fake = new FakeFreshdeskServer();
    adapter = FreshdeskAdapter.create(fake.config().build());
  }

  @AfterEach
  void tearDown() {
    adapter.close();
    fake.close();
  }

  @Test
  void upsertContact_new_createsWithExternalIdAndE164Mobile() throws Exception {
    HelpdeskContact c = adapter.upsertContact(Fixtures.CUSTOMER);

    FakeStore.Contact stored = fake.freshdesk.store().contact(Long.parseLong(c.contactId()));
    assertThat(stored.uniqueExternalId).isEqualTo("whatsapp:" + Fixtures.WA_ID);
    assertThat(stored.mobile).isEqualTo("+" + Fixtures.WA_ID);
    assertThat(stored.name).isEqualTo("Maria Silva");
    assertThat(c.customer().value()).isEqualTo(Fixtures.WA_ID);
    assertThat(fake.server.takeRequest().getHeaders().get("Authorization"))
        .isEqualTo(okhttp3.Credentials.basic(io.github.whatsapphelpdesk.freshdesk.fake.FakeFreshdesk.API_KEY, "X"));
  }

  @Test
  void upsertContact_duplicateExternalId_looksUpAndUpdatesMobile() {
    FakeStore.Contact existing = fake.freshdesk.store()
        .addContact("+55 11 98765-4321", "+55 11 98765-4321", "whatsapp:" + Fixtures.WA_ID);

    HelpdeskContact c = adapter.upsertContact(Fixtures.CUSTOMER);

    assertThat(c.contactId()).isEqualTo(String.valueOf(existing.id));
    assertThat(existing.mobile).isEqualTo("+" + Fixtures.WA_ID);
    assertThat(existing.name).isEqualTo("Maria Silva");
    assertThat(fake.freshdesk.store().contacts()).hasSize(1);
    assertThat(fake.freshdesk.requests()).containsExactly(
        "POST /api/v2/contacts",
        "GET /api/v2/contacts?unique_external_id=whatsapp%3A" + Fixtures.WA_ID,
        "PUT /api/v2/contacts/" + existing.id);
  }

  @Test
  void upsertContact_agentRenamedContact_keepsAgentsName() {
    FakeStore.Contact existing = fake.freshdesk.store()
        .addContact("Maria (VIP)", "+" + Fixtures.WA_ID, "whatsapp:" + Fixtures.WA_ID);

    adapter.upsertContact(Fixtures.CUSTOMER);

    assertThat(existing.name).isEqualTo("Maria (VIP)");
    assertThat(fake.freshdesk.requests()).noneMatch(r -> r.startsWith("PUT"));
  }

  @Test
  void upsertContact_externalIdFilterUnsupported_fallsBackToMobileFilter() {
    fake.freshdesk.supportExternalIdFilter(false);
    fake.freshdesk.store().addContact("Someone else", "+" + Fixtures.WA_ID, null);
    FakeStore.Contact existing = fake.freshdesk.store()
        .addContact("Maria", "+" + Fixtures.WA_ID, "whatsapp:" + Fixtures.WA_ID);

    HelpdeskContact c = adapter.upsertContact(Fixtures.CUSTOMER);

    assertThat(c.contactId()).isEqualTo(String.valueOf(existing.id));
    assertThat(fake.freshdesk.requests()).anyMatch(r -> r.contains("mobile=%2B" + Fixtures.WA_ID));
    assertThat(fake.freshdesk.requests()).noneMatch(r -> r.contains("/search/"));
  }

  @Test
  void upsertContact_duplicateButNotFindable_throwsConflict() {
    fake.freshdesk.supportExternalIdFilter(false);
    fake.freshdesk.store().addContact("Maria", "+999999999", "whatsapp:" + Fixtures.WA_ID);

    assertThatThrownBy(() -> adapter.upsertContact(Fixtures.CUSTOMER))
        .isInstanceOf(HelpdeskConflictException.class)
        .hasMessageContaining("unique_external_id");
  }

  @Test
  void upsertContact_noProfileName_usesPhoneAsName() {
    HelpdeskContact c = adapter.upsertContact(ContactInfo.ofPhone(Fixtures.WA_ID, null));

    assertThat(fake.freshdesk.store().contact(Long.parseLong(c.contactId())).name).isEqualTo("+" + Fixtures.WA_ID);
  }

  @Test
  void upsertContact_wrongApiKey_throwsAuthentication() {
    try (FreshdeskAdapter wrong = FreshdeskAdapter.create(fake.config().apiKey("wrong").build())) {
      assertThatThrownBy(() -> wrong.upsertContact(Fixtures.CUSTOMER))
          .isInstanceOf(HelpdeskAuthenticationException.class)
          .hasMessageContaining("401");
    }
  }

  private static final String BSUID = "BR.77310099228812345";

  private static ContactInfo customer(String bsuid, String phone, String username, String name) {
    return ContactInfo.of(io.github.whatsapphelpdesk.customer.Customer.of(bsuid, phone, null, username, name));
  }

  @Test
  void usernameOnlyCustomer_createdWithUniqueExternalIdOnly_descriptionHoldsUsername() {
    HelpdeskContact c = adapter.upsertContact(customer(BSUID, null, "maria.s", null));

    FakeStore.Contact stored = fake.freshdesk.store().contact(Long.parseLong(c.contactId()));
    assertThat(stored.uniqueExternalId).isEqualTo("whatsapp:" + BSUID);
    assertThat(stored.mobile).isNull();
    assertThat(stored.name).isEqualTo("maria.s");
    assertThat(stored.description).isEqualTo("WhatsApp username: @maria.s");
    assertThat(fake.freshdesk.requests()).containsExactly("POST /api/v2/contacts");
  }

  @Test
  void usernameOnlyCustomer_existing_profileNameReplacesUsernamePlaceholder_agentDescriptionKept() {
    FakeStore.Contact existing = fake.freshdesk.store().addContact("maria.s", null, "whatsapp:" + BSUID);
    existing.description = "Prefers Portuguese\nWhatsApp username: @maria.s";

    HelpdeskContact c = adapter.upsertContact(customer(BSUID, null, "maria.silva", "Maria Silva"));

    assertThat(c.contactId()).isEqualTo(String.valueOf(existing.id));
    assertThat(existing.name).isEqualTo("Maria Silva");
    assertThat(existing.description).isEqualTo("Prefers Portuguese\nWhatsApp username: @maria.silva");
    assertThat(existing.mobile).isNull();
  }

  @Test
  void noPhone_externalIdFilterUnsupported_neverFiltersByMobile_conflictExplained() {
    fake.freshdesk.supportExternalIdFilter(false);
    fake.freshdesk.store().addContact("Maria", null, "whatsapp:" + BSUID);

    assertThatThrownBy(() -> adapter.upsertContact(customer(BSUID, null, null, "Maria")))
        .isInstanceOf(HelpdeskConflictException.class)
        .hasMessageContaining("unique_external_id");
    assertThat(fake.freshdesk.requests()).noneMatch(r -> r.contains("mobile=") || r.contains("/search/"));
  }

  @Test
  void legacyContact_movedToBsuidExternalId_notDuplicated() {
    FakeStore.Contact legacy = fake.freshdesk.store()
        .addContact("Maria (VIP)", "+" + Fixtures.WA_ID, "whatsapp:" + Fixtures.WA_ID);

    HelpdeskContact c = adapter.upsertContact(customer(BSUID, Fixtures.WA_ID, null, "Maria Silva"));

    assertThat(c.contactId()).isEqualTo(String.valueOf(legacy.id));
    assertThat(legacy.uniqueExternalId).isEqualTo("whatsapp:" + BSUID);
    assertThat(legacy.name).as("an agent's name is kept").isEqualTo("Maria (VIP)");
    assertThat(fake.freshdesk.store().contacts()).hasSize(1);
    assertThat(fake.freshdesk.requests()).containsExactly(
        "GET /api/v2/contacts?unique_external_id=whatsapp%3A" + BSUID,
        "GET /api/v2/contacts?unique_external_id=whatsapp%3A" + Fixtures.WA_ID,
        "PUT /api/v2/contacts/" + legacy.id);
  }

  @Test
  void legacyContact_filterUnsupported_foundThroughMobileAndMoved() {
    fake.freshdesk.supportExternalIdFilter(false);
    FakeStore.Contact legacy = fake.freshdesk.store()
        .addContact("Maria", "+" + Fixtures.WA_ID, "whatsapp:" + Fixtures.WA_ID);

    HelpdeskContact c = adapter.upsertContact(customer(BSUID, Fixtures.WA_ID, null, null));

    assertThat(c.contactId()).isEqualTo(String.valueOf(legacy.id));
    assertThat(legacy.uniqueExternalId).isEqualTo("whatsapp:" + BSUID);
    assertThat(fake.freshdesk.store().contacts()).hasSize(1);
  }

  @Test
  void bsuidContactExists_phoneBecomesKnown_mobileSet_legacyNotTouched() {
    FakeStore.Contact current = fake.freshdesk.store().addContact("Maria", null, "whatsapp:" + BSUID);

    HelpdeskContact c = adapter.upsertContact(customer(BSUID, Fixtures.WA_ID, null, null));

    assertThat(c.contactId()).isEqualTo(String.valueOf(current.id));
    assertThat(current.mobile).isEqualTo("+" + Fixtures.WA_ID);
    assertThat(current.name).isEqualTo("Maria");
    assertThat(fake.freshdesk.requests()).containsExactly(
        "GET /api/v2/contacts?unique_external_id=whatsapp%3A" + BSUID,
        "PUT /api/v2/contacts/" + current.id);
  }
}
