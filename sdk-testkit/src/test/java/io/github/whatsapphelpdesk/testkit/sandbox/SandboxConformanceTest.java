package io.github.whatsapphelpdesk.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.testkit.sandbox.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's webhooks have the same JSON structure (the set of key paths) as Meta's published
 * examples in src/test/resources/conformance (copied from shared/conformance/whatsapp).
 */
class SandboxConformanceTest {
  private CloudApiSandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = CloudApiSandbox.builder().start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private String generate(Consumer<SimulatedCustomer> action) {
    action.accept(sandbox.customer("+16505551234", "Sheena Nelson"));
    sandbox.deliverPending();
    List<WebhookDelivery> all = sandbox.webhooks();
    return all.get(all.size() - 1).body();
  }

  private static Set<String> paths(Object json) {
    Set<String> out = new TreeSet<>();
    collect(json, "", out);
    return out;
  }

  private static void collect(Object node, String prefix, Set<String> out) {
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String p = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
        out.add(p);
        collect(e.getValue(), p, out);
      }
    } else if (node instanceof List<?> l) {
      for (Object o : l) {
        collect(o, prefix + "[]", out);
      }
    }
  }

  private static Set<String> sample(String file) throws IOException {
    try (InputStream in = SandboxConformanceTest.class.getResourceAsStream("/conformance/" + file)) {
      return paths(Json.parseOrNull(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }

  /**
   * Fields Meta added after these (2025) examples: business-scoped user ids and usernames, sent from
   * 2026-03-31 (Meta, "Business-scoped user IDs": {@code contacts[].user_id}, {@code parent_user_id},
   * {@code profile.username}, {@code messages[].from_user_id}, {@code statuses[].recipient_user_id}, the
   * {@code contacts} of delivered and read statuses; system messages reference: {@code system.user_id},
   * {@code system.previous_user_id}). Only these may appear beyond the examples.
   */
  private static final Set<String> BSUID_ADDITIONS = Set.of(
      "entry[].changes[].value.contacts",
      "entry[].changes[].value.contacts[].wa_id",
      "entry[].changes[].value.contacts[].user_id",
      "entry[].changes[].value.contacts[].profile",
      "entry[].changes[].value.contacts[].profile.username",
      "entry[].changes[].value.messages[].from_user_id",
      "entry[].changes[].value.messages[].system.user_id",
      "entry[].changes[].value.messages[].system.previous_user_id",
      "entry[].changes[].value.statuses[].recipient_user_id");

  private static void assertSameShape(String generated, String file, Set<String> notSimulated) throws IOException {
    Set<String> expected = new TreeSet<>(sample(file));
    expected.removeAll(notSimulated);
    Set<String> actual = paths(Json.parseOrNull(generated));
    assertThat(actual).as(file).containsAll(expected);
    Set<String> allowed = new TreeSet<>(sample(file));
    allowed.addAll(BSUID_ADDITIONS);
    assertThat(actual).as(file + " (no invented fields)").isSubsetOf(allowed);
  }

  @Test
  void inboundText_matchesMetaExample() throws IOException {
    assertSameShape(generate(c -> c.sendText("Does it come in another color?")), "text-message.json", Set.of());
  }

  @Test
  void inboundImage_matchesMetaExample() throws IOException {
    assertSameShape(generate(c -> c.sendImage(new byte[] {1}, "image/jpeg", "Taj Mahal")), "image-message.json",
        Set.of());
  }

  @Test
  void inboundLocation_matchesMetaExample() throws IOException {
    assertSameShape(generate(c -> c.sendLocation(37.44, -122.16, "Philz Coffee", "101 Forest Ave")),
        "location-message.json", Set.of("entry[].changes[].value.messages[].location.url"));
  }

  @Test
  void inboundContact_matchesMetaExample() throws IOException {
    String p = "entry[].changes[].value.messages[].contacts[].";
    assertSameShape(generate(c -> c.sendContact("Lucía Gómez", "+1 983 555 2319")), "contact-sharing-message.json",
        Set.of(p + "name.first_name", p + "name.last_name", p + "org", p + "org.company"));
  }

  @Test
  void inboundButtonReply_matchesMetaExample() throws IOException {
    assertSameShape(generate(c -> c.replyingTo("wamid.A").sendButtonReply("cancel-button", "Cancel")),
        "interactive-button-reply-message.json", Set.of());
  }

  @Test
  void inboundListReply_matchesMetaExample() throws IOException {
    assertSameShape(generate(c -> c.replyingTo("wamid.A").sendListReply("priority_express", "Priority",
        "Next Day")), "interactive-list-reply-message.json", Set.of());
  }

  @Test
  void inboundTemplateButton_matchesMetaExample() throws IOException {
    assertSameShape(generate(c -> c.replyingTo("wamid.A").sendButton("Unsubscribe", "Unsubscribe")),
        "button-message.json", Set.of());
  }

  @Test
  void inboundReaction_matchesMetaExample() throws IOException {
    assertSameShape(generate(c -> c.react("wamid.A", "👍")), "reaction-message.json", Set.of());
  }

  @Test
  void inboundOrder_matchesMetaExample() throws IOException {
    assertSameShape(generate(c -> c.sendOrder("194836987003835", "", List.of(new OrderItem("di9ozbzfi4", 2, 30,
        "USD")))), "order-message.json", Set.of());
  }

  @Test
  void inboundSystem_matchesMetaExample() throws IOException {
    assertSameShape(generate(c -> c.changeNumber("+12195555358")), "system-message.json", Set.of());
  }

  @Test
  void inboundUnsupported_matchesMetaExample() throws IOException {
    assertSameShape(generate(SimulatedCustomer::sendUnsupported), "unsupported-message.json", Set.of());
  }

  @Test
  void inboundFromAd_matchesMetaExample() throws IOException {
    String r = "entry[].changes[].value.messages[].referral.";
    assertSameShape(generate(c -> c.sendTextFromAd("Hello!", AdReferral.ad("120226305854810726", "Aff-n8"))),
        "text-message-from-click-to-whatsapp-ad.json",
        Set.of(r + "image_url", r + "welcome_message", r + "welcome_message.text"));
  }

  @Test
  void statuses_matchMetaExamples() throws IOException {
    sandbox.customer("+16505551234").sendText("hi");
    sandbox.failAllTo("+16505551234", 131049);
    SandboxHttp http = new SandboxHttp(sandbox);
    http.send(SandboxHttp.text("+16505551234", "x"));
    sandbox.clearFailures();
    http.send(SandboxHttp.text("+16505551234", "y"));
    sandbox.deliverPending();
    List<WebhookDelivery> all = sandbox.webhooks();
    String failed = all.get(1).body();
    String sent = all.get(2).body();
    assertSameShape(failed, "status-failed-131049.json", Set.of());
    String conv = "entry[].changes[].value.statuses[].conversation";
    assertSameShape(sent, "status-sent-marketing-pmp.json",
        Set.of(conv, conv + ".id", conv + ".expiration_timestamp", conv + ".origin", conv + ".origin.type"));
    assertThat(paths(Json.parseOrNull(sent))).containsAll(sample("status-v24-no-conversation.json"));
  }

  @Test
  void throughputErrors_matchMetaExample() throws IOException {
    sandbox.setLimits(1, Duration.ofSeconds(6), 45);
    sandbox.customer("+16505551234").sendText("hi");
    SandboxHttp http = new SandboxHttp(sandbox);
    http.send(SandboxHttp.text("+16505551234", "x"));
    http.send(SandboxHttp.text("+16505551234", "y"));
    sandbox.deliverPending();
    List<WebhookDelivery> all = sandbox.webhooks();
    assertSameShape(all.get(all.size() - 1).body(), "errors-webhook-130429.json", Set.of());
  }
}
