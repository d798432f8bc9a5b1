package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.ClientTestSupport.error;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.fixture;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingSleeper;
import io.github.whatsapphelpdesk.error.AuthenticationException;
import io.github.whatsapphelpdesk.error.ErrorCategory;
import io.github.whatsapphelpdesk.error.InvalidRequestException;
import io.github.whatsapphelpdesk.error.PolicyException;
import io.github.whatsapphelpdesk.error.RateLimitException;
import io.github.whatsapphelpdesk.error.RecipientException;
import io.github.whatsapphelpdesk.error.SerializationException;
import io.github.whatsapphelpdesk.error.ServerException;
import io.github.whatsapphelpdesk.error.SessionWindowClosedException;
import io.github.whatsapphelpdesk.error.TemplateException;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error bodies (Meta's real ones from the peer SDK's fixtures, and built ones) to exception types. */
class ErrorMappingTest {
  private MockWebServer server;
  private WhatsAppClient client;

  @BeforeEach
  void start() {
    server = ClientTestSupport.server();
    client = ClientTestSupport.builder(server, new RecordingSleeper()).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void phoneNumber_realNotFoundBody_isInvalidRequestWithSubcodeAndTrace() {
    server.enqueue(json(400, fixture("peer/phoneNumberNotFoundError.json")));

    assertThatThrownBy(() -> client.account().phoneNumber("454545"))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.code()).isEqualTo(100);
          assertThat(e.subcode()).contains(33);
          assertThat(e.httpStatus()).isEqualTo(400);
          assertThat(e.fbtraceId()).contains("AeadGx6xI8M9EVqcy11ynej");
          assertThat(e.error().type()).isEqualTo("GraphMethodException");
          assertThat(e.getMessage()).contains("Unsupported get request", "code=100", "fbtrace_id=AeadGx6xI8M9EVqcy11ynej");
        });
  }

  @Test
  void realRequestCodeErrorBody_unknownCode_isGenericApiExceptionNotRetryable() {
    server.enqueue(json(400, fixture("peer/requestCodeError.json")));

    assertThatThrownBy(() -> client.account().phoneNumber("1"))
        .isInstanceOfSatisfying(WhatsAppApiException.class, e -> {
          assertThat(e.code()).isEqualTo(136024);
          assertThat(e.subcode()).contains(2388091);
          assertThat(e.category()).isEqualTo(ErrorCategory.UNKNOWN);
          assertThat(e.retryable()).isFalse();
        });
  }

  @ParameterizedTest(name = "code {0} -> {1}")
  @CsvSource({
      "190, AuthenticationException",
      "10, AuthenticationException",
      "100, InvalidRequestException",
      "131053, InvalidRequestException",
      "130429, RateLimitException",
      "131056, RateLimitException",
      "131047, SessionWindowClosedException",
      "132001, TemplateException",
      "131026, RecipientException",
      "131050, RecipientException",
      "368, PolicyException",
      "131000, ServerException",
      "131016, ServerException",
  })
  void send_errorCode_mapsToCategoryException(int code, String type) {
    server.enqueue(json(code == 131000 || code == 131016 ? 500 : 400, error(code, "Boom")));
    server.enqueue(json(500, error(code, "Boom")));

    assertThatThrownBy(() -> client.messages().send(Message.text("+4915112345678", "hi")))
        .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo(type))
        .isInstanceOfSatisfying(WhatsAppApiException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.details()).contains("d-" + code);
          assertThat(e.fbtraceId()).contains("TRACE" + code);
        });
  }

  @Test
  void mediaUploadErrorWebhook_realBody_classifiesThroughSameTable() {
    // The failed-status webhook of the peer fixture carries 131053 with details; the same table applies.
    var root = io.github.whatsapphelpdesk.http.internal.Json.readObject(fixture("peer/mediaUploadError.json"));
    var value = io.github.whatsapphelpdesk.http.internal.Json.obj(
        io.github.whatsapphelpdesk.http.internal.Json.objs(
            io.github.whatsapphelpdesk.http.internal.Json.objs(root, "entry").get(0), "changes").get(0), "value");
    var err = io.github.whatsapphelpdesk.http.internal.Json.objs(
        io.github.whatsapphelpdesk.http.internal.Json.objs(value, "statuses").get(0), "errors").get(0);
    var apiError = io.github.whatsapphelpdesk.error.ApiError.of(((Number) err.get("code")).intValue(),
        (String) err.get("message"), io.github.whatsapphelpdesk.http.internal.Json.str(
            io.github.whatsapphelpdesk.http.internal.Json.obj(err, "error_data"), "details"));

    WhatsAppApiException e = WhatsAppApiException.from(apiError, null);

    assertThat(e).isInstanceOf(InvalidRequestException.class);
    assertThat(e.code()).isEqualTo(131053);
    assertThat(e.details()).hasValueSatisfying(d -> assertThat(d).startsWith("Unsupported Video mime type text/html"));
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void hugeErrorBody_readOnlyUpToTheCap_andReportedUnreadable() {
    // A 4 MB HTML page from a proxy: the client reads at most 64 KB of it, then reports the body unreadable.
    String page = "<html>" + "x".repeat(4 * 1024 * 1024) + "</html>";
    server.enqueue(json(403, page));

    assertThatThrownBy(() -> client.messages().send(Message.text("+4915112345678", "hi")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("HTTP 403");
    assertThat(io.github.whatsapphelpdesk.client.internal.ApiExecutor.ERROR_BODY_MAX_BYTES).isEqualTo(64 * 1024);
  }

  @Test
  void errorBodyPaddedJustUnderTheCap_isStillParsed() {
    String base = error(131047, "Re-engagement message");
    // Whitespace after the JSON keeps it valid; the whole body fits in the cap.
    String padded = base + " ".repeat(io.github.whatsapphelpdesk.client.internal.ApiExecutor.ERROR_BODY_MAX_BYTES
        - base.length());
    server.enqueue(json(400, padded));

    assertThatThrownBy(() -> client.messages().send(Message.text("+4915112345678", "hi")))
        .isInstanceOfSatisfying(SessionWindowClosedException.class, e -> assertThat(e.code()).isEqualTo(131047));
  }

  @Test
  void errorBodyOneByteOverTheCap_isCutAndUnreadable() {
    String base = error(131047, "Re-engagement message");
    // The closing brace of the JSON lies one byte past the cap, so the cut body cannot parse.
    String body = base.substring(0, base.length() - 1)
        + " ".repeat(io.github.whatsapphelpdesk.client.internal.ApiExecutor.ERROR_BODY_MAX_BYTES - base.length() + 1)
        + "}";
    server.enqueue(json(400, body));

    assertThatThrownBy(() -> client.messages().send(Message.text("+4915112345678", "hi")))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void rateLimit_retryAfterHeader_isKeptOnException() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
        .body(error(130429, "(#130429) Rate limit hit")).build());

    assertThatThrownBy(() -> client.messages().send(Message.text("+4915112345678", "hi")))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
          assertThat(e.perRecipient()).isFalse();
        });
  }

  @Test
  void successWithUnreadableJson_isSerializationException() {
    server.enqueue(json(200, "{\"messages\": [ {"));
    assertThatThrownBy(() -> client.messages().send(Message.text("+4915112345678", "hi")))
        .isInstanceOf(SerializationException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void successWithoutMessageId_isSerializationException() {
    server.enqueue(json(200, "{\"messaging_product\":\"whatsapp\"}"));
    assertThatThrownBy(() -> client.messages().send(Message.text("+4915112345678", "hi")))
        .isInstanceOf(SerializationException.class).hasMessageContaining("messages[0].id");
  }

  @Test
  void clientErrorWithHtmlBody_isSerializationException() {
    server.enqueue(json(400, "<html>bad</html>"));
    assertThatThrownBy(() -> client.messages().send(Message.text("+4915112345678", "hi")))
        .isInstanceOf(SerializationException.class).hasMessageContaining("HTTP 400");
  }

  @Test
  void gatewayErrorWithHtmlBody_onIdempotentGet_isTransientServerException() {
    server.enqueue(json(502, "<html>bad gateway</html>"));
    assertThatThrownBy(() -> client.account().phoneNumber())
        .isInstanceOfSatisfying(ServerException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(502);
          assertThat(e.retryable()).isTrue();
          assertThat(e.outcomeUnknown()).isFalse();
        });
  }

  @Test
  void gatewayErrorWithHtmlBody_afterSendWritten_isOutcomeUnknown() {
    server.enqueue(json(502, "<html>bad gateway</html>"));
    assertThatThrownBy(() -> client.messages().send(Message.text("+4915112345678", "hi")))
        .isInstanceOfSatisfying(io.github.whatsapphelpdesk.error.OutcomeUnknownException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(502);
          assertThat(e.retryable()).isFalse();
          assertThat(e.outcomeUnknown()).isTrue();
          assertThat(e.code()).isEqualTo(2);
        });
  }

  @Test
  void exceptionTypes_coverEveryCategory() {
    assertThat(new Class<?>[] {AuthenticationException.class, InvalidRequestException.class, RateLimitException.class,
        SessionWindowClosedException.class, TemplateException.class, RecipientException.class, PolicyException.class,
        ServerException.class}).allMatch(WhatsAppApiException.class::isAssignableFrom);
  }
}
