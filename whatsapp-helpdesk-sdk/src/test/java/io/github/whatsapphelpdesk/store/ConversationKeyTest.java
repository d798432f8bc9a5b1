package io.github.whatsapphelpdesk.store;

import io.github.whatsapphelpdesk.customer.CustomerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConversationKeyTest {

  @Test
  void formatAndParse_roundTrip_equal() {
    ConversationKey key = new ConversationKey("1234567890", CustomerId.ofPhone("5511987654321"), 3);
    assertThat(key.format()).isEqualTo("wa:1234567890:5511987654321:3");
    assertThat(ConversationKey.parse(key.format())).isEqualTo(key);
  }

  @Test
  void of_brazilianNumberWithoutNinthDigit_canonicalised() {
    ConversationKey a = ConversationKey.of("111", "+55 11 8765-4321", 1);
    ConversationKey b = ConversationKey.of("111", "5511987654321", 1);
    assertThat(a).isEqualTo(b);
    assertThat(a.customer().value()).isEqualTo("5511987654321");
  }

  @Test
  void parse_malformed_throwsWithoutEchoingNumber() {
    assertThatThrownBy(() -> ConversationKey.parse("x:1:5511987654321:1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("5511987654321");
    assertThatThrownBy(() -> ConversationKey.parse("wa:1:5511987654321"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wa:<phone_number_id>");
    assertThatThrownBy(() -> ConversationKey.parse("wa:1:5511987654321:x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("episode");
    assertThatThrownBy(() -> ConversationKey.parse("wa:1:5511987654321:0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("episode");
    assertThatThrownBy(() -> ConversationKey.parse("wa:1:+5511987654321:1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digits");
  }

  @Test
  void aUsernameOnlyCustomerIsKeyedByBsuid() {
    ConversationKey key = new ConversationKey("1234567890", CustomerId.ofBsuid("US.13491208655302741918"), 1);
    assertThat(key.format()).isEqualTo("wa:1234567890:US.13491208655302741918:1");
    assertThat(ConversationKey.parse(key.format())).isEqualTo(key);
    assertThat(key.toString()).doesNotContain("13491208655302741918");
  }

  @Test
  void toString_masksNumber() {
    ConversationKey key = new ConversationKey("1234567890", CustomerId.ofPhone("5511987654321"), 2);
    assertThat(key.toString()).doesNotContain("5511987654321").startsWith("wa:1234567890:").endsWith(":2");
    assertThat(key.nextEpisode().episode()).isEqualTo(3);
  }
}
