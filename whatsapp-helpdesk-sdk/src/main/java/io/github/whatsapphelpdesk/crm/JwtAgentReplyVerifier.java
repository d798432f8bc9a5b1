package io.github.whatsapphelpdesk.crm;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.whatsapphelpdesk.crm.internal.JwksCache;
import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.error.WebhookVerificationException.Reason;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the generic agent-reply webhook a custom CRM posts: {@code Authorization: Bearer <JWT>}.
 *
 * <p>The token is signed with HS256 (a shared secret of at least 32 bytes) or with RS256/ES256 (keys from
 * a JWKS, given in configuration or fetched from a URL). It must carry:
 * <ul>
 *   <li>{@code exp}: not passed (a small clock skew is allowed), at most {@code maxTokenLifetime} ahead;
 *   <li>{@code aud}: containing the configured audience;
 *   <li>{@code jti}: unique per request; a token is accepted once per body ({@link TokenReplayStore}): the
 *       verbatim retry of a request (same token, same body, for example after the bridge answered 503 while
 *       the helpdesk's attachment could not be fetched) is accepted again until the token expires, and the
 *       bridge, which deduplicates replies by reply id, gives it no second effect. A token reused with
 *       another body fails its {@value #BODY_HASH_CLAIM} check, and a second token carrying a used
 *       {@code jti} with another body is a replay;
 *   <li>{@value #BODY_HASH_CLAIM}: base64url (no padding) of the SHA-256 of the raw request body;
 *   <li>{@code iss}: equal to the configured issuer, when one is configured;
 *   <li>{@code iat} and {@code nbf}: optional, not in the future beyond the skew.
 * </ul>
 *
 * <p>Failures throw {@link WebhookVerificationException}: no header {@code MISSING_CREDENTIALS}; not a
 * bearer JWT {@code MALFORMED_SIGNATURE}; bad signature or unknown key {@code SIGNATURE_MISMATCH}; wrong
 * algorithm, expired, wrong audience or issuer, missing claims {@code INVALID_CREDENTIALS}; body changed
 * {@code BODY_HASH_MISMATCH}; token reused {@code REPLAYED}. When a JWKS was never loadable the verifier
 * throws a retryable {@link io.github.whatsapphelpdesk.error.HelpdeskUnavailableException}. Messages never
 * contain the token, the secret or the body; each rejection is logged at INFO with its reason (never the
 * token or the body). Thread-safe.
 */
public final class JwtAgentReplyVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(JwtAgentReplyVerifier.class);
  /** The claim holding base64url(SHA-256(raw body)). */
  public static final String BODY_HASH_CLAIM = "body_sha256";
  /** The default allowed clock skew. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
  /** The default longest accepted token lifetime (exp minus iat, or minus now). */
  public static final Duration DEFAULT_MAX_TOKEN_LIFETIME = Duration.ofMinutes(10);

  private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  private final JWSVerifier macVerifier;
  private final JwksCache jwks;
  private final String audience;
  private final String issuer;
  private final Clock clock;
  private final Duration skew;
  private final Duration maxLifetime;
  private final TokenReplayStore replayStore;

  private JwtAgentReplyVerifier(Builder b) {
    this.clock = b.clock;
    this.audience = b.audience;
    this.issuer = b.issuer;
    this.skew = b.clockSkew;
    this.maxLifetime = b.maxTokenLifetime;
    this.replayStore = b.replayStore != null ? b.replayStore
        : InMemoryTokenReplayStore.create(clock, InMemoryTokenReplayStore.DEFAULT_MAX_ENTRIES);
    try {
      this.macVerifier = b.hmacSecret == null ? null : new MACVerifier(b.hmacSecret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the HS256 secret is not usable", e);
    }
    this.jwks = b.jwksSource == null ? null
        : new JwksCache(b.jwksSource, clock, b.jwksCacheTtl, b.jwksMinRefreshInterval);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Computes the {@value #BODY_HASH_CLAIM} value for a body: base64url(SHA-256(body)), no padding. */
  public static String bodyHash(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  /**
   * Verifies a request's bearer token against its raw body.
   *
   * @return the accepted token
   * @throws WebhookVerificationException when the request is not authentic
   */
  public VerifiedAgentToken verify(WebhookRequest request) {
    Objects.requireNonNull(request, "request");
    String header = request.header("Authorization")
        .orElseThrow(() -> fail(Reason.MISSING_CREDENTIALS, "no Authorization header"));
    if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw fail(Reason.MALFORMED_SIGNATURE, "the Authorization header is not a Bearer token");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(header.substring(7).trim());
    } catch (ParseException e) {
      throw fail(Reason.MALFORMED_SIGNATURE, "the bearer token is not a signed JWT");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!verifySignature(jwt, alg)) {
      throw fail(Reason.SIGNATURE_MISMATCH, "the token's signature does not verify");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw fail(Reason.MALFORMED_SIGNATURE, "the token's claims are not a JSON object");
    }
    Instant expiresAt = checkTimes(claims);
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(audience)) {
      throw fail(Reason.INVALID_CREDENTIALS, "the token is for another audience");
    }
    if (issuer != null && !issuer.equals(claims.getIssuer())) {
      throw fail(Reason.INVALID_CREDENTIALS, "the token is from another issuer");
    }
    String bodyHash = checkBodyHash(claims, request.body());
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank()) {
      throw fail(Reason.INVALID_CREDENTIALS, "the token has no jti claim");
    }
    if (!replayStore.claimOrRetry(jti, bodyHash, expiresAt.plus(skew))) {
      throw fail(Reason.REPLAYED, "the token id was already used with another body");
    }
    return new VerifiedAgentToken(jti, alg.getName(), jwt.getHeader().getKeyID(), claims.getIssuer(),
        claims.getSubject(), toInstant(claims.getIssueTime()), expiresAt);
  }

  private boolean verifySignature(SignedJWT jwt, JWSAlgorithm alg) {
    try {
      if (JWSAlgorithm.HS256.equals(alg) && macVerifier != null) {
        return jwt.verify(macVerifier);
      }
      if (ASYMMETRIC.contains(alg) && jwks != null) {
        for (JWK key : jwks.candidates(jwt.getHeader().getKeyID())) {
          JWSVerifier v = verifierFor(key, alg);
          if (v != null && jwt.verify(v)) {
            return true;
          }
        }
        return false;
      }
    } catch (JOSEException e) {
      return false;
    }
    throw fail(Reason.INVALID_CREDENTIALS, "the token's algorithm " + alg + " is not accepted");
  }

  private static JWSVerifier verifierFor(JWK key, JWSAlgorithm alg) throws JOSEException {
    if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
      return null;
    }
    if (JWSAlgorithm.RS256.equals(alg) && key instanceof RSAKey rsa) {
      return new RSASSAVerifier(rsa);
    }
    if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECKey ec) {
      return new ECDSAVerifier(ec);
    }
    return null;
  }

  private Instant checkTimes(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Instant exp = toInstant(claims.getExpirationTime());
    if (exp == null) {
      throw fail(Reason.INVALID_CREDENTIALS, "the token has no exp claim");
    }
    if (!now.isBefore(exp.plus(skew))) {
      throw fail(Reason.INVALID_CREDENTIALS, "the token expired");
    }
    Instant iat = toInstant(claims.getIssueTime());
    Instant nbf = toInstant(claims.getNotBeforeTime());
    if ((iat != null && iat.isAfter(now.plus(skew))) || (nbf != null && nbf.isAfter(now.plus(skew)))) {
      throw fail(Reason.INVALID_CREDENTIALS, "the token is not valid yet");
    }
    Instant start = iat != null ? iat : now;
    if (Duration.between(start, exp).compareTo(maxLifetime) > 0) {
      throw fail(Reason.INVALID_CREDENTIALS, "the token lives longer than " + maxLifetime);
    }
    return exp;
  }

  /** Checks the body against the token's hash claim and returns the hash. */
  private static String checkBodyHash(JWTClaimsSet claims, byte[] body) {
    Object claimed = claims.getClaim(BODY_HASH_CLAIM);
    if (!(claimed instanceof String s) || s.isEmpty()) {
      throw fail(Reason.INVALID_CREDENTIALS, "the token has no " + BODY_HASH_CLAIM + " claim");
    }
    byte[] expected = bodyHash(body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.US_ASCII))) {
      throw fail(Reason.BODY_HASH_MISMATCH, "the body does not match the token's " + BODY_HASH_CLAIM);
    }
    return s;
  }

  private static Instant toInstant(Date d) {
    return d == null ? null : d.toInstant();
  }

  private static WebhookVerificationException fail(Reason reason, String message) {
    // The caller answers 401 and may not log it: say why here (the message never holds the token or body).
    LOG.info("Agent-reply webhook rejected ({}): {}", reason, message);
    return new WebhookVerificationException(reason, "agent-reply webhook rejected: " + message);
  }

  /** Configures a {@link JwtAgentReplyVerifier}. Not thread-safe. */
  public static final class Builder {
    private byte[] hmacSecret;
    private JwksSource jwksSource;
    private String audience;
    private String issuer;
    private Clock clock = Clock.systemUTC();
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Duration maxTokenLifetime = DEFAULT_MAX_TOKEN_LIFETIME;
    private Duration jwksCacheTtl = Duration.ofMinutes(10);
    private Duration jwksMinRefreshInterval = Duration.ofSeconds(30);
    private TokenReplayStore replayStore;

    private Builder() {}

    /** Accepts HS256 tokens signed with this secret (at least 32 bytes). */
    public Builder hmacSecret(byte[] secret) {
      this.hmacSecret = Objects.requireNonNull(secret, "secret").clone();
      return this;
    }

    /** Accepts RS256 and ES256 tokens signed by a key of this JWK set (JSON). */
    public Builder jwks(String jwksJson) {
      return jwksSource(JwksSource.of(jwksJson));
    }

    /** Accepts RS256 and ES256 tokens signed by a key the source supplies. */
    public Builder jwksSource(JwksSource source) {
      this.jwksSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /** The audience the token's {@code aud} must contain. Required. */
    public Builder audience(String value) {
      this.audience = Objects.requireNonNull(value, "audience");
      return this;
    }

    /** The issuer the token's {@code iss} must equal; not checked when unset. */
    public Builder issuer(String value) {
      this.issuer = value;
      return this;
    }

    /** The clock; default the system UTC clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The tolerated clock difference with the CRM; default {@link #DEFAULT_CLOCK_SKEW}. */
    public Builder clockSkew(Duration value) {
      this.clockSkew = Objects.requireNonNull(value, "clockSkew");
      return this;
    }

    /** The longest accepted token lifetime; default {@link #DEFAULT_MAX_TOKEN_LIFETIME}. */
    public Builder maxTokenLifetime(Duration value) {
      this.maxTokenLifetime = Objects.requireNonNull(value, "maxTokenLifetime");
      return this;
    }

    /** How long a fetched JWK set is used before it is fetched again; default 10 minutes. */
    public Builder jwksCacheTtl(Duration value) {
      this.jwksCacheTtl = Objects.requireNonNull(value, "jwksCacheTtl");
      return this;
    }

    /** The least time between refreshes triggered by an unknown key id; default 30 seconds. */
    public Builder jwksMinRefreshInterval(Duration value) {
      this.jwksMinRefreshInterval = Objects.requireNonNull(value, "jwksMinRefreshInterval");
      return this;
    }

    /** Where accepted token ids are remembered; default a bounded {@link InMemoryTokenReplayStore}. */
    public Builder replayStore(TokenReplayStore value) {
      this.replayStore = Objects.requireNonNull(value, "replayStore");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalArgumentException naming every missing or invalid setting
     */
    public JwtAgentReplyVerifier build() {
      List<String> problems = new java.util.ArrayList<>();
      if (hmacSecret == null && jwksSource == null) {
        problems.add("set hmacSecret (HS256) or jwks/jwksSource (RS256, ES256)");
      }
      if (hmacSecret != null && hmacSecret.length < 32) {
        problems.add("hmacSecret must be at least 32 bytes (256 bits)");
      }
      if (audience == null || audience.isBlank()) {
        problems.add("audience is required");
      }
      if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
        problems.add("clockSkew must be between 0 and 5 minutes");
      }
      if (maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()) {
        problems.add("maxTokenLifetime must be positive");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("Invalid agent-reply verifier settings: " + String.join("; ", problems));
      }
      return new JwtAgentReplyVerifier(this);
    }
  }
}
