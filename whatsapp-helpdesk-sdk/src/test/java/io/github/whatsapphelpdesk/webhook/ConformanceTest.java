package io.github.whatsapphelpdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.ErrorAction;
import io.github.whatsapphelpdesk.error.ErrorCategory;
import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.template.QualityScore;
import io.github.whatsapphelpdesk.template.TemplateCategory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every webhook payload collected in the shared conformance set (Meta's OpenAPI examples, the 2025-26
 * docs examples and the Java peer SDK's samples; copied to {@code src/test/resources/conformance/webhooks})
 * parses, with assertions on the event types and key fields.
 */
class ConformanceTest {
  static final String OAS = "webhooks-openapi/";
  static final String DOCS = "webhooks-docs/";
  static final String PEER = "peer-java-sdk/deserialization/";
  static final String MALFORMED = PEER + "textMessageStatusRead.json";

  static final List<String> ALL = List.of(
      OAS + "button-message.json", OAS + "contact-sharing-message.json", OAS + "group-create-message.json",
      OAS + "group-remove-participants.json", OAS + "group-settings-update.json", OAS + "image-message.json",
      OAS + "interactive-button-reply-message.json", OAS + "interactive-list-reply-message.json",
      OAS + "location-message.json", OAS + "order-message.json", OAS + "reaction-message.json",
      OAS + "system-message.json", OAS + "text-message-from-click-to-whatsapp-ad.json",
      OAS + "text-message-with-context-product-inquiry.json", OAS + "text-message.json",
      OAS + "unsupported-message.json",
      DOCS + "errors-webhook-130429.json", DOCS + "status-failed-131049.json", DOCS + "status-sent-marketing-pmp.json",
      DOCS + "status-v24-no-conversation.json", DOCS + "template-status-rejected-invalid-format.json",
      DOCS + "user-preferences-resume.json",
      PEER + "accountBanned.json", PEER + "accountRestricted.json", PEER + "accountReview.json",
      PEER + "audioMessage.json", PEER + "buttonMessage.json", PEER + "contactMessage.json",
      PEER + "documentMessage.json", PEER + "imageMessage.json", PEER + "locationMessage.json",
      PEER + "mediaUploadError.json", PEER + "messageDeleted.json", PEER + "phoneNumberNameUpdate.json",
      PEER + "qualityUpdate.json", PEER + "reEngagementMessageError.json", PEER + "reactMessage.json",
      PEER + "rejectedTemplate.json", PEER + "stickerMessage.json", PEER + "templateSchedulingForDisabling.json",
      PEER + "textMessage.json", PEER + "textMessage2.json", PEER + "textMessageStatusDelivered.json",
      PEER + "textMessageStatusSent.json", PEER + "verifiedAccount.json", PEER + "videoMessage.json");

  private static final WebhookParser PARSER = WebhookParser.create();

  static byte[] bytes(String name) {
    try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/webhooks/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ParsedWebhook parse(String name) {
    return PARSER.parse(bytes(name));
  }

  static <T extends WebhookEvent> T only(String name, Class<T> type) {
    ParsedWebhook p = parse(name);
    assertThat(p.problems()).isEmpty();
    assertThat(p.events()).hasSize(1);
    assertThat(p.events().get(0)).isInstanceOf(type);
    return type.cast(p.events().get(0));
  }

  static Stream<String> wellFormed() {
    return ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("wellFormed")
  void everyFileParsesWithoutProblems(String name) {
    ParsedWebhook p = parse(name);
    assertThat(p.problems()).isEmpty();
    assertThat(p.events()).isNotEmpty();
    for (WebhookEvent e : p.events()) {
      assertThat(e.metadata().wabaId()).isNotEmpty();
      assertThat(e.idempotencyKey()).isNotBlank().doesNotContain("null");
    }
  }

  @Test
  void everyResourceFileIsCovered() throws Exception {
    java.nio.file.Path root = java.nio.file.Path.of(ConformanceTest.class.getResource("/conformance/webhooks").toURI());
    try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
      List<String> found = files.filter(f -> f.toString().endsWith(".json"))
          .map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
      List<String> expected = Stream.concat(ALL.stream(), Stream.of(MALFORMED)).sorted().toList();
      assertThat(found).isEqualTo(expected);
    }
  }

  @Test
  void theMalformedPeerFileGetsTheTypedError() {
    assertThatThrownBy(() -> parse(MALFORMED))
        .isInstanceOf(WebhookParseException.class)
        .satisfies(e -> assertThat(((WebhookParseException) e).reason())
            .isEqualTo(WebhookParseException.Reason.MALFORMED_JSON))
        .hasMessageContaining("data after the JSON object");
  }

  // ---- Meta's OpenAPI examples ------------------------------------------------------------------

  @Test
  void text() {
    InboundMessage m = only(OAS + "text-message.json", InboundMessage.class);
    assertThat(m.metadata()).isEqualTo(new EventMetadata("419561257915477", "106540352242922", "15550783881",
        "messages", null, null));
    assertThat(m.wamid()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
    assertThat(m.from()).isEqualTo("16505551234");
    assertThat(m.contact()).isEqualTo(ContactProfile.of("16505551234", "Sheena Nelson"));
    assertThat(m.profileName()).isEqualTo("Sheena Nelson");
    assertThat(m.timestamp()).isEqualTo(Instant.ofEpochSecond(1749416383L));
    assertThat(m.content()).isEqualTo(new InboundContent.Text("Does it come in another color?"));
    assertThat(m.context()).isNull();
    assertThat(m.referral()).isNull();
    assertThat(m.errors()).isEmpty();
    assertThat(m.idempotencyKey()).isEqualTo("message:" + m.wamid());
    assertThat(m.customerWaId()).isEqualTo("16505551234");
  }

  @Test
  void button() {
    InboundMessage m = only(OAS + "button-message.json", InboundMessage.class);
    assertThat(m.content()).isEqualTo(new InboundContent.Button("Unsubscribe", "Unsubscribe"));
    assertThat(m.replyToWamid()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJFNjk2OTMwNEZCQjhGMzUyQUYA");
    assertThat(m.context().from()).isEqualTo("15550783881");
  }

  @Test
  void contacts() {
    InboundMessage m = only(OAS + "contact-sharing-message.json", InboundMessage.class);
    InboundContent.Contacts c = (InboundContent.Contacts) m.content();
    assertThat(c.contacts()).hasSize(1);
    SharedContact card = c.contacts().get(0);
    assertThat(card.formattedName()).isEqualTo("Lucía Gómez");
    assertThat(card.firstName()).isEqualTo("Lucía");
    assertThat(card.lastName()).isEqualTo("Gómez");
    assertThat(card.company()).isEqualTo("Google");
    assertThat(card.phones()).containsExactly(new SharedContact.Phone("+1 (983) 555-2319", "19835552319", "MOBILE"));
  }

  @Test
  void groupFieldsAreUnknownEventsWithTheirRawJson() {
    for (String f : List.of("group-create-message.json", "group-remove-participants.json",
        "group-settings-update.json")) {
      UnknownEvent u = only(OAS + f, UnknownEvent.class);
      assertThat(u.field()).startsWith("group_");
      assertThat(u.metadata().field()).isEqualTo(u.field());
      assertThat(u.metadata().wabaId()).isEqualTo("102290129340398");
      assertThat(u.rawJson()).startsWith("{").contains("\"groups\"").contains("Y2FwaV9ncm91cDox");
      assertThat(u.metadata().contentHash()).hasSize(64);
      assertThat(u.idempotencyKey()).isEqualTo(u.field() + ":" + u.metadata().contentHash());
    }
  }

  @Test
  void image() {
    InboundMessage m = only(OAS + "image-message.json", InboundMessage.class);
    assertThat(m.content()).isEqualTo(new InboundContent.Media(InboundContent.MediaType.IMAGE, "1003383421387256",
        "image/jpeg", "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=", "Taj Mahal", null, false, false, null));
    assertThat(m.content().type()).isEqualTo("image");
  }

  @Test
  void interactiveButtonReply() {
    InboundMessage m = only(OAS + "interactive-button-reply-message.json", InboundMessage.class);
    assertThat(m.content()).isEqualTo(new InboundContent.ButtonReply("cancel-button", "Cancel"));
    assertThat(m.replyToWamid()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA");
  }

  @Test
  void interactiveListReply() {
    InboundMessage m = only(OAS + "interactive-list-reply-message.json", InboundMessage.class);
    assertThat(m.content()).isEqualTo(
        new InboundContent.ListReply("priority_express", "Priority Mail Express", "Next Day to 2 Days"));
  }

  @Test
  void location() {
    InboundMessage m = only(OAS + "location-message.json", InboundMessage.class);
    assertThat(m.content()).isEqualTo(new InboundContent.Location(37.44221496582, -122.16165924072,
        "Philz Coffee", "101 Forest Ave, Palo Alto, CA 94301", "https://philzcoffee.com/"));
  }

  @Test
  void order() {
    InboundMessage m = only(OAS + "order-message.json", InboundMessage.class);
    InboundContent.Order o = (InboundContent.Order) m.content();
    assertThat(o.catalogId()).isEqualTo("194836987003835");
    assertThat(o.text()).isEmpty();
    assertThat(o.items()).containsExactly(
        new InboundContent.OrderItem("di9ozbzfi4", 2, new BigDecimal("30"), "USD"),
        new InboundContent.OrderItem("nqryix03ez", 1, new BigDecimal("25"), "USD"));
  }

  @Test
  void reaction() {
    InboundMessage m = only(OAS + "reaction-message.json", InboundMessage.class);
    InboundContent.Reaction r = (InboundContent.Reaction) m.content();
    assertThat(r.messageId()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA");
    assertThat(r.emoji()).isEqualTo("👍");
    assertThat(r.removed()).isFalse();
  }

  @Test
  void systemUserChangedNumber() {
    InboundMessage m = only(OAS + "system-message.json", InboundMessage.class);
    InboundContent.SystemChange s = (InboundContent.SystemChange) m.content();
    assertThat(s.userChangedNumber()).isTrue();
    assertThat(s.newWaId()).isEqualTo("12195555358");
    assertThat(s.body()).contains("changed from 16505551234 to 12195555358");
    assertThat(m.contact()).isNull();
    assertThat(m.from()).isEqualTo("16505551234");
  }

  @Test
  void clickToWhatsAppReferral() {
    InboundMessage m = only(OAS + "text-message-from-click-to-whatsapp-ad.json", InboundMessage.class);
    assertThat(m.content()).isEqualTo(new InboundContent.Text("Hello! Can I get more info on this?"));
    Referral r = m.referral();
    assertThat(r.sourceUrl()).isEqualTo("https://fb.me/3cr4Wqqkv");
    assertThat(r.sourceId()).isEqualTo("120226305854810726");
    assertThat(r.sourceType()).isEqualTo("ad");
    assertThat(r.headline()).isEqualTo("Chat with us");
    assertThat(r.body()).isEqualTo("Summer Succulents are here!");
    assertThat(r.mediaType()).isEqualTo("image");
    assertThat(r.imageUrl()).startsWith("https://scontent.xx.fbcdn.net/");
    assertThat(r.ctwaClid()).startsWith("Aff-n8ZTODiE79d22");
    assertThat(r.welcomeMessageText()).isEqualTo("Hi there! Let us know how we can help!");
  }

  @Test
  void productInquiryContext() {
    InboundMessage m = only(OAS + "text-message-with-context-product-inquiry.json", InboundMessage.class);
    assertThat(m.context().productInquiry()).isTrue();
    assertThat(m.context().referredCatalogId()).isEqualTo("194836987003835");
    assertThat(m.context().referredProductRetailerId()).isEqualTo("di9ozbzfi4");
    assertThat(m.context().messageId()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGA9wcm9kdWN0X2lucXVpcnkA");
  }

  @Test
  void unsupported() {
    InboundMessage m = only(OAS + "unsupported-message.json", InboundMessage.class);
    assertThat(m.content()).isEqualTo(new InboundContent.Unsupported("unsupported"));
    assertThat(m.errors()).hasSize(1);
    WebhookError e = m.errors().get(0);
    assertThat(e.code()).isEqualTo(131051);
    assertThat(e.details()).isEqualTo("Message type is currently not supported.");
    assertThat(e.classification().category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
  }

  // ---- Docs examples ------------------------------------------------------------------------------

  @Test
  void valueLevelError130429() {
    ErrorEvent e = only(DOCS + "errors-webhook-130429.json", ErrorEvent.class);
    assertThat(e.error().code()).isEqualTo(130429);
    assertThat(e.error().classification().category()).isEqualTo(ErrorCategory.RATE_LIMITED);
    assertThat(e.error().classification().action()).isEqualTo(ErrorAction.RETRY);
    assertThat(e.error().details()).startsWith("Message failed to send because there were too many");
    assertThat(e.error().href()).isEqualTo("/documentation/business-messaging/whatsapp/support/error-codes");
    assertThat(e.metadata().phoneNumberId()).isEqualTo("106540352242922");
    assertThat(e.metadata().contentHash()).hasSize(64);
  }

  @Test
  void failedStatus131049() {
    StatusUpdate s = only(DOCS + "status-failed-131049.json", StatusUpdate.class);
    assertThat(s.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(s.failed()).isTrue();
    assertThat(s.recipientId()).isEqualTo("16505551234");
    assertThat(s.timestamp()).isEqualTo(Instant.ofEpochSecond(1751142888L));
    assertThat(s.errors()).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo(131049);
      assertThat(e.classification().category()).isEqualTo(ErrorCategory.RECIPIENT);
      assertThat(e.classification().retryable()).isFalse();
    });
    assertThat(s.conversation()).isNull();
    assertThat(s.pricing()).isNull();
    assertThat(s.idempotencyKey()).isEqualTo("status:" + s.wamid() + ":failed");
  }

  @Test
  void sentStatusWithPmpPricing() {
    StatusUpdate s = only(DOCS + "status-sent-marketing-pmp.json", StatusUpdate.class);
    assertThat(s.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(s.conversation()).isEqualTo(new Conversation("72b14d6bd5407799e66f64d1b338e567",
        Instant.ofEpochSecond(1750116480L), "marketing"));
    assertThat(s.pricing()).isEqualTo(new Pricing(true, "PMP", "regular", "marketing"));
  }

  @Test
  void v24StatusWithoutConversation() {
    StatusUpdate s = only(DOCS + "status-v24-no-conversation.json", StatusUpdate.class);
    assertThat(s.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(s.conversation()).isNull();
    assertThat(s.pricing()).isNull();
    assertThat(s.bizOpaqueCallbackData()).isNull();
  }

  @Test
  void templateRejected() {
    TemplateStatusUpdate t = only(DOCS + "template-status-rejected-invalid-format.json", TemplateStatusUpdate.class);
    assertThat(t.event()).isEqualTo(TemplateStatusEvent.REJECTED);
    assertThat(t.templateId()).isEqualTo("1689556908129835");
    assertThat(t.templateName()).isEqualTo("abandoned_cart");
    assertThat(t.language()).isEqualTo("en");
    assertThat(t.reason()).isEqualTo("INVALID_FORMAT");
    assertThat(t.category()).isEqualTo(TemplateCategory.MARKETING);
    assertThat(t.rejectionReason()).startsWith("Your template has parameters placed next to each other");
    assertThat(t.recommendation()).startsWith("Separate parameters");
    assertThat(t.metadata().entryTime()).isEqualTo(Instant.ofEpochSecond(1751247548L));
    assertThat(t.metadata().field()).isEqualTo("message_template_status_update");
    assertThat(t.metadata().phoneNumberId()).isNull();
    assertThat(t.event().blocksSending()).isTrue();
  }

  @Test
  void userPreferencesResume() {
    UserPreferenceUpdate u = only(DOCS + "user-preferences-resume.json", UserPreferenceUpdate.class);
    assertThat(u.waId()).isEqualTo("16505551234");
    assertThat(u.value()).isEqualTo(UserPreferenceUpdate.Value.RESUME);
    assertThat(u.category()).isEqualTo("marketing_messages");
    assertThat(u.marketingResumed()).isTrue();
    assertThat(u.marketingStopped()).isFalse();
    assertThat(u.detail()).isEqualTo("User requested to resume marketing messages");
    assertThat(u.timestamp()).isEqualTo(Instant.ofEpochSecond(1731705721L));
    assertThat(u.contact()).isEqualTo(new ContactProfile("16505551234", null, null));
    assertThat(u.metadata().phoneNumberId()).isEqualTo("106540352242922");
  }

  // ---- Java peer SDK samples ----------------------------------------------------------------------

  @Test
  void accountBanned() {
    AccountUpdate a = only(PEER + "accountBanned.json", AccountUpdate.class);
    assertThat(a.event()).isEqualTo(AccountUpdate.Event.DISABLED_UPDATE);
    assertThat(a.banState()).isEqualTo("SCHEDULE_FOR_DISABLE");
    assertThat(a.banDate()).isEqualTo("January 31, 2021");
    assertThat(a.metadata().wabaId()).isEqualTo("whatsapp-business-account-id");
    assertThat(a.metadata().entryTime()).isEqualTo(Instant.ofEpochSecond(1604703058L));
  }

  @Test
  void accountRestricted() {
    AccountUpdate a = only(PEER + "accountRestricted.json", AccountUpdate.class);
    assertThat(a.event()).isEqualTo(AccountUpdate.Event.ACCOUNT_RESTRICTION);
    assertThat(a.phoneNumber()).isEqualTo("<PHONE_NUMBER>");
    assertThat(a.restrictions()).extracting(AccountUpdate.Restriction::restrictionType).containsExactly(
        "RESTRICTED_ADD_PHONE_NUMBER_ACTION", "RESTRICTED_BIZ_INITIATED_MESSAGING",
        "RESTRICTED_CUSTOMER_INITIATED_MESSAGING");
  }

  @Test
  void accountReviewIsUnknownField() {
    UnknownEvent u = only(PEER + "accountReview.json", UnknownEvent.class);
    assertThat(u.field()).isEqualTo("account_review_update");
    assertThat(u.rawJson()).startsWith("{").endsWith("}").contains("\"decision\": \"APPROVED\"");
  }

  @Test
  void voiceNote() {
    InboundMessage m = only(PEER + "audioMessage.json", InboundMessage.class);
    InboundContent.Media a = (InboundContent.Media) m.content();
    assertThat(a.mediaType()).isEqualTo(InboundContent.MediaType.AUDIO);
    assertThat(a.voice()).isTrue();
    assertThat(a.mimeType()).isEqualTo("audio/ogg; codecs=opus");
    assertThat(a.mediaId()).isEqualTo("827776106019109");
    assertThat(a.sha256()).isEqualTo("iWa0+O81ZLcSkZx6n4QAmrWuHpn8HWFX3gB6a3fQtmk=");
  }

  @Test
  void peerButtonAndContacts() {
    InboundMessage b = only(PEER + "buttonMessage.json", InboundMessage.class);
    assertThat(b.content()).isEqualTo(new InboundContent.Button("SIM", "SIM"));
    assertThat(b.metadata().displayPhoneNumber()).isEqualTo("43330585569");
    InboundMessage c = only(PEER + "contactMessage.json", InboundMessage.class);
    SharedContact card = ((InboundContent.Contacts) c.content()).contacts().get(0);
    assertThat(card.formattedName()).isEqualTo("Person Ok");
    assertThat(card.phones().get(0).waId()).isEqualTo("5511111111111");
    assertThat(card.phones().get(0).type()).isEqualTo("CELL");
  }

  @Test
  void document() {
    InboundMessage m = only(PEER + "documentMessage.json", InboundMessage.class);
    InboundContent.Media d = (InboundContent.Media) m.content();
    assertThat(d.mediaType()).isEqualTo(InboundContent.MediaType.DOCUMENT);
    assertThat(d.filename()).isEqualTo("4_641947.pdf");
    assertThat(d.mimeType()).isEqualTo("application/pdf");
    assertThat(d.mediaId()).isEqualTo("848704520347750");
  }

  @Test
  void peerImageLocationStickerVideo() {
    InboundContent.Media img = (InboundContent.Media) only(PEER + "imageMessage.json", InboundMessage.class).content();
    assertThat(img.mediaId()).isEqualTo("8472976218001204");
    assertThat(img.caption()).isNull();
    InboundContent.Location loc =
        (InboundContent.Location) only(PEER + "locationMessage.json", InboundMessage.class).content();
    assertThat(loc.latitude()).isEqualTo(-10.93941311633);
    assertThat(loc.longitude()).isEqualTo(-10.606395436721);
    assertThat(loc.name()).isNull();
    assertThat(loc.url()).isEqualTo("https://foursquare.com/v/5c42c5667d8497002c6e09f9");
    InboundContent.Media st = (InboundContent.Media) only(PEER + "stickerMessage.json", InboundMessage.class).content();
    assertThat(st.mediaType()).isEqualTo(InboundContent.MediaType.STICKER);
    assertThat(st.animated()).isFalse();
    assertThat(st.mimeType()).isEqualTo("image/webp");
    InboundContent.Media v = (InboundContent.Media) only(PEER + "videoMessage.json", InboundMessage.class).content();
    assertThat(v.mediaType()).isEqualTo(InboundContent.MediaType.VIDEO);
    assertThat(v.caption()).isEqualTo("hello world");
  }

  @Test
  void mediaUploadErrorStatus() {
    StatusUpdate s = only(PEER + "mediaUploadError.json", StatusUpdate.class);
    assertThat(s.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(s.errors().get(0).code()).isEqualTo(131053);
    assertThat(s.errors().get(0).details()).contains("Unsupported Video mime type");
    assertThat(s.errors().get(0).classification().category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
  }

  @Test
  void messageDeletedIsUnsupportedWithError() {
    InboundMessage m = only(PEER + "messageDeleted.json", InboundMessage.class);
    assertThat(m.content()).isInstanceOf(InboundContent.Unsupported.class);
    assertThat(m.errors().get(0).code()).isEqualTo(131051);
  }

  @Test
  void phoneNumberNameUpdateIsUnknownField() {
    UnknownEvent u = only(PEER + "phoneNumberNameUpdate.json", UnknownEvent.class);
    assertThat(u.field()).isEqualTo("phone_number_name_update");
    assertThat(u.rawJson()).contains("\"requested_verified_name\": \"WhatsApp\"");
    assertThat(u.metadata().displayPhoneNumber()).isEqualTo("16505551111");
  }

  @Test
  void qualityUpdate() {
    PhoneNumberQualityUpdate q = only(PEER + "qualityUpdate.json", PhoneNumberQualityUpdate.class);
    assertThat(q.event()).isEqualTo(PhoneNumberQualityUpdate.Event.FLAGGED);
    assertThat(q.displayPhoneNumber()).isEqualTo("16505551111");
    assertThat(q.currentLimit()).isEqualTo("TIER_10K");
    assertThat(q.messagingLimit()).hasValueSatisfying(l -> assertThat(l.maxRecipients()).isEqualTo(10_000));
  }

  @Test
  void reEngagementError() {
    StatusUpdate s = only(PEER + "reEngagementMessageError.json", StatusUpdate.class);
    assertThat(s.errors().get(0).code()).isEqualTo(131047);
    assertThat(s.errors().get(0).classification().category()).isEqualTo(ErrorCategory.WINDOW_CLOSED);
    assertThat(s.errors().get(0).classification().action()).isEqualTo(ErrorAction.TEMPLATE_FALLBACK);
    assertThat(s.recipientId()).isEqualTo("5511111111111");
  }

  @Test
  void reactionWithEscapedEmoji() {
    InboundMessage m = only(PEER + "reactMessage.json", InboundMessage.class);
    assertThat(((InboundContent.Reaction) m.content()).emoji()).isEqualTo("\uD83D\uDC4D");
  }

  @Test
  void templateRejectedAndFlagged() {
    TemplateStatusUpdate r = only(PEER + "rejectedTemplate.json", TemplateStatusUpdate.class);
    assertThat(r.event()).isEqualTo(TemplateStatusEvent.REJECTED);
    assertThat(r.reason()).isEqualTo("SCAM");
    assertThat(r.language()).isEqualTo("pt_BR");
    assertThat(r.templateId()).isEqualTo("905507062668800");
    assertThat(r.category()).isNull();
    TemplateStatusUpdate f = only(PEER + "templateSchedulingForDisabling.json", TemplateStatusUpdate.class);
    assertThat(f.event()).isEqualTo(TemplateStatusEvent.FLAGGED);
    assertThat(f.reason()).isNull();
    assertThat(f.disableDate()).isEqualTo("January 31, 2021");
    assertThat(f.templateName()).isEqualTo("My message template");
    assertThat(f.event().blocksSending()).isFalse();
  }

  @Test
  void peerTexts() {
    InboundMessage a = only(PEER + "textMessage.json", InboundMessage.class);
    assertThat(a.content()).isEqualTo(new InboundContent.Text("hi everyone!"));
    assertThat(a.profileName()).isEqualTo("Mauricio Binda");
    InboundMessage b = only(PEER + "textMessage2.json", InboundMessage.class);
    assertThat(b.content()).isEqualTo(new InboundContent.Text("Good afternoon"));
    assertThat(b.from()).isEqualTo("409552778964973");
    // The contact's wa_id does not match 'from'; the only contact is still attached.
    assertThat(b.contact().waId()).isEqualTo("1111111111111");
  }

  @Test
  void cbpStatuses() {
    StatusUpdate d = only(PEER + "textMessageStatusDelivered.json", StatusUpdate.class);
    assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(d.conversation()).isEqualTo(new Conversation("8eb644d2350611f3746e7f0985bddfc1", null,
        "business_initiated"));
    assertThat(d.pricing()).isEqualTo(new Pricing(true, "CBP", null, "business_initiated"));
    StatusUpdate s = only(PEER + "textMessageStatusSent.json", StatusUpdate.class);
    assertThat(s.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(s.conversation().expiration()).isEqualTo(Instant.ofEpochSecond(1673031000L));
  }

  @Test
  void verifiedAccount() {
    AccountUpdate a = only(PEER + "verifiedAccount.json", AccountUpdate.class);
    assertThat(a.event()).isEqualTo(AccountUpdate.Event.VERIFIED_ACCOUNT);
    assertThat(a.phoneNumber()).isEqualTo("1111111111111");
  }
}
