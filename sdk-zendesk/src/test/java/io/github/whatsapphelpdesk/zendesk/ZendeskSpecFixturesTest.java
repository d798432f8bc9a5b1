package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.spi.AgentReply;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.Attachment;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketState;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskWebhooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter against answers copied verbatim from the spec's examples (fixtures/zendesk/*.json). */
class ZendeskSpecFixturesTest {
  private final MutableClock clock = MutableClock.create();
  private final MockWebServer server = new MockWebServer();
  private final ZendeskAdapter adapter;

  ZendeskSpecFixturesTest() throws IOException {
    server.setServerSocketFactory(new ZendeskTestSupport.NoDelayServerSocketFactory());
    server.start();
    adapter = ZendeskAdapter.create(ZendeskConfig.builder().baseUrl(server.url("/").toString())
        .auth(ZendeskAuth.apiToken("bridge@example.com", "tok")).integrationUserId(1L)
        .addWebhookSecret(ZendeskTestSupport.SECRET).clock(clock).build());
  }

  @AfterEach
  void close() {
    adapter.close();
    server.close();
  }

  private static String fixture(String name) {
    try (InputStream in = ZendeskSpecFixturesTest.class.getResourceAsStream("/fixtures/zendesk/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void enqueue(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void upsertContact_specUserResponse_returnsItsId() {
    enqueue(201, fixture("user-response.json"));
    assertThat(adapter.upsertContact(Fixtures.contact()).contactId()).isEqualTo("35436");
  }

  @Test
  void ticketState_specTicketResponse_open() {
    enqueue(200, fixture("ticket-response.json"));
    TicketHandle h = new TicketHandle("35436", new HelpdeskContact("20978392", io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(Fixtures.WA_ID)), Fixtures.KEY);
    assertThat(adapter.ticketState(h)).isEqualTo(TicketState.OPEN);
  }

  @Test
  void appendCustomerMessage_specUploadAndUpdateResponses_tokenOnCommentAndCommentIdFromAudit() throws Exception {
    enqueue(201, fixture("upload-response.json"));
    enqueue(200, fixture("ticket-update-response.json"));
    HelpdeskContact c = new HelpdeskContact("123453", io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(Fixtures.WA_ID));
    TicketHandle h = new TicketHandle("35436", c, Fixtures.KEY);

    AppendResult r = adapter.appendCustomerMessage(h, Fixtures.message(c, "wamid.1", "crash",
        Attachment.ofBytes("crash.png", "image/png", new byte[] {9})));

    assertThat(r.commentId()).isEqualTo("206091192547");
    assertThat(take().getUrl().queryParameter("filename")).isEqualTo("crash.png");
    String put = take().getBody().utf8();
    SpecSchemas.assertValid("TicketUpdateRequest", put);
    assertThat(Json.obj(Json.obj(Json.readObject(put), "ticket"), "comment").get("uploads"))
        .isEqualTo(List.of("LXJdriewLBP8JrtzzkN7Ne4k6"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void parseAgentReplies_specCommentsResponsePlusSideloadedAgent_returnsReply() throws Exception {
    // The spec's example with the users array that ?include=users sideloads.
    Map<String, Object> page = new java.util.LinkedHashMap<>(Json.readObject(fixture("ticket-comments-response.json")));
    page.put("users", List.of(Map.of("id", 123123, "name", "Johnny Agent", "role", "agent")));
    enqueue(200, Json.write(page));
    byte[] body = FakeZendeskWebhooks.body(35436, null);

    List<AgentReply> replies = adapter.parseAgentReplies(
        FakeZendeskWebhooks.signed(ZendeskTestSupport.SECRET, clock.instant(), body));

    assertThat(replies).singleElement().satisfies(r -> {
      assertThat(r.replyId()).isEqualTo("1274");
      assertThat(r.text()).isEqualTo("Thanks for your help!");
      assertThat(r.authorName()).isEqualTo("Johnny Agent");
      assertThat(r.attachments()).singleElement().satisfies(a -> {
        assertThat(a.url()).isEqualTo("https://company.zendesk.com/attachments/crash.log");
        assertThat(a.sizeBytes()).isEqualTo(2532);
        assertThat(a.mimeType()).isEqualTo("text/plain");
      });
    });
    RecordedRequest list = take();
    assertThat(list.getUrl().encodedPath()).isEqualTo("/api/v2/tickets/35436/comments");
    assertThat(list.getUrl().queryParameter("include")).isEqualTo("users");
    assertThat(list.getUrl().queryParameter("page[size]")).isEqualTo("100");
  }
}
