package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.ClientTestSupport.WABA_ID;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.body;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.fixture;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingSleeper;
import io.github.whatsapphelpdesk.client.internal.TemplateJson;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.template.Button;
import io.github.whatsapphelpdesk.template.ButtonType;
import io.github.whatsapphelpdesk.template.Component;
import io.github.whatsapphelpdesk.template.ComponentType;
import io.github.whatsapphelpdesk.template.HeaderFormat;
import io.github.whatsapphelpdesk.template.MessageTemplate;
import io.github.whatsapphelpdesk.template.ParameterFormat;
import io.github.whatsapphelpdesk.template.QualityScore;
import io.github.whatsapphelpdesk.template.TemplateCategory;
import io.github.whatsapphelpdesk.template.TemplateStatus;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplatesApiTest {
  private MockWebServer server;
  private WhatsAppClient client;

  @BeforeEach
  void start() {
    server = ClientTestSupport.server();
    client = ClientTestSupport.builder(server, new RecordingSleeper()).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void list_followsCursorOverEveryPage() throws Exception {
    server.enqueue(ok(fixture("peer/retTemplate2.json")));
    server.enqueue(ok(fixture("peer/retTemplate3.json")));

    List<MessageTemplate> all = client.templates().list();

    assertThat(all).hasSize(3);
    RecordedRequest first = server.takeRequest();
    assertThat(first.getMethod()).isEqualTo("GET");
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + ClientTestSupport.TOKEN);
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v24.0/" + WABA_ID + "/message_templates");
    assertThat(first.getUrl().queryParameter("fields")).contains("components", "parameter_format", "quality_score");
    assertThat(first.getUrl().queryParameter("after")).isNull();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getUrl().queryParameter("after")).isEqualTo("MQZDZD");
    assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer " + ClientTestSupport.TOKEN);
  }

  @Test
  void list_realBody_parsesComponentsButtonsAndEnums() {
    server.enqueue(ok(fixture("peer/retTemplate1.json")));

    List<MessageTemplate> all = client.templates().list(TemplateStatus.APPROVED, null);

    assertThat(all).hasSize(7);
    MessageTemplate rejected = all.get(0);
    assertThat(rejected.name()).isEqualTo("welcome_template3");
    assertThat(rejected.status()).isEqualTo(TemplateStatus.REJECTED);
    assertThat(rejected.category()).isEqualTo(TemplateCategory.UTILITY);
    assertThat(rejected.previousCategory()).isEqualTo("TRANSACTIONAL");
    assertThat(rejected.parameterFormat()).isEqualTo(ParameterFormat.POSITIONAL);
    assertThat(rejected.component(ComponentType.HEADER).orElseThrow().format()).isEqualTo(HeaderFormat.TEXT);
    assertThat(rejected.component(ComponentType.BODY).orElseThrow().example())
        .isEqualTo(Map.of("body_text", List.of(List.of("Mr. José", "s"))));
    MessageTemplate approved = all.get(1);
    assertThat(approved.sendable()).isTrue();
    assertThat(approved.component(ComponentType.BUTTONS).orElseThrow().buttons())
        .extracting(Button::type, Button::text)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ButtonType.QUICK_REPLY, "SIM"),
            org.assertj.core.groups.Tuple.tuple(ButtonType.QUICK_REPLY, "NÃO"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void parse_unknownValues_fallBackToUnknownAndKeepRaw() {
    MessageTemplate t = TemplateJson.parse(Json.readObject("{\"name\":\"n\",\"language\":\"en\",\"status\":\"NEW_STATE\","
        + "\"category\":\"X\",\"parameter_format\":\"NAMED\",\"quality_score\":{\"score\":\"PURPLE\"},"
        + "\"components\":[{\"type\":\"SHINY\",\"cards\":[1]},{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"OTP\","
        + "\"otp_type\":\"COPY_CODE\",\"text\":\"Copy\"},{\"type\":\"TELEPORT\",\"text\":\"x\"}]}]}"));
    assertThat(t.status()).isEqualTo(TemplateStatus.UNKNOWN);
    assertThat(t.category()).isEqualTo(TemplateCategory.UNKNOWN);
    assertThat(t.qualityScore()).isEqualTo(QualityScore.UNKNOWN);
    assertThat(t.parameterFormat()).isEqualTo(ParameterFormat.NAMED);
    assertThat(t.components().get(0).type()).isEqualTo(ComponentType.UNKNOWN);
    assertThat(t.components().get(1).buttons().get(0).extra()).isEqualTo(Map.of("otp_type", "COPY_CODE"));
    assertThat(TemplateJson.components(t.components())).isEqualTo(List.of(Map.of("type", "SHINY", "cards", List.of(1.0)),
        Map.of("type", "BUTTONS", "buttons", List.of(Map.of("type", "OTP", "otp_type", "COPY_CODE", "text", "Copy"),
            Map.of("type", "TELEPORT", "text", "x")))));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 5, 6, 7, 8, 9})
  void createBody_peerExpectedTemplates_roundTripFaithfully(int n) {
    Map<String, Object> expected = Json.readObject(fixture("peer/expected-template/expectedTemplate" + n + ".json"));
    MessageTemplate parsed = TemplateJson.parse(expected);
    Map<String, Object> written = Json.readObject(Json.write(TemplateJson.createBody(parsed)));
    // Retired categories (TRANSACTIONAL) parse to UNKNOWN and are written as such; compare the rest.
    if ("TRANSACTIONAL".equals(expected.get("category"))) {
      assertThat(written.get("category")).isEqualTo("UNKNOWN");
      written.remove("category");
      expected.remove("category");
    }
    assertThat(written).isEqualTo(expected);
  }

  @Test
  void get_byNameAndLanguage_filtersExactly() throws Exception {
    server.enqueue(ok(fixture("peer/retTemplate1.json")));
    assertThat(client.templates().get("schedule_confirmation5", "pt_BR")).get()
        .extracting(MessageTemplate::id).isEqualTo("1145489599421404");
    assertThat(server.takeRequest().getUrl().queryParameter("name")).isEqualTo("schedule_confirmation5");
    server.enqueue(ok(fixture("peer/retTemplate1.json")));
    assertThat(client.templates().get("schedule_confirmation5", "en_US")).isEmpty();
  }

  @Test
  void create_postsDraftAndReturnsIdAndStatus() throws Exception {
    server.enqueue(ok(fixture("peer/template.json")));
    MessageTemplate draft = MessageTemplate.draft("order_update", "en_US", TemplateCategory.UTILITY,
        ParameterFormat.NAMED, List.of(Component.textHeader("Order"), Component.body("Hi {{first_name}}",
            Map.of("body_text_named_params", List.of(Map.of("param_name", "first_name", "example", "Ana")))),
            Component.footer("Thanks"), Component.buttons(Button.url("Track", "https://x.y/{{1}}", "abc"))));

    MessageTemplate created = client.templates().create(draft);

    assertThat(created.id()).isEqualTo("952305634123456");
    assertThat(created.status()).isEqualTo(TemplateStatus.REJECTED);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + ClientTestSupport.TOKEN);
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v24.0/" + WABA_ID + "/message_templates");
    assertThat(body(r)).isEqualTo(Map.of("name", "order_update", "category", "UTILITY", "language", "en_US",
        "parameter_format", "named", "components", List.of(
            Map.of("type", "HEADER", "format", "TEXT", "text", "Order"),
            Map.of("type", "BODY", "text", "Hi {{first_name}}", "example",
                Map.of("body_text_named_params", List.of(Map.of("param_name", "first_name", "example", "Ana")))),
            Map.of("type", "FOOTER", "text", "Thanks"),
            Map.of("type", "BUTTONS", "buttons", List.of(Map.of("type", "URL", "text", "Track",
                "url", "https://x.y/{{1}}", "example", List.of("abc")))))));
  }

  @Test
  void create_invalidDraft_rejectedLocally() {
    MessageTemplate draft = MessageTemplate.draft("Bad Name", "", TemplateCategory.UNKNOWN, ParameterFormat.POSITIONAL,
        List.of(Component.footer("x")));
    assertThatThrownBy(() -> client.templates().create(draft))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).hasSize(4));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void edit_postsComponentsToTemplateId() throws Exception {
    server.enqueue(ok("{\"success\":true}"));
    MessageTemplate changed = MessageTemplate.draft("x", "en", TemplateCategory.MARKETING, ParameterFormat.POSITIONAL,
        List.of(Component.body("New {{1}}", Map.of("body_text", List.of(List.of("a"))))));
    assertThat(client.templates().edit("1145489599421404", changed)).isTrue();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + ClientTestSupport.TOKEN);
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v24.0/1145489599421404");
    assertThat(body(r)).isEqualTo(Map.of("category", "MARKETING", "components", List.of(Map.of("type", "BODY",
        "text", "New {{1}}", "example", Map.of("body_text", List.of(List.of("a")))))));
  }

  @Test
  void delete_byNameAndByNameAndId() throws Exception {
    server.enqueue(ok(fixture("peer/deleteTemplate.json")));
    server.enqueue(ok(fixture("peer/deleteTemplate.json")));
    assertThat(client.templates().delete("order_update")).isTrue();
    assertThat(client.templates().delete("order_update", "123")).isTrue();
    RecordedRequest byName = server.takeRequest();
    assertThat(byName.getMethod()).isEqualTo("DELETE");
    assertThat(byName.getHeaders().get("Authorization")).isEqualTo("Bearer " + ClientTestSupport.TOKEN);
    assertThat(byName.getUrl().encodedPath()).isEqualTo("/v24.0/" + WABA_ID + "/message_templates");
    assertThat(byName.getUrl().queryParameter("name")).isEqualTo("order_update");
    assertThat(byName.getUrl().queryParameter("hsm_id")).isNull();
    RecordedRequest byId = server.takeRequest();
    assertThat(byId.getMethod()).isEqualTo("DELETE");
    assertThat(byId.getUrl().queryParameter("hsm_id")).isEqualTo("123");
    assertThat(byId.getHeaders().get("Authorization")).isEqualTo("Bearer " + ClientTestSupport.TOKEN);
  }
}
