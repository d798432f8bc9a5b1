package io.github.whatsapphelpdesk.crm.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.github.whatsapphelpdesk.crm.JwksSource;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches a {@link JwksSource}'s key set: refreshed after {@code ttl}, or early when a token names an
 * unknown key id (at most once per {@code minRefresh}). A failed refresh keeps the last good set. Not API.
 */
public final class JwksCache {
  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

  private final JwksSource source;
  private final Clock clock;
  private final Duration ttl;
  private final Duration minRefresh;
  private JWKSet keys;
  private Instant fetchedAt;

  public JwksCache(JwksSource source, Clock clock, Duration ttl, Duration minRefresh) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.minRefresh = Objects.requireNonNull(minRefresh, "minRefresh");
  }

  /**
   * The keys that may verify a token with this key id (all keys when {@code keyId} is null).
   *
   * @throws HelpdeskUnavailableException when no key set could ever be fetched
   */
  public synchronized List<JWK> candidates(String keyId) {
    Instant now = clock.instant();
    if (keys == null || !now.isBefore(fetchedAt.plus(ttl))) {
      refresh(now);
    }
    List<JWK> found = select(keyId);
    if (found.isEmpty() && keyId != null && !now.isBefore(fetchedAt.plus(minRefresh))) {
      refresh(now);
      found = select(keyId);
    }
    return found;
  }

  private List<JWK> select(String keyId) {
    return keyId == null ? keys.getKeys() : keys.getKeys().stream()
        .filter(k -> keyId.equals(k.getKeyID())).toList();
  }

  private void refresh(Instant now) {
    try {
      keys = JWKSet.parse(source.fetch());
      fetchedAt = now;
    } catch (ParseException | RuntimeException e) {
      if (keys == null) {
        throw new HelpdeskUnavailableException("custom-crm", 0,
            "the JWKS to verify agent-reply tokens could not be loaded", e);
      }
      LOG.debug("JWKS refresh failed; keeping the last key set: {}", e.toString());
      fetchedAt = now;
    }
  }
}
