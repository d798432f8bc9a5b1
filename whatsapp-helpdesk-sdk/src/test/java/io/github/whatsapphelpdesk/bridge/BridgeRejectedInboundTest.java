package io.github.whatsapphelpdesk.bridge;

import static io.github.whatsapphelpdesk.bridge.BridgeFixtures.PN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.crm.StoredComment;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A message the helpdesk rejects permanently is kept, counted, noted and can be replayed: never lost. */
class BridgeRejectedInboundTest {
  private static final String WA = "4915123456789";

  @Test
  void aPermanentlyRejectedMessageIsKeptNotedAndReplayable() {
    MutableClock clock = MutableClock.create();
    InMemoryHelpdesk desk = InMemoryHelpdesk.builder().clock(clock).build();
    AtomicBoolean reject = new AtomicBoolean(true);
    HelpdeskAdapter picky = (HelpdeskAdapter) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {HelpdeskAdapter.class}, (proxy, method, args) -> {
          if (method.getName().equals("appendCustomerMessage") && reject.get()
              && ((CustomerMessage) args[1]).messageId().equals("wamid.bad")) {
            throw new HelpdeskValidationException("picky", 422, "comment rejected (test)", List.of());
          }
          try {
            return method.invoke(desk, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    HelpdeskBridge bridge = HelpdeskBridge.builder().adapter(picky).gateway(new FakeCloudApi(clock, 1, 0))
        .clock(clock).build();
    bridge.onEvent(BridgeFixtures.text("wamid.ok", WA, clock.instant(), "first"));
    bridge.onEvent(BridgeFixtures.text("wamid.bad", WA, clock.instant(), "second"));
    String ticket = desk.tickets().get(0).id();

    assertThat(bridge.stats().inboundRejected()).isEqualTo(1);
    assertThat(bridge.rejectedInbound()).extracting(m -> m.wamid()).containsExactly("wamid.bad");
    assertThat(desk.notes(ticket)).anySatisfy(n -> assertThat(n.text()).contains("could not be added")
        .contains("wamid.bad").doesNotContain("second"));

    reject.set(false);
    assertThat(bridge.replayRejected()).isEqualTo(1);
    assertThat(bridge.rejectedInbound()).isEmpty();
    assertThat(desk.comments(ticket)).filteredOn(c -> c.authorKind() == StoredComment.AuthorKind.CUSTOMER)
        .extracting(StoredComment::text).containsExactly("first", "second");
    assertThat(bridge.conversations().currentKey(PN, WA).episode()).isEqualTo(1);
  }
}
