package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.ClientTestSupport.body;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingSleeper;
import io.github.whatsapphelpdesk.http.internal.Json;
import java.io.File;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract against Meta's own examples: each of the 50 send bodies of the OpenAPI spec is rebuilt with
 * the typed API, sent to a local server, and the recorded body compared semantically (maps compared
 * without key order) with the example. Documented normalisations of the examples, applied only where
 * the example itself is incomplete or a placeholder:
 * <ul>
 *   <li>{@code to}: the placeholder {@code {{Recipient-Phone-Number}}} becomes {@code +16505551234};
 *       {@code 16315555555} becomes {@code +16315555555}, since the client always sends E.164 with
 *       {@code +} (without it Meta prepends the business number's country code).
 *   <li>{@code recipient_type} and {@code type}: some examples omit them; the client always sends
 *       both ({@code type} is required by the spec's own {@code BaseMessageProperties}).
 *   <li>template button {@code index}: some examples use a number, others a string; the client sends the
 *       documented string form.
 *   <li>{@code send-sample-issue-resolution-template} has text parameters {@code true}/{@code false} as
 *       JSON booleans; text parameters are strings (the spec's own parameter schema), so we send
 *       {@code "true"}/{@code "false"}.
 *   <li>{@code send-multi-product-message} has the header type placeholder {@code <HEADER_TYPE>};
 *       product_list headers must be {@code text}.
 * </ul>
 */
class SendContractTest {
  private static MockWebServer server;
  private static WhatsAppClient client;

  @BeforeAll
  static void start() {
    server = ClientTestSupport.server();
    // checks request shapes across many sends on a frozen clock: limiting is opted out explicitly
    client = ClientTestSupport.builder(server, new RecordingSleeper())
        .outboundLimiter(io.github.whatsapphelpdesk.ratelimit.OutboundLimiter.unlimited()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
  }

  static Stream<String> messageExamples() {
    return allFixtureNames().stream().filter(n -> !n.equals("send-typing-indicator-and-read-receipt"));
  }

  static List<String> allFixtureNames() {
    try {
      File dir = new File(Objects.requireNonNull(SendContractTest.class.getResource("/fixtures/send-openapi")).toURI());
      return Arrays.stream(Objects.requireNonNull(dir.list())).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void fixtures_all50_haveABuilder() {
    assertThat(allFixtureNames()).hasSize(50);
    assertThat(SendExamples.all().keySet()).containsExactlyInAnyOrderElementsOf(messageExamples().toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messageExamples")
  void send_metaExample_buildsSemanticallyEqualBody(String name) throws Exception {
    server.enqueue(ok(ClientTestSupport.sendOk("x", "16505551234")));
    client.messages().send(SendExamples.all().get(name).get());
    RecordedRequest r = server.takeRequest();

    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v24.0/" + ClientTestSupport.PHONE_ID + "/messages");
    assertThat(body(r)).isEqualTo(normalise(SendExamples.expected(name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messageExamples")
  void send_metaExample_bodyValidatesAgainstSpecSchema(String name) throws Exception {
    server.enqueue(ok(ClientTestSupport.sendOk("x", "16505551234")));
    client.messages().send(SendExamples.all().get(name).get());
    Map<String, Object> sent = body(server.takeRequest());

    List<String> errors = SendSchema.validate(sent);
    if (KnownSpecErrors.orderMessage(sent)) {
      // Spec defect 5: neither the interactive type enum nor ActionObject knows order_details or
      // order_status, so exactly $.type and $.action fail.
      assertThat(errors).isNotEmpty().allMatch(err -> err.startsWith("$.action")
          || err.startsWith("$.type: does not have a value in the enumeration"));
    } else {
      // Exactly the errors of the documented spec defects (KnownSpecErrors), usually none.
      assertThat(errors).as("schema errors of %s", name).isEqualTo(KnownSpecErrors.expectedErrors(sent));
    }
  }

  @Test
  void markAsRead_metaTypingExample_buildsSemanticallyEqualBody() throws Exception {
    server.enqueue(ok("{\"success\":true}"));
    client.messages().markAsRead("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=", true,
        RequestOptions.defaults());
    assertThat(body(server.takeRequest()))
        .isEqualTo(SendExamples.expected("send-typing-indicator-and-read-receipt"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> normalise(Map<String, Object> example) {
    Map<String, Object> m = (Map<String, Object>) Json.read(Json.write(example));
    Object to = m.get("to");
    if (to instanceof String s && s.startsWith("{{")) {
      m.put("to", SendExamples.TO);
    } else if (to instanceof String s && !s.startsWith("+")) {
      m.put("to", "+" + s);
    }
    m.putIfAbsent("recipient_type", "individual");
    if (!m.containsKey("type")) {
      for (String t : List.of("text", "interactive", "contacts")) {
        if (m.containsKey(t)) {
          m.put("type", t);
        }
      }
    }
    if (m.get("template") instanceof Map<?, ?> t && t.get("components") instanceof List<?> comps) {
      for (Object c : comps) {
        Map<String, Object> cm = (Map<String, Object>) c;
        if (cm.get("index") instanceof Number n) {
          cm.put("index", String.valueOf(n.intValue()));
        }
        for (Object p : (List<Object>) cm.get("parameters")) {
          Map<String, Object> pm = (Map<String, Object>) p;
          if (pm.get("text") instanceof Boolean b) {
            pm.put("text", b.toString());
          }
        }
      }
    }
    if (m.get("interactive") instanceof Map<?, ?> i && i.get("header") instanceof Map<?, ?> h
        && "<HEADER_TYPE>".equals(h.get("type"))) {
      ((Map<String, Object>) h).put("type", "text");
    }
    return new LinkedHashMap<>(m);
  }
}
