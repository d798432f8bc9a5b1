package io.github.whatsapphelpdesk.bridge;

import static io.github.whatsapphelpdesk.bridge.BridgeFixtures.PN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.StoredComment;
import io.github.whatsapphelpdesk.crm.StoredTicket;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.ContactProfile;
import io.github.whatsapphelpdesk.webhook.EventMetadata;
import io.github.whatsapphelpdesk.webhook.InboundContent;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.UserIdUpdate;
import io.github.whatsapphelpdesk.webhook.UserPreferenceUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Customers known by BSUID: username-only customers (no phone number anywhere), customers first known by
 * number who later arrive with a BSUID, and BSUID changes. Each keeps one helpdesk contact and one
 * conversation, and windows, warnings, opt-outs and replies work for them.
 */
class BridgeIdentityTest {
  private static final String BSUID = "US.13491208655302741918";
  private static final String PHONE = "4915123456789";
  private static final EventMetadata META = EventMetadata.of("102290129340398", PN, "15550783881");

  private final MutableClock clock = MutableClock.create();
  private final InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
  private final FakeCloudApi meta = new FakeCloudApi(clock, 1, 0.0);
  private final HelpdeskBridge bridge = HelpdeskBridge.builder().adapter(desk).gateway(meta).clock(clock)
      .csatQuestion("How did we do?").build();

  private static InboundMessage message(String wamid, String from, String fromUserId, String username,
      Instant at, String body) {
    return new InboundMessage(META, wamid, from, fromUserId,
        new ContactProfile(from, "Ana", fromUserId, null, username), at, new InboundContent.Text(body), null, null,
        List.of());
  }

  /** Metadata of an event keyed by its content hash, as the parser makes it. */
  private static EventMetadata hashed(String field, String hash) {
    return new EventMetadata("102290129340398", PN, "15550783881", field, null, hash);
  }

  private StoredTicket onlyTicket() {
    assertThat(desk.tickets()).hasSize(1);
    return desk.tickets().get(0);
  }

  private List<String> customerTexts(StoredTicket t) {
    return desk.comments(t.id()).stream().filter(c -> c.authorKind() == StoredComment.AuthorKind.CUSTOMER)
        .map(StoredComment::text).toList();
  }

  @Test
  void aUsernameOnlyCustomerGetsATicketAWindowAReplyByBsuidAndCanOptOut() {
    meta.customerWrote(PN, BSUID, clock.instant());
    bridge.onEvent(message("wamid.1", null, BSUID, "ana.b", clock.instant(), "Hello"));
    StoredTicket t = onlyTicket();
    assertThat(customerTexts(t)).containsExactly("Hello");
    CustomerId id = CustomerId.ofBsuid(BSUID);
    assertThat(bridge.conversations().currentKey(PN, id).format()).isEqualTo("wa:" + PN + ":" + BSUID + ":1");
    assertThat(desk.contacts()).singleElement().satisfies(c -> {
      assertThat(c.phone()).isNull();
      assertThat(c.username()).isEqualTo("ana.b");
      assertThat(c.externalId()).isEqualTo("whatsapp:" + BSUID);
    });
    assertThat(bridge.sessions().canSendFreeForm(PN, id)).isTrue();

    bridge.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Hi Ana"));
    bridge.processOutbox();
    assertThat(meta.accepted).singleElement().satisfies(m -> {
      assertThat(m.message().to()).isNull();
      assertThat(m.message().recipient()).isEqualTo(BSUID);
      assertThat(m.text()).isEqualTo("Hi Ana");
    });

    // The window warning reaches the ticket for a customer without a phone number too.
    clock.advance(Duration.ofHours(23));
    bridge.tick();
    assertThat(desk.notes(t.id())).anySatisfy(n -> assertThat(n.text()).contains("closes at"));

    // Opt-outs: by keyword and by user_preferences without a wa_id.
    bridge.onEvent(message("wamid.2", null, BSUID, "ana.b", clock.instant(), "STOP"));
    assertThat(bridge.suppressionList().isSuppressed(id)).isTrue();
    bridge.onEvent(new UserPreferenceUpdate(hashed("user_preferences", "c0ffee02"), null, BSUID, null, "marketing_messages",
        UserPreferenceUpdate.Value.RESUME, "resumed", clock.instant()));
    assertThat(bridge.suppressionList().isSuppressed(id)).isFalse();
  }

  @Test
  void aCustomerFirstKnownByNumberKeepsContactAndConversationWhenTheirBsuidAppears() {
    meta.customerWrote(PN, PHONE, clock.instant());
    bridge.onEvent(message("wamid.1", PHONE, null, null, clock.instant(), "Before BSUIDs"));
    bridge.onEvent(message("wamid.2", PHONE, BSUID, "ana.b", clock.instant(), "With a BSUID"));
    StoredTicket t = onlyTicket();
    assertThat(customerTexts(t)).containsExactly("Before BSUIDs", "With a BSUID");
    assertThat(bridge.customers().findByBsuid(BSUID)).get()
        .satisfies(c -> assertThat(c.id()).isEqualTo(CustomerId.ofPhone(PHONE)));
    // Meta now withholds the number: the BSUID alone still finds the same conversation.
    bridge.onEvent(message("wamid.3", null, BSUID, "ana.b", clock.instant(), "Username only now"));
    assertThat(customerTexts(onlyTicket())).containsExactly("Before BSUIDs", "With a BSUID", "Username only now");
    assertThat(desk.contacts()).hasSize(1);
    // Replies still go to the phone number Meta shared earlier (to wins where a number is known).
    bridge.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Noted"));
    bridge.processOutbox();
    assertThat(meta.accepted).singleElement().satisfies(m -> assertThat(m.message().to()).isNotNull());
  }

  @Test
  void aBsuidChangeKeepsTheHelpdeskContactAndTheConversation() {
    String newBsuid = "US.99887766554433221100";
    String newPhone = "4917699887766";
    meta.customerWrote(PN, PHONE, clock.instant());
    bridge.onEvent(message("wamid.1", PHONE, BSUID, null, clock.instant(), "Old number"));
    // Meta's user_id_update (forwarded by providers); the system-message form takes the same path.
    bridge.onEvent(new UserIdUpdate(hashed("user_id_update", "c0ffee01"), BSUID, newBsuid, null, null, newPhone, null,
        "changed number", clock.instant()));
    meta.customerWrote(PN, newPhone, clock.instant());
    bridge.onEvent(message("wamid.2", newPhone, newBsuid, null, clock.instant(), "New number"));
    StoredTicket t = onlyTicket();
    assertThat(customerTexts(t)).containsExactly("Old number", "New number");
    assertThat(desk.contacts()).singleElement().satisfies(c -> assertThat(c.phone()).isEqualTo(newPhone));
    bridge.onAgentReplyWebhook(desk.agentReply(t.id(), "agent-1", "Got it"));
    bridge.processOutbox();
    assertThat(meta.accepted).singleElement().satisfies(m -> assertThat(m.address()).isEqualTo(newPhone));
    assertThat(bridge.outbox().count(OutboxEntry.Status.DEAD)).isZero();
  }
}
