package io.github.whatsapphelpdesk.zendesk;

import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.error.WebhookVerificationException.Reason;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Zendesk webhook signatures: {@code X-Zendesk-Webhook-Signature} =
 * {@code base64(HMAC-SHA256(secret, timestamp + rawBody))} with the timestamp from
 * {@code X-Zendesk-Webhook-Signature-Timestamp}, no separator. Compares in constant time, enforces a
 * freshness window against a {@link Clock}, and accepts any of several secrets (rotation). Immutable and
 * thread-safe.
 */
public final class ZendeskWebhookVerifier {
  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";
  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";

  private final List<byte[]> secrets;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * @param secrets the accepted signing secrets (at least one)
   * @param tolerance how far the signed timestamp may be from {@code clock}, either way
   */
  public ZendeskWebhookVerifier(List<String> secrets, Duration tolerance, Clock clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook signing secret is required");
    }
    this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks the request.
   *
   * @throws WebhookVerificationException with the reason when it is not authentic or not fresh
   */
  public void verify(WebhookRequest request) {
    String signature = request.header(SIGNATURE_HEADER).orElse(null);
    String timestamp = request.header(TIMESTAMP_HEADER).orElse(null);
    if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
      throw new WebhookVerificationException(Reason.MISSING_SIGNATURE,
          "Zendesk webhook lacks " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER);
    }
    Instant signedAt = parseTimestamp(timestamp.trim());
    byte[] presented;
    try {
      presented = Base64.getDecoder().decode(signature.trim());
    } catch (IllegalArgumentException e) {
      throw new WebhookVerificationException(Reason.MALFORMED_SIGNATURE, "Zendesk webhook signature is not base64");
    }
    if (presented.length != 32) {
      throw new WebhookVerificationException(Reason.MALFORMED_SIGNATURE,
          "Zendesk webhook signature is not a base64 HMAC-SHA256 value");
    }
    boolean match = false;
    byte[] body = request.body();
    for (byte[] secret : secrets) {
      // Check every secret, so timing does not tell which one matched.
      match |= MessageDigest.isEqual(hmac(secret, timestamp.trim(), body), presented);
    }
    if (!match) {
      throw new WebhookVerificationException(Reason.SIGNATURE_MISMATCH,
          "Zendesk webhook signature matches none of the " + secrets.size() + " configured secrets");
    }
    Duration age = Duration.between(signedAt, clock.instant()).abs();
    if (age.compareTo(tolerance) > 0) {
      throw new WebhookVerificationException(Reason.STALE_TIMESTAMP,
          "Zendesk webhook timestamp is outside the " + tolerance + " freshness window");
    }
  }

  /**
   * Computes the signature Zendesk would send (for tests and local tools).
   *
   * @return {@code base64(HMAC-SHA256(secret, timestamp + body))}
   */
  public static String sign(String secret, String timestamp, byte[] body) {
    return Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, body));
  }

  private static Instant parseTimestamp(String ts) {
    try {
      return Instant.parse(ts);
    } catch (DateTimeParseException e) {
      if (ts.matches("\\d{9,11}")) {
        return Instant.ofEpochSecond(Long.parseLong(ts));
      }
      throw new WebhookVerificationException(Reason.MALFORMED_SIGNATURE,
          "Zendesk webhook timestamp is neither ISO-8601 nor epoch seconds");
    }
  }

  private static byte[] hmac(byte[] secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
