package io.github.whatsapphelpdesk.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.Contact;
import io.github.whatsapphelpdesk.client.Contacts;
import io.github.whatsapphelpdesk.client.Interactive;
import io.github.whatsapphelpdesk.client.InteractiveAction;
import io.github.whatsapphelpdesk.client.Location;
import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.MediaKind;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.MessageContent;
import io.github.whatsapphelpdesk.client.Reaction;
import io.github.whatsapphelpdesk.client.RetryPolicy;
import io.github.whatsapphelpdesk.client.SendResult;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.error.AuthenticationException;
import io.github.whatsapphelpdesk.error.InvalidRequestException;
import io.github.whatsapphelpdesk.error.RateLimitException;
import io.github.whatsapphelpdesk.error.SessionWindowClosedException;
import io.github.whatsapphelpdesk.error.TemplateException;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's real {@link WhatsAppClient} against the sandbox: one test per rule, the typed exception and its
 * code each time; every message type accepted and recorded as sent. Where the client's local validation
 * catches a mistake first, no request reaches the sandbox.
 */
class ClientAgainstSandboxTest {
  private static final String CUSTOMER = "+4915112345678";
  private static final String RICH_COMPONENTS = "[{\"type\":\"HEADER\",\"format\":\"IMAGE\"},"
      + "{\"type\":\"BODY\",\"text\":\"Hi {{1}}, you owe {{2}} since {{3}}.\"},"
      + "{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"URL\",\"text\":\"Pay\",\"url\":\"https://pay.example/{{1}}\"},"
      + "{\"type\":\"QUICK_REPLY\",\"text\":\"Stop\"}]}]";
  private final MutableClock clock = MutableClock.create();
  private CloudApiSandbox sandbox;
  private WhatsAppClient client;

  @BeforeEach
  void start() {
    sandbox = CloudApiSandbox.builder().clock(clock)
        .templates(concat(CloudApiSandboxBuilder.defaultTemplates(),
            new SandboxTemplate("payment_due", "en_US", "APPROVED", "UTILITY", "POSITIONAL", RICH_COMPONENTS),
            new SandboxTemplate("doc_ready", "en_US", "APPROVED", "UTILITY", "POSITIONAL",
                "[{\"type\":\"HEADER\",\"format\":\"DOCUMENT\"},{\"type\":\"BODY\",\"text\":\"Your file.\"}]"),
            new SandboxTemplate("video_hi", "en_US", "APPROVED", "MARKETING", "POSITIONAL",
                "[{\"type\":\"HEADER\",\"format\":\"VIDEO\"},{\"type\":\"BODY\",\"text\":\"Watch.\"}]")))
        .start();
    client = clientWithToken(sandbox.accessToken());
  }

  private static List<SandboxTemplate> concat(List<SandboxTemplate> a, SandboxTemplate... more) {
    List<SandboxTemplate> all = new java.util.ArrayList<>(a);
    all.addAll(List.of(more));
    return all;
  }

