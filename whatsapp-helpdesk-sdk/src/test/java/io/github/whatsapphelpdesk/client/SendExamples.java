package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.TemplateParameter.currency;
import static io.github.whatsapphelpdesk.client.TemplateParameter.dateTime;
import static io.github.whatsapphelpdesk.client.TemplateParameter.payload;
import static io.github.whatsapphelpdesk.client.TemplateParameter.text;

import io.github.whatsapphelpdesk.client.InteractiveAction.ListRow;
import io.github.whatsapphelpdesk.client.InteractiveAction.ListSection;
import io.github.whatsapphelpdesk.client.InteractiveAction.ProductSection;
import io.github.whatsapphelpdesk.client.InteractiveAction.ReplyButton;
import io.github.whatsapphelpdesk.http.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The 50 send bodies of Meta's OpenAPI spec ({@code fixtures/send-openapi}), each rebuilt through the
 * typed API. The recipient placeholder {@code {{Recipient-Phone-Number}}} becomes {@link #TO}.
 */
final class SendExamples {
  static final String TO = "+16505551234";
  private static final String REPLY = "<MSGID_OF_MSG_YOU_ARE_REPLYING_TO>";
  private static final String PREV = "<MSGID_OF_PREV_MSG>";

  private SendExamples() {}

  static Map<String, Supplier<Message>> all() {
    Map<String, Supplier<Message>> m = new LinkedHashMap<>();
    m.put("send-audio-message-by-id", () -> Message.of(TO, Media.audio("<AUDIO_OBJECT_ID>")));
    m.put("send-audio-message-by-url", () -> Message.of(TO, Media.byLink(MediaKind.AUDIO, "<http(s)://audio-url>")));
    m.put("send-catalog-message", () -> Message.of(TO, new Interactive(null,
        "Hello! Thanks for your interest. Ordering is easy. Just visit our catalog and add items to purchase.",
        "Best grocery deals on WhatsApp!", new InteractiveAction.Catalog("2lc20305pt"))));
    m.put("send-catalog-template-message", () -> Message.of(TO, TemplateMessage.of("intro_catalog_offer", "en_US",
        TemplateComponent.body(text("100"), text("400"), text("3")),
        TemplateComponent.button("CATALOG", 0,
            TemplateParameter.action(Map.of("thumbnail_product_retailer_id", "2lc20305pt"))))));
    m.put("send-contact-message", () -> Message.of(TO, Contacts.of(john())));
    m.put("send-document-message-by-id", () -> Message.of(TO, Media.document("<DOCUMENT_OBJECT_ID>")
        .withCaption("<DOCUMENT_CAPTION_TO_SEND>").withFilename("<DOCUMENT_FILENAME>")));
    m.put("send-document-message-by-url", () -> Message.of(TO, Media.byLink(MediaKind.DOCUMENT,
        "<http(s)://document-url>").withCaption("<DOCUMENT-CAPTION-TEXT>")));
    m.put("send-draft-flow-by-id", () -> Message.of(TO, flow("{{Flow-ID}}", null, "Not shown in draft mode",
        "Not shown in draft mode", "Not shown in draft mode", "Not shown in draft mode", "draft")));
    m.put("send-draft-flow-by-name", () -> Message.of(TO, flow(null, "{{Flow-Name}}", "Not shown in draft mode",
        "Not shown in draft mode", "Not shown in draft mode", "Not shown in draft mode", "draft")));
    m.put("send-flow-template-message", () -> Message.of(TO, TemplateMessage.of("<TEMPLATE_NAME>", "en_US",
        TemplateComponent.button(TemplateComponent.FLOW, 0, TemplateParameter.action(Map.of(
            "flow_token", "<FLOW_TOKEN>", "flow_action_data", Map.of("<CUSTOM_KEY>", "<CUSTOM_VALUE>")))))));
    m.put("send-image-message-by-id", () -> Message.of(TO, Media.image("<IMAGE_OBJECT_ID>")));
    m.put("send-image-message-by-url", () -> Message.of(TO, Media.byLink(MediaKind.IMAGE, "http(s)://image-url")));
    m.put("send-list-message", () -> Message.of(TO, list()));
    m.put("send-location-message", () -> Message.of(TO, metaHq()));
    m.put("send-message-template-interactive", () -> Message.of(TO, new TemplateMessage("template-name",
        "language-and-locale-code", null, List.of(imageHeader(), richBody(),
        TemplateComponent.button(TemplateComponent.QUICK_REPLY, 0, payload("aGlzIHRoaXMgaXMgY29v")),
        TemplateComponent.button(TemplateComponent.QUICK_REPLY, 1, payload("9rwnB8RbYmPF5t2Mn09x4h"))))));
    m.put("send-message-template-media", () -> Message.of(TO, new TemplateMessage("template-name",
        "language-and-locale-code", null, List.of(imageHeader(), richBody()))));
    m.put("send-message-template-text", () -> Message.of(TO, richTemplate()));
    m.put("send-multi-product-message", () -> Message.of(TO, new Interactive(
        InteractiveHeader.text("<YOUR_TEXT_HEADER_CONTENT>"), "<YOUR_TEXT_BODY_CONTENT>", "<YOUR_TEXT_FOOTER_CONTENT>",
        new InteractiveAction.ProductList("146265584024623", List.of(
            new ProductSection("<SECTION1_TITLE>", List.of("<YOUR_PRODUCT1_SKU_IN_CATALOG>",
                "<YOUR_SECOND_PRODUCT1_SKU_IN_CATALOG>")),
            new ProductSection("<SECTION2_TITLE>", List.of("<YOUR_PRODUCT2_SKU_IN_CATALOG>",
                "<YOUR_SECOND_PRODUCT2_SKU_IN_CATALOG>")))))));
    m.put("send-order-details-message", () -> Message.of(TO, new Interactive(
        InteractiveHeader.media(Media.byLink(MediaKind.IMAGE, "https://upload.wikimedia.org/wikipedia/commons/thumb/"
            + "3/3b/Home_made_sour_dough_bread.jpg/640px-Home_made_sour_dough_bread.jpg")),
        "your-text-body-content", "your-text-footer-content", new InteractiveAction.OrderDetails(orderParameters()))));
    m.put("send-order-status-message", () -> Message.of(TO, new Interactive(null, "your-text-body-content", null,
        new InteractiveAction.OrderStatus("unique-reference-id-from-order-details-msg", "processing", "optional-text"))));
    m.put("send-published-flow-by-id", () -> Message.of(TO, flow("{{Flow-ID}}", null, "Open Flow!", "<HEADER_TEXT>",
        "<BODY_TEXT>", "<FOOTER_TEXT>", null)));
    m.put("send-published-flow-by-name", () -> Message.of(TO, flow(null, "{{Flow-Name}}", "Open Flow!",
        "<HEADER_TEXT>", "<BODY_TEXT>", "<FOOTER_TEXT>", null)));
    m.put("send-reply-button", () -> Message.of(TO, Interactive.replyButtons("<BUTTON_TEXT>",
        new ReplyButton("<UNIQUE_BUTTON_ID_1>", "<BUTTON_TITLE_1>"),
        new ReplyButton("<UNIQUE_BUTTON_ID_2>", "<BUTTON_TITLE_2>"))));
    m.put("send-reply-to-audio-message-by-id", () -> Message.of(TO, Media.audio("<AUDIO_OBJECT_ID>")).inReplyTo(REPLY));
    m.put("send-reply-to-audio-message-by-url", () -> Message.of(TO,
        Media.byLink(MediaKind.AUDIO, "http(s)://audio-url")).inReplyTo(REPLY));
    m.put("send-reply-to-contact-message", () -> Message.of(TO, Contacts.of(john())).inReplyTo(PREV));
    m.put("send-reply-to-document-message-by-id", () -> Message.of(TO, Media.document("<DOCUMENT_OBJECT_ID>")
        .withCaption("<DOCUMENT_CAPTION_TO_SEND>").withFilename("<DOCUMENT_FILENAME>")).inReplyTo(REPLY));
    m.put("send-reply-to-document-message-by-url", () -> Message.of(TO, Media.byLink(MediaKind.DOCUMENT,
        "<http(s)://document-url>").withCaption("<DOCUMENT_CAPTION_TEXT>")).inReplyTo(REPLY));
    m.put("send-reply-to-image-message-by-id", () -> Message.of(TO, Media.image("<IMAGE_OBJECT_ID>")).inReplyTo(PREV));
    m.put("send-reply-to-image-message-by-url", () -> Message.of(TO,
        Media.byLink(MediaKind.IMAGE, "http(s)://image-url")).inReplyTo(PREV));
    m.put("send-reply-to-list-message", () -> Message.of(TO, list()).inReplyTo(PREV));
    m.put("send-reply-to-location-message", () -> Message.of(TO, metaHq()).inReplyTo(PREV));
    m.put("send-reply-to-sticker-message-by-id", () -> Message.of(TO, Media.sticker("<MEDIA_OBJECT_ID>")).inReplyTo(REPLY));
    m.put("send-reply-to-sticker-message-by-url", () -> Message.of(TO,
        Media.byLink(MediaKind.STICKER, "<http(s)://sticker-url>")).inReplyTo(REPLY));
    m.put("send-reply-to-text-message", () -> Message.of(TO, Text.of("<TEXT_MSG_CONTENT>")).inReplyTo(PREV));
    m.put("send-reply-to-video-message-by-id", () -> Message.of(TO, Media.video("<VIDEO_OBJECT_ID>")
        .withCaption("<VIDEO_CAPTION_TEXT>")).inReplyTo(REPLY));
    m.put("send-reply-to-video-message-by-url", () -> Message.of(TO, Media.byLink(MediaKind.VIDEO,
        "<http(s)://video-url>").withCaption("<VIDEO_CAPTION_TEXT>")).inReplyTo(REPLY));
    m.put("send-reply-with-reaction-message", () -> Message.of(TO, new Reaction("wamid.HBgLM...", "\uD83D\uDE00")));
    m.put("send-sample-issue-resolution-template", () -> Message.of(TO, new TemplateMessage("sample_issue_resolution",
        "en_US", "deterministic", List.of(TemplateComponent.body(text("*Mr. Jones*")),
        TemplateComponent.button(TemplateComponent.QUICK_REPLY, 0, text("true")),
        TemplateComponent.button(TemplateComponent.QUICK_REPLY, 1, text("false"))))));
    m.put("send-sample-shipping-confirmation-template", () -> Message.of("16315555555", richTemplate()));
    m.put("send-sample-text-message", () -> Message.of("16315555555", richTemplate()));
    m.put("send-single-product-message", () -> Message.of(TO, new Interactive(null, "<OPTIONAL_BODY_TEXT>",
        "<OPTIONAL_FOOTER_TEXT>", new InteractiveAction.Product("367025965434465", "<ID_TEST_ITEM_1>"))));
    m.put("send-sticker-message-by-id", () -> Message.of(TO, Media.sticker("<MEDIA_OBJECT_ID>")));
    m.put("send-sticker-message-by-url", () -> Message.of(TO, Media.byLink(MediaKind.STICKER, "<http(s)://sticker-url>")));
    m.put("send-test-message", () -> Message.of(TO, TemplateMessage.of("hello_world", "en_US")));
    m.put("send-text-message-with-preview-url", () -> Message.of(TO,
        new Text("Please visit https://youtu.be/hpltvTEiRrY.", true)));
    m.put("send-text-message", () -> Message.text(TO, "text-message-content"));
    m.put("send-video-message-by-id", () -> Message.of(TO, Media.video("<VIDEO_OBJECT_ID>")
        .withCaption("<VIDEO_CAPTION_TEXT>")));
    m.put("send-video-message-by-url", () -> Message.of(TO, Media.byLink(MediaKind.VIDEO, "<http(s)://video-url>")
        .withCaption("<VIDEO_CAPTION_TEXT>")));
    return m;
  }

  private static Interactive flow(String id, String name, String cta, String header, String body, String footer,
      String mode) {
    return new Interactive(InteractiveHeader.text(header), body, footer, new InteractiveAction.Flow("3",
        "<FLOW_TOKEN>", id, name, cta, "navigate", "<SCREEN_ID>", Map.of("<CUSTOM_KEY>", "<CUSTOM_VALUE>"), mode));
  }

  private static Interactive list() {
    return new Interactive(InteractiveHeader.text("<HEADER_TEXT>"), "<BODY_TEXT>", "<FOOTER_TEXT>",
        new InteractiveAction.ListAction("<BUTTON_TEXT>", List.of(section(1), section(2))));
  }

  private static ListSection section(int s) {
    return new ListSection("<LIST_SECTION_" + s + "_TITLE>", List.of(row(s, 1), row(s, 2)));
  }

  private static ListRow row(int s, int r) {
    return new ListRow("<LIST_SECTION_" + s + "_ROW_" + r + "_ID>", "<SECTION_" + s + "_ROW_" + r + "_TITLE>",
        "<SECTION_" + s + "_ROW_" + r + "_DESC>");
  }

  private static Location metaHq() {
    return new Location(37.758056, -122.425332, "META HQ", "1 Hacker Way, Menlo Park, CA 94025");
  }

  private static TemplateComponent imageHeader() {
    return TemplateComponent.header(TemplateParameter.image(Media.byLink(MediaKind.IMAGE, "http(s)://the-image-url")));
  }

  private static TemplateComponent richBody() {
    return TemplateComponent.body(text("text-string"), currency("$100.99", "USD", 100990),
        dateTime("February 25, 1977", 1977, 2, 25, 5, 15, 33, "GREGORIAN"));
  }

  private static TemplateMessage richTemplate() {
    return new TemplateMessage("template-name", "language-and-locale-code", null, List.of(richBody()));
  }

  private static Contact john() {
    return new Contact(new Contact.Name("John Smith", "John", "Smith", "D.", "Jr", "Dr"), "2012-08-18",
        List.of(new Contact.Phone("+1 (940) 555-1234", "HOME", null),
            new Contact.Phone("+1 (650) 555-1234", "WORK", "16505551234")),
        List.of(new Contact.Email("test@fb.com", "WORK"), new Contact.Email("test@whatsapp.com", "HOME")),
        List.of(new Contact.Address("1 Hacker Way", "Menlo Park", "CA", "94025", "United States", "us", "HOME"),
            new Contact.Address("200 Jefferson Dr", "Menlo Park", "CA", "94025", "United States", "us", "WORK")),
        new Contact.Org("WhatsApp", "Design", "Manager"),
        List.of(new Contact.Url("https://www.facebook.com", "WORK"), new Contact.Url("https://www.whatsapp.com", "HOME")));
  }

  /** order_details parameters are passed through as given; built here field by field as an app would. */
  private static Map<String, Object> orderParameters() {
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("status", "pending");
    order.put("items", List.of(Map.of("retailer_id", "1234567", "name", "bread", "quantity", 1,
        "amount", money(1500), "sale_amount", money(1000))));
    order.put("subtotal", money(1000));
    order.put("tax", described(100));
    order.put("shipping", described(100));
    Map<String, Object> discount = new LinkedHashMap<>(described(100));
    discount.put("discount_program_name", "optional_text");
    order.put("discount", discount);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("reference_id", "unique-reference-id");
    p.put("type", "digital-goods");
    p.put("payment_type", "upi");
    p.put("payment_configuration", "my-payment-config-name");
    p.put("currency", "INR");
    p.put("total_amount", money(1100));
    p.put("order", order);
    return p;
  }

  private static Map<String, Object> money(int value) {
    return Map.of("value", value, "offset", 100);
  }

  private static Map<String, Object> described(int value) {
    return Map.of("value", value, "offset", 100, "description", "optional_text");
  }

  /** Parses a fixture for comparison. */
  static Map<String, Object> expected(String name) {
    return Json.readObject(ClientTestSupport.fixture("send-openapi/" + name + ".json"));
  }
}
