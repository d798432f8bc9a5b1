package io.github.whatsapphelpdesk.testkit.contract.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.store.SuppressionList;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SuppressionList} meets: suppress and lift report whether they changed the list,
 * customers are keyed by their {@link CustomerId} value (BSUID or canonical wa_id, kept apart), and of
 * concurrent suppressions (or lifts) of one customer exactly one reports the change.
 *
 * <p>Extend it and implement {@link #newList}: an empty list ({@code clock} is there for lists that time
 * their audit records). {@link #dispose} frees what it made.
 */
public abstract class SuppressionListContractTest {
  /** A customer known by number. */
  protected static final CustomerId ALICE = CustomerId.ofPhone("16505551234");
  /** A customer known by BSUID. */
  protected static final CustomerId CAROL = CustomerId.ofBsuid("US.13491208655302741918");

  /** The clock the list may read, fresh for each test. */
  protected MutableClock clock;
  /** The list under test, fresh for each test. */
  protected SuppressionList list;

  @BeforeEach
  void openList() {
    clock = MutableClock.create();
    list = newList(clock);
  }

  @AfterEach
  void closeList() {
    if (list != null) {
      dispose(list);
    }
  }

  /** An empty list on {@code clock}. */
  protected abstract SuppressionList newList(MutableClock clock);

  /** Frees what {@link #newList} made (a schema, a connection). Default: nothing. */
  protected void dispose(SuppressionList list) {}

  @Test
  void suppressAndLiftReportWhetherTheyChangedTheList() {
    assertThat(list.isSuppressed(ALICE)).isFalse();
    assertThat(list.lift(ALICE)).as("not on the list").isFalse();
    assertThat(list.suppress(ALICE, "user_preferences stop")).isTrue();
    assertThat(list.isSuppressed(ALICE)).isTrue();
    assertThat(list.suppress(ALICE, "STOP keyword")).as("already on it").isFalse();
    assertThat(list.lift(ALICE)).isTrue();
    assertThat(list.isSuppressed(ALICE)).isFalse();
    assertThat(list.lift(ALICE)).isFalse();
    assertThat(list.suppress(ALICE, "131050")).as("suppressed again after a lift").isTrue();
    assertThat(list.isSuppressed(ALICE)).isTrue();
  }

  @Test
  void customersAreKeyedByTheirIdValue() {
    assertThat(list.suppress(CustomerId.ofPhone("+1 650-555-1234"), "stop")).isTrue();
    assertThat(list.isSuppressed(ALICE)).as("the same canonical wa_id").isTrue();
    assertThat(list.isSuppressed(new CustomerId(ALICE.value()))).isTrue();
    assertThat(list.isSuppressed(CAROL)).isFalse();
    assertThat(list.isSuppressed(CustomerId.ofPhone("16505551235"))).isFalse();
    assertThat(list.suppress(CAROL, "stop")).isTrue();
    assertThat(list.isSuppressed(CustomerId.ofBsuid("US.13491208655302741918"))).isTrue();
    assertThat(list.isSuppressed(CustomerId.ofBsuid("US.13491208655302741919"))).isFalse();
    assertThat(list.lift(CAROL)).isTrue();
    assertThat(list.isSuppressed(ALICE)).as("lifting one leaves the other").isTrue();
  }

  @Test
  void manyCustomersAreHeldApart() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(list.suppress(CustomerId.ofPhone(Long.toString(4915100000000L + i)), "stop")).isTrue();
    }
    for (int i = 0; i < 1_000; i += 2) {
      assertThat(list.lift(CustomerId.ofPhone(Long.toString(4915100000000L + i)))).isTrue();
    }
    for (int i = 0; i < 1_000; i++) {
      assertThat(list.isSuppressed(CustomerId.ofPhone(Long.toString(4915100000000L + i)))).isEqualTo(i % 2 == 1);
    }
  }

  @Test
  void aNullCustomerIsRefused() {
    assertThatThrownBy(() -> list.suppress(null, "stop")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> list.lift(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> list.isSuppressed(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void ofConcurrentSuppressionsOfOneCustomerOneIsNew() {
    int threads = 8;
    for (int round = 0; round < 100; round++) {
      CustomerId c = round % 2 == 0 ? CustomerId.ofPhone(Long.toString(4915100000000L + round))
          : CustomerId.ofBsuid("US." + (1000 + round));
      List<Boolean> fresh = Race.run(threads, i -> list.suppress(c, "stop " + i));
      assertThat(fresh.stream().filter(b -> b).count()).as("new suppressions of round %d", round).isEqualTo(1);
      assertThat(list.isSuppressed(c)).isTrue();
      List<Boolean> lifted = Race.run(threads, i -> list.lift(c));
      assertThat(lifted.stream().filter(b -> b).count()).as("lifts of round %d", round).isEqualTo(1);
      assertThat(list.isSuppressed(c)).isFalse();
    }
  }
}
