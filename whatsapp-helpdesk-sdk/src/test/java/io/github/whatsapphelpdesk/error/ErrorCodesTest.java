package io.github.whatsapphelpdesk.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorCodesTest {

  @Test
  void classify_everyCategoryHasItsException() {
    assertThat(WhatsAppApiException.from(ApiError.of(190, "m", null), null)).isInstanceOf(AuthenticationException.class);
    assertThat(WhatsAppApiException.from(ApiError.of(100, "m", null), null)).isInstanceOf(InvalidRequestException.class);
    assertThat(WhatsAppApiException.from(ApiError.of(130429, "m", null), Duration.ofSeconds(3)))
        .isInstanceOfSatisfying(RateLimitException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
    assertThat(WhatsAppApiException.from(ApiError.of(131047, "m", null), null)).isInstanceOf(SessionWindowClosedException.class);
    assertThat(WhatsAppApiException.from(ApiError.of(132000, "m", null), null)).isInstanceOf(TemplateException.class);
    assertThat(WhatsAppApiException.from(ApiError.of(131026, "m", null), null)).isInstanceOf(RecipientException.class);
    assertThat(WhatsAppApiException.from(ApiError.of(368, "m", null), null)).isInstanceOf(PolicyException.class);
    assertThat(WhatsAppApiException.from(ApiError.of(131016, "m", null), null)).isInstanceOf(ServerException.class);
    assertThat(WhatsAppApiException.from(ApiError.of(999999, "m", null), null).getClass())
        .isEqualTo(WhatsAppApiException.class);
  }

  @Test
  void classify_neverRetriedCodes_areNotRetryable() {
    for (int code : new int[] {131047, 131026, 131049, 131050, 130472, 132000, 132001, 132012, 132015}) {
      assertThat(ErrorCodes.classify(code).retryable()).as("code %d", code).isFalse();
    }
    for (int code : new int[] {130429, 131016, 131057, 80007, 4, 2, 131056}) {
      assertThat(ErrorCodes.classify(code).retryable()).as("code %d", code).isTrue();
    }
    // Issue 2: never retry 132xxx, flow throttling (10 per hour) included; it stays a rate limit.
    for (int code = 132000; code <= 132999; code++) {
      assertThat(ErrorCodes.classify(code).retryable()).as("code %d", code).isFalse();
    }
    assertThat(ErrorCodes.classify(132069).category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(ErrorCodes.classify(131056).perRecipient()).isTrue();
    assertThat(ErrorCodes.classify(131000).maxRetries()).isEqualTo(1);
    assertThat(ErrorCodes.classify(131047).action()).isEqualTo(ErrorAction.TEMPLATE_FALLBACK);
  }

  @Test
  void classify_unknownCode_safeDefault() {
    ErrorClassification c = ErrorCodes.classify(424242);
    assertThat(c.known()).isFalse();
    assertThat(c.category()).isEqualTo(ErrorCategory.UNKNOWN);
    assertThat(c.action()).isEqualTo(ErrorAction.FAIL_FAST);
    assertThat(c.retryable()).isFalse();
  }

  @Test
  void message_carriesCodeDetailsAndTraceId() {
    WhatsAppApiException e = WhatsAppApiException.from(
        new ApiError(400, 131009, 2494010, "OAuthException", "(#131009) Parameter value is not valid",
            "Button title length invalid", "AbCdEf"), null);
    assertThat(e.getMessage()).contains("131009", "2494010", "Button title length invalid", "fbtrace_id=AbCdEf", "http=400");
    assertThat(e.subcode()).contains(2494010);
    assertThat(e.fbtraceId()).contains("AbCdEf");
  }

  @Test
  void localWindowClosed_sameTypeAsMetaAnswer() {
    SessionWindowClosedException e = SessionWindowClosedException.local("+491*****89", null);
    assertThat(e.code()).isEqualTo(131047);
    assertThat(e.httpStatus()).isZero();
    assertThat(e.getMessage()).contains("+491*****89").doesNotContain("4915123456789");
  }
}
