package io.github.whatsapphelpdesk.zendesk.internal;

import io.github.whatsapphelpdesk.error.HelpdeskAuthenticationException;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.zendesk.ZendeskAuth;
import io.github.whatsapphelpdesk.zendesk.ZendeskConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supplies the {@code Authorization} header: OAuth access tokens (client-credentials or refresh-token
 * grant), refreshed {@code tokenRefreshSkew} before expiry and after a 401; or the legacy API-token basic
 * header. Thread-safe.
 */
public final class TokenManager {
  private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);
  private static final MediaType JSON = MediaType.get("application/json");

  private final ZendeskConfig config;
  private final OkHttpClient http;
  private final String basicHeader;
  private String accessToken;
  private Instant expiresAt;
  private String refreshToken;

  public TokenManager(ZendeskConfig config, OkHttpClient http) {
    this.config = config;
    this.http = http;
    ZendeskAuth auth = config.auth();
    this.refreshToken = auth.refreshToken();
    this.basicHeader = auth.kind() == ZendeskAuth.Kind.API_TOKEN
        ? "Basic " + Base64.getEncoder().encodeToString(
            (auth.email() + "/token:" + auth.apiToken()).getBytes(StandardCharsets.UTF_8))
        : null;
  }

  /** The header value to send now, fetching or refreshing a token when needed. */
  public synchronized String authorization() {
    if (basicHeader != null) {
      return basicHeader;
    }
    if (accessToken == null
        || (expiresAt != null && !config.clock().instant().isBefore(expiresAt.minus(config.tokenRefreshSkew())))) {
      fetch();
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
      accessToken = null;
    }
    return true;
  }

  private void fetch() {
    ZendeskAuth auth = config.auth();
    Map<String, Object> body = new LinkedHashMap<>();
    if (auth.kind() == ZendeskAuth.Kind.OAUTH_REFRESH_TOKEN) {
      body.put("grant_type", "refresh_token");
      body.put("refresh_token", refreshToken);
    } else {
      body.put("grant_type", "client_credentials");
      if (auth.scope() != null) {
        body.put("scope", auth.scope());
      }
    }
    body.put("client_id", auth.clientId());
    body.put("client_secret", auth.clientSecret());
    Request request = new Request.Builder().url(config.tokenUrl().toString())
        .post(RequestBody.create(Json.writeWithNulls(body), JSON)).build();
    Instant requestedAt = config.clock().instant();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody rb = response.body();
      Map<String, Object> json = ZendeskHttp.parse(rb.string());
      if (!response.isSuccessful()) {
        String err = Json.str(json, "error");
        if (response.code() >= 500 || response.code() == 429) {
          throw new HelpdeskUnavailableException(ZendeskErrors.ID, response.code(),
              "OAuth token endpoint failed" + (err != null ? ": " + err : ""), null);
        }
        throw new HelpdeskAuthenticationException(ZendeskErrors.ID, response.code(),
            "OAuth token request rejected" + (err != null ? ": " + err : ""));
      }
      String token = Json.str(json, "access_token");
      if (token == null) {
        throw new HelpdeskAuthenticationException(ZendeskErrors.ID, response.code(), "OAuth answer has no access_token");
      }
      Long expiresIn = Json.lng(json, "expires_in");
      accessToken = token;
      expiresAt = expiresIn == null ? null : requestedAt.plusSeconds(expiresIn);
      String rotated = Json.str(json, "refresh_token");
      if (rotated != null) {
        refreshToken = rotated;
      }
      LOG.debug("Zendesk OAuth token obtained ({}), expires at {}", auth.kind(), expiresAt);
    } catch (IOException e) {
      throw new HelpdeskUnavailableException(ZendeskErrors.ID, 0, "OAuth token endpoint unreachable", e);
    }
  }
}
