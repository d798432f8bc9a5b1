package io.github.whatsapphelpdesk.zendesk;

import java.util.Objects;

/**
 * How the adapter authenticates to Zendesk. OAuth is the primary method; API tokens are a legacy
 * option.
 *
 * <p>Create one with {@link #clientCredentials}, {@link #refreshToken} or {@link #apiToken}. Immutable
 * and thread-safe; {@code toString()} never shows a secret.
 */
public final class ZendeskAuth {

  /** The kind of credential. */
  public enum Kind {
    /** OAuth client-credentials grant (confidential client). */
    OAUTH_CLIENT_CREDENTIALS,
    /** OAuth refresh-token grant (token obtained once through the authorization-code flow). */
    OAUTH_REFRESH_TOKEN,
    /** Legacy API token, sent as basic auth {@code {email}/token:{token}}. */
    API_TOKEN
  }

  private final Kind kind;
  private final String clientId;
  private final String clientSecret;
  private final String refreshToken;
  private final String scope;
  private final String email;
  private final String apiToken;

  private ZendeskAuth(Kind kind, String clientId, String clientSecret, String refreshToken, String scope,
      String email, String apiToken) {
    this.kind = kind;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.refreshToken = refreshToken;
    this.scope = scope;
    this.email = email;
    this.apiToken = apiToken;
  }

  /**
   * OAuth client-credentials grant against {@code https://{subdomain}.zendesk.com/oauth/tokens}.
   *
   * @param scope space-separated scopes, for example {@code "tickets:write users:write read"}; null for
   *     the client's default scopes. Whitespace is normalised; anything that is not a Zendesk scope
   *     ({@code read}, {@code write}, {@code impersonate}, {@code <resource>[:read|:write]}), for example
   *     a comma-separated list, is refused.
   * @throws IllegalArgumentException when the scope is blank or malformed
   */
  public static ZendeskAuth clientCredentials(String clientId, String clientSecret, String scope) {
    return new ZendeskAuth(Kind.OAUTH_CLIENT_CREDENTIALS, req(clientId, "clientId"),
        req(clientSecret, "clientSecret"), null, scope(scope), null, null);
  }

  /**
   * OAuth client-credentials grant with the client's default scopes.
   *
   * @see #clientCredentials(String, String, String)
   */
  public static ZendeskAuth clientCredentials(String clientId, String clientSecret) {
    return clientCredentials(clientId, clientSecret, null);
  }

  // Zendesk scopes are "read", "write", "impersonate", or a resource with an optional access level
  // ("tickets", "tickets:read", "users:write"); the token endpoint takes them space-separated
  // (https://developer.zendesk.com/api-reference/ticketing/oauth/oauth_tokens/#scopes;
  // https://developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens/).
  private static final java.util.regex.Pattern SCOPE =
      java.util.regex.Pattern.compile("read|write|impersonate|[a-z][a-z_]*(:read|:write)?");

  private static String scope(String scope) {
    if (scope == null) {
      return null;
    }
    String normalised = scope.strip().replaceAll("\\s+", " ");
    if (normalised.isEmpty()) {
      throw new IllegalArgumentException("scope is blank (pass null for the client's default scopes)");
    }
    for (String s : normalised.split(" ")) {
      if (!SCOPE.matcher(s).matches()) {
        throw new IllegalArgumentException("scope \"" + s + "\" is not a Zendesk OAuth scope: use space-separated "
            + "read, write, impersonate or <resource>[:read|:write], for example \"tickets:write users:write read\"");
      }
    }
    return normalised;
  }

  /** The requested scopes, in order (empty: the client's default scopes). */
  public java.util.List<String> scopes() {
    return scope == null ? java.util.List.of() : java.util.List.of(scope.split(" "));
  }

  /**
   * OAuth refresh-token grant: the adapter trades the refresh token for access tokens. Zendesk rotates the
   * refresh token on every refresh and invalidates the previous pair, so the adapter keeps the rotated
   * token in {@link ZendeskConfig#tokenStore()}; {@code refreshToken} only seeds an empty store.
   */
  public static ZendeskAuth refreshToken(String clientId, String clientSecret, String refreshToken) {
    return new ZendeskAuth(Kind.OAUTH_REFRESH_TOKEN, req(clientId, "clientId"),
        req(clientSecret, "clientSecret"), req(refreshToken, "refreshToken"), null, null, null);
  }

  /**
   * Legacy API token, sent as {@code Authorization: Basic base64("{email}/token:{token}")}.
   *
   * <p><b>Deprecated by Zendesk:</b> no account can create API tokens after 2026-10-27 and all API
   * tokens stop working on 2027-04-30 (new accounts lost token creation on 2026-07-28, and tokens unused
   * for 30 days are deactivated). Migrate to {@link #clientCredentials} or {@link #refreshToken}.
   */
  public static ZendeskAuth apiToken(String email, String token) {
    return new ZendeskAuth(Kind.API_TOKEN, null, null, null, null, req(email, "email"), req(token, "token"));
  }

  private static String req(String v, String name) {
    Objects.requireNonNull(v, name);
    if (v.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return v;
  }

  /** The kind of credential. */
  public Kind kind() {
    return kind;
  }

  /** The OAuth client id, or null for an API token. */
  public String clientId() {
    return clientId;
  }

  /** The OAuth client secret, or null. */
  public String clientSecret() {
    return clientSecret;
  }

  /** The initial refresh token, or null. */
  public String refreshToken() {
    return refreshToken;
  }

  /** The requested OAuth scope, or null. */
  public String scope() {
    return scope;
  }

  /** The agent e-mail of an API token, or null. */
  public String email() {
    return email;
  }

  /** The API token, or null. */
  public String apiToken() {
    return apiToken;
  }

  @Override
  public String toString() {
    return "ZendeskAuth[" + kind + (clientId != null ? ", clientId=" + clientId : "") + "]";
  }
}
