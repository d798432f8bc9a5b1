package io.github.whatsapphelpdesk.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.ValidationException;
import org.junit.jupiter.api.Test;

class CustomerIdTest {
  private static final String BSUID = "US.13491208655302741918";

  @Test
  void ofBsuid() {
    CustomerId id = CustomerId.ofBsuid(BSUID);
    assertThat(id.value()).isEqualTo(BSUID);
    assertThat(id.isBsuid()).isTrue();
    assertThat(id.isPhone()).isFalse();
    assertThat(CustomerId.ofBsuid("US.ENT.11815799212886844830").isBsuid()).as("parent").isTrue();
  }

  @Test
  void ofPhoneCanonicalises() {
    CustomerId id = CustomerId.ofPhone("+1 (415) 555-0101");
    assertThat(id.value()).isEqualTo("14155550101");
    assertThat(id.isPhone()).isTrue();
    assertThat(id.isBsuid()).isFalse();
    assertThat(id).isEqualTo(CustomerId.ofPhone("0014155550101")).isEqualTo(new CustomerId("14155550101"));
    // Brazilian mobile without the ninth digit: one key for both forms.
    assertThat(CustomerId.ofPhone("551187654321")).isEqualTo(CustomerId.ofPhone("5511987654321"));
  }

  @Test
  void invalidIdsAreTypedErrorsThatDoNotLeakTheValue() {
    assertThatThrownBy(() -> CustomerId.ofBsuid("us.13491208655302741918"))
        .isInstanceOf(ValidationException.class).hasMessageNotContaining("13491208655302741918");
    assertThatThrownBy(() -> CustomerId.ofBsuid("14155550101")).isInstanceOf(ValidationException.class)
        .hasMessageNotContaining("14155550101");
    assertThatThrownBy(() -> new CustomerId("+14155550101")).as("the record holds only the canonical form")
        .isInstanceOf(ValidationException.class).hasMessageNotContaining("4155550101");
    assertThatThrownBy(() -> new CustomerId("US.1349:x")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> CustomerId.ofPhone("12")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> CustomerId.ofBsuid(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new CustomerId(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void parse() {
    assertThat(CustomerId.parse(BSUID)).isEqualTo(CustomerId.ofBsuid(BSUID));
    assertThat(CustomerId.parse("14155550101")).isEqualTo(CustomerId.ofPhone("14155550101"));
    assertThat(CustomerId.parse("+1 415 555 0101")).isEqualTo(CustomerId.ofPhone("14155550101"));
    assertThat(CustomerId.parse(CustomerId.ofBsuid(BSUID).value())).as("round trip").isEqualTo(CustomerId.ofBsuid(BSUID));
  }

  @Test
  void parseOfNeitherNamesBothForms() {
    assertThatThrownBy(() -> CustomerId.parse("us.13491208655302741918"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Invalid customer id").hasMessageContaining("BSUID")
        .hasMessageNotContaining("13491208655302741918");
    assertThatThrownBy(() -> CustomerId.parse("")).isInstanceOf(ValidationException.class);
  }

  @Test
  void textFormNeverHoldsAColon() {
    assertThat(CustomerId.ofBsuid("US.ENT.aB.9").value()).doesNotContain(":");
    assertThat(CustomerId.ofPhone("+44 7700 900123").value()).doesNotContain(":");
  }

  @Test
  void toStringIsMasked() {
    assertThat(CustomerId.ofBsuid(BSUID).toString()).isEqualTo("CustomerId[US.*****18]")
        .doesNotContain("1349120865530274191");
    assertThat(CustomerId.ofPhone("14155550101").toString()).isEqualTo("CustomerId[141******01]");
    assertThat(CustomerId.ofPhone("14155550101").masked()).isEqualTo("141******01");
  }
}
