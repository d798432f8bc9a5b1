package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.spi.AdapterCapability;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapterProvider;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ZendeskAdapterProviderTest {

  @Test
  void serviceLoader_findsZendeskProvider() {
    assertThat(ServiceLoader.load(HelpdeskAdapterProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(p -> assertThat(p.id()).isEqualTo("zendesk"));
  }

  @Test
  void create_fullOAuthSettings_buildsAdapter() {
    ZendeskConfig c = ZendeskAdapterProvider.toConfig(Map.of("subdomain", "acme", "client_id", "id",
        "client_secret", "sec", "scope", "read write", "webhook_secrets", "a, b", "wa_id_field_id", "360001",
        "requests_per_minute", "700", "extra_tags", "wa_de,inbound", "webhook_tolerance_seconds", "120",
        "max_download_bytes", "1048576"));
    assertThat(c.baseUrl().toString()).isEqualTo("https://acme.zendesk.com");
    assertThat(c.tokenUrl().toString()).isEqualTo("https://acme.zendesk.com/oauth/tokens");
    assertThat(c.auth().kind()).isEqualTo(ZendeskAuth.Kind.OAUTH_CLIENT_CREDENTIALS);
    assertThat(c.webhookSecrets()).containsExactly("a", "b");
    assertThat(c.waIdFieldId()).isEqualTo(360001L);
    assertThat(c.limits().requestsPerMinute()).isEqualTo(700);
    assertThat(c.extraTags()).containsExactly("wa_de", "inbound");
    assertThat(c.webhookTolerance()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.maxDownloadBytes()).isEqualTo(1_048_576L);
    try (HelpdeskAdapter a = new ZendeskAdapterProvider().create(Map.of("subdomain", "acme", "email", "a@b.c",
        "api_token", "t"))) {
      assertThat(a.id()).isEqualTo("zendesk");
      assertThat(a.capabilities()).contains(AdapterCapability.IDEMPOTENT_CREATE, AdapterCapability.FOLLOW_UP_TICKETS);
    }
  }

  @Test
  void create_missingAndInvalidSettings_namesEveryProblem() {
    assertThatThrownBy(() -> ZendeskAdapterProvider.toConfig(Map.of("auth", "oauth_refresh_token",
        "client_id", "x", "wa_id_field_id", "abc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subdomain or base_url is required")
        .hasMessageContaining("client_secret is required")
        .hasMessageContaining("refresh_token is required")
        .hasMessageContaining("wa_id_field_id must be a whole number");
  }

  @Test
  void builder_invalidValues_rejected() {
    assertThatThrownBy(() -> ZendeskConfig.builder().subdomain("bad domain")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ZendeskConfig.builder().build()).hasMessageContaining("auth is required");
    assertThatThrownBy(() -> ZendeskConfig.builder().subdomain("a").auth(ZendeskAuth.apiToken("e", "t"))
        .channelTag("two words").build()).hasMessageContaining("channelTag");
    assertThatThrownBy(() -> ZendeskAuth.clientCredentials("id", " ", null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_invalidLimits_namesEveryProblemInOneException() {
    assertThatThrownBy(() -> ZendeskConfig.builder().subdomain("a").auth(ZendeskAuth.apiToken("e", "t"))
        .requestsPerMinute(0).coalesceBelowFraction(1.5).maxRateLimitRetries(-1).maxAttachmentBytes(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate limits must be positive")
        .hasMessageContaining("coalesceBelowFraction")
        .hasMessageContaining("maxRateLimitRetries")
        .hasMessageContaining("maxAttachmentBytes");
    assertThatThrownBy(() -> new ZendeskLimits(700, 100, 30, 0.2, 0, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetryWait");
  }

  @Test
  void builder_limitsRecord_setsAllAndSettersOverrideOne() {
    ZendeskLimits enterprise = new ZendeskLimits(700, 300, 30, 0.3, 2, Duration.ofSeconds(5));
    ZendeskConfig c = ZendeskConfig.builder().subdomain("acme").auth(ZendeskAuth.apiToken("e", "t"))
        .limits(enterprise).updatesPerTicketPer10Minutes(20).build();

    assertThat(c.limits()).isEqualTo(new ZendeskLimits(700, 300, 20, 0.3, 2, Duration.ofSeconds(5)));
    assertThat(ZendeskConfig.builder().subdomain("acme").auth(ZendeskAuth.apiToken("e", "t")).build().limits())
        .isEqualTo(ZendeskLimits.defaults());
  }

  @Test
  void toBuilder_roundTrip_keepsValues() {
    ZendeskConfig c = ZendeskConfig.builder().subdomain("acme").auth(ZendeskAuth.apiToken("e", "t"))
        .addWebhookSecret("s").ticketUpdatesPerMinute(300).build();
    ZendeskConfig copy = c.toBuilder().build();
    assertThat(copy.limits().ticketUpdatesPerMinute()).isEqualTo(300);
    assertThat(copy.webhookSecrets()).containsExactly("s");
    assertThat(copy.baseUrl()).isEqualTo(c.baseUrl());
  }

  @Test
  void malformedScopeAndBudgetReserve_areNamed() {
    assertThatThrownBy(() -> new ZendeskAdapterProvider().create(java.util.Map.of("subdomain", "acme",
        "client_id", "id", "client_secret", "sec", "scope", "read,write", "account_budget_reserve", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope \"read,write\"")
        .hasMessageContaining("account_budget_reserve");
  }
}
