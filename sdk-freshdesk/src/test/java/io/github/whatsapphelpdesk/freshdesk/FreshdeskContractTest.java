package io.github.whatsapphelpdesk.freshdesk;

import io.github.whatsapphelpdesk.freshdesk.fake.FakeFreshdeskServer;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeStore;
import io.github.whatsapphelpdesk.freshdesk.internal.HtmlText;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.testkit.contract.CommentView;
import io.github.whatsapphelpdesk.testkit.contract.ContactView;
import io.github.whatsapphelpdesk.testkit.contract.HelpdeskAdapterContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;

/**
 * The adapter contract against {@link io.github.whatsapphelpdesk.freshdesk.fake.FakeFreshdesk}, with the
 * default {@link TerminalPolicy} and the webhook secret in the automation's URL ({@code ?token=}), the
 * setup docs/freshdesk.md recommends.
 *
 * <p>Freshdesk does not sign webhooks: the secret authenticates the sender but does not cover the body,
 * which the adapter only reads a ticket id from (it re-reads the conversations over the API). So
 * {@link #tamper} spoils the secret rather than a body byte, and {@link #withoutCredentials} drops it.
 */
class FreshdeskContractTest extends HelpdeskAdapterContractTest {
  /** An agent who is not the integration agent. */
  protected static final long AGENT_ID = 31L;

  protected FakeFreshdeskServer fake;
  protected FreshdeskConfig config;

  /** Adjusts the adapter's settings; variants override it. */
  protected FreshdeskConfig.Builder configure(FreshdeskConfig.Builder builder) {
    return builder;
  }

  /** Adds the webhook credential the automation rule sends: here the URL token. */
  protected WebhookRequest authenticate(WebhookRequest.Builder webhook) {
    return webhook.queryParam("token", FakeFreshdeskServer.WEBHOOK_TOKEN).build();
  }

  @Override
  protected HelpdeskAdapter createAdapter() {
    try {
      fake = new FakeFreshdeskServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config = configure(fake.config()).build();
    return FreshdeskAdapter.create(config);
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Override
  protected WebhookRequest postAgentReply(TicketHandle ticket, String text) {
    long id = Long.parseLong(ticket.ticketId());
    fake.freshdesk.agentReply(id, AGENT_ID, "<div>" + HtmlText.escape(text) + "</div>");
    return authenticate(fake.automationWebhook(id));
  }

  @Override
  protected WebhookRequest announceComment(TicketHandle ticket, String commentId) {
    // Freshdesk's automation names only the ticket; the adapter must find nothing to send in it.
    return authenticate(fake.automationWebhook(Long.parseLong(ticket.ticketId())));
  }

  @Override
  protected void makeTerminal(TicketHandle ticket) {
    fake.freshdesk.setStatus(Long.parseLong(ticket.ticketId()), FreshdeskStatus.CLOSED.code());
  }

  @Override
  protected void makeSolved(TicketHandle ticket) {
    fake.freshdesk.setStatus(Long.parseLong(ticket.ticketId()), FreshdeskStatus.RESOLVED.code());
  }

  /**
   * The adapter retries a 429 itself ({@code maxRateLimitRetries}) when the wait is short, so the
   * helpdesk answers every attempt of the call with the 429.
   */
  @Override
  protected void injectRateLimit(Duration retryAfter) {
    long[] answers = new long[config.maxRateLimitRetries() + 1];
    Arrays.fill(answers, retryAfter.toSeconds());
    fake.freshdesk.rateLimitNext(answers);
  }

  /** The ticket's description (its first message, id {@code description-<id>}), then its conversations. */
  @Override
  protected List<CommentView> readComments(TicketHandle ticket) {
    FakeStore.Ticket t = fake.freshdesk.store().ticket(Long.parseLong(ticket.ticketId()));
    List<CommentView> out = new ArrayList<>();
    out.add(new CommentView(FreshdeskAdapter.descriptionId(t.id), String.valueOf(t.requesterId), true,
        HtmlText.toText(t.description), names(t.attachments)));
    for (FakeStore.Conversation c : t.conversations) {
      out.add(new CommentView(String.valueOf(c.id), String.valueOf(c.userId), !c.isPrivate,
          HtmlText.toText(c.body), names(c.attachments)));
    }
    return out;
  }

  @Override
  protected List<ContactView> readContacts() {
    return fake.freshdesk.store().contacts().stream().sorted(java.util.Comparator.comparingLong(c -> c.id))
        .map(c -> new ContactView(String.valueOf(c.id), c.uniqueExternalId, c.mobile, c.name)).toList();
  }

  private static List<String> names(List<FakeStore.Attachment> files) {
    return files.stream().map(a -> a.name).toList();
  }

  /** The URL token with its last character changed: the body is not covered by the secret. */
  @Override
  protected WebhookRequest tamper(WebhookRequest request) {
    Map<String, List<String>> query = new TreeMap<>(request.query());
    String token = request.queryParam("token").orElseThrow();
    char last = token.charAt(token.length() - 1);
    query.put("token", List.of(token.substring(0, token.length() - 1) + (last == 'x' ? 'y' : 'x')));
    return rebuild(request, query, request.headers());
  }

  /** Without the URL token (and without any token header or Authorization). */
  @Override
  protected WebhookRequest withoutCredentials(WebhookRequest request) {
    Map<String, List<String>> query = new TreeMap<>(request.query());
    query.remove("token");
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(request.headers());
    headers.remove("Authorization");
    headers.remove(config.webhookTokenHeader());
    return rebuild(request, query, headers);
  }

  /** A copy of a request with other query parameters and headers. */
  protected static WebhookRequest rebuild(WebhookRequest request, Map<String, List<String>> query,
      Map<String, List<String>> headers) {
    return WebhookRequest.builder().method(request.method()).path(request.path()).query(query).headers(headers)
        .body(request.body()).build();
  }
}
