package io.github.whatsapphelpdesk.zendesk;

import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.testkit.contract.CommentView;
import io.github.whatsapphelpdesk.testkit.contract.ContactView;
import io.github.whatsapphelpdesk.testkit.contract.HelpdeskAdapterContractTest;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendesk;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskWebhooks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The SPI contract against {@link FakeZendesk} on a MockWebServer. Agent-reply webhooks carry
 * {@code comment_id} here (the adapter re-reads exactly that comment);
 * {@link ZendeskDocumentedTemplateContractTest} runs the same contract with the documented trigger body,
 * which has no comment id.
 */
class ZendeskContractTest extends HelpdeskAdapterContractTest {
  private ZendeskTestSupport support;

  /** The fake behind the adapter under test. */
  protected FakeZendesk fake() {
    return support.fake;
  }

  /** True when the trigger body names the comment ({@code comment_id}). */
  protected boolean webhookNamesComment() {
    return true;
  }

  @Override
  protected HelpdeskAdapter createAdapter() {
    support = new ZendeskTestSupport();
    return ZendeskAdapter.create(support.config().maxAttachmentBytes(1024 * 1024).build());
  }

  @AfterEach
  void closeFake() {
    if (support != null) {
      support.close();
    }
  }

  @Override
  protected WebhookRequest postAgentReply(TicketHandle ticket, String text) {
    WebhookRequest named = fake().agentReplyWebhook(id(ticket), text, ZendeskTestSupport.SECRET);
    return webhookNamesComment() ? named : fake().announceLatest(id(ticket), ZendeskTestSupport.SECRET);
  }

  @Override
  protected WebhookRequest announceComment(TicketHandle ticket, String commentId) {
    return webhookNamesComment()
        ? fake().announce(id(ticket), Long.parseLong(commentId), ZendeskTestSupport.SECRET)
        : fake().announceLatest(id(ticket), ZendeskTestSupport.SECRET);
  }

  @Override
  protected void makeTerminal(TicketHandle ticket) {
    fake().setStatus(id(ticket), "closed");
  }

  @Override
  protected void makeSolved(TicketHandle ticket) {
    fake().setStatus(id(ticket), "solved");
  }

  @Override
  protected void injectRateLimit(Duration retryAfter) {
    fake().rateLimitNext(1, retryAfter.toSeconds());
  }

  @Override
  protected List<CommentView> readComments(TicketHandle ticket) {
    return fake().comments(id(ticket)).stream().map(ZendeskContractTest::view).toList();
  }

  @Override
  protected List<ContactView> readContacts() {
    return fake().endUsers().stream().map(u -> new ContactView(Json.str(u, "id"), Json.str(u, "external_id"),
        Json.str(u, "phone"), Json.str(u, "name"))).toList();
  }

  /** Zendesk's webhook credentials are the signature headers, not {@code Authorization}. */
  @Override
  protected WebhookRequest withoutCredentials(WebhookRequest request) {
    return FakeZendeskWebhooks.withoutSignature(request);
  }

  private static CommentView view(Map<String, Object> c) {
    List<String> files = Json.objs(c, "attachments").stream().map(a -> Json.str(a, "file_name")).toList();
    return new CommentView(Json.str(c, "id"), Json.str(c, "author_id"), Json.bool(c, "public", false),
        Json.str(c, "plain_body"), files);
  }

  private static long id(TicketHandle ticket) {
    return Long.parseLong(ticket.ticketId());
  }
}