  private WhatsAppClient clientWithToken(String token) {
    return WhatsAppClient.builder().accessToken(token).phoneNumberId(sandbox.phoneNumberId())
        .wabaId(sandbox.wabaId()).graphVersion(sandbox.apiVersion()).baseUrl(sandbox.baseUrl())
        .retryPolicy(RetryPolicy.none()).clock(clock)
        // These tests provoke the sandbox's own 130429/131056 and send many messages to one recipient on a
        // clock that does not move: the client-side limiter (on by default) is opted out.
        .outboundLimiter(io.github.whatsapphelpdesk.ratelimit.OutboundLimiter.unlimited()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    sandbox.close();
  }

  private long sendRequests() {
    return sandbox.requests().stream().filter(r -> r.path().endsWith("/messages")).count();
  }

  private void openWindow() {
    sandbox.customer(CUSTOMER).sendText("hi");
  }

  private static <T extends WhatsAppApiException> void assertCode(Runnable call, Class<T> type, int code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(type, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.fbtraceId()).isPresent();
    });
  }

  // ---- one test per rule ----

  @Test
  void invalidToken_190_isAuthenticationException() {
    openWindow();
    try (WhatsAppClient bad = clientWithToken("wrong-token")) {
      assertCode(() -> bad.messages().send(Message.text(CUSTOMER, "x")), AuthenticationException.class, 190);
    }
  }

  @Test
  void expiredToken_190_isAuthenticationException() {
    openWindow();
    sandbox.addAccessToken("short", clock.instant().plus(Duration.ofMinutes(5)));
    try (WhatsAppClient c = clientWithToken("short")) {
      assertThat(c.messages().send(Message.text(CUSTOMER, "ok")).messageId()).startsWith("wamid.");
      clock.advance(Duration.ofMinutes(5));
      assertCode(() -> c.messages().send(Message.text(CUSTOMER, "x")), AuthenticationException.class, 190);
    }
  }

  @Test
  void windowClosed_131047_syncChannel_isSessionWindowClosedException() {
    sandbox.setErrorChannels(ErrorChannel.SYNC, ErrorChannel.SYNC);
    assertCode(() -> client.messages().send(Message.text(CUSTOMER, "late")), SessionWindowClosedException.class,
        131047);
    assertThat(sandbox.sentMessages()).isEmpty();
  }

  @Test
  void windowClosed_131047_defaultWebhookChannel_acceptedThenFailedStatus() {
    SendResult r = client.messages().send(Message.text(CUSTOMER, "late"));
    assertThat(r.messageId()).startsWith("wamid.");
    sandbox.deliverPending();
    assertThat(sandbox.sentMessages()).singleElement().satisfies(m -> {
      assertThat(m.wamid()).isEqualTo(r.messageId());
      assertThat(m.failureCode()).isEqualTo(131047);
    });
  }

  @Test
  void templateWrongLanguage_132001_isTemplateException() {
    assertCode(() -> client.messages().send(Message.of(CUSTOMER, TemplateMessage.of("hello_world", "de_DE"))),
        TemplateException.class, 132001);
  }

  @Test
  void templateParameterCount_132000_isTemplateException() {
    assertCode(() -> client.messages().send(Message.of(CUSTOMER, TemplateMessage.of("order_update", "en_US",
        TemplateComponent.body(TemplateParameter.text("Ann"))))), TemplateException.class, 132000);
  }

  @Test
  void templateParameterFormat_132012_isTemplateException() {
    // Positional parameters to a NAMED template: only the template's definition tells, so it reaches Meta.
    assertCode(() -> client.messages().send(Message.of(CUSTOMER, TemplateMessage.of("appointment_reminder", "en_US",
        TemplateComponent.body(TemplateParameter.text("Ann"), TemplateParameter.text("May 1"))))),
        TemplateException.class, 132012);
  }

  @Test
  void pausedTemplate_132015_isTemplateException() {
    assertCode(() -> client.messages().send(Message.of(CUSTOMER, TemplateMessage.of("spring_sale", "en_US",
        TemplateComponent.body(TemplateParameter.text("Friday"))))), TemplateException.class, 132015);
  }

  @Test
  void throughput_130429_isRateLimitException() {
    sandbox.setLimits(2, Duration.ofSeconds(6), 45);
    openWindow();
    client.messages().send(Message.text(CUSTOMER, "1"));
    client.messages().send(Message.text(CUSTOMER, "2"));
    assertThatThrownBy(() -> client.messages().send(Message.text(CUSTOMER, "3")))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.code()).isEqualTo(130429);
          assertThat(e.perRecipient()).isFalse();
        });
  }

  @Test
  void pairRate_131056_isPerRecipientRateLimitException() {
    sandbox.setLimits(80, Duration.ofSeconds(6), 1);
    openWindow();
    client.messages().send(Message.text(CUSTOMER, "1"));
    assertThatThrownBy(() -> client.messages().send(Message.text(CUSTOMER, "2")))
        .isInstanceOfSatisfying(RateLimitException.class, e -> {
          assertThat(e.code()).isEqualTo(131056);
          assertThat(e.perRecipient()).isTrue();
        });
  }

  @Test
  void invalidParameter_100_unknownPhoneNumberId_isInvalidRequestException() {
    openWindow();
    try (WhatsAppClient other = client.forPhoneNumber("999")) {
      assertCode(() -> other.messages().send(Message.text(CUSTOMER, "x")), InvalidRequestException.class, 100);
    }
  }

  @Test
  void invalidParameter_100_markReadOfUnknownMessage_isInvalidRequestException() {
    openWindow();
    assertCode(() -> client.messages().markAsRead("wamid.unknown"), InvalidRequestException.class, 100);
  }

  @Test
  void invalidParameter_131009_reactionToUnknownMessage_acceptedThenFailedStatus() {
    // Reference §2: a reaction Meta cannot apply is reported as a 131009 webhook, not in the HTTP answer.
    openWindow();
    SendResult r = client.messages().send(Message.of(CUSTOMER, new Reaction("wamid.unknown", "\uD83D\uDC4D")));
    sandbox.deliverPending();
    assertThat(sandbox.sentMessages()).singleElement().satisfies(m -> {
      assertThat(m.wamid()).isEqualTo(r.messageId());
      assertThat(m.failureCode()).isEqualTo(131009);
    });
  }

  @Test
  void unsupportedMedia_131053_stickerFromJpeg_isMediaError() {
    sandbox.setErrorChannels(ErrorChannel.WEBHOOK, ErrorChannel.SYNC);
    openWindow();
    String jpeg = client.media().upload(new byte[] {(byte) 0xFF, (byte) 0xD8, 1}, "image/jpeg", "a.jpg");
    assertThatThrownBy(() -> client.messages().send(Message.of(CUSTOMER, Media.sticker(jpeg))))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.code()).isEqualTo(131053);
          assertThat(e.error().details()).isNotNull();
        });
  }

  // ---- caught locally: never reaches the sandbox ----

  @Test
  void localValidation_limitsTheSandboxWouldReject_neverReachTheSandbox() {
    openWindow();
    long before = sendRequests();
    var row = new InteractiveAction.ListSection("s", List.of(new InteractiveAction.ListRow("r", "Row", null)));
    List<MessageContent> bad = List.of(
        new io.github.whatsapphelpdesk.client.Text("x".repeat(4097), false),
        Media.image("1").withCaption("c".repeat(1025)),
        Interactive.replyButtons("b".repeat(1025), new InteractiveAction.ReplyButton("y", "Yes")),
        Interactive.ctaUrl("b".repeat(1025), "Open", "https://example.com"),
        Interactive.list("l".repeat(4097), "Menu", row),
        Interactive.replyButtons("pick", new InteractiveAction.ReplyButton("1", "A"),
            new InteractiveAction.ReplyButton("2", "B"), new InteractiveAction.ReplyButton("3", "C"),
            new InteractiveAction.ReplyButton("4", "D")),
        new Contacts(List.of()));
    for (MessageContent content : bad) {
      assertThatThrownBy(() -> client.messages().send(Message.of(CUSTOMER, content)))
          .as(content.type()).isInstanceOf(ValidationException.class);
    }
    assertThatThrownBy(() -> client.messages().send(Message.text("12ab", "x"))).isInstanceOf(ValidationException.class);
    assertThat(sendRequests()).isEqualTo(before);
    assertThat(sandbox.sentMessages()).isEmpty();
  }

  @Test
  void bodyLimitsAgree_clientAcceptsWhatTheSandboxAccepts() {
    openWindow();
    var row = new InteractiveAction.ListSection("s", List.of(new InteractiveAction.ListRow("r", "Row", null)));
    client.messages().send(Message.of(CUSTOMER, Interactive.list("l".repeat(4096), "Menu", row)));
    client.messages().send(Message.of(CUSTOMER,
        Interactive.replyButtons("b".repeat(1024), new InteractiveAction.ReplyButton("y", "Yes"))));
    client.messages().send(Message.of(CUSTOMER, Interactive.ctaUrl("b".repeat(1024), "Open", "https://example.com")));
    assertThat(sandbox.sentMessages()).hasSize(3);
  }

  // ---- every message type through the client ----

  @Test
  void everyType_acceptedAndRecorded() {
    openWindow();
    String inbound = sandbox.customer(CUSTOMER).sendText("react to me");
    String img = client.media().upload(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2}, "image/jpeg", "a.jpg");
    String vid = client.media().upload(new byte[] {0, 0, 0, 24}, "video/mp4", "v.mp4");
    String aud = client.media().upload(new byte[] {1, 2, 3}, "audio/ogg", "a.ogg");
    String doc = client.media().upload("%PDF-1.4".getBytes(), "application/pdf", "d.pdf");
    String stk = client.media().upload(new byte[] {'R', 'I', 'F', 'F'}, "image/webp", "s.webp");
    var section = new InteractiveAction.ListSection("Topics",
        List.of(new InteractiveAction.ListRow("billing", "Billing", "Invoices"),
            new InteractiveAction.ListRow("tech", "Technical", null)));
    Map<String, MessageContent> sends = new java.util.LinkedHashMap<>();
    sends.put("text", new io.github.whatsapphelpdesk.client.Text("see https://example.com", true));
    sends.put("image", Media.image(img).withCaption("receipt"));
    sends.put("image-link", Media.byLink(MediaKind.IMAGE, "https://example.com/a.jpg"));
    sends.put("video", Media.video(vid).withCaption("how-to"));
    sends.put("video-link", Media.byLink(MediaKind.VIDEO, "https://example.com/v.mp4"));
    sends.put("audio", Media.audio(aud));
    sends.put("audio-link", Media.byLink(MediaKind.AUDIO, "https://example.com/a.ogg"));
    sends.put("document", Media.document(doc).withCaption("invoice").withFilename("invoice.pdf"));
    sends.put("document-link", Media.byLink(MediaKind.DOCUMENT, "https://example.com/d.pdf").withFilename("d.pdf"));
    sends.put("sticker", Media.sticker(stk));
    sends.put("sticker-link", Media.byLink(MediaKind.STICKER, "https://example.com/s.webp"));
    sends.put("location", new Location(52.52, 13.405, "Office", "Berlin"));
    sends.put("contacts", Contacts.of(Contact.of("Ann Lee", new Contact.Phone("+4915100000000", "WORK", null))));
    sends.put("list", Interactive.list("Pick a topic", "Topics", section).withFooter("Support"));
    sends.put("button", Interactive.replyButtons("Solved?", new InteractiveAction.ReplyButton("yes", "Yes"),
        new InteractiveAction.ReplyButton("no", "No")));
    sends.put("cta_url", Interactive.ctaUrl("Track your order", "Track", "https://example.com/t/1"));
    sends.put("flow", new Interactive(null, "Rate us", null, new InteractiveAction.Flow("3", "flow-token-1",
        "1234567890", null, "Open survey", "navigate", "RATE", Map.of("ticket", "42"), null)));
    sends.put("reaction", new Reaction(inbound, "👍"));
    sends.put("reaction-removal", Reaction.remove(inbound));
    sends.put("template-text", TemplateMessage.of("order_update", "en_US",
        TemplateComponent.body(TemplateParameter.text("Ann"), TemplateParameter.text("A-17"))));
    sends.put("template-named", TemplateMessage.of("appointment_reminder", "en_US", TemplateComponent.body(
        TemplateParameter.text("Ann").named("first_name"), TemplateParameter.text("May 1").named("date"))));
    sends.put("template-media-currency-date-buttons", TemplateMessage.of("payment_due", "en_US",
        TemplateComponent.header(TemplateParameter.image(Media.byLink(MediaKind.IMAGE, "https://example.com/h.jpg"))),
        TemplateComponent.body(TemplateParameter.text("Ann"), TemplateParameter.currency("$12.50", "USD", 12500),
            TemplateParameter.dateTime("May 1, 2026")),
        TemplateComponent.button(TemplateComponent.URL, 0, TemplateParameter.text("inv-17")),
        TemplateComponent.button(TemplateComponent.QUICK_REPLY, 1, TemplateParameter.payload("STOP"))));
    sends.put("template-document", TemplateMessage.of("doc_ready", "en_US",
        TemplateComponent.header(TemplateParameter.document(Media.document(doc).withFilename("f.pdf")))));
    sends.put("template-video", TemplateMessage.of("video_hi", "en_US",
        TemplateComponent.header(TemplateParameter.video(Media.video(vid)))));

    for (var e : sends.entrySet()) {
      SendResult r = client.messages().send(Message.of(CUSTOMER, e.getValue()));
      assertThat(r.messageId()).as(e.getKey()).startsWith("wamid.");
      assertThat(r.waId()).as(e.getKey()).isEqualTo("4915112345678");
      SentMessage recorded = sandbox.sentMessages().get(sandbox.sentMessages().size() - 1);
      assertThat(recorded.wamid()).as(e.getKey()).isEqualTo(r.messageId());
      assertThat(recorded.type()).as(e.getKey()).isEqualTo(e.getValue().type());
      assertThat(recorded.failureCode()).as(e.getKey()).isZero();
    }
    assertThat(sandbox.sentMessages()).hasSize(sends.size());

    SentMessage doc0 = sandbox.sentMessages().stream().filter(m -> m.type().equals("document")).findFirst().get();
    assertThat(J.str(doc0.bodyJson(), "document.filename")).isEqualTo("invoice.pdf");
    assertThat(J.str(doc0.bodyJson(), "document.id")).isEqualTo(doc);
    SentMessage flow = sandbox.sentMessages().stream()
        .filter(m -> m.type().equals("interactive") && "flow".equals(J.str(m.bodyJson(), "interactive.type")))
        .findFirst().get();
    assertThat(J.str(flow.bodyJson(), "interactive.action.parameters.flow_token")).isEqualTo("flow-token-1");
    SentMessage rich = sandbox.sentMessages().stream()
        .filter(m -> "payment_due".equals(J.str(m.bodyJson(), "template.name"))).findFirst().get();
    assertThat(J.at(rich.bodyJson(), "template.components.1.parameters.1.currency.amount_1000")).isEqualTo(12500L);
    assertThat(J.str(rich.bodyJson(), "template.components.2.sub_type")).isEqualTo("url");
    SentMessage removal = sandbox.sentMessages().stream().filter(m -> m.type().equals("reaction")).reduce((a, b) -> b)
        .get();
    assertThat(J.str(removal.bodyJson(), "reaction.emoji")).isEmpty();
    assertThat(sandbox.requests()).filteredOn(q -> q.path().endsWith("/messages")).hasSize(sends.size())
        // The sandbox records the header with the token masked; the token itself was checked (else 190).
        .allSatisfy(q -> assertThat(q.headers().get("authorization")).containsExactly("Bearer ***"));
  }
}
