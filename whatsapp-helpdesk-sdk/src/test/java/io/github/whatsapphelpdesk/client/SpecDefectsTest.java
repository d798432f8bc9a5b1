package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.ClientTestSupport.body;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingSleeper;
import io.github.whatsapphelpdesk.client.InteractiveAction.ListRow;
import io.github.whatsapphelpdesk.client.InteractiveAction.ListSection;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies the client builds correctly (per Meta's docs) that Meta's OpenAPI spec wrongly rejects
 * (reference §10). Each test pins the exact spec error, so a corrected spec makes the test fail and
 * the note can go.
 */
class SpecDefectsTest {
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

  private Map<String, Object> sent(Message m) throws InterruptedException {
    server.enqueue(ok(ClientTestSupport.sendOk("x", "1")));
    client.messages().send(m);
    return body(server.takeRequest());
  }

  @Test
  void interactiveBody_between1024And4096_specSaysMax1024ButListDocSays4096() throws Exception {
    String body = "b".repeat(2000);
    Map<String, Object> sent = sent(Message.of(SendExamples.TO, Interactive.list(body, "Menu",
        new ListSection(null, List.of(new ListRow("r1", "Row", null))))));

    assertThat(SendSchema.validate(sent)).singleElement().asString()
        .matches("\\$\\.body\\.text: must be at most 1.?024 characters long");
  }

  @Test
  void ctaUrl_validMessage_specTypeEnumLacksCtaUrl() throws Exception {
    Map<String, Object> sent = sent(Message.of(SendExamples.TO,
        Interactive.ctaUrl("See your order", "Open", "https://example.com/o/1")));

    assertThat(SendSchema.validate(sent)).isNotEmpty()
        .anyMatch(e -> e.startsWith("$.type: does not have a value in the enumeration"));
  }

  @Test
  void document_captionAndFilename_sentAlthoughSpecDocumentMessageOmitsThem() throws Exception {
    Map<String, Object> sent = sent(Message.of(SendExamples.TO,
        Media.document("123").withCaption("Invoice").withFilename("invoice.pdf")));

    assertThat(sent.get("document")).isEqualTo(Map.of("id", "123", "caption", "Invoice", "filename", "invoice.pdf"));
  }
}
