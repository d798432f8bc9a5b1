package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.WebhookVerificationException.Reason;
import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZendeskWebhookVerifierTest {
  private static final String SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
  private static final String TS = "2026-11-25T10:00:00Z";
  private static final byte[] BODY = "{\"ticket_id\":\"35436\"}".getBytes(StandardCharsets.UTF_8);
  private final MutableClock clock = MutableClock.startingAt(Instant.parse(TS));
  private final ZendeskWebhookVerifier verifier =
      new ZendeskWebhookVerifier(List.of(SECRET), Duration.ofMinutes(5), clock);

  private static WebhookRequest request(String signature, String ts, byte[] body) {
    WebhookRequest.Builder b = WebhookRequest.builder().body(body);
    if (signature != null) {
      b.header("x-zendesk-webhook-signature", signature);
    }
    if (ts != null) {
      b.header("X-Zendesk-Webhook-Signature-Timestamp", ts);
    }
    return b.build();
  }

  private static Reason reasonOf(Runnable r) {
    try {
      r.run();
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
    throw new AssertionError("no exception");
  }

  @Test
  void sign_knownVector_matchesIndependentComputation() {
    // Computed independently: printf '%s%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
    assertThat(ZendeskWebhookVerifier.sign(SECRET, TS, BODY)).isEqualTo(
        "Hat3MXDfero8lr4RrGji9p7tL5grNoyEENY3Hg37Lfc=");
  }

  @Test
  void verify_validSignature_passes() {
    assertThatCode(() -> verifier.verify(request(ZendeskWebhookVerifier.sign(SECRET, TS, BODY), TS, BODY)))
        .doesNotThrowAnyException();
  }

  @Test
  void verify_tamperedBody_signatureMismatch() {
    byte[] tampered = "{\"ticket_id\":\"35437\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(reasonOf(() -> verifier.verify(request(ZendeskWebhookVerifier.sign(SECRET, TS, BODY), TS, tampered))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_tamperedTimestamp_signatureMismatch() {
    String other = "2026-11-25T10:01:00Z";
    assertThat(reasonOf(() -> verifier.verify(request(ZendeskWebhookVerifier.sign(SECRET, TS, BODY), other, BODY))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_staleTimestamp_rejected() {
    clock.advance(Duration.ofMinutes(6));
    assertThat(reasonOf(() -> verifier.verify(request(ZendeskWebhookVerifier.sign(SECRET, TS, BODY), TS, BODY))))
        .isEqualTo(Reason.STALE_TIMESTAMP);
  }

  @Test
  void verify_timestampFromFutureBeyondWindow_rejected() {
    clock.advance(Duration.ofMinutes(-6));
    assertThat(reasonOf(() -> verifier.verify(request(ZendeskWebhookVerifier.sign(SECRET, TS, BODY), TS, BODY))))
        .isEqualTo(Reason.STALE_TIMESTAMP);
  }

  @Test
  void verify_rotatedSecret_oldAndNewBothAccepted_unknownRejected() {
    ZendeskWebhookVerifier rotating = new ZendeskWebhookVerifier(List.of("new-secret", SECRET), Duration.ofMinutes(5), clock);
    assertThatCode(() -> rotating.verify(request(ZendeskWebhookVerifier.sign(SECRET, TS, BODY), TS, BODY)))
        .doesNotThrowAnyException();
    assertThatCode(() -> rotating.verify(request(ZendeskWebhookVerifier.sign("new-secret", TS, BODY), TS, BODY)))
        .doesNotThrowAnyException();
    assertThat(reasonOf(() -> rotating.verify(request(ZendeskWebhookVerifier.sign("retired", TS, BODY), TS, BODY))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_missingHeaders_missingSignature() {
    assertThat(reasonOf(() -> verifier.verify(request(null, TS, BODY)))).isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(reasonOf(() -> verifier.verify(request("abc=", null, BODY)))).isEqualTo(Reason.MISSING_SIGNATURE);
  }

  @Test
  void verify_hexInsteadOfBase64OrBadTimestamp_malformed() {
    String hex = "a4215...".replace(".", "0").repeat(8);
    assertThat(reasonOf(() -> verifier.verify(request(hex, TS, BODY)))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(() -> verifier.verify(request(ZendeskWebhookVerifier.sign(SECRET, TS, BODY), "yesterday", BODY))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_dotSeparatorSignature_rejected() {
    byte[] dotted = ("." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    assertThat(reasonOf(() -> verifier.verify(request(ZendeskWebhookVerifier.sign(SECRET, TS, dotted), TS, BODY))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void constructor_noSecrets_rejected() {
    assertThatThrownBy(() -> new ZendeskWebhookVerifier(List.of(), Duration.ofMinutes(5), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
