package io.github.whatsapphelpdesk.freshdesk.internal;

import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.error.WebhookVerificationException.Reason;
import io.github.whatsapphelpdesk.freshdesk.FreshdeskConfig;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks the shared secret of Freshdesk's unsigned webhooks: a token in a header or query parameter,
 * or basic auth. Secrets are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the
 * time taken depends neither on where they differ nor on their lengths; every configured secret is
 * checked (no early exit), which keeps rotation safe. Thread-safe.
 */
public final class WebhookAuthenticator {
  private final List<byte[]> tokens = new ArrayList<>();
  private final byte[] basic;
  private final String header;
  private final String queryParam;

  public WebhookAuthenticator(FreshdeskConfig config) {
    for (String t : config.webhookTokens()) {
      if (!t.isBlank()) {
        tokens.add(sha256(t));
      }
    }
    this.basic = config.webhookUsername() == null ? null
        : sha256(config.webhookUsername() + ":" + config.webhookPassword());
    this.header = config.webhookTokenHeader();
    this.queryParam = config.webhookTokenQueryParam();
  }

  /** Passes or throws {@link WebhookVerificationException} with the reason. */
  public void verify(WebhookRequest request) {
    Optional<String> token = request.header(header).or(() -> request.queryParam(queryParam));
    Optional<String> authorization = request.header("Authorization");
    if (token.isEmpty() && authorization.isEmpty()) {
      throw new WebhookVerificationException(Reason.MISSING_CREDENTIALS,
          "Freshdesk webhook without a secret (expected header " + header + ", query parameter "
              + queryParam + " or basic auth)");
    }
    boolean ok = false;
    if (token.isPresent()) {
      byte[] presented = sha256(token.get());
      for (byte[] t : tokens) {
        ok |= MessageDigest.isEqual(presented, t);
      }
    }
    if (authorization.isPresent() && basic != null) {
      String a = authorization.get().strip();
      if (!a.regionMatches(true, 0, "Basic ", 0, 6)) {
        if (!ok) {
          throw new WebhookVerificationException(Reason.MALFORMED_SIGNATURE,
              "Freshdesk webhook Authorization header is not basic auth");
        }
      } else {
        byte[] decoded;
        try {
          decoded = Base64.getDecoder().decode(a.substring(6).strip());
        } catch (IllegalArgumentException e) {
          throw new WebhookVerificationException(Reason.MALFORMED_SIGNATURE,
              "Freshdesk webhook basic auth is not valid base64");
        }
        ok |= MessageDigest.isEqual(sha256(new String(decoded, StandardCharsets.UTF_8)), basic);
      }
    }
    if (!ok) {
      throw new WebhookVerificationException(Reason.INVALID_CREDENTIALS,
          "Freshdesk webhook secret does not match any configured secret");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
