package io.github.whatsapphelpdesk.crm;

import java.time.Instant;
import java.util.Objects;

/**
 * The accepted token of a generic agent-reply webhook (what {@link JwtAgentReplyVerifier#verify} checked).
 *
 * @param tokenId the {@code jti}
 * @param algorithm the JWS algorithm, for example {@code HS256}
 * @param keyId the {@code kid} header, or null
 * @param issuer the {@code iss} claim, or null
 * @param subject the {@code sub} claim, or null
 * @param issuedAt the {@code iat} claim, or null
 * @param expiresAt the {@code exp} claim
 */
public record VerifiedAgentToken(
    String tokenId, String algorithm, String keyId, String issuer, String subject, Instant issuedAt,
    Instant expiresAt) {
  public VerifiedAgentToken {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
