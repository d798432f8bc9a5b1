package io.github.whatsapphelpdesk.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 3: an authentication template's OTP button is created as OTP and stored as URL, and is sent
 * with {@code sub_type: url} and the code as a {@code text} parameter (Meta, "Copy code authentication
 * templates"); {@code copy_code} is a coupon template's button and takes {@code {"type":"coupon_code",
 * "coupon_code":…}} (Meta, "Coupon code templates"). The sandbox rejects the wrong shapes as Meta does.
 */
class SandboxOtpAndCouponTest {
  private static final String CUSTOMER = "+4915112345678";
  private final MutableClock clock = MutableClock.create();
  private CloudApiSandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    sandbox = CloudApiSandbox.builder().clock(clock).accessToken("good-token").start();
    sandbox.putTemplate(SandboxTemplate.fromMetaJson("""
        {"name":"login_code","language":"en_US","status":"APPROVED","category":"AUTHENTICATION",
         "components":[{"type":"BODY","text":"*{{1}}* is your verification code."},
           {"type":"BUTTONS","buttons":[{"type":"URL","text":"Copy code",
             "url":"https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code_expiration_minutes=10&code=otp{{1}}"}]}]}
        """).get(0));
    sandbox.putTemplate(SandboxTemplate.fromMetaJson("""
        {"name":"coupon_offer","language":"en_US","status":"APPROVED","category":"MARKETING",
         "components":[{"type":"BODY","text":"Use the code at checkout."},
           {"type":"BUTTONS","buttons":[{"type":"COPY_CODE","example":"SAVE10"}]}]}
        """).get(0));
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private SandboxHttp.Reply send(String name, String components) {
    return http.send(SandboxHttp.template(CUSTOMER, name, "en_US", components));
  }

  private static void assertError(SandboxHttp.Reply r, int code) {
    assertThat(r.status()).as(r.body()).isGreaterThanOrEqualTo(400);
    assertThat(J.at(r.body(), "error.code")).as(r.body()).isEqualTo((long) code);
  }

  private static final String OTP_BODY = "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"123456\"}]}";

  @Test
  void otp_asUrlButtonWithTextCode_isAccepted() {
    SandboxHttp.Reply r = send("login_code", "[" + OTP_BODY + ",{\"type\":\"button\",\"sub_type\":\"url\","
        + "\"index\":\"0\",\"parameters\":[{\"type\":\"text\",\"text\":\"123456\"}]}]");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void otp_asCopyCodeButton_isRejected() {
    assertError(send("login_code", "[" + OTP_BODY + ",{\"type\":\"button\",\"sub_type\":\"copy_code\","
        + "\"index\":\"0\",\"parameters\":[{\"type\":\"text\",\"text\":\"123456\"}]}]"), 131009);
  }

  @Test
  void otp_withoutTheButton_orWithACouponParameter_isRejected() {
    assertError(send("login_code", "[" + OTP_BODY + "]"), 132000);
    assertError(send("login_code", "[" + OTP_BODY + ",{\"type\":\"button\",\"sub_type\":\"url\","
        + "\"index\":\"0\",\"parameters\":[{\"type\":\"coupon_code\",\"coupon_code\":\"123456\"}]}]"), 132012);
  }

  @Test
  void coupon_withCouponCodeParameter_isAccepted() {
    SandboxHttp.Reply r = send("coupon_offer", "[{\"type\":\"button\",\"sub_type\":\"copy_code\",\"index\":\"0\","
        + "\"parameters\":[{\"type\":\"coupon_code\",\"coupon_code\":\"SAVE10\"}]}]");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void coupon_withTextParameter_orTooLongCode_isRejected() {
    assertError(send("coupon_offer", "[{\"type\":\"button\",\"sub_type\":\"copy_code\",\"index\":\"0\","
        + "\"parameters\":[{\"type\":\"text\",\"text\":\"SAVE10\"}]}]"), 132012);
    assertError(send("coupon_offer", "[{\"type\":\"button\",\"sub_type\":\"copy_code\",\"index\":\"0\","
        + "\"parameters\":[{\"type\":\"coupon_code\",\"coupon_code\":\"SIXTEEN-CHARS-XX\"}]}]"), 131009);
    assertError(send("coupon_offer", "[{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\","
        + "\"parameters\":[{\"type\":\"coupon_code\",\"coupon_code\":\"SAVE10\"}]}]"), 131009);
  }
}
