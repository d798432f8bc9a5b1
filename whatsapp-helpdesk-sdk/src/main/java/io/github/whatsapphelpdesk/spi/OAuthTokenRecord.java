package io.github.whatsapphelpdesk.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One OAuth client's tokens as an {@link OAuthTokenStore} keeps them. Immutable; {@code toString()} never
 * shows a token.
 *
 * @param refreshToken the refresh token to spend next (never null)
 * @param accessToken the newest access token, or null when none is known
 * @param accessTokenExpiresAt when the access token expires, or null when unknown (no expiry announced)
 * @param origin a fingerprint of the configured refresh token this record descends from (lets an adapter
 *     notice that an operator configured a new token), or null
 * @param refreshingBy the instance currently refreshing, or null when nobody is
 * @param refreshingUntil until when that instance's lease holds, or null
 * @param version the store's version of the record (1 after the first write; ignored when writing)
 * @param updatedAt when the record was written
 */
public record OAuthTokenRecord(String refreshToken, String accessToken, Instant accessTokenExpiresAt,
    String origin, String refreshingBy, Instant refreshingUntil, long version, Instant updatedAt) {

  /** Validates the record. */
  public OAuthTokenRecord {
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (refreshToken.isBlank()) {
      throw new IllegalArgumentException("refreshToken is blank");
    }
    if ((refreshingBy == null) != (refreshingUntil == null)) {
      throw new IllegalArgumentException("refreshingBy and refreshingUntil are set together");
    }
  }

  /** True when an instance holds an unexpired refresh lease at {@code now}. */
  public boolean refreshing(Instant now) {
    return refreshingBy != null && now.isBefore(refreshingUntil);
  }

  /** This record with a refresh lease for {@code owner} until {@code until}. */
  public OAuthTokenRecord withLease(String owner, Instant until, Instant now) {
    return new OAuthTokenRecord(refreshToken, accessToken, accessTokenExpiresAt, origin,
        Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(until, "until"), version, now);
  }

  /** This record without a refresh lease. */
  public OAuthTokenRecord withoutLease(Instant now) {
    return new OAuthTokenRecord(refreshToken, accessToken, accessTokenExpiresAt, origin, null, null, version, now);
  }

  @Override
  public String toString() {
    return "OAuthTokenRecord[version=" + version + ", accessTokenExpiresAt=" + accessTokenExpiresAt
        + ", refreshingBy=" + refreshingBy + ", refreshingUntil=" + refreshingUntil + ", updatedAt=" + updatedAt + "]";
  }
}
