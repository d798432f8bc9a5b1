package io.github.whatsapphelpdesk.testkit.contract.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.CustomerDirectory;
import io.github.whatsapphelpdesk.customer.CustomerId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CustomerDirectory} meets, the rules of its Javadoc: a known BSUID wins, a
 * phone number is attached to the customer it belongs to unless that customer has a different BSUID (then
 * the number changed hands: a new customer, and the number moves to them), {@code user_id_update} keeps
 * the stable id (also when the new BSUID already has its own record), erasure removes every alias, and
 * concurrent sightings of one customer end as one record.
 *
 * <p>Extend it and implement {@link #newDirectory}: an empty directory.
 */
public abstract class CustomerDirectoryContractTest {
  /** A BSUID. */
  protected static final String B1 = "US.13491208655302741918";
  /** Another BSUID. */
  protected static final String B2 = "US.28877700011122233344";
  /** A third BSUID. */
  protected static final String B3 = "GB.39990001112223334445";
  /** A phone number (wa_id form). */
  protected static final String P1 = "14155550101";
  /** The same number as {@link #P1}, as a person types it. */
  protected static final String P1_TYPED = "+1 (415) 555-0101";
  /** Another phone number. */
  protected static final String P2 = "447700900123";

  /** The directory under test, fresh for each test. */
  protected CustomerDirectory directory;

  @BeforeEach
  void openDirectory() {
    directory = newDirectory();
  }

  @AfterEach
  void closeDirectory() {
    if (directory != null) {
      dispose(directory);
    }
  }

  // ---- hooks ------------------------------------------------------------------------------------------

  /** An empty directory. Called before each test. */
  protected abstract CustomerDirectory newDirectory();

  /** Frees what {@link #newDirectory} made. Default: nothing. */
  protected void dispose(CustomerDirectory directory) {}

  private Customer seen(String bsuid, String phone) {
    return Customer.of(bsuid, phone, null, null, null);
  }

  private CustomerId idOfBsuid(String bsuid) {
    return directory.findByBsuid(bsuid).orElseThrow(() -> new AssertionError("BSUID unknown")).id();
  }

  private CustomerId idOfPhone(String phone) {
    return directory.findByPhone(phone).orElseThrow(() -> new AssertionError("phone unknown")).id();
  }

  /** The stored record under each of its aliases is the same and is what {@code c} says. */
  private void assertStored(Customer c) {
    assertThat(directory.find(c.id())).contains(c);
    if (c.bsuid() != null) {
      assertThat(directory.findByBsuid(c.bsuid())).contains(c);
    }
    if (c.phone() != null) {
      assertThat(directory.findByPhone(c.phone())).contains(c);
    }
  }

  // ---- new customers ----------------------------------------------------------------------------------

  @Test
  void aNewCustomerWithABsuidIsKeyedByIt() {
    Customer c = directory.resolve(Customer.of(B1, P1, null, "@jane", "Jane"));
    assertThat(c.id()).isEqualTo(CustomerId.ofBsuid(B1));
    assertThat(c.bsuid()).isEqualTo(B1);
    assertThat(c.phone()).isEqualTo(P1);
    assertThat(c.username()).isEqualTo("@jane");
    assertThat(c.profileName()).isEqualTo("Jane");
    assertStored(c);
    assertThat(directory.findByPhone(P1_TYPED)).as("any number form").contains(c);
  }

  @Test
  void aNewCustomerWithoutABsuidIsKeyedByPhone() {
    Customer c = directory.resolve(Customer.ofPhone(P1_TYPED));
    assertThat(c.id()).isEqualTo(CustomerId.ofPhone(P1));
    assertThat(c.bsuid()).isNull();
    assertStored(c);
  }

  @Test
  void nothingIsFoundInAnEmptyDirectory() {
    assertThat(directory.find(CustomerId.ofBsuid(B1))).isEmpty();
    assertThat(directory.findByBsuid(B1)).isEmpty();
    assertThat(directory.findByPhone(P1)).isEmpty();
    assertThat(directory.erase(CustomerId.ofBsuid(B1))).isFalse();
  }

  @Test
  void resolvingTheSameSightingTwiceChangesNothing() {
    Customer first = directory.resolve(Customer.of(B1, P1, null, "@jane", "Jane"));
    Customer again = directory.resolve(Customer.of(B1, P1, null, "@jane", "Jane"));
    assertThat(again).isEqualTo(first);
    assertStored(first);
  }

  // ---- rule 1: a known BSUID wins ---------------------------------------------------------------------

  @Test
  void aKnownBsuidWins() {
    Customer c = directory.resolve(seen(B1, null));
    Customer withPhone = directory.resolve(seen(B1, P1));
    assertThat(withPhone.id()).isEqualTo(c.id());
    assertThat(withPhone.phone()).isEqualTo(P1);
    assertThat(directory.resolve(seen(B1, null))).as("a later sighting without the number keeps it")
        .isEqualTo(withPhone);
    assertStored(withPhone);
  }

  @Test
  void attributesMergeAndTheNewerWins() {
    directory.resolve(Customer.of(B1, null, null, "@jane", "Jane"));
    Customer c = directory.resolve(Customer.of(B1, P1, null, null, "Jane D."));
    assertThat(c.username()).as("kept when the newer sighting lacks it").isEqualTo("@jane");
    assertThat(c.profileName()).as("renamed").isEqualTo("Jane D.");
    Customer parent = directory.resolve(Customer.of(B1, null, "US.ENT.99887766554433221100", "@jd", null));
    assertThat(parent.parentBsuid()).isEqualTo("US.ENT.99887766554433221100");
    assertThat(parent.username()).isEqualTo("@jd");
    assertThat(parent.profileName()).isEqualTo("Jane D.");
    assertThat(parent.phone()).isEqualTo(P1);
    assertStored(parent);
  }

  // ---- rule 2: a known phone number -------------------------------------------------------------------

  @Test
  void aBsuidIsAttachedToTheCustomerKnownByPhone() {
    Customer byPhone = directory.resolve(Customer.of(null, P1, null, null, "Jane"));
    Customer both = directory.resolve(seen(B1, P1_TYPED));
    assertThat(both.id()).as("the stable id stays the phone number").isEqualTo(byPhone.id());
    assertThat(both.bsuid()).isEqualTo(B1);
    assertThat(both.profileName()).isEqualTo("Jane");
    assertStored(both);
    assertThat(directory.resolve(seen(B1, null)).id()).as("the BSUID alone now finds them").isEqualTo(byPhone.id());
    assertThat(directory.find(CustomerId.ofBsuid(B1))).as("no second record under the BSUID").isEmpty();
  }

  @Test
  void aPhoneOnlySightingFindsTheNumbersOwner() {
    Customer c = directory.resolve(seen(B1, P1));
    assertThat(directory.resolve(Customer.ofPhone(P1_TYPED)).id()).isEqualTo(c.id());
    assertThat(directory.find(CustomerId.ofPhone(P1))).as("no record under the number").isEmpty();
  }

  @Test
  void aNumberHeldBySomeoneWithAnotherBsuidMakesANewCustomerAndMoves() {
    Customer first = directory.resolve(Customer.of(B1, P1, null, "@jane", "Jane"));
    Customer second = directory.resolve(Customer.of(B2, P1, null, null, "Bob"));
    assertThat(second.id()).isEqualTo(CustomerId.ofBsuid(B2)).isNotEqualTo(first.id());
    assertThat(second.username()).as("nothing inherited from the number's old owner").isNull();
    assertThat(second.profileName()).isEqualTo("Bob");
    assertThat(idOfPhone(P1)).as("the number moved to its new owner").isEqualTo(second.id());
    Customer old = directory.find(first.id()).orElseThrow();
    assertThat(old.phone()).as("the old owner no longer has the number").isNull();
    assertThat(old.bsuid()).isEqualTo(B1);
    assertThat(old.username()).isEqualTo("@jane");
    assertThat(idOfBsuid(B1)).isEqualTo(first.id());
    assertStored(second);
    assertStored(old);
  }

  @Test
  void aNumberMovesBackToTheBsuidThatPresentsIt() {
    Customer first = directory.resolve(seen(B1, P1));
    Customer second = directory.resolve(seen(B2, P1));
    Customer back = directory.resolve(seen(B1, P1));
    assertThat(back.id()).isEqualTo(first.id());
    assertThat(back.phone()).isEqualTo(P1);
    assertThat(idOfPhone(P1)).isEqualTo(first.id());
    assertThat(directory.find(second.id()).orElseThrow().phone()).isNull();
  }

  @Test
  void aPhoneKeyedCustomerWithABsuidLosesTheNumberToAnotherBsuid() {
    Customer jane = directory.resolve(seen(null, P1));
    directory.resolve(seen(B1, P1));
    Customer bob = directory.resolve(seen(B2, P1));
    assertThat(bob.id()).isEqualTo(CustomerId.ofBsuid(B2));
    assertThat(idOfPhone(P1)).isEqualTo(bob.id());
    assertThat(idOfBsuid(B1)).as("Jane keeps her stable id").isEqualTo(jane.id());
    assertThat(directory.find(jane.id()).orElseThrow().phone()).isNull();
  }

  // ---- user_id_update ---------------------------------------------------------------------------------

  @Test
  void changeBsuidKeepsTheStableId() {
    Customer jane = directory.resolve(Customer.of(B1, P1, null, "@jane", "Jane"));
    Customer changed = directory.changeBsuid(B1, seen(B2, P2));
    assertThat(changed.id()).isEqualTo(jane.id());
    assertThat(changed.bsuid()).isEqualTo(B2);
    assertThat(changed.phone()).isEqualTo(P2);
    assertThat(changed.username()).isEqualTo("@jane");
    assertStored(changed);
    assertThat(idOfBsuid(B1)).as("the earlier BSUID still finds them").isEqualTo(jane.id());
    assertThat(directory.resolve(seen(B2, null)).id()).isEqualTo(jane.id());
    assertThat(directory.find(CustomerId.ofBsuid(B2))).as("no record under the new BSUID").isEmpty();
  }

  @Test
  void changeBsuidKeepsAPhoneKeyedId() {
    Customer jane = directory.resolve(seen(null, P1));
    directory.resolve(seen(B1, P1));
    Customer changed = directory.changeBsuid(B1, seen(B2, P2));
    assertThat(changed.id()).isEqualTo(jane.id());
    assertThat(idOfBsuid(B2)).isEqualTo(jane.id());
    assertThat(idOfPhone(P2)).isEqualTo(jane.id());
  }

  @Test
  void changeBsuidOfAnUnknownBsuidResolves() {
    Customer c = directory.changeBsuid(B1, Customer.of(B2, P1, null, null, "Jane"));
    assertThat(c.id()).isEqualTo(CustomerId.ofBsuid(B2));
    assertStored(c);
    assertThat(directory.findByBsuid(B1)).isEmpty();
  }

  @Test
  void changeBsuidFoldsTheRecordTheNewBsuidAlreadyHas() {
    Customer jane = directory.resolve(Customer.of(B1, P1, null, null, "Jane"));
    // A message from the new BSUID raced the user_id_update and made its own record.
    Customer raced = directory.resolve(Customer.of(B2, null, null, "@jane2", null));
    assertThat(raced.id()).isEqualTo(CustomerId.ofBsuid(B2));
    Customer merged = directory.changeBsuid(B1, seen(B2, null));
    assertThat(merged.id()).isEqualTo(jane.id());
    assertThat(merged.bsuid()).isEqualTo(B2);
    assertThat(merged.username()).as("what only the raced record knew is kept").isEqualTo("@jane2");
    assertThat(merged.profileName()).isEqualTo("Jane");
    assertThat(merged.phone()).isEqualTo(P1);
    assertThat(directory.find(raced.id())).as("the raced record is gone").isEmpty();
    assertThat(idOfBsuid(B2)).isEqualTo(jane.id());
    assertThat(idOfBsuid(B1)).isEqualTo(jane.id());
    assertStored(merged);
  }

  @Test
  void changeBsuidToTheSameRecordIsHarmless() {
    Customer jane = directory.resolve(seen(B1, P1));
    directory.changeBsuid(B1, seen(B2, null));
    Customer again = directory.changeBsuid(B1, seen(B2, null));
    assertThat(again.id()).isEqualTo(jane.id());
    assertThat(again.bsuid()).isEqualTo(B2);
    assertStored(again);
  }

  // ---- erase ------------------------------------------------------------------------------------------

  @Test
  void eraseRemovesEveryAlias() {
    Customer jane = directory.resolve(Customer.of(B1, P1, null, "@jane", "Jane"));
    directory.changeBsuid(B1, seen(B2, P2));
    assertThat(directory.erase(jane.id())).isTrue();
    assertThat(directory.find(jane.id())).isEmpty();
    assertThat(directory.findByBsuid(B1)).isEmpty();
    assertThat(directory.findByBsuid(B2)).isEmpty();
    assertThat(directory.findByPhone(P2)).isEmpty();
    assertThat(directory.erase(jane.id())).as("already erased").isFalse();
    Customer fresh = directory.resolve(seen(B2, null));
    assertThat(fresh.id()).as("a later sighting starts afresh").isEqualTo(CustomerId.ofBsuid(B2));
    assertThat(fresh.username()).isNull();
    assertThat(fresh.phone()).isNull();
  }

  @Test
  void eraseLeavesOtherCustomersAlone() {
    Customer jane = directory.resolve(seen(B1, P1));
    Customer bob = directory.resolve(Customer.of(B3, P2, null, "@bob", null));
    assertThat(directory.erase(jane.id())).isTrue();
    assertStored(bob);
    assertThat(directory.findByPhone(P1)).isEmpty();
  }

  // ---- races ------------------------------------------------------------------------------------------

  @Test
  void aBsuidSightingAndABsuidWithPhoneSightingRaceToOneRecord() {
    for (int round = 0; round < 100; round++) {
      String bsuid = String.format("US.%020d", 5_000_000L + round);
      String phone = String.format("1415%07d", 1_000_000 + round);
      List<Customer> seen = Race.run(2, i -> directory.resolve(i == 0 ? seen(bsuid, null) : seen(bsuid, phone)));
      assertThat(seen.get(0).id()).as("round %d", round).isEqualTo(seen.get(1).id());
      Customer stored = directory.findByBsuid(bsuid).orElseThrow();
      assertThat(stored.id()).isEqualTo(CustomerId.ofBsuid(bsuid));
      assertThat(stored.phone()).as("round %d", round).isEqualTo(phone);
      assertThat(idOfPhone(phone)).isEqualTo(stored.id());
      assertThat(directory.find(CustomerId.ofPhone(phone))).isEmpty();
    }
  }

  @Test
  void aPhoneSightingAndABsuidWithPhoneSightingRaceToOneRecord() {
    for (int round = 0; round < 100; round++) {
      String bsuid = String.format("US.%020d", 7_000_000L + round);
      String phone = String.format("1415%07d", 2_000_000 + round);
      List<Customer> seen = Race.run(2, i -> directory.resolve(i == 0 ? seen(null, phone) : seen(bsuid, phone)));
      assertThat(seen.get(0).id()).as("round %d", round).isEqualTo(seen.get(1).id());
      assertThat(idOfBsuid(bsuid)).isEqualTo(seen.get(0).id());
      assertThat(idOfPhone(phone)).isEqualTo(seen.get(0).id());
      assertThat(directory.find(seen.get(0).id()).orElseThrow().bsuid()).isEqualTo(bsuid);
    }
  }
}
