package io.github.whatsapphelpdesk.crm;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Signs generic agent-reply webhooks the way {@link JwtAgentReplyVerifier} expects: the reference for a
 * CRM's side, and what the in-memory helpdesk and the tests use. Each token gets a fresh random
 * {@code jti}, {@code iat} = now, {@code exp} = now + lifetime, the audience, the issuer (when set) and the
 * {@value JwtAgentReplyVerifier#BODY_HASH_CLAIM} of the body. Thread-safe.
 */
public final class AgentReplyTokenSigner {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JWSSigner signer;
  private final JWSAlgorithm algorithm;
  private final String keyId;
  private final String audience;
  private final String issuer;
  private final Clock clock;
  private final Duration lifetime;

  private AgentReplyTokenSigner(Builder b) {
    this.signer = b.signer;
    this.algorithm = b.algorithm;
    this.keyId = b.keyId;
    this.audience = b.audience;
    this.issuer = b.issuer;
    this.clock = b.clock;
    this.lifetime = b.lifetime;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A compact JWT vouching for {@code body}. */
  public String sign(byte[] body) {
    Instant now = clock.instant();
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .jwtID(HexFormat.of().formatHex(id))
        .audience(audience)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(lifetime)))
        .claim(JwtAgentReplyVerifier.BODY_HASH_CLAIM, JwtAgentReplyVerifier.bodyHash(body));
    if (issuer != null) {
      claims.issuer(issuer);
    }
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build(), claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign the agent-reply token", e);
    }
    return jwt.serialize();
  }

  /** A ready {@code POST} webhook request carrying {@code body} and its bearer token. */
  public WebhookRequest request(String path, byte[] body) {
    return WebhookRequest.builder().method("POST").path(path)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + sign(body))
        .body(body).build();
  }

  /** Configures an {@link AgentReplyTokenSigner}. Exactly one key is required. Not thread-safe. */
  public static final class Builder {
    private JWSSigner signer;
    private JWSAlgorithm algorithm;
    private String keyId;
    private String audience;
    private String issuer;
    private Clock clock = Clock.systemUTC();
    private Duration lifetime = Duration.ofMinutes(5);

    private Builder() {}

    /** Signs with HS256 and this shared secret (at least 32 bytes). */
    public Builder hmacSecret(byte[] secret) {
      try {
        this.signer = new MACSigner(Objects.requireNonNull(secret, "secret").clone());
      } catch (JOSEException e) {
        throw new IllegalArgumentException("the HS256 secret must be at least 32 bytes", e);
      }
      this.algorithm = JWSAlgorithm.HS256;
      return this;
    }

    /** Signs with RS256 and this key; {@code keyId} is the JWK's {@code kid} (may be null). */
    public Builder rsaKey(RSAPrivateKey key, String keyId) {
      this.signer = new RSASSASigner(Objects.requireNonNull(key, "key"));
      this.algorithm = JWSAlgorithm.RS256;
      this.keyId = keyId;
      return this;
    }

    /** Signs with ES256 and this P-256 key; {@code keyId} is the JWK's {@code kid} (may be null). */
    public Builder ecKey(ECPrivateKey key, String keyId) {
      try {
        this.signer = new ECDSASigner(Objects.requireNonNull(key, "key"));
      } catch (JOSEException e) {
        throw new IllegalArgumentException("the EC key is not usable for ES256", e);
      }
      this.algorithm = JWSAlgorithm.ES256;
      this.keyId = keyId;
      return this;
    }

    /** The {@code aud} claim. Required. */
    public Builder audience(String value) {
      this.audience = Objects.requireNonNull(value, "audience");
      return this;
    }

    /** The {@code iss} claim; omitted when unset. */
    public Builder issuer(String value) {
      this.issuer = value;
      return this;
    }

    /** The clock; default the system UTC clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** How long tokens live; default 5 minutes. */
    public Builder lifetime(Duration value) {
      this.lifetime = Objects.requireNonNull(value, "lifetime");
      return this;
    }

    /**
     * Builds the signer.
     *
     * @throws IllegalArgumentException when no key or no audience is set
     */
    public AgentReplyTokenSigner build() {
      if (signer == null) {
        throw new IllegalArgumentException("set hmacSecret, rsaKey or ecKey");
      }
      if (audience == null || audience.isBlank()) {
        throw new IllegalArgumentException("audience is required");
      }
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("lifetime must be positive");
      }
      return new AgentReplyTokenSigner(this);
    }
  }
}
