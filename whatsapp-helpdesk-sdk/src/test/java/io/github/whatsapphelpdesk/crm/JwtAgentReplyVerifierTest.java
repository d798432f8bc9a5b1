package io.github.whatsapphelpdesk.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.error.WebhookVerificationException.Reason;
import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JwtAgentReplyVerifierTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BODY = "{\"ticket_id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
  private static final String AUD = "https://bridge.example.com/crm-webhook";
  private static final KeyPair RSA_KEYS = rsaKeys();
  private final MutableClock clock = MutableClock.create();

  private static KeyPair rsaKeys() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      return gen.generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private JwtAgentReplyVerifier.Builder hs() {
    return JwtAgentReplyVerifier.builder().hmacSecret(SECRET).audience(AUD).clock(clock);
  }

  private AgentReplyTokenSigner.Builder hsSigner() {
    return AgentReplyTokenSigner.builder().hmacSecret(SECRET).audience(AUD).clock(clock);
  }

  private static WebhookRequest withAuth(String value, byte[] body) {
    WebhookRequest.Builder b = WebhookRequest.builder().method("POST").path("/crm").body(body);
    if (value != null) {
      b.header("Authorization", value);
    }
    return b.build();
  }

  private static void assertRejected(JwtAgentReplyVerifier v, WebhookRequest r, Reason reason) {
    assertThatThrownBy(() -> v.verify(r)).isInstanceOf(WebhookVerificationException.class)
        .satisfies(e -> assertThat(((WebhookVerificationException) e).reason()).isEqualTo(reason));
  }

  @Test
  void verify_validHs256_returnsToken() {
    AgentReplyTokenSigner signer = hsSigner().issuer("crm").build();
    VerifiedAgentToken token = hs().issuer("crm").build().verify(signer.request("/crm", BODY));
    assertThat(token.algorithm()).isEqualTo("HS256");
    assertThat(token.issuer()).isEqualTo("crm");
    assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
  }

  @Test
  void verify_sameTokenAndBodyTwice_isAVerbatimRetry_andAccepted() {
    // Issue 17 item 17: the CRM re-posts the same request after a 503; the bridge dedupes the reply by id.
    JwtAgentReplyVerifier v = hs().build();
    WebhookRequest r = hsSigner().build().request("/crm", BODY);
    VerifiedAgentToken first = v.verify(r);
    assertThat(v.verify(r).tokenId()).isEqualTo(first.tokenId());
  }

  @Test
  void verify_usedJtiWithAnotherBody_replayed() {
    JwtAgentReplyVerifier v = hs().build();
    byte[] other = "{\"ticket_id\":\"2\"}".getBytes(StandardCharsets.UTF_8);
    v.verify(withAuth("Bearer " + hsToken("jti-fixed", BODY), BODY));
    assertRejected(v, withAuth("Bearer " + hsToken("jti-fixed", other), other), Reason.REPLAYED);
    // and the original request stays a retry
    v.verify(withAuth("Bearer " + hsToken("jti-fixed", BODY), BODY));
  }

  @Test
  void verify_retryAfterTheTokenExpired_isRejectedAsExpired() {
    JwtAgentReplyVerifier v = hs().build();
    WebhookRequest r = hsSigner().build().request("/crm", BODY);
    v.verify(r);
    clock.advance(Duration.ofMinutes(7));
    assertRejected(v, r, Reason.INVALID_CREDENTIALS);
  }

  /** An HS256 token with a chosen jti, as a CRM would sign it. */
  private String hsToken(String jti, byte[] body) {
    try {
      com.nimbusds.jwt.JWTClaimsSet claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().audience(AUD).jwtID(jti)
          .issueTime(java.util.Date.from(clock.instant()))
          .expirationTime(java.util.Date.from(clock.instant().plus(Duration.ofMinutes(5))))
          .claim(JwtAgentReplyVerifier.BODY_HASH_CLAIM, JwtAgentReplyVerifier.bodyHash(body)).build();
      com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
          new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256), claims);
      jwt.sign(new com.nimbusds.jose.crypto.MACSigner(SECRET));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void verify_tamperedBody_bodyHashMismatch() {
    String auth = hsSigner().build().request("/crm", BODY).header("Authorization").orElseThrow();
    assertRejected(hs().build(), withAuth(auth, "{\"ticket_id\":\"2\"}".getBytes(StandardCharsets.UTF_8)),
        Reason.BODY_HASH_MISMATCH);
  }

  @Test
  void verify_missingOrMalformedHeader_typedReasons() {
    JwtAgentReplyVerifier v = hs().build();
    assertRejected(v, withAuth(null, BODY), Reason.MISSING_CREDENTIALS);
    assertRejected(v, withAuth("Basic dXNlcjpwYXNz", BODY), Reason.MALFORMED_SIGNATURE);
    assertRejected(v, withAuth("Bearer not-a-jwt", BODY), Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_wrongSecret_signatureMismatch() {
    byte[] other = "ffffffffffffffffffffffffffffffff".getBytes(StandardCharsets.US_ASCII);
    WebhookRequest r = AgentReplyTokenSigner.builder().hmacSecret(other).audience(AUD).clock(clock).build()
        .request("/crm", BODY);
    assertRejected(hs().build(), r, Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_expiredBeyondSkew_invalid() {
    WebhookRequest r = hsSigner().lifetime(Duration.ofMinutes(1)).build().request("/crm", BODY);
    clock.advance(Duration.ofMinutes(1).plusSeconds(59));
    JwtAgentReplyVerifier v = hs().build();
    clock.advance(Duration.ofSeconds(1));
    assertRejected(v, r, Reason.INVALID_CREDENTIALS);
  }

  @Test
  void verify_expiredWithinSkew_accepted() {
    WebhookRequest r = hsSigner().lifetime(Duration.ofMinutes(1)).build().request("/crm", BODY);
    clock.advance(Duration.ofMinutes(1).plusSeconds(59));
    assertThat(hs().build().verify(r).tokenId()).isNotBlank();
  }

  @Test
  void verify_wrongAudienceOrIssuer_invalid() {
    WebhookRequest otherAud = AgentReplyTokenSigner.builder().hmacSecret(SECRET).audience("other")
        .clock(clock).build().request("/crm", BODY);
    assertRejected(hs().build(), otherAud, Reason.INVALID_CREDENTIALS);
    WebhookRequest noIss = hsSigner().build().request("/crm", BODY);
    assertRejected(hs().issuer("crm").build(), noIss, Reason.INVALID_CREDENTIALS);
  }

  @Test
  void verify_lifetimeTooLong_invalid() {
    WebhookRequest r = hsSigner().lifetime(Duration.ofHours(2)).build().request("/crm", BODY);
    assertRejected(hs().build(), r, Reason.INVALID_CREDENTIALS);
  }

  @Test
  void verify_issuedInFuture_invalid() {
    MutableClock future = MutableClock.create();
    future.advance(Duration.ofMinutes(3));
    WebhookRequest r = AgentReplyTokenSigner.builder().hmacSecret(SECRET).audience(AUD).clock(future).build()
        .request("/crm", BODY);
    assertRejected(hs().build(), r, Reason.INVALID_CREDENTIALS);
  }

  @Test
  void verify_rs256AgainstJwks_acceptsAndRejectsHs256() throws Exception {
    KeyPair kp = RSA_KEYS;
    String jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) kp.getPublic()).keyID("k1").build()).toString();
    JwtAgentReplyVerifier v = JwtAgentReplyVerifier.builder().jwks(jwks).audience(AUD).clock(clock).build();
    WebhookRequest ok = AgentReplyTokenSigner.builder().rsaKey((RSAPrivateKey) kp.getPrivate(), "k1")
        .audience(AUD).clock(clock).build().request("/crm", BODY);
    assertThat(v.verify(ok).keyId()).isEqualTo("k1");
    // An HS256 token must not be accepted by a JWKS-only verifier (algorithm confusion).
    assertRejected(v, hsSigner().build().request("/crm", BODY), Reason.INVALID_CREDENTIALS);
    WebhookRequest unknownKid = AgentReplyTokenSigner.builder().rsaKey((RSAPrivateKey) kp.getPrivate(), "k2")
        .audience(AUD).clock(clock).build().request("/crm", BODY);
    assertRejected(v, unknownKid, Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_es256FromRotatingSource_refetchesOnUnknownKid() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair first = gen.generateKeyPair();
    KeyPair second = gen.generateKeyPair();
    JWK k1 = new ECKey.Builder(Curve.P_256, (ECPublicKey) first.getPublic()).keyID("k1").build();
    JWK k2 = new ECKey.Builder(Curve.P_256, (ECPublicKey) second.getPublic()).keyID("k2").build();
    AtomicReference<String> published = new AtomicReference<>(new JWKSet(k1).toString());
    AtomicInteger fetches = new AtomicInteger();
    JwksSource source = () -> {
      fetches.incrementAndGet();
      return published.get();
    };
    JwtAgentReplyVerifier v = JwtAgentReplyVerifier.builder().jwksSource(source).audience(AUD).clock(clock)
        .build();
    AgentReplyTokenSigner s1 = AgentReplyTokenSigner.builder().ecKey((ECPrivateKey) first.getPrivate(), "k1")
        .audience(AUD).clock(clock).build();
    AgentReplyTokenSigner s2 = AgentReplyTokenSigner.builder().ecKey((ECPrivateKey) second.getPrivate(), "k2")
        .audience(AUD).clock(clock).build();
    assertThat(v.verify(s1.request("/crm", BODY)).algorithm()).isEqualTo("ES256");
    published.set(new JWKSet(List.of(k1, k2)).toString());
    clock.advance(Duration.ofSeconds(31));
    assertThat(v.verify(s2.request("/crm", BODY)).keyId()).isEqualTo("k2");
    assertThat(fetches.get()).isEqualTo(2);
  }

  @Test
  void verify_jwksNeverLoadable_retryableUnavailable() throws Exception {
    JwtAgentReplyVerifier v = JwtAgentReplyVerifier.builder().jwksSource(() -> {
      throw new java.io.UncheckedIOException(new java.io.IOException("down"));
    }).audience(AUD).clock(clock).build();
    KeyPair kp = RSA_KEYS;
    WebhookRequest rs = AgentReplyTokenSigner.builder().rsaKey((RSAPrivateKey) kp.getPrivate(), "k1")
        .audience(AUD).clock(clock).build().request("/crm", BODY);
    assertThatThrownBy(() -> v.verify(rs)).isInstanceOf(HelpdeskUnavailableException.class)
        .satisfies(e -> assertThat(((HelpdeskUnavailableException) e).retryable()).isTrue());
  }

  @Test
  void build_missingSettings_namesThem() {
    assertThatThrownBy(() -> JwtAgentReplyVerifier.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hmacSecret").hasMessageContaining("audience");
    assertThatThrownBy(() -> JwtAgentReplyVerifier.builder().hmacSecret(new byte[8]).audience("a").build())
        .hasMessageContaining("32 bytes");
  }

  @Test
  void replayStore_full_evictsSoonestExpiring() {
    InMemoryTokenReplayStore store = InMemoryTokenReplayStore.create(clock, 2);
    assertThat(store.claim("a", clock.instant().plusSeconds(10))).isTrue();
    assertThat(store.claim("b", clock.instant().plusSeconds(60))).isTrue();
    assertThat(store.claim("c", clock.instant().plusSeconds(30))).isTrue();
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.claim("b", clock.instant().plusSeconds(60))).isFalse();
    assertThat(store.claim("a", clock.instant().plusSeconds(10))).isTrue();
    clock.advance(Duration.ofSeconds(61));
    assertThat(store.claim("b", clock.instant().plusSeconds(60))).isTrue();
    assertThat(store.size()).isEqualTo(1);
  }
}
