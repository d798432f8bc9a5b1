package io.github.whatsapphelpdesk.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskConflictException;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.freshdesk.fake.NoDelayServerSocketFactory;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FreshdeskErrorMappingTest {
  private final MockWebServer server = new MockWebServer();
  private final FreshdeskAdapter adapter;
  private final TicketHandle ticket = new TicketHandle("7", new HelpdeskContact("1", io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(Fixtures.WA_ID)), "k");

  FreshdeskErrorMappingTest() throws Exception {
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.start();
    adapter = FreshdeskAdapter.create(FreshdeskConfig.builder().baseUrl(server.url("/").toString())
        .apiKey("k").addWebhookToken("0123456789abcdef0123").build());
  }

  @AfterEach
  void tearDown() {
    adapter.close();
    server.close();
  }

  private void answer(int status, String body) {
    server.enqueue(new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body(body).build());
  }

  @ParameterizedTest
  @CsvSource({
      "401, io.github.whatsapphelpdesk.error.HelpdeskAuthenticationException",
      "403, io.github.whatsapphelpdesk.error.HelpdeskAuthenticationException",
      "404, io.github.whatsapphelpdesk.error.HelpdeskNotFoundException",
      "409, io.github.whatsapphelpdesk.error.HelpdeskConflictException",
      "500, io.github.whatsapphelpdesk.error.HelpdeskUnavailableException",
      "503, io.github.whatsapphelpdesk.error.HelpdeskUnavailableException",
      "405, io.github.whatsapphelpdesk.error.HelpdeskException"})
  void anyCall_status_mapsToExceptionType(int status, String type) throws Exception {
    answer(status, "{\"code\":\"x\",\"message\":\"nope\"}");

    assertThatThrownBy(() -> adapter.ticketState(ticket))
        .isExactlyInstanceOf(Class.forName(type))
        .satisfies(e -> assertThat(((HelpdeskException) e).httpStatus()).isEqualTo(status))
        .hasMessageContaining("nope");
  }

  @Test
  void anyCall_400WithFieldErrors_mapsFieldErrors() {
    answer(400, "{\"description\":\"Validation failed\",\"errors\":[{\"field\":\"custom_fields\","
        + "\"message\":\"cf_x is not a valid field\",\"code\":\"invalid_field\"},{\"field\":\"status\","
        + "\"message\":\"It should be one of these values: '2,3,4,5'\",\"code\":\"invalid_value\"}]}");

    assertThatThrownBy(() -> adapter.ticketState(ticket))
        .isInstanceOfSatisfying(HelpdeskValidationException.class, e -> {
          assertThat(e.fieldErrors()).extracting(HelpdeskValidationException.FieldError::field)
              .containsExactly("custom_fields", "status");
          assertThat(e.fieldErrors()).extracting(HelpdeskValidationException.FieldError::code)
              .containsExactly("invalid_field", "invalid_value");
          assertThat(e.getMessage()).contains("Validation failed");
          assertThat(e.retryable()).isFalse();
        });
  }

  @Test
  void anyCall_409DuplicateValue_mapsConflictWithField() {
    answer(409, "{\"description\":\"Validation failed\",\"errors\":[{\"field\":\"unique_external_id\","
        + "\"message\":\"It should be a unique value\",\"code\":\"duplicate_value\"}]}");

    assertThatThrownBy(() -> adapter.ticketState(ticket)).isInstanceOf(HelpdeskConflictException.class)
        .hasMessageContaining("duplicate_value");
  }

  @Test
  void anyCall_htmlErrorPage_stillMapsByStatus() {
    answer(502, "<html>Bad gateway</html>");

    assertThatThrownBy(() -> adapter.ticketState(ticket)).isInstanceOf(HelpdeskUnavailableException.class)
        .satisfies(e -> assertThat(((HelpdeskException) e).retryable()).isTrue());
  }

  @Test
  void anyCall_serverDown_mapsUnavailable() {
    server.close();

    assertThatThrownBy(() -> adapter.ticketState(ticket)).isInstanceOf(HelpdeskUnavailableException.class)
        .satisfies(e -> assertThat(((HelpdeskException) e).httpStatus()).isZero());
  }

  @Test
  void anyCall_unreadableSuccessBody_throwsHelpdeskException() {
    answer(200, "[not json");

    assertThatThrownBy(() -> adapter.ticketState(ticket)).isInstanceOf(HelpdeskException.class)
        .hasMessageContaining("unreadable");
  }
}
