package io.github.whatsapphelpdesk.testkit.sandbox;

import io.github.whatsapphelpdesk.webhook.UserIdUpdate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.whatsapphelpdesk.error.ErrorCategory;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.webhook.DeliveryStatus;
import io.github.whatsapphelpdesk.webhook.ErrorEvent;
import io.github.whatsapphelpdesk.webhook.InboundContent;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.ParseProblem;
import io.github.whatsapphelpdesk.webhook.ParsedWebhook;
import io.github.whatsapphelpdesk.webhook.SignatureCheck;
import io.github.whatsapphelpdesk.webhook.StatusUpdate;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import io.github.whatsapphelpdesk.webhook.WebhookHandler;
import io.github.whatsapphelpdesk.webhook.WebhookListener;
import io.github.whatsapphelpdesk.webhook.WebhookParser;
import io.github.whatsapphelpdesk.webhook.WebhookSignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's webhooks through the SDK's own intake (io.github.whatsapphelpdesk.webhook): signature
 * verifier, parser, WebhookHandler dedup and status ordering, with retries, duplicates, out-of-order
 * statuses and batching injected by the sandbox.
 */
class SandboxWebhookIntakeTest {
  private static final String CUSTOMER = "+4915112345678";
  private static final String SECRET = "intake-secret";
  private final MutableClock clock = MutableClock.create();
  private final List<WebhookEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final List<WebhookEvent> duplicates = Collections.synchronizedList(new ArrayList<>());
  private final List<StatusUpdate> stale = Collections.synchronizedList(new ArrayList<>());
  private final List<ParseProblem> problems = Collections.synchronizedList(new ArrayList<>());
  private final List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Integer> forcedStatuses = new ArrayDeque<>();
  /** Answers (after the handler ran) that replace the handler's 200: a lost acknowledgement. */
  private final Deque<Integer> lostAcks = new ArrayDeque<>();
  private HttpServer server;
  private WebhookHandler handler;
  private CloudApiSandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() throws IOException {
    handler = WebhookHandler.builder().appSecret(SECRET).verifyToken("vt").clock(clock).executor(Runnable::run)
        .listener(new WebhookListener() {
          @Override
          public void onEvent(WebhookEvent event) {
            events.add(event);
          }

          @Override
          public void onDuplicate(WebhookEvent event) {
            duplicates.add(event);
          }

          @Override
          public void onStaleStatus(StatusUpdate s, DeliveryStatus current) {
            stale.add(s);
          }

          @Override
          public void onProblem(ParseProblem problem) {
            problems.add(problem);
          }
        }).build();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/wh", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(WebhookParser.DEFAULT_MAX_BODY_BYTES + 1);
      }
      bodies.add(body);
      Integer forced;
      synchronized (forcedStatuses) {
        forced = forcedStatuses.pollFirst();
      }
      int status;
      if (forced != null) {
        status = forced;
      } else {
        Map<String, List<String>> headers = new HashMap<>(exchange.getRequestHeaders());
        WebhookResponse r = handler.handle(exchange.getRequestMethod(), Map.of(), headers, body);
        status = r.status();
        synchronized (forcedStatuses) {
          Integer lost = lostAcks.pollFirst();
          status = lost == null ? status : lost;
        }
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    sandbox = CloudApiSandbox.builder().clock(clock).appSecret(SECRET)
        .webhookUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/wh")
        .retrySchedule(List.of(Duration.ofSeconds(10), Duration.ofSeconds(30))).start();
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
    server.stop(0);
  }

