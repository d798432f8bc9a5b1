package io.github.whatsapphelpdesk.freshdesk.fake;

import io.github.whatsapphelpdesk.freshdesk.FreshdeskConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;

/**
 * A started MockWebServer (TCP_NODELAY) running a {@link FakeFreshdesk}, a fake clock, a sleeper that
 * advances the clock instead of sleeping, and a config builder pointing at it. Close it after the test.
 */
public final class FakeFreshdeskServer implements AutoCloseable {
  /** The webhook token configured by {@link #config()}. */
  public static final String WEBHOOK_TOKEN = "s3cret-webhook-token-0123456789";
  /** The integration agent's id configured by {@link #config()}. */
  public static final long INTEGRATION_AGENT_ID = FakeStore.API_AGENT_ID;

  public final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  public final FakeFreshdesk freshdesk = new FakeFreshdesk(clock);
  public final MockWebServer server = new MockWebServer();
  /** Every sleep the adapter asked for. */
  public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public FakeFreshdeskServer() throws IOException {
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(freshdesk);
    server.start();
  }

  /** A config for the fake: API key, base URL, webhook token, integration agent, fake clock and sleeper. */
  public FreshdeskConfig.Builder config() {
    return FreshdeskConfig.builder()
        .baseUrl(server.url("/").toString())
        .apiKey(FakeFreshdesk.API_KEY)
        .integrationAgentId(INTEGRATION_AGENT_ID)
        .addWebhookToken(WEBHOOK_TOKEN)
        .conversationKeyField("cf_whatsapp_conversation")
        .clock(clock)
        .sleeper(d -> {
          sleeps.add(d);
          clock.advance(d);
        });
  }

  @Override
  public void close() {
    server.close();
  }
}
