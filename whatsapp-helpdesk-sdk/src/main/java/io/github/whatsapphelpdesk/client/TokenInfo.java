package io.github.whatsapphelpdesk.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /debug_token} says about an access token.
 *
 * @param appId the app id, or null
 * @param type the token type (for example SYSTEM_USER, USER), or null
 * @param valid {@code is_valid}
 * @param expiresAt the expiry, or null when the token never expires ({@code expires_at: 0})
 * @param scopes the granted permissions
 * @param granularScopes the permissions with the ids they cover ({@code target_ids} lists the WABAs;
 *     empty for admin system users)
 */
public record TokenInfo(String appId, String type, boolean valid, Instant expiresAt, List<String> scopes,
    List<GranularScope> granularScopes) {

  public TokenInfo {
    scopes = List.copyOf(scopes);
    granularScopes = List.copyOf(granularScopes);
  }

  /** The expiry, empty for a token that never expires. */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * One granular scope.
   *
   * @param scope the permission, for example {@code whatsapp_business_messaging}
   * @param targetIds the asset ids it covers (possibly empty)
   */
  public record GranularScope(String scope, List<String> targetIds) {
    public GranularScope {
      targetIds = List.copyOf(targetIds);
    }
  }
}
