package io.github.whatsapphelpdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Business-scoped user ids (BSUID) and usernames in webhooks. The fixtures under {@code
 * fixtures/webhooks/bsuid} follow the field names of Meta's "Business-scoped user IDs" page and system
 * messages reference (2026): {@code contacts[].user_id}, {@code parent_user_id}, {@code profile.username},
 * {@code messages[].from_user_id}, {@code statuses[].recipient_user_id}, {@code user_preferences[].user_id},
 * {@code system.user_id} / {@code previous_user_id}. The {@code user_id_update} fixture is modelled on the
 * shape Cloud API providers forward (Meta publishes no reference for it; see {@link UserIdUpdate}).
 */
class BsuidParserTest {
  private static final String BSUID = "US.13491208655302741918";
  private static final String NEW_BSUID = "US.24817305912873645029";
  private static final WebhookParser PARSER = WebhookParser.create();

  static ParsedWebhook fixture(String name) throws IOException {
    try (InputStream in = BsuidParserTest.class.getResourceAsStream("/fixtures/webhooks/bsuid/" + name)) {
      assertThat(in).as(name).isNotNull();
      return PARSER.parse(in.readAllBytes());
    }
  }

  @Test
  void usernameOnlyMessage_hasNoFrom_isParsedAndKeyedByBsuid() throws IOException {
    ParsedWebhook p = fixture("message-username-only.json");
    assertThat(p.problems()).isEmpty();
    InboundMessage m = (InboundMessage) p.events().get(0);
    assertThat(m.from()).isNull();
    assertThat(m.customerWaId()).isNull();
    assertThat(m.fromUserId()).isEqualTo(BSUID);
    Customer c = m.customer();
    assertThat(c.id()).isEqualTo(CustomerId.ofBsuid(BSUID));
    assertThat(c.hasPhone()).isFalse();
    assertThat(c.username()).isEqualTo("@sheena.n");
    assertThat(c.profileName()).isEqualTo("Sheena Nelson");
    assertThat(c.sendAddress()).isEqualTo(BSUID);
    assertThat(m.contact()).isEqualTo(new ContactProfile(null, "Sheena Nelson", BSUID, null, "@sheena.n"));
    assertThat(m.contact().customer()).isEqualTo(c);
  }

  @Test
  void messageWithPhoneAndBsuid_customerHasBoth_andParent() throws IOException {
    InboundMessage m = (InboundMessage) fixture("message-phone-and-bsuid.json").events().get(0);
    Customer c = m.customer();
    assertThat(c.id().value()).isEqualTo(BSUID);
    assertThat(c.phone()).isEqualTo("16505551234");
    assertThat(c.parentBsuid()).isEqualTo("US.ENT.11815799212886844830");
    assertThat(c.sendAddress()).isEqualTo("16505551234");
  }

