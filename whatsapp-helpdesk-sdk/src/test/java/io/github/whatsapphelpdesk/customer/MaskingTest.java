package io.github.whatsapphelpdesk.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void bsuidKeepsCountryAndLastTwo() {
    assertThat(Masking.bsuid("US.13491208655302741918")).isEqualTo("US.*****18");
    assertThat(Masking.bsuid("US.ENT.11815799212886844830")).as("parent: ENT is not revealed").isEqualTo("US.*****30");
    assertThat(Masking.bsuid("US.123")).isEqualTo("US.*****23");
    assertThat(Masking.bsuid("US.12")).as("too short to show anything").isEqualTo("***");
    assertThat(Masking.bsuid(null)).isEqualTo("<none>");
    assertThat(Masking.bsuid("")).isEqualTo("***");
  }

  @Test
  void bsuidMaskHidesTheBodyAndItsLength() {
    Random r = new Random(7);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int n = 0; n < 500; n++) {
      int len = 3 + r.nextInt(128);
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < len; i++) {
        body.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String bsuid = "DE." + body;
      String masked = Masking.bsuid(bsuid);
      assertThat(masked).isEqualTo("DE.*****" + body.substring(len - 2)).hasSize(10);
      assertThat(Masking.identifier(bsuid)).isEqualTo(masked);
    }
  }

  @Test
  void phoneKeepsFirstThreeAndLastTwoDigits() {
    assertThat(Masking.phone("14155550101")).isEqualTo("141******01");
    assertThat(Masking.phone("+1 415 555 0101")).isEqualTo("+141******01");
    assertThat(Masking.phone("12345")).as("short: nothing shown").isEqualTo("*****");
    assertThat(Masking.phone(null)).isEqualTo("<none>");
    Random r = new Random(11);
    for (int n = 0; n < 500; n++) {
      int len = 8 + r.nextInt(8);
      StringBuilder digits = new StringBuilder().append(1 + r.nextInt(9));
      while (digits.length() < len) {
        digits.append(r.nextInt(10));
      }
      String d = digits.toString();
      String masked = Masking.phone(d);
      assertThat(masked).isEqualTo(d.substring(0, 3) + "*".repeat(len - 5) + d.substring(len - 2));
      assertThat(Masking.identifier(d)).isEqualTo(masked);
    }
  }

  @Test
  void namesKeepTheFirstCharacter() {
    assertThat(Masking.name("Jane Doe")).isEqualTo("J***");
    assertThat(Masking.name("J")).isEqualTo("J***");
    assertThat(Masking.name("\uD83D\uDE00 smiley")).as("a whole code point").isEqualTo("\uD83D\uDE00***");
    assertThat(Masking.name("")).isEqualTo("");
    assertThat(Masking.name(null)).isEqualTo("<none>");
  }

  @Test
  void usernamesKeepTheAtSign() {
    assertThat(Masking.username("@jane.doe")).isEqualTo("@j***");
    assertThat(Masking.username("jane.doe")).isEqualTo("j***");
    assertThat(Masking.username("@")).isEqualTo("@");
    assertThat(Masking.username(null)).isEqualTo("<none>");
  }

  @Test
  void identifierOfAnythingElseNeverThrowsNorEchoes() {
    assertThat(Masking.identifier(null)).isEqualTo("<none>");
    assertThat(Masking.identifier("")).isEqualTo("*");
    assertThat(Masking.identifier("secret-token-value")).doesNotContain("secret").doesNotContain("token");
    assertThat(Masking.identifier("us.13491208655302741918")).doesNotContain("4912086553027419");
  }
}
