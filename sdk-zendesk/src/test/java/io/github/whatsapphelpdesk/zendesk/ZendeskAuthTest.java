package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskAuthenticationException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendesk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ZendeskAuthTest {
  private final ZendeskTestSupport t = new ZendeskTestSupport();

  @AfterEach
  void close() {
    t.close();
  }

  private static List<String> auths(List<RecordedRequest> rs) {
    return rs.stream().filter(r -> !r.getUrl().encodedPath().equals("/oauth/tokens"))
        .map(r -> r.getHeaders().get("Authorization")).toList();
  }

  @Test
  void clientCredentials_firstCall_fetchesTokenOnceAndSendsBearer() {
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().build())) {
      a.upsertContact(Fixtures.contact());
      a.upsertContact(Fixtures.contact());
    }
    List<RecordedRequest> rs = t.drain();
    RecordedRequest token = rs.get(0);
    assertThat(token.getUrl().encodedPath()).isEqualTo("/oauth/tokens");
    assertThat(Json.readObject(token.getBody().utf8())).containsEntry("grant_type", "client_credentials")
        .containsEntry("client_id", FakeZendesk.CLIENT_ID).containsEntry("scope", "read write");
    assertThat(t.fake.tokenRequests()).isEqualTo(1);
    assertThat(auths(rs)).containsOnly("Bearer access-1");
  }

  @Test
  void oauth_tokenNearExpiry_refreshedBeforeUse() {
    t.fake.tokenLifetimeSeconds(300);
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().tokenRefreshSkew(Duration.ofSeconds(60)).build())) {
      a.upsertContact(Fixtures.contact());
      t.clock.advance(Duration.ofSeconds(239));
      a.upsertContact(Fixtures.contact());
      t.clock.advance(Duration.ofSeconds(2)); // 241 s: inside the 60 s skew before the 300 s expiry
      a.upsertContact(Fixtures.contact());
    }
    assertThat(t.fake.tokenRequests()).isEqualTo(2);
    assertThat(auths(t.drain())).containsExactly("Bearer access-1", "Bearer access-1", "Bearer access-2");
  }

  @Test
  void oauth_401_refreshesAndRetriesOnce() {
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().build())) {
      a.upsertContact(Fixtures.contact());
      t.fake.revokeAccessTokens();
      a.upsertContact(Fixtures.contact());
    }
    assertThat(auths(t.drain())).containsExactly("Bearer access-1", "Bearer access-1", "Bearer access-2");
  }

  @Test
  void refreshTokenGrant_usesAndRotatesRefreshToken() {
    t.fake.tokenLifetimeSeconds(120);
    ZendeskConfig cfg = t.config()
        .auth(ZendeskAuth.refreshToken(FakeZendesk.CLIENT_ID, FakeZendesk.CLIENT_SECRET, FakeZendesk.REFRESH_TOKEN))
        .build();
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg)) {
      a.upsertContact(Fixtures.contact());
      t.clock.advance(Duration.ofMinutes(5));
      a.upsertContact(Fixtures.contact());
    }
    List<Map<String, Object>> grants = t.drain().stream()
        .filter(r -> r.getUrl().encodedPath().equals("/oauth/tokens"))
        .map(r -> Json.readObject(r.getBody().utf8())).toList();
    assertThat(grants).extracting(g -> g.get("refresh_token")).containsExactly("refresh-0", "refresh-1");
    assertThat(grants).allSatisfy(g -> assertThat(g).containsEntry("grant_type", "refresh_token"));
  }

  @Test
  void clientCredentials_scopeIsNormalisedSentAndGranted() {
    ZendeskConfig cfg = t.config().auth(ZendeskAuth.clientCredentials(FakeZendesk.CLIENT_ID, FakeZendesk.CLIENT_SECRET,
        "  tickets:write\tusers:write  read ")).build();
    assertThat(cfg.auth().scopes()).containsExactly("tickets:write", "users:write", "read");
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg)) {
      a.upsertContact(Fixtures.contact());
    }
    RecordedRequest token = t.drain().get(0);
    assertThat(Json.readObject(token.getBody().utf8())).containsEntry("scope", "tickets:write users:write read");
    assertThat(t.fake.scopesOf("access-1")).containsExactly("tickets:write", "users:write", "read");
  }

  @Test
  void clientCredentials_readOnlyScope_writesAreRefusedAsAuthentication() {
    ZendeskConfig cfg = t.config().auth(ZendeskAuth.clientCredentials(FakeZendesk.CLIENT_ID, FakeZendesk.CLIENT_SECRET,
        "read")).build();
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg)) {
      assertThatThrownBy(() -> a.upsertContact(Fixtures.contact()))
          .isInstanceOf(HelpdeskAuthenticationException.class)
          .satisfies(e -> assertThat(((HelpdeskAuthenticationException) e).httpStatus()).isEqualTo(403));
    }
  }

  @Test
  void clientCredentials_malformedScope_refusedUpFront() {
    for (String bad : List.of("read,write", "[\"read\"]", "tickets:delete", "READ", " ")) {
      assertThatThrownBy(() -> ZendeskAuth.clientCredentials("id", "secret", bad))
          .as("scope %s", bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope");
    }
    assertThat(ZendeskAuth.clientCredentials("id", "secret").scopes()).isEmpty();
  }

  @Test
  void oauth_badClientSecret_throwsAuthentication() {
    ZendeskConfig cfg = t.config().auth(ZendeskAuth.clientCredentials(FakeZendesk.CLIENT_ID, "wrong", null)).build();
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg)) {
      assertThatThrownBy(() -> a.upsertContact(Fixtures.contact()))
          .isInstanceOf(HelpdeskAuthenticationException.class).hasMessageContaining("invalid_client");
    }
  }

  @Test
  void apiToken_legacy_sendsBasicEmailSlashToken() {
    ZendeskConfig cfg = t.config().auth(ZendeskAuth.apiToken(FakeZendesk.EMAIL, FakeZendesk.API_TOKEN)).build();
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg)) {
      a.upsertContact(Fixtures.contact());
    }
    String expected = "Basic " + Base64.getEncoder().encodeToString(
        (FakeZendesk.EMAIL + "/token:" + FakeZendesk.API_TOKEN).getBytes(StandardCharsets.UTF_8));
    assertThat(auths(t.drain())).containsExactly(expected);
    assertThat(t.fake.tokenRequests()).isZero();
  }

  @Test
  void apiToken_rejected_throwsAuthenticationWithoutRetry() {
    ZendeskConfig cfg = t.config().auth(ZendeskAuth.apiToken(FakeZendesk.EMAIL, "revoked")).build();
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg)) {
      assertThatThrownBy(() -> a.upsertContact(Fixtures.contact()))
          .isInstanceOf(HelpdeskAuthenticationException.class)
          .satisfies(e -> assertThat(((HelpdeskAuthenticationException) e).httpStatus()).isEqualTo(401));
    }
    assertThat(t.drain()).hasSize(1);
  }

  @Test
  void toString_neverShowsSecrets() {
    ZendeskConfig cfg = t.config().build();
    assertThat(cfg.toString()).doesNotContain(FakeZendesk.CLIENT_SECRET).doesNotContain(ZendeskTestSupport.SECRET);
    assertThat(ZendeskAuth.apiToken("a@b.c", "tok123").toString()).doesNotContain("tok123");
  }
}
