package io.github.whatsapphelpdesk.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.spi.AdapterCapability;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapterProvider;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreshdeskAdapterProviderTest {
  private static final String TOKEN = "token-0123456789abcdef";

  @Test
  void serviceLoader_findsFreshdeskProvider() {
    assertThat(ServiceLoader.load(HelpdeskAdapterProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(p -> assertThat(p.id()).isEqualTo("freshdesk"));
  }

  @Test
  void create_fullSettings_buildsConfiguredAdapter() {
    FreshdeskConfig c = FreshdeskAdapterProvider.toConfig(Map.ofEntries(
        Map.entry("DOMAIN", "acme"), Map.entry("API_KEY", "key"), Map.entry("WEBHOOK_TOKENS", TOKEN + ", other-token-0123456789"),
        Map.entry("integration-agent-id", "42"), Map.entry("source", "3"), Map.entry("priority", "HIGH"),
        Map.entry("tags", "whatsapp, wa-br"), Map.entry("conversation_key_field", "cf_conv"),
        Map.entry("terminal_policy", "always_new"), Map.entry("pending_statuses", "3,7"), Map.entry("plan", "pro"),
        Map.entry("max_rate_limit_wait_ms", "2500"), Map.entry("webhook_username", "u"),
        Map.entry("webhook_password", "p")));

    assertThat(c.baseUrl()).isEqualTo("https://acme.freshdesk.com");
    assertThat(c.integrationAgentId()).isEqualTo(42L);
    assertThat(c.source()).isEqualTo(FreshdeskSource.PHONE);
    assertThat(c.priority()).isEqualTo(FreshdeskPriority.HIGH);
    assertThat(c.tags()).containsExactly("whatsapp", "wa-br");
    assertThat(c.terminalPolicy()).isEqualTo(TerminalPolicy.ALWAYS_NEW);
    assertThat(c.pendingStatusCodes()).containsExactlyInAnyOrder(3, 7);
    assertThat(c.rateLimits()).isEqualTo(FreshdeskRateLimits.pro());
    assertThat(c.maxRateLimitWait()).isEqualTo(Duration.ofMillis(2500));
    assertThat(c.webhookTokens()).hasSize(2);
    assertThat(c.toString()).doesNotContain("key", TOKEN, "=p");
    try (HelpdeskAdapter a = new FreshdeskAdapterProvider().create(Map.of("base_url", "http://localhost:1/",
        "api_key", "k", "webhook_tokens", TOKEN))) {
      assertThat(a.id()).isEqualTo("freshdesk");
      assertThat(a.capabilities()).isEqualTo(Set.of(AdapterCapability.NATIVE_ATTACHMENTS, AdapterCapability.REOPEN_TICKETS));
      assertThat(a.maxAttachmentBytes()).isEqualTo(20L * 1024 * 1024);
    }
  }

  @Test
  void create_missingSettings_namesEveryProblem() {
    assertThatThrownBy(() -> new FreshdeskAdapterProvider().create(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("domain or baseUrl").hasMessageContaining("apiKey")
        .hasMessageContaining("webhook secret");
  }

  @Test
  void create_invalidValues_namesKeysWithoutEchoingValues() {
    assertThatThrownBy(() -> FreshdeskAdapterProvider.toConfig(Map.of("domain", "a", "api_key", "k",
        "webhook_tokens", TOKEN, "source", "99", "terminal_policy", "sometimes", "webhook_username", "only")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source is invalid").hasMessageContaining("terminal_policy is invalid")
        .hasMessageContaining("webhook_username and webhook_password")
        .message().doesNotContain(TOKEN);
  }

  @Test
  void build_shortTokenOrBadCustomField_rejected() {
    assertThatThrownBy(() -> FreshdeskConfig.builder().domain("a").apiKey("k").addWebhookToken("short")
        .conversationKeyField("conversation").build())
        .hasMessageContaining("16 characters").hasMessageContaining("must start with cf_");
  }
}
