package io.github.whatsapphelpdesk.store;

import io.github.whatsapphelpdesk.customer.CustomerId;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory {@link SuppressionList}: lost on restart, so use a durable one in production. Thread-safe. */
public final class InMemorySuppressionList implements SuppressionList {
  private final Set<CustomerId> suppressed = ConcurrentHashMap.newKeySet();

  /** An empty list. */
  public InMemorySuppressionList() {}

  @Override
  public boolean suppress(CustomerId customer, String reason) {
    return suppressed.add(Objects.requireNonNull(customer, "customer"));
  }

  @Override
  public boolean lift(CustomerId customer) {
    return suppressed.remove(Objects.requireNonNull(customer, "customer"));
  }

  @Override
  public boolean isSuppressed(CustomerId customer) {
    return suppressed.contains(Objects.requireNonNull(customer, "customer"));
  }

  /** How many customers are suppressed. */
  public int size() {
    return suppressed.size();
  }
}
