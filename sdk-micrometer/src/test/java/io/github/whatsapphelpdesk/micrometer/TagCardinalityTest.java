package io.github.whatsapphelpdesk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.customer.Identifiers;
import io.github.whatsapphelpdesk.error.ErrorCodes;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.observe.SdkListener.ReplyOutcome;
import io.github.whatsapphelpdesk.observe.SdkListener.WebhookRejection;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tag values stay within fixed sets whatever the SDK reports: random names, phone numbers, BSUIDs, codes. */
class TagCardinalityTest {
  private static final Set<String> STATUS = Set.of("1xx", "2xx", "3xx", "4xx", "5xx", "429", "none", "other");

  private final Random random = new Random(20261208L);

  private String randomValue() {
    switch (random.nextInt(7)) {
      case 0: return "+" + (10_000_000_000L + (long) (random.nextDouble() * 89_999_999_999L)); // a phone number
      case 1: return "US." + Math.abs(random.nextLong()); // a BSUID
      case 2: return Long.toString(Math.abs(random.nextLong())); // a wa_id or a ticket id
      case 3: return "adapter-" + random.nextInt(1_000); // name-like, open-ended
      case 4: return random.ints(12, 'a', 'z' + 1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
          StringBuilder::append).toString();
      case 5: return null;
      default: return new String[] {"zendesk", "messages", "text", "InboundMessage", "ok", "pair", "keyword"}[
          random.nextInt(7)];
    }
  }

  private int randomCode() {
    return switch (random.nextInt(3)) {
      case 0 -> 0;
      case 1 -> random.nextInt(3_000_000);
      default -> new int[] {131047, 130429, 190, 131026, 2388019}[random.nextInt(5)];
    };
  }

  @Test
  void tagValuesStayWithinFixedSetsUnderRandomInputs() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SdkListener l = MicrometerSdkListener.builder(registry).maxAdapters(3).maxOperations(5).build();
    for (int i = 0; i < 20_000; i++) {
      Duration d = Duration.ofMillis(random.nextInt(5_000) - 100);
      switch (random.nextInt(20)) {
        case 0 -> l.webhookRejected(WebhookRejection.values()[random.nextInt(WebhookRejection.values().length)]);
        case 1 -> l.eventParsed(randomValue());
        case 2 -> l.duplicateSkipped(randomValue());
        case 3 -> l.ticketCreated(randomValue());
        case 4 -> l.messagesAppended(randomValue(), random.nextInt(5));
        case 5 -> l.noteWritten(randomValue());
        case 6 -> l.inboundRejected(randomValue(), random.nextInt(1_000) - 10);
        case 7 -> l.helpdeskRetry(randomValue());
        case 8 -> l.optOut(randomValue());
        case 9 -> l.replyRouted(random.nextBoolean() ? null : ReplyOutcome.values()[random.nextInt(4)]);
        case 10 -> l.messageSent(randomValue());
        case 11 -> l.sendFailed(randomCode(), random.nextBoolean());
        case 12 -> l.deadLettered(randomCode());
        case 13 -> l.outboxDepth(random.nextInt(100) - 5, d);
        case 14 -> l.limiterWaited(randomValue(), d);
        case 15 -> l.limiterRefused(randomValue());
        case 16 -> l.windowWarning(random.nextBoolean());
        case 17 -> l.apiCall(randomValue(), random.nextInt(700) - 50, d);
        case 18 -> l.helpdeskCall(randomValue(), randomValue(), randomValue(), d);
        default -> l.webhookAccepted(random.nextInt(10));
      }
    }

