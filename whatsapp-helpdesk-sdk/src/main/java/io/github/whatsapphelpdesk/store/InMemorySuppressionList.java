package io.github.whatsapphelpdesk.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory {@link SuppressionList}: lost on restart, so use a durable one in production. */
public final class InMemorySuppressionList implements SuppressionList {
  private final Set<String> suppressed = ConcurrentHashMap.newKeySet();

  @Override
  public boolean suppress(String canonicalWaId, String reason) {
    return suppressed.add(canonicalWaId);
  }

  @Override
  public boolean lift(String canonicalWaId) {
    return suppressed.remove(canonicalWaId);
  }

  @Override
  public boolean isSuppressed(String canonicalWaId) {
    return suppressed.contains(canonicalWaId);
  }

  /** How many customers are suppressed. */
  public int size() {
    return suppressed.size();
  }
}
