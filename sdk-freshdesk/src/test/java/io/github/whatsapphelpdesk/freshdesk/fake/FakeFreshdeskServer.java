package io.github.whatsapphelpdesk.freshdesk.fake;

import com.squareup.moshi.Moshi;
import io.github.whatsapphelpdesk.freshdesk.FreshdeskConfig;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  /** The path the automation rule posts to, as docs/freshdesk.md sets it up. */
  public static final String WEBHOOK_PATH = "/freshdesk/replies";

  public final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-11-25T10:00:00Z"));
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

  /**
   * The request Freshdesk's "Reply is sent" automation rule sends for a ticket (the body of the rule in
   * docs/freshdesk.md, with the ticket's latest public comment as the optional hint), without any
   * credential: add {@code .queryParam("token", WEBHOOK_TOKEN)}, the token header or basic auth.
   */
  public WebhookRequest.Builder automationWebhook(long ticketId) {
    String latest = freshdesk.store().ticket(ticketId).conversations.stream()
        .filter(c -> !c.isPrivate).reduce((a, b) -> b).map(c -> c.body).orElse("");
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("ticket_id", String.valueOf(ticketId));
    payload.put("event", "reply_sent");
    payload.put("latest_public_comment", latest);
    String body = new Moshi.Builder().build().adapter(Object.class).toJson(payload);
    return WebhookRequest.builder().method("POST").path(WEBHOOK_PATH)
        .header("Content-Type", "application/json").body(body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #automationWebhook} with the token in the URL ({@code ?token=}), the recommended setup. */
  public WebhookRequest automationWebhookWithToken(long ticketId) {
    return automationWebhook(ticketId).queryParam("token", WEBHOOK_TOKEN).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