  private <T> List<T> eventsOf(Class<T> type) {
    synchronized (events) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  private String sendText(String text) {
    SandboxHttp.Reply r = http.send(SandboxHttp.text(CUSTOMER, text));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return J.str(r.body(), "messages.0.id");
  }

  @Test
  void everyInboundType_passesVerifierAndParser_asTheExpectedContent() {
    SimulatedCustomer c = sandbox.customer(CUSTOMER, "Ann");
    List<String> ids = new ArrayList<>();
    ids.add(c.sendText("hello"));
    ids.add(c.sendTextFromAd("from the ad", new AdReferral("https://fb.me/x", "120", "ad", "Sale", "Now",
        "image", "clid-1")));
    ids.add(c.sendImage(new byte[] {(byte) 0xFF, (byte) 0xD8, 1}, "image/jpeg", "pic"));
    ids.add(c.sendAudio(new byte[] {1, 2}, "audio/ogg", true));
    ids.add(c.sendVideo(new byte[] {0, 0, 0, 24}, "video/mp4", "clip"));
    ids.add(c.sendDocument("%PDF".getBytes(), "application/pdf", "a.pdf", "doc"));
    ids.add(c.sendSticker(new byte[] {'R', 'I', 'F', 'F'}, false));
    ids.add(c.sendLocation(52.5, 13.4, "Office", "Berlin"));
    ids.add(c.sendContact("Bob", "+4915100000001"));
    ids.add(c.sendButtonReply("yes", "Yes"));
    ids.add(c.sendListReply("billing", "Billing", "Invoices"));
    ids.add(c.sendFlowReply("{\"flow_token\":\"tok\",\"rating\":\"5\"}", "Sent"));
    ids.add(c.sendButton("STOP", "Stop"));
    ids.add(c.react(ids.get(0), "\uD83D\uDC4D"));
    ids.add(c.sendOrder("cat-1", "my order", List.of(new OrderItem("sku-1", 2, 9.99, "EUR"))));
    ids.add(c.replyingTo(ids.get(0)).sendText("a reply"));
    ids.add(c.sendUnsupported());
    ids.add(c.changeNumber("+4915100000002"));
    sandbox.deliverPending();

    WebhookSignatureVerifier verifier = WebhookSignatureVerifier.of(SECRET);
    assertThat(sandbox.webhooks()).hasSize(ids.size()).allSatisfy(d -> {
      assertThat(verifier.check(d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), d.signature()))
          .extracting(SignatureCheck::valid).isEqualTo(true);
      ParsedWebhook parsed = WebhookParser.create().parse(d.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(parsed.problems()).isEmpty();
      assertThat(parsed.events()).hasSize(1);
      assertThat(d.acknowledged()).isTrue();
    });
    assertThat(problems).isEmpty();
    List<InboundMessage> msgs = eventsOf(InboundMessage.class);
    assertThat(msgs).extracting(InboundMessage::wamid).containsExactlyElementsOf(ids);
    assertThat(msgs).extracting(m -> m.content().getClass().getSimpleName()).containsExactly(
        "Text", "Text", "Media", "Media", "Media", "Media", "Media", "Location", "Contacts", "ButtonReply",
        "ListReply", "FlowReply", "Button", "Reaction", "Order", "Text", "Unsupported", "SystemChange");
    assertThat(msgs.get(1).referral()).isNotNull();
    assertThat(msgs.get(15).context()).isNotNull();
    InboundContent.FlowReply flow = (InboundContent.FlowReply) msgs.get(11).content();
    assertThat(flow.response()).containsEntry("flow_token", "tok").containsEntry("rating", "5");
    assertThat(((InboundContent.Media) msgs.get(3).content()).voice()).isTrue();
    assertThat(msgs).allSatisfy(m -> assertThat(m.from()).isEqualTo("4915112345678"));
  }

  @Test
  void statusesAndFailures_andErrorsWebhook_parseWithClassifiedErrors() {
    sandbox.customer(CUSTOMER).sendText("hi");
    String ok = sendText("fine");
    sandbox.failNext(131026);
    String failed = sendText("undeliverable");
    sandbox.advance(Duration.ofMinutes(5));

    List<StatusUpdate> statuses = eventsOf(StatusUpdate.class);
    assertThat(statuses).filteredOn(s -> s.wamid().equals(ok)).extracting(StatusUpdate::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ);
    assertThat(statuses).filteredOn(s -> s.wamid().equals(failed)).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(s.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(131026));
    });

    // Throughput: 130429 in the HTTP answer and as a value-level errors webhook.
    sandbox.setLimits(1, Duration.ofSeconds(6), 45);
    clock.advance(Duration.ofSeconds(1));
    sendText("one");
    assertThat(http.send(SandboxHttp.text(CUSTOMER, "two")).status()).isEqualTo(400);
    sandbox.deliverPending();
    assertThat(eventsOf(ErrorEvent.class)).singleElement().satisfies(e -> {
      assertThat(e.error().code()).isEqualTo(130429);
      assertThat(e.error().classification().category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    });
  }

