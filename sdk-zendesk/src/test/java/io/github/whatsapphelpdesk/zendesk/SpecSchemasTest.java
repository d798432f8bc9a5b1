package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Proves the schema check can fail, so the adapter tests' validations mean something. */
class SpecSchemasTest {

  @Test
  void assertValid_wrongStatusEnum_fails() {
    assertThatThrownBy(() -> SpecSchemas.assertValid("TicketUpdateRequest",
        "{\"ticket\":{\"status\":\"reopened\",\"comment\":{\"body\":\"x\",\"public\":true}}}"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void assertValid_stringAuthorId_fails() {
    assertThatThrownBy(() -> SpecSchemas.assertValid("TicketUpdateRequest",
        "{\"ticket\":{\"comment\":{\"body\":\"x\",\"author_id\":\"12\"}}}")).isInstanceOf(AssertionError.class);
  }

  @Test
  void assertValid_createWithoutComment_fails() {
    assertThatThrownBy(() -> SpecSchemas.assertValid("TicketCreateRequest", "{\"ticket\":{\"subject\":\"x\"}}"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void assertValid_unknownTicketProperty_fails() {
    assertThatThrownBy(() -> SpecSchemas.assertValid("TicketUpdateRequest",
        "{\"ticket\":{\"comment\":{\"body\":\"x\"},\"idempotency_key\":\"k\"}}")).isInstanceOf(AssertionError.class);
  }

  @Test
  void assertValid_userRequestWithoutUser_fails_andSpecExampleShapePasses() {
    assertThatThrownBy(() -> SpecSchemas.assertValid("UserRequest", "{}")).isInstanceOf(AssertionError.class);
    assertThatCode(() -> SpecSchemas.assertValid("TicketCreateRequest",
        "{\"ticket\":{\"comment\":{\"body\":\"The smoke is very colorful.\"},\"priority\":\"urgent\","
            + "\"subject\":\"My printer is on fire!\",\"custom_fields\":[{\"id\":27642,\"value\":\"745\"}]}}"))
        .doesNotThrowAnyException();
  }
}