    Map<String, Set<String>> values = new HashMap<>();
    for (Meter m : registry.getMeters()) {
      assertThat(MeterNames.ALL).contains(m.getId().getName());
      for (Tag t : m.getId().getTags()) {
        values.computeIfAbsent(t.getKey(), k -> new HashSet<>()).add(t.getValue());
      }
    }
    assertThat(values.keySet()).isSubsetOf("reason", "type", "adapter", "status", "outcome", "kind", "code",
        "category", "retry", "layer", "stage", "operation");
    assertThat(values.get("adapter")).hasSizeLessThanOrEqualTo(3 + 3 + 1); // 3 known, 3 admitted, other
    assertThat(values.get("operation")).hasSizeLessThanOrEqualTo(7 + 5 + 1
        + io.github.whatsapphelpdesk.spi.HelpdeskAdapter.class.getMethods().length); // + the SPI methods
    assertThat(values.get("status")).isSubsetOf(STATUS);
    assertThat(values.get("layer")).isSubsetOf("throughput", "pair", "messaging-limit", "wire", "other");
    assertThat(values.get("kind")).isSubsetOf("text", "image", "audio", "video", "document", "sticker",
        "contacts", "interactive", "location", "reaction", "template", "read", "other");
    assertThat(values.get("reason")).isSubsetOf("keyword", "user_preferences", "131050", "other",
        "bad_signature", "too_large", "bad_request", "unparseable", "store_unavailable");
    assertThat(values.get("outcome")).isSubsetOf("queued_free_form", "queued_template", "held", "duplicate",
        "ok", "rate_limited", "retryable", "failed", "other");
    assertThat(values.get("stage")).isSubsetOf("lead", "closed");
    assertThat(values.get("retry")).isSubsetOf("true", "false");
    assertThat(values.get("type")).contains("inbound_message", "other").allSatisfy(
        v -> assertThat(v).matches("[a-z_]+"));
    for (String code : values.get("code")) {
      assertThat(code.equals("0") || code.equals("other") || ErrorCodes.isKnown(Integer.parseInt(code)))
          .as("code tag %s", code).isTrue();
    }
    assertThat(values.get("category")).allSatisfy(v -> assertThat(v).matches("[a-z_]+"));
    for (Map.Entry<String, Set<String>> e : values.entrySet()) {
      if (e.getKey().equals("code")) {
        continue;
      }
      assertThat(e.getValue()).as("values of %s", e.getKey()).allSatisfy(v -> {
        assertThat(v).doesNotContainPattern("\\d{5,}");
        assertThat(Identifiers.isBsuid(v)).isFalse();
      });
    }
    // The gauges hold the last report, never a negative value.
    assertThat(registry.find(MeterNames.OUTBOX_DEPTH).gauge().value()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void gaugesKeepTheLastReportedOutboxDepthAndAge() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SdkListener l = MicrometerSdkListener.create(registry);
    l.outboxDepth(12, Duration.ofSeconds(90));
    assertThat(registry.find(MeterNames.OUTBOX_DEPTH).gauge().value()).isEqualTo(12);
    assertThat(registry.find(MeterNames.OUTBOX_OLDEST_AGE).timeGauge().value(java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo(90);
    l.outboxDepth(0, Duration.ZERO);
    assertThat(registry.find(MeterNames.OUTBOX_DEPTH).gauge().value()).isZero();
    assertThat(registry.find(MeterNames.OUTBOX_OLDEST_AGE).timeGauge().value(java.util.concurrent.TimeUnit.SECONDS))
        .isZero();
  }

  @Test
  void statusClassesKeep429Apart() {
    assertThat(MicrometerSdkListener.statusClass(429)).isEqualTo("429");
    assertThat(MicrometerSdkListener.statusClass(200)).isEqualTo("2xx");
    assertThat(MicrometerSdkListener.statusClass(503)).isEqualTo("5xx");
    assertThat(MicrometerSdkListener.statusClass(0)).isEqualTo("none");
    assertThat(MicrometerSdkListener.statusClass(-1)).isEqualTo("other");
    assertThat(MicrometerSdkListener.snake("PhoneNumberQualityUpdate")).isEqualTo("phone_number_quality_update");
  }

  @Test
  void builderRejectsNegativeLimitsAndANullRegistry() {
    assertThatThrownBy(() -> MicrometerSdkListener.builder(new SimpleMeterRegistry()).maxAdapters(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAdapters");
    assertThatThrownBy(() -> MicrometerSdkListener.builder(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("registry");
  }
}
