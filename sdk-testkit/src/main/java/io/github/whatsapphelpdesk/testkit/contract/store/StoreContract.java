package io.github.whatsapphelpdesk.testkit.contract.store;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The life of the store under test in a store contract kit: before each test a fresh {@link MutableClock}
 * at {@link MutableClock#DEFAULT_START} and a fresh, empty store from {@link #newStore}; after it,
 * {@link #dispose} (so a SQL implementation can drop its schema).
 *
 * @param <S> the store SPI under test
 */
public abstract class StoreContract<S> {
  /** The clock the store reads, fresh for each test. */
  protected MutableClock clock;
  /** The store under test, fresh for each test. */
  protected S store;

  /** Creates the clock and the store. */
  @BeforeEach
  void openStore() {
    clock = MutableClock.create();
    store = newStore(clock);
  }

  /** Disposes of the store. */
  @AfterEach
  void closeStore() {
    if (store != null) {
      dispose(store);
    }
  }

  /** An empty store reading {@code clock} for every time it records or compares. Called before each test. */
  protected abstract S newStore(MutableClock clock);

  /** Frees what {@link #newStore} made (a schema, a connection). Default: nothing. */
  protected void dispose(S store) {}
}
