package io.github.whatsapphelpdesk.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.ratelimit.MessagingLimit;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.BusinessCapabilityUpdate;
import io.github.whatsapphelpdesk.webhook.CallEvent;
import io.github.whatsapphelpdesk.webhook.UserPreferenceUpdate;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import io.github.whatsapphelpdesk.webhook.WebhookParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 10: the sandbox emits what Meta emits — calls (which open the window), integer
 * capability updates and user_preferences — and the SDK's parser reads them as typed events.
 */
class SandboxRealismTest {
  private static final String CUSTOMER = "+4915112345678";
  private final MutableClock clock = MutableClock.create();
  private WebhookReceiver receiver;
  private CloudApiSandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    receiver = new WebhookReceiver();
    sandbox = CloudApiSandbox.builder().clock(clock).accessToken("good-token").webhookUrl(receiver.url())
        .windowClosedChannel(ErrorChannel.SYNC).start();
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
    receiver.close();
  }

  private List<WebhookEvent> delivered() {
    sandbox.deliverPending();
    return receiver.received().stream()
        .flatMap(r -> WebhookParser.create().parse(r.text().getBytes(StandardCharsets.UTF_8)).events().stream())
        .toList();
  }

  @Test
  void aCustomerCall_isACallsWebhookAndOpensTheWindow() {
    assertThat(http.send(SandboxHttp.text(CUSTOMER, "hello")).status()).isEqualTo(400); // window closed
    String callId = sandbox.customer(CUSTOMER).call(Duration.ofSeconds(70));
    assertThat(http.send(SandboxHttp.text(CUSTOMER, "thanks for calling")).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(70));
    List<CallEvent> calls = delivered().stream().filter(e -> e instanceof CallEvent).map(e -> (CallEvent) e).toList();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).callId()).isEqualTo(callId);
    assertThat(calls.get(0).opensServiceWindow()).isTrue();
    assertThat(calls.get(0).customer().phone()).isEqualTo("4915112345678");
    assertThat(calls.get(0).customer().bsuid()).isNotNull();
    assertThat(calls.get(1).kind()).isEqualTo(CallEvent.Kind.TERMINATE);
    assertThat(calls.get(1).durationSeconds()).isEqualTo(70L);
  }

  private List<String> pricingTypes() {
    return delivered().stream().filter(e -> e instanceof io.github.whatsapphelpdesk.webhook.StatusUpdate)
        .map(e -> (io.github.whatsapphelpdesk.webhook.StatusUpdate) e)
        .filter(u -> u.rawStatus().equals("sent")).map(u -> u.pricing().type()).toList();
  }

  @Test
  void pricingTypes_followMeta_freeEntryPointAfterAnAd_freeCustomerServiceForUtilityInTheWindow() {
    sandbox.customer(CUSTOMER).sendText("hi");
    assertThat(http.send(SandboxHttp.template(CUSTOMER, "hello_world", "en_US", "[]")).status()).isEqualTo(200);
    clock.advance(Duration.ofHours(25)); // window closed
    assertThat(http.send(SandboxHttp.template(CUSTOMER, "hello_world", "en_US", "[]")).status()).isEqualTo(200);
    assertThat(pricingTypes()).containsExactly("free_customer_service", "regular");

    sandbox.customer(CUSTOMER).sendTextFromAd("from the ad",
        new AdReferral("https://fb.me/ad", "120", "ad", "Sale", "Spring", "image", "clid"));
    assertThat(http.send(SandboxHttp.text(CUSTOMER, "welcome")).status()).isEqualTo(200);
    clock.advance(Duration.ofHours(48)); // customer service window closed, free entry point window (72 h) open
    assertThat(http.send(SandboxHttp.template(CUSTOMER, "hello_world", "en_US", "[]")).status()).isEqualTo(200);
    assertThat(pricingTypes()).containsExactly("free_customer_service", "regular", "free_entry_point",
        "free_entry_point");
  }

  @Test
  void capabilityUpdatesAreIntegers_andPreferencesAreEmitted() {
    sandbox.reportMessagingLimit(-1, 20);
    sandbox.customer(CUSTOMER).stopMarketing();
    List<WebhookEvent> events = delivered();
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(BusinessCapabilityUpdate.class,
        b -> assertThat(b.messagingLimit()).contains(MessagingLimit.UNLIMITED)));
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(UserPreferenceUpdate.class,
        u -> assertThat(u.marketingStopped()).isTrue()));
  }
}