  @Test
  void windowClosedWebhookChannel_failedStatusCarries131047AsWindowClosed() {
    String wamid = sendText("late");
    sandbox.deliverPending();
    assertThat(eventsOf(StatusUpdate.class)).singleElement().satisfies(s -> {
      assertThat(s.wamid()).isEqualTo(wamid);
      assertThat(s.status()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(s.errors()).singleElement().satisfies(e -> {
        assertThat(e.code()).isEqualTo(131047);
        assertThat(e.classification().category()).isEqualTo(ErrorCategory.WINDOW_CLOSED);
      });
    });
  }

  @Test
  void duplicates_eachMessageAndStatusDeliveredOnce() {
    sandbox.setDuplicateProbability(1.0);
    SimulatedCustomer c = sandbox.customer(CUSTOMER);
    List<String> inbound = List.of(c.sendText("a"), c.sendText("b"), c.sendText("c"));
    String out = sendText("reply");
    sandbox.advance(Duration.ofMinutes(5));

    assertThat(sandbox.webhooks()).anyMatch(WebhookDelivery::duplicate);
    assertThat(eventsOf(InboundMessage.class)).extracting(InboundMessage::wamid).containsExactlyElementsOf(inbound);
    assertThat(eventsOf(StatusUpdate.class)).filteredOn(s -> s.wamid().equals(out)).extracting(StatusUpdate::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ);
    assertThat(duplicates).hasSize((int) sandbox.webhooks().stream().filter(WebhookDelivery::duplicate).count());
  }

  @Test
  void retries_afterNon200_deliverEachMessageOnce() {
    synchronized (forcedStatuses) {
      forcedStatuses.addAll(List.of(500, 503));
    }
    String wamid = sandbox.customer(CUSTOMER).sendText("retry me");
    sandbox.deliverPending();
    assertThat(eventsOf(InboundMessage.class)).isEmpty();
    sandbox.advance(Duration.ofSeconds(10));
    sandbox.advance(Duration.ofSeconds(30));
    assertThat(sandbox.webhooks()).extracting(WebhookDelivery::attempt).containsExactly(1, 2, 3);
    assertThat(eventsOf(InboundMessage.class)).extracting(InboundMessage::wamid).containsExactly(wamid);
  }

  @Test
  void retryAfterLostAcknowledgement_isADuplicateNotASecondMessage() {
    synchronized (forcedStatuses) {
      lostAcks.add(500);
    }
    String wamid = sandbox.customer(CUSTOMER).sendText("processed, but the 200 was lost");
    sandbox.deliverPending();
    sandbox.advance(Duration.ofSeconds(10));
    assertThat(sandbox.webhooks()).extracting(WebhookDelivery::attempt).containsExactly(1, 2);
    assertThat(eventsOf(InboundMessage.class)).extracting(InboundMessage::wamid).containsExactly(wamid);
    assertThat(duplicates).singleElement().isInstanceOfSatisfying(InboundMessage.class,
        m -> assertThat(m.wamid()).isEqualTo(wamid));
  }

  @Test
  void outOfOrderStatuses_forwardOnly_staleReported() {
    sandbox.setOutOfOrderStatuses(true);
    sandbox.customer(CUSTOMER).sendText("hi");
    sandbox.deliverPending();
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add(sendText("m" + i));
    }
    // Everything falls due at once, so the sandbox delivers it reversed: read, delivered, sent.
    clock.advance(Duration.ofMinutes(5));
    sandbox.deliverPending();

    for (String w : sent) {
      List<DeliveryStatus> seen = eventsOf(StatusUpdate.class).stream().filter(s -> s.wamid().equals(w))
          .map(StatusUpdate::status).toList();
      assertThat(seen).as(w).isSortedAccordingTo(java.util.Comparator.comparingInt(DeliveryStatus::rank));
      assertThat(seen).as(w).endsWith(DeliveryStatus.READ).doesNotHaveDuplicates();
    }
    long delivered = eventsOf(StatusUpdate.class).size();
    assertThat(delivered + stale.size()).isEqualTo(3L * sent.size());
    // read arrived first, so the late delivered and sent of every message are stale, never onEvent.
    assertThat(stale).hasSize(2 * sent.size()).allSatisfy(s -> assertThat(s.status()).isIn(DeliveryStatus.SENT,
        DeliveryStatus.DELIVERED));
  }

