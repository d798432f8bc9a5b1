package io.github.whatsapphelpdesk.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.ValidationException;
import org.junit.jupiter.api.Test;

class CustomerTest {
  private static final String B1 = "US.13491208655302741918";
  private static final String B2 = "US.28877700011122233344";
  private static final String PARENT = "US.ENT.11815799212886844830";

  @Test
  void naturalIdIsTheBsuidWhenKnown() {
    Customer c = Customer.of(B1, "+1 415 555 0101", PARENT, "@jane", "Jane");
    assertThat(c.id()).isEqualTo(CustomerId.ofBsuid(B1));
    assertThat(c.bsuid()).isEqualTo(B1);
    assertThat(c.parentBsuid()).isEqualTo(PARENT);
    assertThat(c.phone()).as("canonical wa_id").isEqualTo("14155550101");
    assertThat(c.username()).isEqualTo("@jane");
    assertThat(c.profileName()).isEqualTo("Jane");
  }

  @Test
  void naturalIdIsThePhoneOtherwise() {
    Customer c = Customer.ofPhone("+1 415 555 0101");
    assertThat(c.id()).isEqualTo(CustomerId.ofPhone("14155550101"));
    assertThat(c.bsuid()).isNull();
    assertThat(Customer.of("  ", "14155550101", "", " ", "").id()).as("blank means absent")
        .isEqualTo(c.id());
    assertThat(Customer.of("  ", "14155550101", "", " ", "").username()).isNull();
  }

  @Test
  void aCustomerNeedsAnIdentifier() {
    assertThatThrownBy(() -> Customer.of(null, null, null, "@jane", "Jane")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("BSUID or a phone number");
    assertThatThrownBy(() -> Customer.of(" ", "", null, null, null)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new Customer(CustomerId.ofBsuid(B1), null, null, null, null, null))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void malformedIdentifiersAreTypedErrorsThatDoNotLeak() {
    assertThatThrownBy(() -> Customer.of("us.13491208655302741918", null, null, null, null))
        .isInstanceOf(ValidationException.class).hasMessageNotContaining("13491208655302741918");
    assertThatThrownBy(() -> Customer.of(B1, null, "not a bsuid 12345678", null, null))
        .isInstanceOf(ValidationException.class).hasMessageNotContaining("12345678");
    assertThatThrownBy(() -> Customer.of(B1, "0415 555 0101", null, null, null))
        .isInstanceOf(ValidationException.class).hasMessageNotContaining("5550101");
    assertThatThrownBy(() -> new Customer(null, B1, null, null, null, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void sendAddressPrefersThePhone() {
    // Meta: when both `to` and `recipient` are given, `to` wins; send by BSUID only without a number.
    assertThat(Customer.of(B1, "14155550101", null, null, null).sendAddress()).isEqualTo("14155550101");
    assertThat(Customer.ofBsuid(B1).sendAddress()).isEqualTo(B1);
    assertThat(Customer.ofPhone("+1 415 555 0101").sendAddress()).isEqualTo("14155550101");
  }

  @Test
  void phoneAccessors() {
    Customer both = Customer.of(B1, "14155550101", null, null, null);
    assertThat(both.hasPhone()).isTrue();
    assertThat(both.phoneE164()).contains("+14155550101");
    assertThat(Customer.ofBsuid(B1).hasPhone()).isFalse();
    assertThat(Customer.ofBsuid(B1).phoneE164()).isEmpty();
  }

  @Test
  void mergedWithFillsInAndPrefersTheNewer() {
    Customer known = Customer.of(null, "14155550101", null, "@jane", "Jane");
    Customer seen = Customer.of(B1, null, PARENT, null, "Jane D.");
    Customer merged = known.mergedWith(seen);
    assertThat(merged.id()).as("the id is kept").isEqualTo(known.id());
    assertThat(merged.bsuid()).isEqualTo(B1);
    assertThat(merged.parentBsuid()).isEqualTo(PARENT);
    assertThat(merged.phone()).as("kept when the newer lacks it").isEqualTo("14155550101");
    assertThat(merged.username()).isEqualTo("@jane");
    assertThat(merged.profileName()).isEqualTo("Jane D.");
    Customer changed = merged.mergedWith(Customer.of(B2, "447700900123", null, "@jd", null));
    assertThat(changed.bsuid()).as("a changed BSUID replaces the old").isEqualTo(B2);
    assertThat(changed.phone()).isEqualTo("447700900123");
    assertThat(changed.username()).isEqualTo("@jd");
    assertThat(changed.profileName()).isEqualTo("Jane D.");
    assertThat(changed.id()).isEqualTo(known.id());
    assertThatThrownBy(() -> known.mergedWith(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void withIdKeepsEverythingElse() {
    Customer c = Customer.of(B1, "14155550101", PARENT, "@jane", "Jane");
    Customer moved = c.withId(CustomerId.ofPhone("14155550101"));
    assertThat(moved.id()).isEqualTo(CustomerId.ofPhone("14155550101"));
    assertThat(moved).isEqualTo(new Customer(moved.id(), B1, PARENT, "14155550101", "@jane", "Jane"));
  }

  @Test
  void displayName() {
    assertThat(Customer.of(B1, null, null, "@jane", "Jane").displayName()).isEqualTo("Jane");
    assertThat(Customer.of(B1, null, null, "@jane", null).displayName()).isEqualTo("@jane");
    assertThat(Customer.ofBsuid(B1).displayName()).as("masked, never the raw id").isEqualTo("US.*****18");
    assertThat(Customer.ofPhone("14155550101").displayName()).isEqualTo("141******01");
  }

  @Test
  void toStringMasksEveryField() {
    Customer c = Customer.of(B1, "14155550101", PARENT, "@jane.doe", "Jane Doe");
    String s = c.toString();
    assertThat(s).isEqualTo("Customer[id=US.*****18, bsuid=US.*****18, phone=141******01, username=@j***,"
        + " profileName=J***]");
    assertThat(s).doesNotContain("1349120865530274191").doesNotContain("1181579921288684483")
        .doesNotContain("4155550101").doesNotContain("jane").doesNotContain("Doe");
    assertThat(Customer.ofBsuid(B1).toString()).contains("phone=<none>").contains("username=<none>");
  }
}
