package io.github.whatsapphelpdesk.customer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CustomerDirectory} in memory: one map of customers and one of identifiers, under one lock (each
 * call is a handful of hash operations). Grows with the number of customers, like the conversation store.
 */
public final class InMemoryCustomerDirectory implements CustomerDirectory {
  private static final String B = "b:";
  private static final String P = "p:";

  private final Map<CustomerId, Customer> byId = new HashMap<>();
  private final Map<String, CustomerId> aliases = new HashMap<>();

  /** An empty directory. */
  public InMemoryCustomerDirectory() {}

  @Override
  public synchronized Customer resolve(Customer seen) {
    Objects.requireNonNull(seen, "seen");
    CustomerId target = seen.bsuid() == null ? null : aliases.get(B + seen.bsuid());
    if (target == null && seen.phone() != null) {
      CustomerId byPhone = aliases.get(P + seen.phone());
      Customer owner = byPhone == null ? null : byId.get(byPhone);
      // The seen BSUID is unknown here, so an owner with any BSUID is someone else.
      boolean otherPerson = owner != null && seen.bsuid() != null && owner.bsuid() != null;
      if (owner != null && !otherPerson) {
        target = byPhone;
      }
    }
    if (target == null && byId.containsKey(seen.id())) {
      // The natural id is taken by a customer whose phone alias moved on (phone-only sighting of a recycled
      // number, which BSUIDs make rare): keep the id's customer.
      target = seen.id();
    }
    return store(target == null ? seen : byId.get(target).mergedWith(seen));
  }

  @Override
  public synchronized Customer changeBsuid(String previousBsuid, Customer current) {
    Objects.requireNonNull(current, "current");
    CustomerId target = previousBsuid == null ? null : aliases.get(B + previousBsuid);
    if (target == null) {
      return resolve(current);
    }
    CustomerId clash = current.bsuid() == null ? null : aliases.get(B + current.bsuid());
    if (clash != null && !clash.equals(target)) {
      // The new BSUID already has its own record (a message raced the update): fold it into the old one.
      Customer other = byId.remove(clash);
      aliases.values().removeIf(clash::equals);
      current = other.mergedWith(current);
    }
    return store(byId.get(target).mergedWith(current));
  }

  /** Stores {@code c} under its id and points its identifiers at it; a phone number moves to it. */
  private Customer store(Customer c) {
    if (c.phone() != null) {
      CustomerId previous = aliases.put(P + c.phone(), c.id());
      if (previous != null && !previous.equals(c.id())) {
        Customer old = byId.get(previous);
        if (old != null && old.bsuid() != null) {
          byId.put(previous, new Customer(old.id(), old.bsuid(), old.parentBsuid(), null, old.username(),
              old.profileName()));
        }
      }
    }
    if (c.bsuid() != null) {
      aliases.put(B + c.bsuid(), c.id());
    }
    byId.put(c.id(), c);
    return c;
  }

  @Override
  public synchronized Optional<Customer> find(CustomerId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized Optional<Customer> findByBsuid(String bsuid) {
    CustomerId id = aliases.get(B + bsuid);
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized Optional<Customer> findByPhone(String phone) {
    CustomerId id = aliases.get(P + CustomerId.ofPhone(phone).value());
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized boolean erase(CustomerId id) {
    aliases.values().removeIf(id::equals);
    return byId.remove(id) != null;
  }
}
