package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.ClientTestSupport.body;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingLimiter;
import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingSleeper;
import io.github.whatsapphelpdesk.client.internal.MessageJson;
import io.github.whatsapphelpdesk.client.internal.MessageValidator;
import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sending to a customer known by BSUID only (a username customer whose number is withheld). */
class BsuidSendTest {
  private static final String BSUID = "US.13491208655302741918";
  private MockWebServer server;
  private RecordingLimiter limiter;
  private WhatsAppClient client;

  @BeforeEach
  void start() {
    server = ClientTestSupport.server();
    limiter = new RecordingLimiter();
    client = ClientTestSupport.builder(server, new RecordingSleeper()).outboundLimiter(limiter).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void aBsuidOnlyCustomerIsSentToWithRecipientAndNoTo() throws Exception {
    server.enqueue(ok("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + BSUID + "\",\"user_id\":\""
        + BSUID + "\"}],\"messages\":[{\"id\":\"wamid.B1\"}]}"));

    SendResult r = client.messages().send(Message.to(Customer.ofBsuid(BSUID), Text.of("Hi")));

    assertThat(body(server.takeRequest())).isEqualTo(Map.of("messaging_product", "whatsapp",
        "recipient_type", "individual", "recipient", BSUID, "type", "text",
        "text", Map.of("body", "Hi", "preview_url", false)));
    assertThat(r.messageId()).isEqualTo("wamid.B1");
    assertThat(r.input()).isEqualTo(BSUID);
    // the pair-rate key of a BSUID recipient is the BSUID itself
    assertThat(limiter.acquired).hasSize(1);
    assertThat(limiter.acquired.get(0).recipientKey()).isEqualTo(BSUID);
    assertThat(limiter.succeeded).containsExactlyElementsOf(limiter.acquired);
  }

  @Test
  void aCustomerWithBothIsSentToTheirPhoneNumber() throws Exception {
    server.enqueue(ok(ClientTestSupport.sendOk("+4915112345678", "4915112345678")));
    Customer both = Customer.of(BSUID, "+49 151 12345678", null, "anna", "Anna");

    Message m = Message.to(both, Text.of("Hi"));
    assertThat(m.to()).isEqualTo("4915112345678");
    assertThat(m.recipient()).isNull();
    client.messages().send(m);

    Map<String, Object> sent = body(server.takeRequest());
    assertThat(sent).containsEntry("to", "+4915112345678").doesNotContainKey("recipient");
    assertThat(limiter.acquired.get(0).recipientKey()).isEqualTo("4915112345678");
  }

  @Test
  void whenBothAddressesAreSetToWinsAndOnlyToIsWritten() {
    Message m = Message.builder().to("+4915112345678").recipient(BSUID).content(Text.of("x")).build();
    Map<String, Object> tree = MessageJson.toTree(m, "+4915112345678");
    assertThat(tree).containsEntry("to", "+4915112345678").doesNotContainKey("recipient");
    assertThat(m.sendsByBsuid()).isFalse();
  }

  @Test
  void aMessageWithoutAnyAddressIsRejectedAtBuildTime() {
    assertThatThrownBy(() -> Message.builder().content(Text.of("x")).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("to (phone number) or recipient (BSUID)");
  }

  @Test
  void aMalformedBsuidFailsLocallyBeforeAnyCall() {
    Message m = Message.builder().recipient("us.123").content(Text.of("x")).build();
    assertThatThrownBy(() -> client.messages().send(m))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).violations())
            .anyMatch(v -> v.startsWith("recipient must be a BSUID")));
    assertThat(server.getRequestCount()).isZero();
    assertThat(limiter.acquired).isEmpty();
  }

  @Test
  void anOtpTemplateToABsuidFailsLocallyNamingTheRule() {
    TemplateMessage otp = TemplateMessage.of("login_code", "en_US",
        TemplateComponent.body(TemplateParameter.text("123456")),
        TemplateComponent.button(TemplateComponent.COPY_CODE, 0, TemplateParameter.text("123456")));
    Message byBsuid = Message.to(Customer.ofBsuid(BSUID), otp);

    assertThatThrownBy(() -> client.messages().send(byBsuid))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).violations())
            .contains(MessageValidator.AUTHENTICATION_NEEDS_PHONE));
    assertThat(server.getRequestCount()).isZero();
    // the OTP sent the right way (a url button with the code) to a phone number passes
    TemplateMessage rightOtp = TemplateMessage.of("login_code", "en_US",
        TemplateComponent.body(TemplateParameter.text("123456")), TemplateComponent.otpButton("123456"));
    MessageValidator.validate(Message.of("+4915112345678", rightOtp), List.of());
  }

  @Test
  void aCopyCodeButtonTakesACouponCodeNotAnOtp() {
    // issue 17 item 3: copy_code is the coupon button; an OTP in it fails locally, naming the fix
    TemplateMessage wrong = TemplateMessage.of("login_code", "en_US",
        TemplateComponent.button(TemplateComponent.COPY_CODE, 0, TemplateParameter.text("123456")));
    assertThatThrownBy(() -> MessageValidator.validate(Message.of("+4915112345678", wrong), List.of()))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).violations())
            .anyMatch(v -> v.contains("copy_code (coupon) button") && v.contains("otpButton")));
    TemplateMessage coupon = TemplateMessage.of("spring_sale", "en_US", TemplateComponent.couponButton(0, "SPRING25"));
    MessageValidator.validate(Message.of("+4915112345678", coupon), List.of());
    assertThat(TemplateParameter.couponCode("SPRING25")).isEqualTo(
        new TemplateParameter("coupon_code", null, "SPRING25"));
    assertThat(TemplateComponent.otpButton("123456")).isEqualTo(
        new TemplateComponent("button", "url", 0, List.of(TemplateParameter.text("123456"))));
  }

  @Test
  void aCouponCopyCodeIsNotMistakenForAnOtpAndAKnownCategoryIsEnforced() {
    TemplateMessage coupon = TemplateMessage.of("spring_sale", "en_US",
        new TemplateComponent("button", TemplateComponent.COPY_CODE, 0,
            List.of(new TemplateParameter("coupon_code", null, "SPRING25"))));
    Message m = Message.to(Customer.ofBsuid(BSUID), coupon);
    MessageValidator.validate(m, List.of());

    // a URL-button authentication template is not recognisable from the payload; a caller that knows
    // the category says so
    TemplateMessage urlOtp = TemplateMessage.of("auth_url", "en_US",
        TemplateComponent.button(TemplateComponent.URL, 0, TemplateParameter.text("123456")));
    Message viaBsuid = Message.to(Customer.ofBsuid(BSUID), urlOtp);
    MessageValidator.validate(viaBsuid, List.of());
    assertThatThrownBy(() -> MessageValidator.validate(viaBsuid, List.of(), true))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("authentication (OTP) templates need a phone number");
  }

  @Test
  void toStringMasksBothAddresses() {
    Message m = Message.builder().to("+4915112345678").recipient(BSUID).content(Text.of("secret")).build();
    assertThat(m.toString()).doesNotContain("4915112345678").doesNotContain("13491208655302741918")
        .doesNotContain("secret");
  }
}
