package io.github.whatsapphelpdesk.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void bsuidsAsMetaDocumentsThem() {
    // Meta's example (Business-scoped user IDs page; also https://developer.8x8.com/release-notes/2026-07-21-business-scoped-user-ids-bsuid):
    // two upper-case letters, a dot, alphanumerics.
    assertThat(Identifiers.isBsuid("US.13491208655302741918")).isTrue();
    assertThat(Identifiers.isBsuid("BR.aB3xZ9")).isTrue();
    assertThat(Identifiers.isBsuid("US.1")).as("shortest").isTrue();
    assertThat(Identifiers.isBsuid("US.ENT.11815799212886844830")).as("parent BSUID").isTrue();
  }

  @Test
  void malformedBsuidsAreRejected() {
    assertThat(Identifiers.isBsuid(null)).isFalse();
    assertThat(Identifiers.isBsuid("")).isFalse();
    assertThat(Identifiers.isBsuid("US.")).as("no body").isFalse();
    assertThat(Identifiers.isBsuid("us.13491208655302741918")).as("lower-case country").isFalse();
    assertThat(Identifiers.isBsuid("U1.1349")).isFalse();
    assertThat(Identifiers.isBsuid("USA.1349")).as("three letters").isFalse();
    assertThat(Identifiers.isBsuid("US-1349")).isFalse();
    assertThat(Identifiers.isBsuid("US.1349.")).as("trailing dot").isFalse();
    assertThat(Identifiers.isBsuid("US.13 49")).isFalse();
    assertThat(Identifiers.isBsuid("US.13:49")).as("a ':' would break composite keys").isFalse();
    assertThat(Identifiers.isBsuid("US.1349é")).isFalse();
    assertThat(Identifiers.isBsuid("14155550101")).as("a phone number").isFalse();
  }

  @Test
  void bsuidLengthIsBounded() {
    String longest = "US." + "1".repeat(Identifiers.MAX_BSUID_BODY);
    assertThat(Identifiers.isBsuid(longest)).isTrue();
    assertThat(Identifiers.isBsuid(longest + "1")).isFalse();
  }

  @Test
  void parentBsuids() {
    assertThat(Identifiers.isParentBsuid("US.ENT.11815799212886844830")).isTrue();
    assertThat(Identifiers.isParentBsuid("US.13491208655302741918")).isFalse();
    assertThat(Identifiers.isParentBsuid("US.ENT")).as("ENT is the body here, not a prefix").isFalse();
    assertThat(Identifiers.isParentBsuid("US.ENT.")).isFalse();
    assertThat(Identifiers.isParentBsuid(null)).isFalse();
  }

  @Test
  void waIds() {
    assertThat(Identifiers.isWaId("14155550101")).isTrue();
    assertThat(Identifiers.isWaId("12345678")).as("8 digits").isTrue();
    assertThat(Identifiers.isWaId("123456789012345")).as("15 digits").isTrue();
    assertThat(Identifiers.isWaId("1234567")).isFalse();
    assertThat(Identifiers.isWaId("1234567890123456")).isFalse();
    assertThat(Identifiers.isWaId("04155550101")).as("leading zero").isFalse();
    assertThat(Identifiers.isWaId("+14155550101")).as("E.164 with +").isFalse();
    assertThat(Identifiers.isWaId("1415 555 0101")).isFalse();
    assertThat(Identifiers.isWaId("1415555010١")).as("non-ASCII digit").isFalse();
    assertThat(Identifiers.isWaId(null)).isFalse();
  }
}
