package io.github.whatsapphelpdesk.zendesk.internal;

import io.github.whatsapphelpdesk.error.HelpdeskAuthenticationException;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.observe.ChannelHealthEvent;
import io.github.whatsapphelpdesk.observe.ChannelHealthListener;
import io.github.whatsapphelpdesk.spi.OAuthTokenRecord;
import io.github.whatsapphelpdesk.spi.OAuthTokenStore;
import io.github.whatsapphelpdesk.zendesk.ZendeskAuth;
import io.github.whatsapphelpdesk.zendesk.ZendeskConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supplies the {@code Authorization} header: OAuth access tokens (client-credentials or refresh-token
 * grant), refreshed {@code tokenRefreshSkew} before expiry and after a 401; or the legacy API-token basic
 * header. Thread-safe.
 *
 * <p>Refresh tokens rotate: a refresh "returns a new access token and refresh token while invalidating the
 * previous access and refresh tokens" (https://developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens/;
 * support.zendesk.com article 9182123625370). So the refresh-token grant keeps its tokens in the
 * configured {@link OAuthTokenStore}, shared by every instance: the configured refresh token only seeds an
 * empty store. A refresh is single-flight across instances: the instance first takes a lease with a
 * compare-and-set on the stored version, spends the stored refresh token only when it won, and writes the
 * new pair with a second compare-and-set. Another instance adopts the stored access token instead of
 * refreshing (and, while a lease is held, waits for it with the configured sleeper, at most
 * {@code maxRetryWait}). When Zendesk answers {@code invalid_grant} the stored token was already spent or
 * revoked: a {@link ChannelHealthEvent.Kind#HELPDESK_REFRESH_TOKEN_REJECTED} event is raised.
 */
public final class TokenManager {
  private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Duration WAIT_STEP = Duration.ofMillis(250);
  private static final int MAX_STORE_ROUNDS = 100;

  private final ZendeskConfig config;
  private final OkHttpClient http;
  private final String basicHeader;
  private final OAuthTokenStore store;
  private final String storeKey;
  private final String origin;
  private final String instance = UUID.randomUUID().toString();
  private final ChannelHealthListener health;
  private String accessToken;
  private Instant expiresAt;
  private String rejected;

  public TokenManager(ZendeskConfig config, OkHttpClient http) {
    this.config = config;
    this.http = http;
    ZendeskAuth auth = config.auth();
    this.basicHeader = auth.kind() == ZendeskAuth.Kind.API_TOKEN
        ? "Basic " + Base64.getEncoder().encodeToString(
            (auth.email() + "/token:" + auth.apiToken()).getBytes(StandardCharsets.UTF_8))
        : null;
    this.store = config.tokenStore();
    this.storeKey = "zendesk:" + config.baseUrl().getHost()
        + (config.baseUrl().getPort() > 0 ? ":" + config.baseUrl().getPort() : "") + ":" + auth.clientId();
    this.origin = auth.refreshToken() == null ? null : fingerprint(auth.refreshToken());
    this.health = config.channelHealthListener();
  }

  /** The key this manager's tokens have in the token store. */
  public String storeKey() {
    return storeKey;
  }

  /** The header value to send now, fetching or refreshing a token when needed. */
  public synchronized String authorization() {
    if (basicHeader != null) {
      return basicHeader;
    }
    if (accessToken == null || !fresh(expiresAt)) {
      if (config.auth().kind() == ZendeskAuth.Kind.OAUTH_REFRESH_TOKEN) {
        refreshThroughStore();
      } else {
        clientCredentials();
      }
    }
    return "Bearer " + accessToken;
  }

  /**
   * Forgets the token a request was rejected with. Returns true when a retry with a new token makes
   * sense (OAuth), false for an API token.
   */
  public synchronized boolean invalidate(String rejectedHeader) {
    if (basicHeader != null) {
      return false;
    }
    if (accessToken != null && ("Bearer " + accessToken).equals(rejectedHeader)) {
      rejected = accessToken;
      accessToken = null;
    }
    return true;
  }

  private boolean fresh(Instant expiry) {
    return expiry == null || config.clock().instant().isBefore(expiry.minus(config.tokenRefreshSkew()));
  }

  private void clientCredentials() {
    ZendeskAuth auth = config.auth();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("grant_type", "client_credentials");
    body.put("client_id", auth.clientId());
    body.put("client_secret", auth.clientSecret());
    if (auth.scope() != null) {
      body.put("scope", auth.scope());
    }
    Instant requestedAt = config.clock().instant();
    Grant g = post(body);
    if (g.error() != null) {
      throw rejectedGrant(g);
    }
    adopt(g.accessToken(), g.expiresAt(requestedAt));
    LOG.debug("Zendesk OAuth token obtained (client credentials), expires at {}", expiresAt);
  }

  private void refreshThroughStore() {
    Instant deadline = config.clock().instant().plus(config.limits().maxRetryWait());
    boolean triedConfigured = false;
    for (int round = 0; ; round++) {
      if (round >= MAX_STORE_ROUNDS) {
        // A store that never settles (it loses writes, or others change it without end): fail, never spin.
        throw new HelpdeskUnavailableException(ZendeskErrors.ID, 0,
            "the OAuth token store did not settle after " + MAX_STORE_ROUNDS + " compare-and-set rounds", null);
      }
      Instant now = config.clock().instant();
      OAuthTokenRecord rec = store.get(storeKey).orElse(null);
      if (rec == null) {
        store.compareAndSet(storeKey, 0,
            new OAuthTokenRecord(config.auth().refreshToken(), null, null, origin, null, null, 0, now));
        continue;
      }
      if (rec.accessToken() != null && !rec.accessToken().equals(rejected) && fresh(rec.accessTokenExpiresAt())) {
        adopt(rec.accessToken(), rec.accessTokenExpiresAt()); // another instance refreshed: nothing spent
        return;
      }
      if (rec.refreshing(now) && !instance.equals(rec.refreshingBy())) {
        if (!now.isBefore(deadline)) {
          throw new HelpdeskUnavailableException(ZendeskErrors.ID, 0,
              "another instance is refreshing the Zendesk OAuth token; try again shortly", null);
        }
        config.sleeper().sleep(WAIT_STEP);
        continue;
      }
      OAuthTokenRecord leased = rec.withLease(instance, now.plus(config.timeouts().call()), now);
      if (!store.compareAndSet(storeKey, rec.version(), leased)) {
        continue; // another instance changed the record first: re-read it
      }
      long leasedVersion = rec.version() + 1;
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("grant_type", "refresh_token");
      body.put("refresh_token", rec.refreshToken());
      body.put("client_id", config.auth().clientId());
      body.put("client_secret", config.auth().clientSecret());
      Grant g;
      try {
        g = post(body);
      } catch (RuntimeException e) {
        // The answer may be lost after Zendesk rotated; the lease then runs out and the next refresh
        // reports invalid_grant. Release it now for errors that certainly did not spend the token.
        if (!(e instanceof HelpdeskUnavailableException u) || u.httpStatus() != 0) {
          store.compareAndSet(storeKey, leasedVersion, leased.withoutLease(config.clock().instant()));
        }
        throw e;
      }
      Instant at = config.clock().instant();
      if (g.error() != null) {
        store.compareAndSet(storeKey, leasedVersion, leased.withoutLease(at));
        if (!"invalid_grant".equals(g.error())) {
          throw rejectedGrant(g);
        }
        if (!triedConfigured && origin != null && !origin.equals(rec.origin())) {
          // The operator configured a refresh token this chain does not descend from (a new authorization):
          // try it once instead of the rejected stored one.
          triedConfigured = true;
          OAuthTokenRecord current = store.get(storeKey).orElse(null);
          store.compareAndSet(storeKey, current == null ? 0 : current.version(),
              new OAuthTokenRecord(config.auth().refreshToken(), null, null, origin, null, null, 0, at));
          continue;
        }
        raiseHealth(g.status());
        throw new HelpdeskAuthenticationException(ZendeskErrors.ID, g.status(),
            "Zendesk rejected the stored OAuth refresh token (invalid_grant): it was already used or revoked; "
                + "authorize the app again and configure the new refresh token");
      }
      String nextRefresh = g.refreshToken() != null ? g.refreshToken() : rec.refreshToken();
      Instant exp = g.expiresAt(at);
      OAuthTokenRecord next = new OAuthTokenRecord(nextRefresh, g.accessToken(), exp, rec.origin(), null, null, 0, at);
      if (!store.compareAndSet(storeKey, leasedVersion, next)) {
        LOG.warn("Zendesk OAuth refresh finished after its lease ran out; the token store was changed meanwhile "
            + "(store key {})", storeKey);
      }
      adopt(g.accessToken(), exp);
      LOG.debug("Zendesk OAuth token refreshed, expires at {}", exp);
      return;
    }
  }

  private void adopt(String token, Instant expiry) {
    accessToken = token;
    expiresAt = expiry;
  }

  private void raiseHealth(int status) {
    if (health == null) {
      return;
    }
    try {
      health.onChannelHealth(new ChannelHealthEvent(ChannelHealthEvent.Kind.HELPDESK_REFRESH_TOKEN_REJECTED, null,
          status, "Zendesk refused the stored OAuth refresh token (invalid_grant) for client "
              + config.auth().clientId() + " on " + config.baseUrl().getHost(), config.clock().instant()));
    } catch (RuntimeException e) {
      LOG.warn("channel-health listener failed: {}", e.toString());
    }
  }

  private static HelpdeskAuthenticationException rejectedGrant(Grant g) {
    return new HelpdeskAuthenticationException(ZendeskErrors.ID, g.status(), "OAuth token request rejected: " + g.error());
  }

  /** A token endpoint answer: a token, or the OAuth {@code error} of a 4xx. */
  private record Grant(int status, String error, String accessToken, String refreshToken, Long expiresIn) {
    Instant expiresAt(Instant requestedAt) {
      return expiresIn == null ? null : requestedAt.plusSeconds(expiresIn);
    }
  }

  private Grant post(Map<String, Object> body) {
    Request request = new Request.Builder().url(config.tokenUrl().toString())
        .post(RequestBody.create(Json.writeWithNulls(body), JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      Map<String, Object> json = ZendeskHttp.parse(response.body().string());
      if (!response.isSuccessful()) {
        String err = Json.str(json, "error");
        if (response.code() >= 500 || response.code() == 429) {
          throw new HelpdeskUnavailableException(ZendeskErrors.ID, response.code(),
              "OAuth token endpoint failed" + (err != null ? ": " + err : ""), null);
        }
        return new Grant(response.code(), err == null ? "HTTP " + response.code() : err, null, null, null);
      }
      String token = Json.str(json, "access_token");
      if (token == null) {
        throw new HelpdeskAuthenticationException(ZendeskErrors.ID, response.code(), "OAuth answer has no access_token");
      }
      return new Grant(response.code(), null, token, Json.str(json, "refresh_token"), Json.lng(json, "expires_in"));
    } catch (IOException e) {
      throw new HelpdeskUnavailableException(ZendeskErrors.ID, 0, "OAuth token endpoint unreachable", e);
    }
  }

  private static String fingerprint(String token) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
