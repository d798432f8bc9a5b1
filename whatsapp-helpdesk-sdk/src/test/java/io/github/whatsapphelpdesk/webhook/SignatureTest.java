package io.github.whatsapphelpdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SignatureTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef";
  static final String OLD_SECRET = "fedcba9876543210fedcba9876543210";
  static final byte[] BODY = ConformanceTest.bytes(ConformanceTest.OAS + "text-message.json");

  private final WebhookSignatureVerifier verifier = WebhookSignatureVerifier.of(SECRET);

  @Test
  void knownVector() {
    // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), RFC 4231-style known answer.
    assertThat(WebhookSignatureVerifier.sign("key",
        "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void valid() {
    SignatureCheck c = verifier.check(BODY, WebhookSignatureVerifier.sign(SECRET, BODY));
    assertThat(c.outcome()).isEqualTo(SignatureCheck.Outcome.VALID);
    assertThat(c.secretIndex()).isZero();
    verifier.verify(BODY, WebhookSignatureVerifier.sign(SECRET, BODY));
  }

  @Test
  void tamperedBody() {
    String sig = WebhookSignatureVerifier.sign(SECRET, BODY);
    byte[] tampered = BODY.clone();
    tampered[tampered.length / 2] ^= 1;
    assertThat(verifier.check(tampered, sig).outcome()).isEqualTo(SignatureCheck.Outcome.MISMATCH);
    assertThatThrownBy(() -> verifier.verify(tampered, sig))
        .isInstanceOf(WebhookVerificationException.class)
        .satisfies(e -> assertThat(((WebhookVerificationException) e).reason())
            .isEqualTo(WebhookVerificationException.Reason.SIGNATURE_MISMATCH));
  }

  @Test
  void wrongSecretAndTheVerifyTokenMistake() {
    assertThat(verifier.check(BODY, WebhookSignatureVerifier.sign("another-secret", BODY)).outcome())
        .isEqualTo(SignatureCheck.Outcome.MISMATCH);
    // Meta's own sample keys the HMAC with the verify token: that must not verify.
    assertThat(verifier.check(BODY, WebhookSignatureVerifier.sign("my-verify-token", BODY)).valid()).isFalse();
  }

  @Test
  void missingHeader() {
    for (String h : new String[] {null, "", "   "}) {
      SignatureCheck c = verifier.check(BODY, h);
      assertThat(c.outcome()).isEqualTo(SignatureCheck.Outcome.MISSING);
      assertThatThrownBy(c::orThrow).isInstanceOf(WebhookVerificationException.class)
          .satisfies(e -> assertThat(((WebhookVerificationException) e).reason())
              .isEqualTo(WebhookVerificationException.Reason.MISSING_SIGNATURE));
    }
  }

  @Test
  void malformedHeaders() {
    String hex = WebhookSignatureVerifier.sign(SECRET, BODY).substring("sha256=".length());
    String[] bad = {
      hex, // no prefix
      "sha1=" + hex.substring(0, 40), // X-Hub-Signature (SHA-1) value in the wrong header
      "sha256:" + hex, // wrong separator
      "sha256=" + hex.substring(1), // 63 digits
      "sha256=" + hex + "0", // 65 digits
      "sha256=" + hex.substring(0, 63) + "g", // non-hex
      "sha256=" + hex.substring(0, 63) + "\u0663", // a non-ASCII digit (Arabic-Indic three)
      "sha256=",
    };
    for (String h : bad) {
      SignatureCheck c = verifier.check(BODY, h);
      assertThat(c.outcome()).as(h).isEqualTo(SignatureCheck.Outcome.MALFORMED);
      assertThat(c.detail()).doesNotContain(hex).doesNotContain(SECRET);
      assertThatThrownBy(c::orThrow)
          .satisfies(e -> assertThat(((WebhookVerificationException) e).reason())
              .isEqualTo(WebhookVerificationException.Reason.MALFORMED_SIGNATURE));
    }
  }

  @Test
  void uppercaseHexAndPrefixAndSurroundingSpaceAreAccepted() {
    String sig = WebhookSignatureVerifier.sign(SECRET, BODY);
    assertThat(verifier.check(BODY, sig.toUpperCase(Locale.ROOT)).valid()).isTrue();
    assertThat(verifier.check(BODY, "  " + sig + " ").valid()).isTrue();
  }

  @Test
  void rotationAcceptsEitherSecretAndReportsWhich() {
    WebhookSignatureVerifier both = WebhookSignatureVerifier.of(SECRET, OLD_SECRET);
    assertThat(both.secretCount()).isEqualTo(2);
    assertThat(both.check(BODY, WebhookSignatureVerifier.sign(SECRET, BODY)).secretIndex()).isZero();
    assertThat(both.check(BODY, WebhookSignatureVerifier.sign(OLD_SECRET, BODY)).secretIndex()).isEqualTo(1);
    assertThat(both.check(BODY, WebhookSignatureVerifier.sign("third", BODY)).valid()).isFalse();
    // After the old secret is dropped, its signatures stop verifying.
    assertThat(verifier.check(BODY, WebhookSignatureVerifier.sign(OLD_SECRET, BODY)).valid()).isFalse();
  }

  @Test
  void nonAsciiPayloadIsSignedOverItsEscapedBytes() {
    // Meta sends non-ASCII as \\uXXXX escapes and signs exactly those bytes.
    String escaped = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":"
        + "\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"2\"},\"messages\":[{\"from\":\"4915112345678\","
        + "\"id\":\"wamid.X\",\"timestamp\":\"1\",\"type\":\"text\",\"text\":{\"body\":\"Gr\\u00fc\\u00df "
        + "dich \\ud83d\\udc4b\"}}]}}]}]}";
    byte[] raw = escaped.getBytes(StandardCharsets.US_ASCII);
    String sig = WebhookSignatureVerifier.sign(SECRET, raw);
    assertThat(verifier.check(raw, sig).valid()).isTrue();

    // The same text re-serialised with the characters unescaped (what a framework's JSON re-encoding does)
    // no longer matches: that is why the verifier takes raw bytes.
    ParsedWebhook parsed = WebhookParser.create().parse(raw);
    String text = ((InboundContent.Text) ((InboundMessage) parsed.events().get(0)).content()).body();
    assertThat(text).isEqualTo("Grüß dich 👋");
    byte[] reencoded = escaped.replace("Gr\\u00fc\\u00df dich \\ud83d\\udc4b", text).getBytes(StandardCharsets.UTF_8);
    assertThat(verifier.check(reencoded, sig).outcome()).isEqualTo(SignatureCheck.Outcome.MISMATCH);
  }

  @Test
  void emptyBodyIsStillChecked() {
    byte[] empty = new byte[0];
    assertThat(verifier.check(empty, WebhookSignatureVerifier.sign(SECRET, empty)).valid()).isTrue();
    assertThat(verifier.check(empty, WebhookSignatureVerifier.sign(SECRET, BODY)).valid()).isFalse();
  }

  @Test
  void configurationErrors() {
    assertThatThrownBy(() -> WebhookSignatureVerifier.of()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSignatureVerifier.of(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(WebhookSignatureVerifier.of(SECRET).toString()).doesNotContain(SECRET);
  }
}
