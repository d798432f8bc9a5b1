package io.github.whatsapphelpdesk.testkit.contract.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.store.SuppressionList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SuppressionList} meets: suppress and lift report whether they changed the list,
 * customers are keyed by their {@link CustomerId} value (BSUID or canonical wa_id, kept apart), and of
 * concurrent suppressions (or lifts) of one customer exactly one reports the change.
 *
 * <p>Extend it and implement {@link #newStore}: an empty list ({@code clock} is there for lists that time
 * their audit records). {@link #dispose} frees what it made.
 */
public abstract class SuppressionListContractTest extends StoreContract<SuppressionList> {
  /** A customer known by number. */
  protected static final CustomerId ALICE = CustomerId.ofPhone("16505551234");
  /** A customer known by BSUID. */
  protected static final CustomerId CAROL = CustomerId.ofBsuid("US.13491208655302741918");

  @Test
  void suppressAndLiftReportWhetherTheyChangedTheList() {
    assertThat(store.isSuppressed(ALICE)).isFalse();
    assertThat(store.lift(ALICE)).as("not on the list").isFalse();
    assertThat(store.suppress(ALICE, "user_preferences stop")).isTrue();
    assertThat(store.isSuppressed(ALICE)).isTrue();
    assertThat(store.suppress(ALICE, "STOP keyword")).as("already on it").isFalse();
    assertThat(store.lift(ALICE)).isTrue();
    assertThat(store.isSuppressed(ALICE)).isFalse();
    assertThat(store.lift(ALICE)).isFalse();
    assertThat(store.suppress(ALICE, "131050")).as("suppressed again after a lift").isTrue();
    assertThat(store.isSuppressed(ALICE)).isTrue();
  }

  @Test
  void customersAreKeyedByTheirIdValue() {
    assertThat(store.suppress(CustomerId.ofPhone("+1 650-555-1234"), "stop")).isTrue();
    assertThat(store.isSuppressed(ALICE)).as("the same canonical wa_id").isTrue();
    assertThat(store.isSuppressed(new CustomerId(ALICE.value()))).isTrue();
    assertThat(store.isSuppressed(CAROL)).isFalse();
    assertThat(store.isSuppressed(CustomerId.ofPhone("16505551235"))).isFalse();
    assertThat(store.suppress(CAROL, "stop")).isTrue();
    assertThat(store.isSuppressed(CustomerId.ofBsuid("US.13491208655302741918"))).isTrue();
    assertThat(store.isSuppressed(CustomerId.ofBsuid("US.13491208655302741919"))).isFalse();
    assertThat(store.lift(CAROL)).isTrue();
    assertThat(store.isSuppressed(ALICE)).as("lifting one leaves the other").isTrue();
  }

  @Test
  void manyCustomersAreHeldApart() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(store.suppress(CustomerId.ofPhone(Long.toString(4915100000000L + i)), "stop")).isTrue();
    }
    for (int i = 0; i < 1_000; i += 2) {
      assertThat(store.lift(CustomerId.ofPhone(Long.toString(4915100000000L + i)))).isTrue();
    }
    for (int i = 0; i < 1_000; i++) {
      assertThat(store.isSuppressed(CustomerId.ofPhone(Long.toString(4915100000000L + i)))).isEqualTo(i % 2 == 1);
    }
  }

  @Test
  void aNullCustomerIsRefused() {
    assertThatThrownBy(() -> store.suppress(null, "stop")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.lift(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.isSuppressed(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void ofConcurrentSuppressionsOfOneCustomerOneIsNew() {
    int threads = 8;
    for (int round = 0; round < 100; round++) {
      CustomerId c = round % 2 == 0 ? CustomerId.ofPhone(Long.toString(4915100000000L + round))
          : CustomerId.ofBsuid("US." + (1000 + round));
      List<Boolean> fresh = Race.run(threads, i -> store.suppress(c, "stop " + i));
      assertThat(fresh.stream().filter(b -> b).count()).as("new suppressions of round %d", round).isEqualTo(1);
      assertThat(store.isSuppressed(c)).isTrue();
      List<Boolean> lifted = Race.run(threads, i -> store.lift(c));
      assertThat(lifted.stream().filter(b -> b).count()).as("lifts of round %d", round).isEqualTo(1);
      assertThat(store.isSuppressed(c)).isFalse();
    }
  }
}
