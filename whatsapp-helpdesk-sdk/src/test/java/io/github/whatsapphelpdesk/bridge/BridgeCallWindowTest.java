package io.github.whatsapphelpdesk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.CallEvent;
import io.github.whatsapphelpdesk.webhook.ContactProfile;
import io.github.whatsapphelpdesk.webhook.EventMetadata;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 1: "When a WhatsApp user messages you or calls you, a 24-hour customer service window
 * starts" (Meta, "Send messages"). A user-initiated call opens the window of the customer's stable id.
 */
class BridgeCallWindowTest {
  private static final String PN = BridgeFixtures.PN;
  private static final String BSUID = "US.13491208655302741918";
  private static final String PHONE = "4915123456789";

  private final MutableClock clock = MutableClock.create();
  private final InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
  private final FakeCloudApi meta = new FakeCloudApi(clock, 1, 0.0);
  private final HelpdeskBridge bridge = HelpdeskBridge.builder().adapter(desk).gateway(meta).clock(clock).build();

  private CallEvent call(String id, CallEvent.Kind kind, CallEvent.Direction dir) {
    EventMetadata md = new EventMetadata("102290129340398", PN, "15550783881", "calls", null, "h-" + id);
    boolean user = dir == CallEvent.Direction.USER_INITIATED;
    return new CallEvent(md, id, kind, kind.name().toLowerCase(), dir, user ? PHONE : "15550783881",
        user ? "15550783881" : PHONE, user ? BSUID : null, user ? null : BSUID, null, clock.instant(), null, null,
        null, null, new ContactProfile(PHONE, "Ana", BSUID), List.of());
  }

  @Test
  void aUserInitiatedCall_opensTheWindowOfTheCustomersStableId() {
    CustomerId id = CustomerId.ofBsuid(BSUID);
    assertThat(bridge.sessions().canSendFreeForm(PN, id)).isFalse();
    bridge.onEvent(call("wacid.1", CallEvent.Kind.CONNECT, CallEvent.Direction.USER_INITIATED));
    assertThat(bridge.sessions().canSendFreeForm(PN, id)).isTrue();
    clock.advance(Duration.ofHours(24).plusMinutes(1));
    assertThat(bridge.sessions().canSendFreeForm(PN, id)).isFalse();
  }

  @Test
  void aBusinessInitiatedCall_doesNotOpenTheWindow() {
    bridge.onEvent(call("wacid.2", CallEvent.Kind.CONNECT, CallEvent.Direction.BUSINESS_INITIATED));
    assertThat(bridge.sessions().canSendFreeForm(PN, CustomerId.ofBsuid(BSUID))).isFalse();
    assertThat(bridge.sessions().canSendFreeForm(PN, CustomerId.ofPhone(PHONE))).isFalse();
  }
}
