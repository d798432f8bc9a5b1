package io.github.whatsapphelpdesk.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.client.ClientTestAccess;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.error.TemplateProblem;
import io.github.whatsapphelpdesk.webhook.ParsedWebhook;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import io.github.whatsapphelpdesk.webhook.WebhookParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Template webhooks, parsed by the SDK's webhook parser, applied to the registry. */
class TemplateWebhookTest {
  private static final WebhookParser PARSER = WebhookParser.create();
  private static final MessageTemplate CART = new MessageTemplate("1689556908129835", "abandoned_cart", "en",
      TemplateStatus.PENDING, TemplateCategory.UTILITY, null, null, ParameterFormat.POSITIONAL,
      List.of(TemplateFixtures.body("You left {{1}} in your cart.")), QualityScore.GREEN, null, null);
  private static final MessageTemplate FLAGGED = new MessageTemplate("1234567", "Mymessagetemplate", "en_US",
      TemplateStatus.APPROVED, TemplateCategory.MARKETING, null, null, ParameterFormat.POSITIONAL,
      List.of(TemplateFixtures.body("Hello")), QualityScore.YELLOW, null, null);

  private final TemplateRegistry registry = TemplateFixtures.registry(List.of(CART, FLAGGED));

  private static List<WebhookEvent> events(String resource) {
    byte[] body;
    if (resource.startsWith("fixtures/")) {
      body = ClientTestAccess.fixture(resource.substring("fixtures/".length())).getBytes(StandardCharsets.UTF_8);
    } else {
      try (InputStream in = TemplateWebhookTest.class.getResourceAsStream("/conformance/webhooks/" + resource)) {
        body = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    ParsedWebhook p = PARSER.parse(body);
    assertThat(p.problems()).isEmpty();
    return p.events();
  }

  @Test
  void statusUpdate_metaDocsRejection_blocksTheTemplateWithMetasReason() {
    List<WebhookEvent> e = events("webhooks-docs/template-status-rejected-invalid-format.json");

    assertThat(e).hasSize(1);
    assertThat(registry.applyWebhook(e.get(0))).isTrue();

    assertThat(registry.find("abandoned_cart", "en").orElseThrow().status()).isEqualTo(TemplateStatus.REJECTED);
    assertThat(registry.statusReason("abandoned_cart", "en")).hasValueSatisfying(r ->
        assertThat(r).startsWith("INVALID_FORMAT: Your template has parameters placed next to each other"));
    assertThat(registry.check(TemplateMessage.of("abandoned_cart", "en",
        TemplateComponent.body(TemplateParameter.text("2 shoes"))))).singleElement().satisfies(p -> {
          assertThat(p.kind()).isEqualTo(TemplateProblem.Kind.NOT_APPROVED);
          assertThat(p.message()).contains("REJECTED (reason: INVALID_FORMAT");
        });
    // A duplicate delivery changes nothing.
    assertThat(registry.applyWebhook(e.get(0))).isFalse();
  }

  @Test
  void statusUpdate_flaggedPeerSample_staysSendableAndKeepsTheFlag() {
    WebhookEvent e = events("peer-java-sdk/deserialization/templateSchedulingForDisabling.json").get(0);

    assertThat(registry.applyWebhook(e)).isTrue();

    assertThat(registry.find("Mymessagetemplate", "en_US").orElseThrow().sendable()).isTrue();
    assertThat(registry.statusReason("Mymessagetemplate", "en_US")).contains("FLAGGED");
  }

  @Test
  void statusUpdate_forATemplateNotHeld_marksTheRegistryStale() {
    WebhookEvent e = events("peer-java-sdk/deserialization/rejectedTemplate.json").get(0);

    assertThat(registry.applyWebhook(e)).isFalse();
    assertThat(registry.toString()).contains("stale=true");
  }

  @Test
  void qualityAndCategoryUpdates_applyTheChangeNotTheNotice() {
    assertThat(registry.applyWebhook(events("fixtures/webhooks/template-quality-update.json").get(0))).isTrue();
    assertThat(registry.find("abandoned_cart", "en").orElseThrow().qualityScore()).isEqualTo(QualityScore.YELLOW);

    List<WebhookEvent> category = events("fixtures/webhooks/template-category-update.json");
    assertThat(category).hasSize(2);
    assertThat(registry.applyWebhook(category.get(0))).isFalse(); // the 24-hour notice
    assertThat(registry.find("abandoned_cart", "en").orElseThrow().category()).isEqualTo(TemplateCategory.UTILITY);
    assertThat(registry.applyWebhook(category.get(1))).isTrue();
    MessageTemplate t = registry.find("abandoned_cart", "en").orElseThrow();
    assertThat(t.category()).isEqualTo(TemplateCategory.MARKETING);
    assertThat(t.previousCategory()).isEqualTo("UTILITY");
  }

  @Test
  void applyWebhook_otherEvents_areIgnored() {
    for (WebhookEvent e : events("webhooks-openapi/text-message.json")) {
      assertThat(registry.applyWebhook(e)).isFalse();
    }
    assertThat(registry.toString()).contains("stale=false");
  }
}
