package io.github.whatsapphelpdesk.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inbound and status webhooks: signature, shapes, failures, retry, duplicates, ordering, batching. */
class SandboxWebhookTest {
  private static final String CUSTOMER = "+4915112345678";
  private static final String SECRET = "test-secret";
  private final MutableClock clock = MutableClock.create();
  private WebhookReceiver receiver;
  private CloudApiSandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    receiver = new WebhookReceiver();
    sandbox = CloudApiSandbox.builder().clock(clock).appSecret(SECRET).webhookUrl(receiver.url())
        .retrySchedule(List.of(Duration.ofSeconds(10), Duration.ofSeconds(30))).start();
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
    receiver.close();
  }

  static String hmac(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  private String sendText() {
    SandboxHttp.Reply r = http.send(SandboxHttp.text(CUSTOMER, "hello"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return J.str(r.body(), "messages.0.id");
  }

  private List<String> statusesReceived() {
    return receiver.received().stream().map(WebhookReceiver.Received::text)
        .filter(t -> J.at(t, "entry.0.changes.0.value.statuses") != null)
        .map(t -> J.str(t, "entry.0.changes.0.value.statuses.0.status")).toList();
  }

  @Test
  void customerText_nonAscii_isEscapedAndSignedOverExactBytes() throws Exception {
    String wamid = sandbox.customer(CUSTOMER, "Lucía Gómez").sendText("Grüße 👋");
    assertThat(sandbox.deliverPending()).isEqualTo(1);
    WebhookReceiver.Received got = receiver.received().get(0);
    String text = got.text();
    assertThat(got.signature()).isEqualTo(hmac(got.body()));
    assertThat(text).contains("Gr\\u00fc\\u00dfe \\ud83d\\udc4b").contains("Luc\\u00eda");
    for (byte b : got.body()) {
      assertThat(b).isNotNegative();
    }
    assertThat(J.str(text, "object")).isEqualTo("whatsapp_business_account");
    assertThat(J.str(text, "entry.0.id")).isEqualTo(sandbox.wabaId());
    assertThat(J.str(text, "entry.0.changes.0.field")).isEqualTo("messages");
    String v = "entry.0.changes.0.value.";
    assertThat(J.str(text, v + "metadata.phone_number_id")).isEqualTo(sandbox.phoneNumberId());
    assertThat(J.str(text, v + "contacts.0.profile.name")).isEqualTo("Lucía Gómez");
    assertThat(J.str(text, v + "contacts.0.wa_id")).isEqualTo("4915112345678");
    assertThat(J.str(text, v + "messages.0.id")).isEqualTo(wamid);
    assertThat(J.str(text, v + "messages.0.from")).isEqualTo("4915112345678");
    assertThat(J.at(text, v + "messages.0.timestamp")).isEqualTo(String.valueOf(clock.instant().getEpochSecond()));
    assertThat(J.str(text, v + "messages.0.text.body")).isEqualTo("Grüße 👋");
    assertThat(sandbox.webhooks()).singleElement().satisfies(d -> {
      assertThat(d.acknowledged()).isTrue();
      assertThat(d.signature()).isEqualTo(got.signature());
      assertThat(d.body()).isEqualTo(text);
    });
  }

  @Test
  void customerMessages_everyType_haveMetaShapes() throws Exception {
    SimulatedCustomer c = sandbox.customer(CUSTOMER);
    c.sendImage(new byte[] {1, 2}, "image/jpeg", "pic");
    c.sendAudio(new byte[] {3}, "audio/ogg", true);
    c.sendVideo(new byte[] {4}, "video/mp4", null);
    c.sendDocument(new byte[] {5}, "application/pdf", "a.pdf", "doc");
    c.sendSticker(new byte[] {6}, false);
    c.sendLocation(37.44, -122.16, "Philz", "101 Forest Ave");
    c.sendContact("Ann Lee", "+1 650 555 1234");
    c.replyingTo("wamid.X").sendButtonReply("yes", "Yes");
    c.sendListReply("row1", "Row", "desc");
    c.sendButton("Unsubscribe", "Unsubscribe");
    c.react("wamid.X", "👍");
    c.sendOrder("cat1", "", List.of(new OrderItem("sku", 2, 30, "USD")));
    c.changeNumber("+4915100000000");
    c.sendTextFromAd("from ad", AdReferral.ad("120226", "clid"));
    c.sendUnsupported();
    sandbox.deliverPending();
    List<String> bodies = receiver.received().stream().map(WebhookReceiver.Received::text).toList();
    assertThat(bodies).hasSize(15);
    String m = "entry.0.changes.0.value.messages.0.";
    assertThat(bodies).extracting(b -> J.str(b, m + "type")).containsExactly("image", "audio", "video",
        "document", "sticker", "location", "contacts", "interactive", "interactive", "button", "reaction",
        "order", "system", "text", "unsupported");
    assertThat(J.str(bodies.get(0), m + "image.sha256")).isEqualTo(java.util.Base64.getEncoder()
        .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2})));
    assertThat(J.str(bodies.get(0), m + "image.mime_type")).isEqualTo("image/jpeg");
    assertThat(J.at(bodies.get(1), m + "audio.voice")).isEqualTo(true);
    assertThat(J.str(bodies.get(3), m + "document.filename")).isEqualTo("a.pdf");
    assertThat(J.str(bodies.get(6), m + "contacts.0.phones.0.wa_id")).isEqualTo("16505551234");
    assertThat(J.str(bodies.get(7), m + "interactive.button_reply.id")).isEqualTo("yes");
    assertThat(J.str(bodies.get(7), m + "context.id")).isEqualTo("wamid.X");
    assertThat(J.str(bodies.get(8), m + "interactive.list_reply.description")).isEqualTo("desc");
    assertThat(J.str(bodies.get(10), m + "reaction.emoji")).isEqualTo("👍");
    assertThat(J.at(bodies.get(11), m + "order.product_items.0.quantity")).isEqualTo(2L);
    assertThat(J.at(bodies.get(12), "entry.0.changes.0.value.contacts")).isNull();
    assertThat(J.str(bodies.get(12), m + "system.wa_id")).isEqualTo("4915100000000");
    assertThat(J.str(bodies.get(13), m + "referral.ctwa_clid")).isEqualTo("clid");
    assertThat(J.at(bodies.get(14), m + "errors.0.code")).isEqualTo(131051L);
  }

  @Test
  void customerImage_mediaIsHostedAndDownloadable() {
    byte[] data = {9, 8, 7};
    sandbox.customer(CUSTOMER).sendImage(data, "image/png", null);
    sandbox.deliverPending();
    String id = J.str(receiver.received().get(0).text(), "entry.0.changes.0.value.messages.0.image.id");
    SandboxHttp.Reply meta = http.get("/" + id);
    assertThat(J.at(meta.body(), "file_size")).isEqualTo(3L);
    assertThat(http.getAbsolute(J.str(meta.body(), "url")).bytes()).isEqualTo(data);
  }

  @Test
  void acceptedMessage_statusesSentDeliveredReadOnSandboxTime() {
    sandbox.customer(CUSTOMER).sendText("hi");
    String wamid = sendText();
    sandbox.deliverPending();
    assertThat(statusesReceived()).containsExactly("sent");
    sandbox.advance(Duration.ofSeconds(5));
    assertThat(statusesReceived()).containsExactly("sent", "delivered", "read");
    String sent = receiver.received().get(1).text();
    assertThat(J.str(sent, "entry.0.changes.0.value.statuses.0.id")).isEqualTo(wamid);
    assertThat(J.str(sent, "entry.0.changes.0.value.statuses.0.recipient_id")).isEqualTo("4915112345678");
    assertThat(J.str(sent, "entry.0.changes.0.value.statuses.0.pricing.category")).isEqualTo("service");
  }

  @Test
  void lastStatusDelivered_stopsBeforeRead() {
    sandbox.setLastStatus(LastStatus.DELIVERED);
    sandbox.customer(CUSTOMER).sendText("hi");
    sendText();
    sandbox.advance(Duration.ofMinutes(1));
    assertThat(statusesReceived()).containsExactly("sent", "delivered");
  }

  @Test
  void injectedFailure_producesFailedStatusWithCode() {
    sandbox.customer(CUSTOMER).sendText("hi");
    sandbox.failNext(131026);
    String wamid = sendText();
    sandbox.advance(Duration.ofMinutes(1));
    assertThat(statusesReceived()).containsExactly("failed");
    String body = receiver.received().get(1).text();
    assertThat(J.str(body, "entry.0.changes.0.value.statuses.0.id")).isEqualTo(wamid);
    assertThat(J.at(body, "entry.0.changes.0.value.statuses.0.errors.0.code")).isEqualTo(131026L);
    assertThat(sandbox.sentMessages().get(0).failureCode()).isEqualTo(131026);
  }

  @Test
  void windowClosed_webhookChannel_acceptsThenFails131047() {
    String wamid = sendText();
    sandbox.deliverPending();
    String body = receiver.received().get(0).text();
    assertThat(J.str(body, "entry.0.changes.0.value.statuses.0.status")).isEqualTo("failed");
    assertThat(J.str(body, "entry.0.changes.0.value.statuses.0.id")).isEqualTo(wamid);
    assertThat(J.at(body, "entry.0.changes.0.value.statuses.0.errors.0.code")).isEqualTo(131047L);
    assertThat(J.str(body, "entry.0.changes.0.value.statuses.0.errors.0.error_data.details")).contains("24 hours");
  }

  @Test
  void unsupportedMedia_webhookChannel_acceptsThenFails131053() {
    sandbox.customer(CUSTOMER).sendText("hi");
    sandbox.deliverPending();
    SandboxHttp.Reply r = http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"" + CUSTOMER
        + "\",\"type\":\"image\",\"image\":{\"link\":\"https://example.com/file.exe\"}}");
    assertThat(r.status()).isEqualTo(200);
    sandbox.deliverPending();
    String body = receiver.received().get(1).text();
    assertThat(J.at(body, "entry.0.changes.0.value.statuses.0.errors.0.code")).isEqualTo(131053L);
  }

  @Test
  void non200_isRetriedOnScheduleThenDropped() {
    receiver.answer(500, 503, 500);
    sandbox.customer(CUSTOMER).sendText("hi");
    sandbox.deliverPending();
    sandbox.advance(Duration.ofSeconds(9));
    assertThat(receiver.received()).hasSize(1);
    sandbox.advance(Duration.ofSeconds(1));
    assertThat(receiver.received()).hasSize(2);
    sandbox.advance(Duration.ofSeconds(30));
    assertThat(receiver.received()).hasSize(3);
    assertThat(sandbox.webhooks()).extracting(WebhookDelivery::attempt).containsExactly(1, 2, 3);
    assertThat(sandbox.webhooks()).extracting(WebhookDelivery::responseStatus).containsExactly(500, 503, 500);
    assertThat(sandbox.webhooks().get(2).dropped()).isTrue();
    assertThat(receiver.received()).extracting(WebhookReceiver.Received::text).containsOnly(
        receiver.received().get(0).text());
    assertThat(sandbox.pendingWebhooks()).isZero();
  }

  @Test
  void retry_succeedsOnSecondAttempt_stopsRetrying() {
    receiver.answer(500);
    sandbox.customer(CUSTOMER).sendText("hi");
    sandbox.advance(Duration.ofHours(1));
    assertThat(receiver.received()).hasSize(2);
    assertThat(sandbox.webhooks().get(1).acknowledged()).isTrue();
  }

  @Test
  void duplicateProbabilityOne_deliversEveryPostTwice() throws Exception {
    sandbox.setDuplicateProbability(1.0);
    sandbox.customer(CUSTOMER).sendText("hi");
    sandbox.deliverPending();
    List<WebhookReceiver.Received> got = receiver.received();
    assertThat(got).hasSize(2);
    assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
    assertThat(got.get(1).signature()).isEqualTo(hmac(got.get(1).body()));
    assertThat(sandbox.webhooks()).extracting(WebhookDelivery::duplicate).containsExactly(false, true);
  }

  @Test
  void outOfOrder_deliversReadBeforeDelivered() {
    sandbox.setOutOfOrderStatuses(true);
    sandbox.customer(CUSTOMER).sendText("hi");
    sandbox.deliverPending();
    sendText();
    clock.advance(Duration.ofSeconds(5));
    sandbox.deliverPending();
    assertThat(statusesReceived()).containsExactly("read", "delivered", "sent");
  }

  @Test
  void batching_putsSeveralItemsInOnePost() {
    sandbox.setBatchSize(3);
    SimulatedCustomer c = sandbox.customer(CUSTOMER);
    c.sendText("1");
    c.sendText("2");
    c.sendText("3");
    c.sendText("4");
    assertThat(sandbox.deliverPending()).isEqualTo(2);
    String first = receiver.received().get(0).text();
    assertThat((List<?>) J.at(first, "entry.0.changes")).hasSize(3);
    assertThat(J.str(first, "entry.0.changes.2.value.messages.0.text.body")).isEqualTo("3");
    assertThat((List<?>) J.at(receiver.received().get(1).text(), "entry.0.changes")).hasSize(1);
  }

  @Test
  void noWebhookUrl_recordsWithStatusZeroAndDoesNotRetry() {
    sandbox.setWebhookUrl(null);
    sandbox.customer(CUSTOMER).sendText("hi");
    sandbox.advance(Duration.ofDays(1));
    assertThat(sandbox.webhooks()).singleElement().extracting(WebhookDelivery::responseStatus).isEqualTo(0);
    assertThat(receiver.received()).isEmpty();
  }

  @Test
  void reaction_producesOnlySentStatus() {
    String inbound = sandbox.customer(CUSTOMER).sendText("hi");
    http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"" + CUSTOMER + "\",\"type\":\"reaction\","
        + "\"reaction\":{\"message_id\":\"" + inbound + "\",\"emoji\":\"\\u2764\"}}");
    sandbox.advance(Duration.ofMinutes(1));
    assertThat(statusesReceived()).containsExactly("sent");
  }

  @Test
  void throughputHit_alsoSendsValueLevelErrorsWebhook() {
    sandbox.setLimits(1, Duration.ofSeconds(6), 45);
    sandbox.customer(CUSTOMER).sendText("hi");
    sendText();
    assertThat(http.send(SandboxHttp.text(CUSTOMER, "again")).status()).isEqualTo(400);
    sandbox.deliverPending();
    String last = receiver.received().get(receiver.received().size() - 1).text();
    assertThat(J.at(last, "entry.0.changes.0.value.errors.0.code")).isEqualTo(130429L);
    assertThat(J.at(last, "entry.0.changes.0.value.statuses")).isNull();
  }

  @Test
  void sandboxMain_describe_printsConnectionFacts() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    SandboxMain.describe(sandbox, new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains(sandbox.baseUrl(), sandbox.accessToken(), SECRET, sandbox.phoneNumberId(),
        sandbox.wabaId(), "hello_world [en_US] APPROVED");
  }

  @Test
  void customerFlowReply_isInteractiveNfmReplyWithResponseJsonString() throws Exception {
    String wamid = sandbox.customer(CUSTOMER).sendFlowReply("{\"flow_token\":\"tok-1\",\"rating\":\"5\"}", "Sent");
    sandbox.deliverPending();
    WebhookReceiver.Received got = receiver.received().get(0);
    assertThat(got.signature()).isEqualTo(hmac(got.body()));
    String m = "entry.0.changes.0.value.messages.0.";
    assertThat(J.str(got.text(), m + "id")).isEqualTo(wamid);
    assertThat(J.str(got.text(), m + "type")).isEqualTo("interactive");
    assertThat(J.str(got.text(), m + "interactive.type")).isEqualTo("nfm_reply");
    assertThat(J.str(got.text(), m + "interactive.nfm_reply.name")).isEqualTo("flow");
    assertThat(J.str(got.text(), m + "interactive.nfm_reply.response_json"))
        .isEqualTo("{\"flow_token\":\"tok-1\",\"rating\":\"5\"}");
    assertThat(sandbox.windowOpen(CUSTOMER)).isTrue();
  }

  @Test
  void customerFlowReply_responseNotAnObject_isRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sandbox.customer(CUSTOMER).sendFlowReply("[1]", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(sandbox.pendingWebhooks()).isZero();
  }

  @Test
  void fullQueue_dropsOldestAndCountsEveryDrop() {
    sandbox.setWebhookQueueCapacity(3);
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(sandbox.customer(CUSTOMER).sendText("m" + i));
    }
    assertThat(sandbox.droppedWebhooks()).isEqualTo(2);
    assertThat(sandbox.pendingWebhooks()).isEqualTo(3);
    sandbox.deliverPending();
    assertThat(receiver.received()).extracting(r -> J.str(r.text(), "entry.0.changes.0.value.messages.0.id"))
        .containsExactlyElementsOf(ids.subList(2, 5));
    assertThat(sandbox.droppedWebhooks()).isEqualTo(2);
  }
}