  @Test
  void batching_severalItemsPerPost_eachEventOnce() {
    sandbox.setBatchSize(4);
    SimulatedCustomer c = sandbox.customer(CUSTOMER);
    List<String> inbound = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      inbound.add(c.sendText("t" + i));
    }
    sandbox.deliverPending();
    assertThat(bodies.size()).isLessThan(10);
    assertThat(eventsOf(InboundMessage.class)).extracting(InboundMessage::wamid)
        .containsExactlyInAnyOrderElementsOf(inbound);
  }

  // ---- business-scoped user ids (BSUID) and usernames ----

  private static String textToBsuid(String bsuid, String body) {
    return "{\"messaging_product\":\"whatsapp\",\"recipient\":\"" + bsuid + "\",\"type\":\"text\","
        + "\"text\":{\"body\":\"" + body + "\"}}";
  }

  @Test
  void usernameOnlyCustomer_roundTrip_throughTheParser_andStatusesForABsuidSend() {
    SimulatedCustomer c = sandbox.usernameCustomer("@ana.b", "Ana");
    assertThat(c.waId()).isNull();
    assertThat(c.bsuid()).matches("[A-Z]{2}\\.[0-9]+");
    // Deterministic from the seed: the same username gets the same BSUID in another sandbox.
    try (CloudApiSandbox other = CloudApiSandbox.builder().clock(clock).start()) {
      assertThat(other.usernameCustomer("@ana.b", "Ana").bsuid()).isEqualTo(c.bsuid());
    }
    String wamid = c.sendText("hi from a username");
    sandbox.deliverPending();
    String raw = new String(bodies.get(bodies.size() - 1), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(raw).contains("\"from_user_id\":\"" + c.bsuid() + "\"").contains("\"username\":\"@ana.b\"")
        .doesNotContain("\"from\":").doesNotContain("\"wa_id\"");
    InboundMessage m = eventsOf(InboundMessage.class).get(0);
    assertThat(m.wamid()).isEqualTo(wamid);
    assertThat(m.from()).isNull();
    assertThat(m.customer().id().value()).isEqualTo(c.bsuid());
    assertThat(m.customer().username()).isEqualTo("@ana.b");
    assertThat(m.customer().hasPhone()).isFalse();
    assertThat(sandbox.windowOpen(c)).isTrue();
    assertThat(problems).isEmpty();

    // The business replies by 'recipient' (the BSUID): statuses carry recipient_user_id, no recipient_id,
    // and delivered/read carry the username.
    SandboxHttp.Reply r = http.send(textToBsuid(c.bsuid(), "hello back"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String out = J.str(r.body(), "messages.0.id");
    assertThat(J.str(r.body(), "contacts.0.user_id")).isEqualTo(c.bsuid());
    sandbox.advance(Duration.ofMinutes(5));
    List<StatusUpdate> st = eventsOf(StatusUpdate.class).stream().filter(s -> s.wamid().equals(out)).toList();
    assertThat(st).extracting(StatusUpdate::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ);
    for (StatusUpdate s : st) {
      assertThat(s.recipientId()).isNull();
      assertThat(s.recipientUserId()).isEqualTo(c.bsuid());
      assertThat(s.customer().id().value()).isEqualTo(c.bsuid());
    }
    assertThat(st.get(0).customer().username()).isNull();
    assertThat(st.get(1).customer().username()).isEqualTo("@ana.b");
    assertThat(sandbox.sentMessages().get(sandbox.sentMessages().size() - 1).to()).isEqualTo(c.bsuid());
  }

  @Test
  void phoneCustomer_payloadsCarryBsuid_andToWinsOverRecipient() {
    SimulatedCustomer c = sandbox.customer(CUSTOMER, "Ann");
    c.sendText("hello");
    sandbox.deliverPending();
    InboundMessage m = eventsOf(InboundMessage.class).get(0);
    assertThat(m.from()).isEqualTo("4915112345678");
    assertThat(m.fromUserId()).isEqualTo(c.bsuid()).startsWith("DE.");
    assertThat(m.customer().phone()).isEqualTo("4915112345678");
    // Both given: 'to' wins (Meta); a bogus recipient is then ignored.
    SandboxHttp.Reply r = http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"" + CUSTOMER
        + "\",\"recipient\":\"US.999\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String out = J.str(r.body(), "messages.0.id");
    sandbox.deliverPending();
    StatusUpdate sent = eventsOf(StatusUpdate.class).stream().filter(s -> s.wamid().equals(out)).findFirst()
        .orElseThrow();
    assertThat(sent.recipientId()).isEqualTo("4915112345678");
    assertThat(sent.recipientUserId()).isEqualTo(c.bsuid());
    // An unknown BSUID alone is refused.
    SandboxHttp.Reply unknown = http.send(textToBsuid("US.123456789", "x"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(J.str(unknown.body(), "error.code")).isEqualTo("131009");
  }

  @Test
  void authenticationTemplate_toABsuid_isRejectedWith131062() {
    sandbox.putTemplate(new SandboxTemplate("otp_code", "en_US", "APPROVED", "AUTHENTICATION", "POSITIONAL",
        "[{\"type\":\"BODY\",\"text\":\"{{1}} is your verification code.\"}]"));
    SimulatedCustomer c = sandbox.usernameCustomer("@otp.user", "Otto");
    c.sendText("code please");
    String body = "{\"messaging_product\":\"whatsapp\",\"recipient\":\"" + c.bsuid() + "\",\"type\":\"template\","
        + "\"template\":{\"name\":\"otp_code\",\"language\":{\"code\":\"en_US\"},\"components\":[{\"type\":"
        + "\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"123456\"}]}]}}";
    SandboxHttp.Reply r = http.send(body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(J.str(r.body(), "error.code")).isEqualTo("131062");
    // The same template to a phone number is accepted.
    SandboxHttp.Reply ok = http.send(body.replace("\"recipient\":\"" + c.bsuid() + "\"", "\"to\":\"" + CUSTOMER + "\""));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
  }

  @Test
  void phoneNumberChange_emitsSystemMessageAndUserIdUpdate_thenUsesTheNewIdentity() {
    SimulatedCustomer before = sandbox.customer(CUSTOMER, "Ann");
    before.sendText("hello");
    SimulatedCustomer after = before.changePhoneNumber("+4915199999999");
    assertThat(after.bsuid()).isNotEqualTo(before.bsuid()).startsWith("DE.");
    assertThat(after.waId()).isEqualTo("4915199999999");
    sandbox.deliverPending();
    assertThat(problems).isEmpty();
    InboundMessage system = eventsOf(InboundMessage.class).stream()
        .filter(m -> m.content() instanceof InboundContent.SystemChange).findFirst().orElseThrow();
    InboundContent.SystemChange sc = (InboundContent.SystemChange) system.content();
    assertThat(sc.userChangedNumber()).isTrue();
    assertThat(sc.previousUserId()).isEqualTo(before.bsuid());
    assertThat(sc.userId()).isEqualTo(after.bsuid());
    assertThat(sc.newWaId()).isEqualTo("4915199999999");
    UserIdUpdate u = eventsOf(UserIdUpdate.class).get(0);
    assertThat(u.metadata().field()).isEqualTo("user_id_update");
    assertThat(u.previousUserId()).isEqualTo(before.bsuid());
    assertThat(u.currentUserId()).isEqualTo(after.bsuid());
    assertThat(u.customer().phone()).isEqualTo("4915199999999");
    assertThat(u.customer().profileName()).isEqualTo("Ann");
    // From now on the sandbox uses the new identity: messages come from it, the old BSUID is gone.
    after.sendText("from my new number");
    sandbox.deliverPending();
    InboundMessage last = eventsOf(InboundMessage.class).get(eventsOf(InboundMessage.class).size() - 1);
    assertThat(last.fromUserId()).isEqualTo(after.bsuid());
    assertThat(last.from()).isEqualTo("4915199999999");
    assertThat(J.str(http.send(textToBsuid(before.bsuid(), "x")).body(), "error.code")).isEqualTo("131009");
    assertThat(http.send(textToBsuid(after.bsuid(), "x")).status()).isEqualTo(200);
  }
}