  @Test
  void statusToBsuid_hasRecipientUserIdAndUsernameFromContacts() throws IOException {
    StatusUpdate s = (StatusUpdate) fixture("status-delivered-to-bsuid.json").events().get(0);
    assertThat(s.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(s.recipientId()).isNull();
    assertThat(s.recipientUserId()).isEqualTo(BSUID);
    Customer c = s.customer();
    assertThat(c.id().value()).isEqualTo(BSUID);
    assertThat(c.username()).isEqualTo("@sheena.n");
    assertThat(c.hasPhone()).isFalse();
  }

  @Test
  void failedStatusToPhone_hasNoContactsAndNoBsuid() throws IOException {
    StatusUpdate s = (StatusUpdate) fixture("status-failed-to-phone.json").events().get(0);
    assertThat(s.failed()).isTrue();
    assertThat(s.recipientUserId()).isNull();
    assertThat(s.contact()).isNull();
    assertThat(s.customer()).isEqualTo(Customer.ofPhone("16505551234"));
  }

  @Test
  void statusNamingNobody_hasNoCustomer() {
    String json = ParserTest.messages("\"statuses\":[{\"id\":\"wamid.S\",\"status\":\"sent\",\"timestamp\":\"1\"}]");
    StatusUpdate s = (StatusUpdate) PARSER.parse(json.getBytes()).events().get(0);
    assertThat(s.customer()).isNull();
  }

  @Test
  void userPreferenceWithoutWaId_isKeptWithItsBsuid() throws IOException {
    ParsedWebhook p = fixture("user-preferences-username-only.json");
    assertThat(p.problems()).isEmpty();
    UserPreferenceUpdate u = (UserPreferenceUpdate) p.events().get(0);
    assertThat(u.waId()).isNull();
    assertThat(u.userId()).isEqualTo(BSUID);
    assertThat(u.marketingStopped()).isTrue();
    assertThat(u.customer().id().value()).isEqualTo(BSUID);
    assertThat(u.customer().username()).isEqualTo("@sheena.n");
  }

  @Test
  void systemNumberChange_carriesNewAndPreviousBsuid() throws IOException {
    InboundMessage m = (InboundMessage) fixture("system-user-changed-number.json").events().get(0);
    InboundContent.SystemChange s = (InboundContent.SystemChange) m.content();
    assertThat(s.userChangedNumber()).isTrue();
    assertThat(s.newWaId()).isEqualTo("16505559876");
    assertThat(s.userId()).isEqualTo(NEW_BSUID);
    assertThat(s.previousUserId()).isEqualTo(BSUID);
    assertThat(s.newCustomer()).isEqualTo(Customer.of(NEW_BSUID, "16505559876", null, null, null));
    assertThat(m.customer().id().value()).isEqualTo(BSUID);
  }

  @Test
  void systemUserIdChange_withoutPhone_isParsed() throws IOException {
    ParsedWebhook p = fixture("system-user-changed-user-id.json");
    assertThat(p.problems()).isEmpty();
    InboundMessage m = (InboundMessage) p.events().get(0);
    InboundContent.SystemChange s = (InboundContent.SystemChange) m.content();
    assertThat(s.userChangedUserId()).isTrue();
    assertThat(s.newWaId()).isNull();
    assertThat(s.newCustomer()).isEqualTo(Customer.ofBsuid(NEW_BSUID));
  }

  @Test
  void userIdUpdate_isTypedWithPreviousAndCurrent() throws IOException {
    ParsedWebhook p = fixture("user-id-update.json");
    assertThat(p.problems()).isEmpty();
    UserIdUpdate u = (UserIdUpdate) p.events().get(0);
    assertThat(u.metadata().field()).isEqualTo("user_id_update");
    assertThat(u.metadata().phoneNumberId()).isEqualTo("106540352242922");
    assertThat(u.previousUserId()).isEqualTo(BSUID);
    assertThat(u.currentUserId()).isEqualTo(NEW_BSUID);
    assertThat(u.waId()).isEqualTo("16505559876");
    assertThat(u.timestamp()).isEqualTo(Instant.ofEpochSecond(1775001902L));
    assertThat(u.customer()).isEqualTo(Customer.of(NEW_BSUID, "16505559876", null, null, "Sheena Nelson"));
    assertThat(u.previousCustomer()).isEqualTo(Customer.ofBsuid(BSUID));
    assertThat(u.idempotencyKey()).startsWith("user_id_update:").hasSize("user_id_update:".length() + 64);
    // The same delivery again gives the same key.
    assertThat(((UserIdUpdate) fixture("user-id-update.json").events().get(0)).idempotencyKey())
        .isEqualTo(u.idempotencyKey());
  }

  @Test
  void userIdUpdate_flatFields_andProblems() {
    String flat = ParserTest.change("user_id_update", "{\"metadata\":{\"phone_number_id\":\"P\"},\"user_id_update\":["
        + "{\"previous_user_id\":\"" + BSUID + "\",\"user_id\":\"" + NEW_BSUID + "\"},"
        + "{\"user_id\":{\"previous\":\"" + BSUID + "\"}},"
        + "{\"user_id\":{\"previous\":\"" + BSUID + "\",\"current\":\"12345\"}}]}");
    ParsedWebhook p = PARSER.parse(flat.getBytes());
    assertThat(p.eventsOf(UserIdUpdate.class)).hasSize(1);
    assertThat(p.eventsOf(UserIdUpdate.class).get(0).currentUserId()).isEqualTo(NEW_BSUID);
    assertThat(p.eventsOf(UserIdUpdate.class).get(0).waId()).isNull();
    assertThat(p.problems()).hasSize(2);
    assertThat(p.problems().get(0).message()).contains("no current 'user_id'");
    assertThat(p.problems().get(1).message()).contains("not a BSUID");
  }

  @Test
  void typedListener_routesUserIdUpdate() throws IOException {
    UserIdUpdate u = (UserIdUpdate) fixture("user-id-update.json").events().get(0);
    UserIdUpdate[] seen = new UserIdUpdate[1];
    TypedWebhookListener l = new TypedWebhookListener() {
      @Override
      public void onUserIdUpdate(UserIdUpdate update) {
        seen[0] = update;
      }
    };
    l.onEvent(u);
    assertThat(seen[0]).isSameAs(u);
  }

  @Test
  void messageWithNeitherFromNorFromUserId_isAProblem() {
    String json = ParserTest.messages("\"messages\":[" + ParserTest.msg("wamid.A", "\"type\":\"text\",\"text\":{\"body\":\"x\"}")
        .replace("\"from\":\"16505551234\",", "") + ","
        + ParserTest.msg("wamid.B", "\"type\":\"text\",\"text\":{\"body\":\"x\"}")
        .replace("\"from\":\"16505551234\"", "\"from\":\"abc\",\"from_user_id\":\"not-a-bsuid\"") + "]");
    ParsedWebhook p = PARSER.parse(json.getBytes());
    assertThat(p.events()).isEmpty();
    assertThat(p.problems()).hasSize(2);
    assertThat(p.problems().get(0).message()).isEqualTo("message has no 'from' and no 'from_user_id'");
    assertThat(p.problems().get(1).message()).contains("neither a phone number");
  }

  @Test
  void contactsAreMatchedByBsuidBeforeWaId() {
    String json = ParserTest.messages("\"contacts\":[{\"profile\":{\"name\":\"A\"},\"user_id\":\"US.111111\"},"
        + "{\"profile\":{\"name\":\"B\",\"username\":\"bee\"},\"user_id\":\"US.222222\"}],\"messages\":["
        + "{\"from_user_id\":\"US.222222\",\"id\":\"w1\",\"timestamp\":\"1\",\"type\":\"text\",\"text\":{\"body\":\"x\"}},"
        + "{\"from_user_id\":\"US.111111\",\"id\":\"w2\",\"timestamp\":\"1\",\"type\":\"text\",\"text\":{\"body\":\"y\"}}]");
    List<InboundMessage> m = PARSER.parse(json.getBytes()).eventsOf(InboundMessage.class);
    assertThat(m.get(0).profileName()).isEqualTo("B");
    assertThat(m.get(0).customer().username()).isEqualTo("bee");
    assertThat(m.get(1).profileName()).isEqualTo("A");
  }

  @Test
  void constructors_rejectEventsWithoutIdentity() {
    EventMetadata md = EventMetadata.of("w", "p", "d");
    assertThatThrownBy(() -> new InboundMessage(md, "w", null, null, null, null, new InboundContent.Text("x"),
        null, null, List.of())).isInstanceOf(ValidationException.class).hasMessageContaining("from_user_id");
    assertThatThrownBy(() -> new UserIdUpdate(md, BSUID, "nope", null, null, null, null, null, null))
        .isInstanceOf(ValidationException.class).hasMessageContaining("current 'user_id'");
  }

  @Test
  void toStrings_maskIdentifiersAndHideBodies() throws IOException {
    String all = fixture("message-username-only.json").events() + " " + fixture("message-phone-and-bsuid.json").events()
        + fixture("status-delivered-to-bsuid.json").events() + fixture("user-preferences-username-only.json").events()
        + fixture("system-user-changed-number.json").events() + fixture("user-id-update.json").events()
        + new SharedContact("Sheena Nelson", null, null, null, null,
            List.of(new SharedContact.Phone("+1 650 555 1234", "16505551234", "CELL")), List.of("a@b.c"), List.of())
        + new MessageEcho(EventMetadata.of("w", "p", "d"), "wamid.E", "15550783881", "16505551234", BSUID, null,
            new InboundContent.Text("secret reply"));
    assertThat(all).doesNotContain(BSUID, NEW_BSUID, "16505551234", "16505559876", "sheena.n", "Sheena Nelson",
        "Hi, where is my order?", "Hello", "secret reply", "changed from", "a@b.c", "650 555 1234");
    assertThat(all).contains("US.*****18", "<22 chars>");
  }
}
