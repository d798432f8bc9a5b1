package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.ratelimit.MessagingLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.error.WebhookParseException.Reason;
import io.github.whatsapphelpdesk.error.WhatsAppException;
import io.github.whatsapphelpdesk.template.QualityScore;
import io.github.whatsapphelpdesk.template.TemplateCategory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parser beyond the conformance files: every field, forward compatibility, bad input, isolation. */
class ParserTest {
  private static final WebhookParser PARSER = WebhookParser.create();

  /** A {@code messages} change with the given value members (JSON text without the outer braces). */
  static String messages(String valueMembers) {
    return change("messages", "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":"
        + "\"15550783881\",\"phone_number_id\":\"106540352242922\"}," + valueMembers + "}");
  }

  static String change(String field, String value) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"419561257915477\",\"time\":1751247548,"
        + "\"changes\":[{\"value\":" + value + ",\"field\":\"" + field + "\"}]}]}";
  }

  static String msg(String id, String typeAndContent) {
    return "{\"from\":\"16505551234\",\"id\":\"" + id + "\",\"timestamp\":\"1749416383\"," + typeAndContent + "}";
  }

  static ParsedWebhook parse(String json) {
    return PARSER.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  static WebhookParseException parseError(byte[] body, Reason reason) {
    try {
      PARSER.parse(body);
    } catch (WebhookParseException e) {
      assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
      assertThat(e).isInstanceOf(WhatsAppException.class);
      return e;
    }
    throw new AssertionError("no exception for " + reason);
  }

  static WebhookParseException parseError(String body, Reason reason) {
    return parseError(body.getBytes(StandardCharsets.UTF_8), reason);
  }

  // ---- bad input ---------------------------------------------------------------------------------

  @Test
  void emptyBody() {
    parseError(new byte[0], Reason.EMPTY_BODY);
  }

  @Test
  void bodyOverTheLimit() {
    WebhookParser small = WebhookParser.builder().maxBodyBytes(100).build();
    byte[] body = messages("\"messages\":[]").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> small.parse(body)).isInstanceOf(WebhookParseException.class)
        .hasMessageContaining("more than the limit of 100")
        .satisfies(e -> assertThat(((WebhookParseException) e).reason()).isEqualTo(Reason.TOO_LARGE));
    assertThat(WebhookParser.create().maxBodyBytes()).isEqualTo(3 * 1024 * 1024);
    byte[] big = new byte[3 * 1024 * 1024 + 1];
    parseError(big, Reason.TOO_LARGE);
  }

  @Test
  void invalidUtf8() {
    String prefix = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"x\":\"";
    byte[][] tails = {
      {(byte) 0xff}, // never valid
      {(byte) 0xc3}, // truncated 2-byte sequence
      {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // UTF-16 surrogate
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
      {(byte) 0xe2, (byte) 0x28, (byte) 0xa1}, // bad continuation
    };
    for (byte[] tail : tails) {
      byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
      byte[] body = new byte[p.length + tail.length + 2];
      System.arraycopy(p, 0, body, 0, p.length);
      System.arraycopy(tail, 0, body, p.length, tail.length);
      body[body.length - 2] = '"';
      body[body.length - 1] = '}';
      assertThat(parseError(body, Reason.INVALID_UTF8).getMessage()).contains("at byte " + p.length);
    }
    // Valid multi-byte text is fine.
    assertThat(parse(messages("\"messages\":[" + msg("w1", "\"type\":\"text\",\"text\":{\"body\":\"Grüß 👋\"}")
        + "]")).events()).hasSize(1);
  }

  @Test
  void deepNestingIsATypedErrorNotAStackOverflow() {
    String deep = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"x\":" + "[".repeat(100_000)
        + "]".repeat(100_000) + "}";
    assertThat(parseError(deep, Reason.TOO_DEEP).getMessage()).contains("deeper than 255");
    // Deep nesting inside a message's unknown content object, and nesting within the limit.
    String inMessage = messages("\"messages\":[" + msg("w", "\"type\":\"x\",\"x\":" + "{\"a\":".repeat(300) + "1"
        + "}".repeat(300)) + "]");
    parseError(inMessage, Reason.TOO_DEEP);
    String ok = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"x\":" + "[".repeat(250)
        + "]".repeat(250) + "}";
    assertThat(parse(ok).events()).isEmpty();
    // Brackets inside strings do not count.
    String inString = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"x\":\"" + "[{".repeat(1000) + "\"}";
    assertThat(parse(inString).events()).isEmpty();
  }

  @Test
  void malformedJson() {
    String good = messages("\"messages\":[" + msg("w1", "\"type\":\"text\",\"text\":{\"body\":\"hi\"}") + "]");
    parseError(good.substring(0, good.length() - 3), Reason.MALFORMED_JSON); // truncated
    parseError(good + "{", Reason.MALFORMED_JSON); // trailing data (the peer SDK's real-world file)
    parseError(good.replace("\"hi\"", "'hi'"), Reason.MALFORMED_JSON); // single quotes
    parseError(good.replace(",\"field\"", "\"field\""), Reason.MALFORMED_JSON); // missing comma
    parseError("{\"object\":\"whatsapp_business_account\",\"entry\":[NaN]}", Reason.MALFORMED_JSON);
  }

  @Test
  void structureAndObject() {
    parseError("[]", Reason.UNEXPECTED_STRUCTURE);
    parseError("\"whatsapp_business_account\"", Reason.UNEXPECTED_STRUCTURE);
    parseError("{\"object\":\"whatsapp_business_account\",\"entry\":{}}", Reason.UNEXPECTED_STRUCTURE);
    parseError("{\"object\":\"whatsapp_business_account\"}", Reason.UNEXPECTED_STRUCTURE);
    assertThat(parseError(messages("\"messages\":[]").replace("whatsapp_business_account", "page"),
        Reason.WRONG_OBJECT).getMessage()).contains("\"page\"");
    parseError("{\"entry\":[]}", Reason.WRONG_OBJECT);
    // 'object' last (as in template updates) is fine.
    assertThat(parse("{\"entry\":[],\"object\":\"whatsapp_business_account\"}").events()).isEmpty();
  }

  // ---- batches and isolation ---------------------------------------------------------------------

  @Test
  void everyEntryChangeAndItemOfABatchIsRead() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      if (i > 0) {
        items.append(',');
      }
      items.append(msg("wamid." + i, "\"type\":\"text\",\"text\":{\"body\":\"m" + i + "\"}"));
    }
    String one = messages("\"contacts\":[{\"profile\":{\"name\":\"A\"},\"wa_id\":\"16505551234\"}],\"messages\":["
        + items + "]");
    ParsedWebhook p = parse(one);
    assertThat(p.events()).hasSize(1000);
    assertThat(p.eventsOf(InboundMessage.class).get(999).wamid()).isEqualTo("wamid.999");

    String twoEntries = "{\"object\":\"whatsapp_business_account\",\"entry\":["
        + "{\"id\":\"A\",\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"P1\"},"
        + "\"messages\":[" + msg("a1", "\"type\":\"text\",\"text\":{\"body\":\"x\"}") + "]}},"
        + "{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"P2\"},\"statuses\":["
        + "{\"id\":\"s1\",\"status\":\"read\",\"timestamp\":\"5\",\"recipient_id\":\"1\"}]}}]},"
        + "{\"id\":\"B\",\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"P3\"},"
        + "\"messages\":[" + msg("b1", "\"type\":\"text\",\"text\":{\"body\":\"y\"}") + "]}}]}]}";
    List<WebhookEvent> ev = parse(twoEntries).events();
    assertThat(ev).extracting(e -> e.metadata().wabaId() + "/" + e.metadata().phoneNumberId())
        .containsExactly("A/P1", "A/P2", "B/P3");
  }

  @Test
  void oneBadItemNeverDropsTheGoodOnes() {
    String value = "\"messages\":["
        + msg("good1", "\"type\":\"text\",\"text\":{\"body\":\"one\"}") + ","
        + "{\"from\":\"16505551234\",\"timestamp\":\"1\",\"type\":\"text\",\"text\":{\"body\":\"no id\"}},"
        + "42,"
        + msg("good2", "\"type\":\"text\",\"text\":{\"body\":\"two\"}")
        + "],\"statuses\":[{\"id\":\"s\",\"timestamp\":\"1\"},{\"id\":\"s2\",\"status\":\"sent\"}]";
    ParsedWebhook p = parse(messages(value));
    assertThat(p.eventsOf(InboundMessage.class)).extracting(InboundMessage::wamid).containsExactly("good1", "good2");
    assertThat(p.eventsOf(StatusUpdate.class)).extracting(StatusUpdate::wamid).containsExactly("s2");
    assertThat(p.problems()).hasSize(3);
    ParseProblem noId = p.problems().get(0);
    assertThat(noId.location()).isEqualTo("$.entry[0].changes[0].value.messages[1]");
    assertThat(noId.message()).isEqualTo("message has no 'id'");
    assertThat(noId.rawJson()).contains("\"no id\"");
    assertThat(noId.toString()).doesNotContain("no id\"");
    assertThat(p.problems().get(1).location()).endsWith("messages[2]");
    assertThat(p.problems().get(1).rawJson()).isEqualTo("42");
    assertThat(p.problems().get(2).message()).isEqualTo("status has no 'status'");

    String badEntry = "{\"object\":\"whatsapp_business_account\",\"entry\":[\"oops\",{\"id\":\"W\",\"changes\":"
        + "[{\"field\":\"messages\",\"value\":[]},{\"value\":{}},{\"field\":\"messages\",\"value\":{\"messages\":["
        + msg("ok", "\"type\":\"text\",\"text\":{\"body\":\"x\"}") + "]}}]}]}";
    ParsedWebhook q = parse(badEntry);
    assertThat(q.events()).hasSize(1);
    assertThat(q.problems()).extracting(ParseProblem::message)
        .containsExactly("entry is not a JSON object", "change 'value' is not a JSON object", "change has no 'field'");
  }

  @Test
  void wrongTypedFieldsAreToleratedPerField() {
    String m = "{\"from\":16505551234,\"id\":\"w\",\"timestamp\":{\"x\":1},\"type\":\"text\",\"text\":{\"body\":\"b\"},"
        + "\"context\":\"not an object\",\"errors\":\"nope\"}";
    InboundMessage e = (InboundMessage) parse(messages("\"messages\":[" + m + "]")).events().get(0);
    assertThat(e.from()).isEqualTo("16505551234");
    assertThat(e.timestamp()).isNull();
    assertThat(e.context()).isNull();
    assertThat(e.errors()).isEmpty();
  }

  // ---- forward compatibility ---------------------------------------------------------------------

  @Test
  void unknownFieldsAreIgnoredAndFieldOrderDoesNotMatter() {
    // field before value, metadata and contacts after the messages, extra members everywhere.
    String json = "{\"new_top\":{\"a\":[1,2]},\"entry\":[{\"changes\":[{\"field\":\"messages\",\"extra\":true,"
        + "\"value\":{\"messages\":[{\"type\":\"text\",\"text\":{\"body\":\"hi\",\"new\":1},\"id\":\"w\",\"from\":\"4915112345678\","
        + "\"new_member\":[{}],\"timestamp\":\"1700000000\"}],\"contacts\":[{\"wa_id\":\"4915112345678\",\"profile\":{\"name\":\"Ana\"},"
        + "\"user_id\":\"DE.1234567\"}],\"metadata\":{\"phone_number_id\":\"P\",\"display_phone_number\":\"D\"}}}],"
        + "\"id\":\"W\"}],\"object\":\"whatsapp_business_account\"}";
    InboundMessage m = (InboundMessage) parse(json).events().get(0);
    assertThat(m.metadata()).isEqualTo(EventMetadata.of("W", "P", "D"));
    assertThat(m.contact()).isEqualTo(new ContactProfile("4915112345678", "Ana", "DE.1234567"));
    assertThat(m.timestamp()).isEqualTo(Instant.ofEpochSecond(1700000000L));
    assertThat(m.content()).isEqualTo(new InboundContent.Text("hi"));
  }

  @Test
  void unknownMessageTypeKeepsItsRawJson() {
    String raw = msg("w9", "\"type\":\"hologram\",\"hologram\":{\"id\":\"H1\"}");
    InboundMessage m = (InboundMessage) parse(messages("\"messages\":[" + raw + "]")).events().get(0);
    assertThat(m.content()).isEqualTo(new InboundContent.Unknown("hologram", raw));
    // Interactive sub-types the SDK does not know, and a known type without its object.
    String sub = msg("w10", "\"type\":\"interactive\",\"interactive\":{\"type\":\"call_permission_reply\"}");
    String missing = msg("w11", "\"type\":\"image\"");
    List<WebhookEvent> ev = parse(messages("\"messages\":[" + sub + "," + missing + "]")).events();
    assertThat(((InboundMessage) ev.get(0)).content()).isEqualTo(new InboundContent.Unknown("interactive", sub));
    assertThat(((InboundMessage) ev.get(1)).content()).isEqualTo(new InboundContent.Unknown("image", missing));
  }

  @Test
  void unknownEnumValuesMapToUnknown() {
    StatusUpdate s = (StatusUpdate) parse(messages("\"statuses\":[{\"id\":\"w\",\"status\":\"deleted\"}]"))
        .events().get(0);
    assertThat(s.status()).isEqualTo(DeliveryStatus.UNKNOWN);
    assertThat(s.rawStatus()).isEqualTo("deleted");
    TemplateStatusUpdate t = (TemplateStatusUpdate) parse(change("message_template_status_update",
        "{\"event\":\"TELEPORTED\",\"message_template_category\":\"NEW_CAT\"}")).events().get(0);
    assertThat(t.event()).isEqualTo(TemplateStatusEvent.UNKNOWN);
    assertThat(t.rawEvent()).isEqualTo("TELEPORTED");
    assertThat(t.category()).isEqualTo(TemplateCategory.UNKNOWN);
  }

  // ---- every message type -------------------------------------------------------------------------

  @Test
  void flowReplyWithParsedResponseJson() {
    String nfm = msg("w", "\"type\":\"interactive\",\"interactive\":{\"type\":\"nfm_reply\",\"nfm_reply\":"
        + "{\"name\":\"flow\",\"body\":\"Sent\",\"response_json\":\"{\\\"flow_token\\\":\\\"T1\\\",\\\"rating\\\":5,"
        + "\\\"tags\\\":[\\\"a\\\"]}\"}}");
    InboundContent.FlowReply f = (InboundContent.FlowReply)
        ((InboundMessage) parse(messages("\"messages\":[" + nfm + "]")).events().get(0)).content();
    assertThat(f.name()).isEqualTo("flow");
    assertThat(f.body()).isEqualTo("Sent");
    assertThat(f.responseJson()).isEqualTo("{\"flow_token\":\"T1\",\"rating\":5,\"tags\":[\"a\"]}");
    assertThat(f.response()).containsEntry("flow_token", "T1").containsEntry("rating", 5.0)
        .containsEntry("tags", List.of("a"));
    String bad = nfm.replace("\\\"tags\\\"", "tags");
    InboundContent.FlowReply g = (InboundContent.FlowReply)
        ((InboundMessage) parse(messages("\"messages\":[" + bad + "]")).events().get(0)).content();
    assertThat(g.response()).isEmpty();
    assertThat(g.responseJson()).contains("tags:");
  }

  @Test
  void reactionRemovalEditsRevokesRequestWelcomeAndForwards() {
    String items = String.join(",",
        msg("r", "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.A\",\"emoji\":\"\"}"),
        msg("e", "\"type\":\"edit\",\"edit\":{\"original_message_id\":\"wamid.B\",\"message\":{\"type\":\"text\","
            + "\"text\":{\"body\":\"fixed\"}}}"),
        msg("v", "\"type\":\"revoke\",\"revoke\":{\"original_message_id\":\"wamid.C\"}"),
        msg("q", "\"type\":\"request_welcome\""),
        msg("f", "\"type\":\"text\",\"text\":{\"body\":\"fw\"},\"context\":{\"forwarded\":true,"
            + "\"frequently_forwarded\":true}"),
        msg("s", "\"type\":\"sticker\",\"sticker\":{\"id\":\"S\",\"mime_type\":\"image/webp\",\"animated\":true}"),
        msg("u", "\"type\":\"unknown\",\"errors\":[{\"code\":131051,\"title\":\"Message type unknown\"}]"));
    List<InboundMessage> m = parse(messages("\"messages\":[" + items + "]")).eventsOf(InboundMessage.class);
    InboundContent.Reaction r = (InboundContent.Reaction) m.get(0).content();
    assertThat(r.removed()).isTrue();
    assertThat(m.get(1).content()).isEqualTo(new InboundContent.Edit("wamid.B", new InboundContent.Text("fixed")));
    assertThat(m.get(2).content()).isEqualTo(new InboundContent.Revoke("wamid.C"));
    assertThat(m.get(3).content()).isEqualTo(new InboundContent.RequestWelcome());
    assertThat(m.get(4).context().forwarded()).isTrue();
    assertThat(m.get(4).context().frequentlyForwarded()).isTrue();
    assertThat(m.get(4).replyToWamid()).isNull();
    assertThat(((InboundContent.Media) m.get(5).content()).animated()).isTrue();
    assertThat(m.get(6).content()).isEqualTo(new InboundContent.Unsupported("unknown"));
    assertThat(m.get(6).errors().get(0).code()).isEqualTo(131051);
  }

  @Test
  void statusWithEverything() {
    String s = "{\"id\":\"wamid.S\",\"status\":\"read\",\"timestamp\":\"1750030073\",\"recipient_id\":\"16505551234\","
        + "\"biz_opaque_callback_data\":\"ticket-42\",\"pricing\":{\"billable\":false,\"pricing_model\":\"PMP\","
        + "\"type\":\"free_customer_service\",\"category\":\"service\"},\"conversation\":{\"id\":\"C\","
        + "\"origin\":{\"type\":\"service\"}}}";
    StatusUpdate u = (StatusUpdate) parse(messages("\"statuses\":[" + s + "]")).events().get(0);
    assertThat(u.status()).isEqualTo(DeliveryStatus.READ);
    assertThat(u.bizOpaqueCallbackData()).isEqualTo("ticket-42");
    assertThat(u.pricing()).isEqualTo(new Pricing(false, "PMP", "free_customer_service", "service"));
    assertThat(u.conversation()).isEqualTo(new Conversation("C", null, "service"));
    assertThat(u.customerWaId()).isEqualTo("16505551234");
    StatusUpdate played = (StatusUpdate) parse(messages("\"statuses\":[{\"id\":\"w\",\"status\":\"played\"}]"))
        .events().get(0);
    assertThat(played.status()).isEqualTo(DeliveryStatus.PLAYED);
  }

  @Test
  void messageEchoes() {
    String value = "\"message_echoes\":[{\"from\":\"15550783881\",\"to\":\"16505551234\",\"id\":\"wamid.E\","
        + "\"timestamp\":\"1739321024\",\"type\":\"text\",\"text\":{\"body\":\"Sent from the app\"}},"
        + "{\"from\":\"15550783881\",\"to\":\"16505551234\",\"id\":\"wamid.F\",\"timestamp\":\"1739321025\","
        + "\"type\":\"revoke\",\"revoke\":{\"original_message_id\":\"wamid.E\"}}]";
    ParsedWebhook p = parse(change("smb_message_echoes", "{\"messaging_product\":\"whatsapp\",\"metadata\":"
        + "{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"}," + value + "}"));
    List<MessageEcho> e = p.eventsOf(MessageEcho.class);
    assertThat(e).hasSize(2);
    assertThat(e.get(0).to()).isEqualTo("16505551234");
    assertThat(e.get(0).content()).isEqualTo(new InboundContent.Text("Sent from the app"));
    assertThat(e.get(0).metadata().field()).isEqualTo("smb_message_echoes");
    assertThat(e.get(0).idempotencyKey()).isEqualTo("echo:wamid.E");
    assertThat(e.get(1).content()).isEqualTo(new InboundContent.Revoke("wamid.E"));
  }

  @Test
  void userPreferencesStop() {
    String value = "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"P\"},\"contacts\":"
        + "[{\"wa_id\":\"4915112345678\",\"profile\":{\"name\":\"Ana\"}}],\"user_preferences\":[{\"wa_id\":\"4915112345678\",\"detail\":"
        + "\"User requested to stop marketing messages\",\"category\":\"marketing_messages\",\"value\":\"stop\","
        + "\"timestamp\":1731705721},{\"wa_id\":\"4915112345679\",\"category\":\"marketing_messages\",\"value\":\"resume\"}]}";
    List<UserPreferenceUpdate> u = parse(change("user_preferences", value)).eventsOf(UserPreferenceUpdate.class);
    assertThat(u).hasSize(2);
    assertThat(u.get(0).marketingStopped()).isTrue();
    assertThat(u.get(0).contact().profileName()).isEqualTo("Ana");
    assertThat(u.get(1).marketingResumed()).isTrue();
    assertThat(u.get(0).idempotencyKey()).isNotEqualTo(u.get(1).idempotencyKey());
  }

  @Test
  void templateQualityAndCategoryUpdates() {
    TemplateQualityUpdate q = (TemplateQualityUpdate) parse(change("message_template_quality_update",
        "{\"previous_quality_score\":\"GREEN\",\"new_quality_score\":\"YELLOW\",\"message_template_id\":806312974732579,"
        + "\"message_template_name\":\"welcome\",\"message_template_language\":\"en_US\"}")).events().get(0);
    assertThat(q.previousScore()).isEqualTo(QualityScore.GREEN);
    assertThat(q.newScore()).isEqualTo(QualityScore.YELLOW);
    assertThat(q.templateId()).isEqualTo("806312974732579");
    assertThat(q.templateName()).isEqualTo("welcome");
    assertThat(q.language()).isEqualTo("en_US");

    TemplateCategoryUpdate c = (TemplateCategoryUpdate) parse(change("template_category_update",
        "{\"message_template_id\":12,\"message_template_name\":\"promo\",\"message_template_language\":\"de\","
        + "\"previous_category\":\"UTILITY\",\"new_category\":\"MARKETING\"}")).events().get(0);
    assertThat(c.previousCategory()).isEqualTo(TemplateCategory.UTILITY);
    assertThat(c.newCategory()).isEqualTo(TemplateCategory.MARKETING);
    assertThat(c.correctCategory()).isNull();

    TemplateStatusUpdate paused = (TemplateStatusUpdate) parse(change("message_template_status_update",
        "{\"event\":\"PAUSED\",\"message_template_id\":1,\"message_template_name\":\"n\",\"message_template_language\":"
        + "\"en\",\"reason\":\"NONE\",\"other_info\":{\"title\":\"FIRST_PAUSE\",\"description\":\"Paused 3 hours\"}}"))
        .events().get(0);
    assertThat(paused.event().blocksSending()).isTrue();
    assertThat(paused.otherInfoTitle()).isEqualTo("FIRST_PAUSE");
    assertThat(paused.otherInfoDescription()).isEqualTo("Paused 3 hours");
  }

  @Test
  void accountFields() {
    PhoneNumberQualityUpdate q = (PhoneNumberQualityUpdate) parse(change("phone_number_quality_update",
        "{\"display_phone_number\":\"15550783881\",\"event\":\"THROUGHPUT_UPGRADE\","
        + "\"max_daily_conversations_per_business\":\"TIER_2K\"}")).events().get(0);
    assertThat(q.event()).isEqualTo(PhoneNumberQualityUpdate.Event.THROUGHPUT_UPGRADE);
    assertThat(q.messagingLimit()).hasValueSatisfying(l -> assertThat(l.maxRecipients()).isEqualTo(2_000));
    assertThat(q.metadata().displayPhoneNumber()).isEqualTo("15550783881");
    PhoneNumberQualityUpdate notSet = (PhoneNumberQualityUpdate) parse(change("phone_number_quality_update",
        "{\"event\":\"ONBOARDING\",\"max_daily_conversations_per_business\":\"NOT_SET\"}")).events().get(0);
    assertThat(notSet.messagingLimit()).isEmpty();

    AccountAlert a = (AccountAlert) parse(change("account_alerts", "{\"entity_type\":\"WABA\",\"entity_id\":\"1\","
        + "\"alert_info\":{\"alert_severity\":\"WARNING\",\"alert_status\":\"ACTIVE\",\"alert_type\":"
        + "\"OBA_REJECTED\",\"alert_description\":\"Rejected\"}}")).events().get(0);
    assertThat(a.severity()).isEqualTo(AccountAlert.Severity.WARNING);
    assertThat(a.alertType()).isEqualTo("OBA_REJECTED");
    assertThat(a.description()).isEqualTo("Rejected");
    assertThat(a.alertStatus()).isEqualTo("ACTIVE");
    assertThat(a.entityType()).isEqualTo("WABA");

    // Meta's shape: integers (business_capability_update webhook reference, updated 2026-05-21)
    BusinessCapabilityUpdate b = (BusinessCapabilityUpdate) parse(change("business_capability_update",
        "{\"max_daily_conversation_per_phone\":10000,\"max_daily_conversations_per_business\":10000,"
            + "\"max_phone_numbers_per_business\":25,\"max_phone_numbers_per_waba\":20}"))
        .events().get(0);
    assertThat(b.maxPhoneNumbersPerBusiness()).isEqualTo(25L);
    assertThat(b.maxPhoneNumbersPerWaba()).isEqualTo(20L);
    assertThat(b.maxDailyConversationsPerBusiness()).isEqualTo(10_000L);
    assertThat(b.messagingLimit()).contains(MessagingLimit.TIER_10K);
    BusinessCapabilityUpdate unlimited = (BusinessCapabilityUpdate) parse(change("business_capability_update",
        "{\"max_daily_conversations_per_business\":-1}")).events().get(0);
    assertThat(unlimited.messagingLimit()).contains(MessagingLimit.UNLIMITED);
    BusinessCapabilityUpdate only250 = (BusinessCapabilityUpdate) parse(change("business_capability_update",
        "{\"max_daily_conversations_per_business\":250,\"max_daily_conversation_per_phone\":2000}"))
        .events().get(0);
    assertThat(only250.messagingLimit()).contains(MessagingLimit.TIER_250); // the portfolio value wins

    AccountUpdate v = (AccountUpdate) parse(change("account_update", "{\"event\":\"ACCOUNT_VIOLATION\","
        + "\"violation_info\":{\"violation_type\":\"SCAM\"}}")).events().get(0);
    assertThat(v.event()).isEqualTo(AccountUpdate.Event.ACCOUNT_VIOLATION);
    assertThat(v.violationType()).isEqualTo("SCAM");
  }

  @Test
  void contentHashesSeparateWabasTimesAndContent() {
    String v = "{\"event\":\"APPROVED\",\"message_template_id\":1}";
    String a = change("message_template_status_update", v);
    String k1 = parse(a).events().get(0).idempotencyKey();
    assertThat(parse(a).events().get(0).idempotencyKey()).isEqualTo(k1); // a redelivery: same key
    assertThat(parse(a.replace("419561257915477", "999")).events().get(0).idempotencyKey()).isNotEqualTo(k1);
    assertThat(parse(a.replace("1751247548", "1751247549")).events().get(0).idempotencyKey()).isNotEqualTo(k1);
    assertThat(parse(a.replace("APPROVED", "PAUSED")).events().get(0).idempotencyKey()).isNotEqualTo(k1);
  }

  @Test
  void flowResponseNestingIsBounded() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    String nfm = msg("w", "\"type\":\"interactive\",\"interactive\":{\"type\":\"nfm_reply\",\"nfm_reply\":"
        + "{\"response_json\":\"" + deep + "\"}}");
    InboundContent.FlowReply f = (InboundContent.FlowReply)
        ((InboundMessage) parse(messages("\"messages\":[" + nfm + "]")).events().get(0)).content();
    assertThat(f.response()).isEqualTo(Map.of());
  }
}
