package io.github.whatsapphelpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.ValidationException;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

  @Test
  void toE164_variousFormats_normalised() {
    assertThat(PhoneNumbers.toE164("+49 151 2345-6789")).isEqualTo("+4915123456789");
    assertThat(PhoneNumbers.toE164("0049 (151) 23456789")).isEqualTo("+4915123456789");
    assertThat(PhoneNumbers.toE164("16505551234")).isEqualTo("+16505551234");
    assertThat(PhoneNumbers.waId("+1 650.555.1234")).isEqualTo("16505551234");
  }

  @Test
  void toE164_invalid_namedProblem() {
    assertThatThrownBy(() -> PhoneNumbers.toE164("0151 2345678"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("country code");
    assertThatThrownBy(() -> PhoneNumbers.toE164("+12"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("8 to 15 digits");
    assertThatThrownBy(() -> PhoneNumbers.toE164("+1650555abcd"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("'a'");
    assertThatThrownBy(() -> PhoneNumbers.toE164(null)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> PhoneNumbers.toE164("+1234567890123456"))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void canonicalWaId_brazilNinthDigit_bothVariantsOneKey() {
    assertThat(PhoneNumbers.canonicalWaId("551191234567")).isEqualTo("5511991234567");
    assertThat(PhoneNumbers.canonicalWaId("+55 11 99123-4567")).isEqualTo("5511991234567");
    // Landlines (starting 2-5) keep 8 digits.
    assertThat(PhoneNumbers.canonicalWaId("551131234567")).isEqualTo("551131234567");
  }

  @Test
  void canonicalWaId_mexicoOldMobilePrefix_removed() {
    assertThat(PhoneNumbers.canonicalWaId("5215512345678")).isEqualTo("525512345678");
    assertThat(PhoneNumbers.canonicalWaId("525512345678")).isEqualTo("525512345678");
  }

  @Test
  void waId_plainDigitsFastPathAgreesWithTheFullNormalisation() {
    java.util.Random rnd = new java.util.Random(42);
    for (int n = 0; n < 2_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 6 + rnd.nextInt(12);
      for (int i = 0; i < len; i++) {
        sb.append((char) ('0' + rnd.nextInt(10)));
      }
      String raw = sb.toString();
      String viaE164;
      try {
        viaE164 = PhoneNumbers.toE164(raw).substring(1);
      } catch (ValidationException e) {
        assertThatThrownBy(() -> PhoneNumbers.waId(raw))
            .isInstanceOf(ValidationException.class);
        continue;
      }
      assertThat(PhoneNumbers.waId(raw)).isEqualTo(viaE164);
    }
    String plain = "4915123456789";
    assertThat(PhoneNumbers.waId(plain)).isSameAs(plain);
    assertThat(PhoneNumbers.canonicalWaId("551187654321")).isEqualTo("5511987654321");
  }

  @Test
  void mask_hidesMiddleDigits() {
    assertThat(PhoneNumbers.mask("+4915123456789")).isEqualTo("+491********89");
    assertThat(PhoneNumbers.mask("16505551234")).isEqualTo("165******34");
    assertThat(PhoneNumbers.mask(null)).isEqualTo("<none>");
    assertThat(PhoneNumbers.mask("123")).isEqualTo("***");
  }
}
