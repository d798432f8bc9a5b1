package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskAuthenticationException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.observe.ChannelHealthEvent;
import io.github.whatsapphelpdesk.spi.InMemoryOAuthTokenStore;
import io.github.whatsapphelpdesk.spi.OAuthTokenRecord;
import io.github.whatsapphelpdesk.spi.OAuthTokenStore;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendesk;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rotating refresh tokens: persisted in the token store, single-flight across instances, health event on reuse. */
class ZendeskTokenRotationTest {
  private final ZendeskTestSupport t = new ZendeskTestSupport();
  private final OAuthTokenStore store = new InMemoryOAuthTokenStore();
  private final List<ChannelHealthEvent> health = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    t.close();
  }

  private ZendeskConfig.Builder refreshConfig() {
    t.fake.tokenLifetimeSeconds(600);
    return t.config()
        .auth(ZendeskAuth.refreshToken(FakeZendesk.CLIENT_ID, FakeZendesk.CLIENT_SECRET, FakeZendesk.REFRESH_TOKEN))
        .tokenStore(store).channelHealthListener(health::add);
  }

  private List<String> spentRefreshTokens() {
    return t.drain().stream().filter(r -> r.getUrl().encodedPath().equals("/oauth/tokens"))
        .map(r -> (String) Json.readObject(r.getBody().utf8()).get("refresh_token")).toList();
  }

  private String storedRefreshToken() {
    return store.get(onlyKey()).orElseThrow().refreshToken();
  }

  private String onlyKey() {
    return "zendesk:" + t.server.getHostName() + ":" + t.server.getPort() + ":" + FakeZendesk.CLIENT_ID;
  }

  @Test
  void rotatedRefreshToken_isPersisted_andARestartedInstanceKeepsWorking() {
    ZendeskConfig cfg = refreshConfig().build();
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg)) {
      a.upsertContact(Fixtures.contact());
      t.clock.advance(Duration.ofMinutes(10));
      a.upsertContact(Fixtures.contact());
    }
    assertThat(storedRefreshToken()).isEqualTo(t.fake.currentRefreshToken()).isNotEqualTo(FakeZendesk.REFRESH_TOKEN);

    t.clock.advance(Duration.ofMinutes(10)); // the restarted instance needs a new access token
    try (ZendeskAdapter restarted = ZendeskAdapter.create(cfg.toBuilder().build())) {
      restarted.upsertContact(Fixtures.contact());
    }
    assertThat(t.fake.invalidGrants()).isZero();
    assertThat(spentRefreshTokens()).containsExactly("refresh-0", "refresh-1", "refresh-2").doesNotHaveDuplicates();
    assertThat(health).isEmpty();
  }

  @Test
  void twoInstancesSharingTheStore_neverSpendOneRefreshTokenTwice() {
    ZendeskConfig cfg = refreshConfig().build();
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg); ZendeskAdapter b = ZendeskAdapter.create(cfg.toBuilder().build())) {
      a.upsertContact(Fixtures.contact());
      b.upsertContact(Fixtures.contact()); // adopts a's access token: no refresh
      assertThat(t.fake.tokenRequests()).isEqualTo(1);

      t.clock.advance(Duration.ofMinutes(10));
      a.upsertContact(Fixtures.contact()); // a refreshes; Zendesk invalidates the access token b holds
      b.upsertContact(Fixtures.contact()); // b gets 401, re-reads the store and adopts a's new token
      t.clock.advance(Duration.ofMinutes(10));
      b.upsertContact(Fixtures.contact()); // now b refreshes with the token a stored
      a.upsertContact(Fixtures.contact());
    }
    assertThat(t.fake.invalidGrants()).isZero();
    assertThat(spentRefreshTokens()).containsExactly("refresh-0", "refresh-1", "refresh-2");
    assertThat(health).isEmpty();
  }

  @Test
  void anotherInstanceHoldsTheLease_waitsAndAdoptsItsToken() {
    ZendeskConfig cfg = refreshConfig().sleeper(d -> {
      // While "the other instance" holds the lease, this one waits: the other finishes its refresh now.
      OAuthTokenRecord rec = store.get(onlyKey()).orElseThrow();
      if (rec.refreshingBy() != null && rec.refreshingBy().equals("other")) {
        Map<String, Object> grant = otherInstanceRefreshes(rec.refreshToken());
        store.compareAndSet(onlyKey(), rec.version(), new OAuthTokenRecord((String) grant.get("refresh_token"),
            (String) grant.get("access_token"), t.clock.instant().plusSeconds(600), rec.origin(), null, null, 0,
            t.clock.instant()));
      }
      t.clock.advance(d);
    }).build();
    store.compareAndSet(onlyKey(), 0, new OAuthTokenRecord(FakeZendesk.REFRESH_TOKEN, null, null, null, "other",
        t.clock.instant().plusSeconds(30), 0, t.clock.instant()));
    try (ZendeskAdapter b = ZendeskAdapter.create(cfg)) {
      b.upsertContact(Fixtures.contact());
    }
    assertThat(t.fake.tokenRequests()).isEqualTo(1);
    assertThat(t.fake.invalidGrants()).isZero();
    assertThat(spentRefreshTokens()).containsExactly("refresh-0");
  }

  @Test
  void concurrentFirstCallsOfTwoInstances_exactlyOneRefresh() throws Exception {
    Object changed = new Object();
    OAuthTokenStore notifying = new OAuthTokenStore() {
      @Override
      public Optional<OAuthTokenRecord> get(String key) {
        return store.get(key);
      }

      @Override
      public boolean compareAndSet(String key, long expectedVersion, OAuthTokenRecord next) {
        boolean ok = store.compareAndSet(key, expectedVersion, next);
        synchronized (changed) {
          changed.notifyAll();
        }
        return ok;
      }

      @Override
      public void delete(String key) {
        store.delete(key);
      }
    };
    // The loser's wait ends when the store changes (never by wall-clock sleeping in the test itself).
    ZendeskConfig cfg = refreshConfig().tokenStore(notifying).sleeper(d -> {
      synchronized (changed) {
        OAuthTokenRecord rec = store.get(onlyKey()).orElse(null);
        if (rec != null && rec.refreshingBy() != null) {
          try {
            changed.wait(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }).build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg); ZendeskAdapter b = ZendeskAdapter.create(cfg.toBuilder().build())) {
      for (int round = 0; round < 5; round++) {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<?> fa = pool.submit(() -> {
          start.await();
          a.upsertContact(Fixtures.contact());
          return null;
        });
        Future<?> fb = pool.submit(() -> {
          start.await();
          b.upsertContact(Fixtures.contact());
          return null;
        });
        fa.get(20, TimeUnit.SECONDS);
        fb.get(20, TimeUnit.SECONDS);
        t.clock.advance(Duration.ofMinutes(10)); // both tokens expire before the next round
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(t.fake.invalidGrants()).isZero();
    assertThat(t.fake.tokenRequests()).isEqualTo(5);
    assertThat(spentRefreshTokens()).doesNotHaveDuplicates().hasSize(5);
  }

  @Test
  void storedRefreshTokenAlreadyUsed_raisesHealthEventAndAuthError() {
    ZendeskConfig cfg = refreshConfig().build();
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg)) {
      a.upsertContact(Fixtures.contact());
    }
    // An instance that did not share this store (its own in-memory one) spends the configured token again.
    try (ZendeskAdapter stray = ZendeskAdapter.create(cfg.toBuilder().tokenStore(new InMemoryOAuthTokenStore()).build())) {
      assertThatThrownBy(() -> stray.upsertContact(Fixtures.contact()))
          .isInstanceOf(HelpdeskAuthenticationException.class).hasMessageContaining("invalid_grant");
    }
    assertThat(health).singleElement().satisfies(h -> {
      assertThat(h.kind()).isEqualTo(ChannelHealthEvent.Kind.HELPDESK_REFRESH_TOKEN_REJECTED);
      assertThat(h.code()).isEqualTo(400);
      assertThat(h.phoneNumberId()).isNull();
      assertThat(h.detail()).doesNotContain("refresh-");
    });
  }

  @Test
  void storedChainRevoked_newlyConfiguredRefreshTokenIsTriedOnce() {
    ZendeskConfig cfg = refreshConfig().build();
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg)) {
      a.upsertContact(Fixtures.contact());
    }
    // The stored chain is dead (revoked), and the operator configured a freshly authorized refresh token.
    String current = t.fake.currentRefreshToken();
    OAuthTokenRecord rec = store.get(onlyKey()).orElseThrow();
    store.compareAndSet(onlyKey(), rec.version(), new OAuthTokenRecord("revoked-token", null, null, rec.origin(),
        null, null, 0, t.clock.instant()));
    ZendeskConfig reauthorized = cfg.toBuilder()
        .auth(ZendeskAuth.refreshToken(FakeZendesk.CLIENT_ID, FakeZendesk.CLIENT_SECRET, current)).build();
    try (ZendeskAdapter a = ZendeskAdapter.create(reauthorized)) {
      a.upsertContact(Fixtures.contact());
    }
    assertThat(health).isEmpty();
    assertThat(storedRefreshToken()).isEqualTo(t.fake.currentRefreshToken());
  }

  @Test
  void aStoreThatLosesWrites_failsClearlyInsteadOfSpinning() {
    OAuthTokenStore losing = new OAuthTokenStore() {
      @Override
      public Optional<OAuthTokenRecord> get(String key) {
        return Optional.empty();
      }

      @Override
      public boolean compareAndSet(String key, long expectedVersion, OAuthTokenRecord next) {
        return true;
      }

      @Override
      public void delete(String key) {}
    };
    try (ZendeskAdapter a = ZendeskAdapter.create(refreshConfig().tokenStore(losing).build())) {
      assertThatThrownBy(() -> a.upsertContact(Fixtures.contact()))
          .isInstanceOf(io.github.whatsapphelpdesk.error.HelpdeskUnavailableException.class)
          .hasMessageContaining("did not settle");
    }
    assertThat(t.fake.tokenRequests()).isZero();
  }

  private Map<String, Object> otherInstanceRefreshes(String refreshToken) {
    String body = Json.writeWithNulls(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
        "client_id", FakeZendesk.CLIENT_ID, "client_secret", FakeZendesk.CLIENT_SECRET));
    Request req = new Request.Builder().url(t.server.url("/oauth/tokens"))
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    try (Response r = new OkHttpClient().newCall(req).execute()) {
      return Json.readObject(r.body().string());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
