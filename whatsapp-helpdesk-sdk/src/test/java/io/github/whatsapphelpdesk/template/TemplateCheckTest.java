package io.github.whatsapphelpdesk.template;

import static io.github.whatsapphelpdesk.client.TemplateParameter.text;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.BUTTON;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.CURRENCY;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.DATE_TIME;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.DISABLED;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.HEADER_MEDIA;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.NOT_APPROVED;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.NOT_FOUND;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.PARAMETER_COUNT;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.PARAMETER_FORMAT;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.PAUSED;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.TEXT_CHARACTERS;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.TEXT_LENGTH;
import static io.github.whatsapphelpdesk.error.TemplateProblem.Kind.UNEXPECTED_COMPONENT;
import static io.github.whatsapphelpdesk.template.TemplateFixtures.body;
import static io.github.whatsapphelpdesk.template.TemplateFixtures.def;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.error.ErrorCategory;
import io.github.whatsapphelpdesk.error.TemplateException;
import io.github.whatsapphelpdesk.error.TemplateProblem;
import io.github.whatsapphelpdesk.error.TemplateValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateCheckTest {
  // The definitions behind Meta's send examples (fixtures/send-openapi).
  static final String ORDER_BODY = "Your order {{1}} of {{2}} ships on {{3}}.";
  static final MessageTemplate INTERACTIVE = def("template-name", "language-and-locale-code", ParameterFormat.POSITIONAL,
      Component.mediaHeader(HeaderFormat.IMAGE, Map.of()), body(ORDER_BODY),
      Component.buttons(Button.quickReply("Track"), Button.quickReply("Stop")));
  static final MessageTemplate ISSUE = def("sample_issue_resolution", "en_US", ParameterFormat.POSITIONAL,
      body("Hi {{1}}, were we able to solve the issue that you were facing?"),
      Component.buttons(Button.quickReply("Yes"), Button.quickReply("No")));
  static final MessageTemplate CATALOG = def("intro_catalog_offer", "en_US", ParameterFormat.POSITIONAL,
      body("Now shop for your favourite products right here on WhatsApp! Get Rs {{1}} off on all orders above {{2}}"
          + " Rs! Valid for your first {{3}} orders placed on WhatsApp!"),
      Component.buttons(new Button(ButtonType.CATALOG, "View catalog", null, null, List.of(), Map.of())));
  static final MessageTemplate FLOW = def("<TEMPLATE_NAME>", "en_US", ParameterFormat.POSITIONAL,
      body("Book your appointment"),
      Component.buttons(new Button(ButtonType.FLOW, "Book", null, null, List.of(), Map.of("flow_id", "123"))));
  static final MessageTemplate NAMED = def("order_update", "en", ParameterFormat.NAMED,
      Component.textHeader("Order {{order_id}}"),
      body("Hi {{first_name}}, your order {{order_id}} is on its way."),
      Component.footer("Reply STOP to opt out"),
      Component.buttons(Button.url("Track", "https://shop.example/track/{{1}}", "A1"),
          Button.phoneNumber("Call us", "+15550001111"), Button.quickReply("Thanks")));

  private final List<MessageTemplate> all = new ArrayList<>(TemplateFixtures.peer());

  {
    all.addAll(List.of(INTERACTIVE, ISSUE, CATALOG, FLOW, NAMED));
  }

  private final TemplateRegistry registry = TemplateFixtures.registry(all);

  private static List<TemplateProblem.Kind> kinds(List<TemplateProblem> problems) {
    return problems.stream().map(TemplateProblem::kind).toList();
  }

  private TemplateMessage named(String first, String order) {
    return TemplateMessage.of("order_update", "en",
        TemplateComponent.header(text(order).named("order_id")),
        TemplateComponent.body(text(first).named("first_name"), text(order).named("order_id")),
        TemplateComponent.button(TemplateComponent.URL, 0, text(order)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"send-message-template-interactive", "send-message-template-media",
      "send-message-template-text", "send-sample-shipping-confirmation-template", "send-sample-issue-resolution-template",
      "send-catalog-template-message", "send-flow-template-message"})
  void check_metaSendExamples_passAgainstTheirDefinitions(String example) {
    TemplateMessage m = TemplateFixtures.sendExample(example);
    MessageTemplate d = switch (example) {
      case "send-message-template-interactive" -> INTERACTIVE;
      case "send-message-template-media" -> def(m.name(), m.languageCode(), ParameterFormat.POSITIONAL,
          Component.mediaHeader(HeaderFormat.IMAGE, Map.of()), body(ORDER_BODY));
      case "send-sample-issue-resolution-template" -> ISSUE;
      case "send-catalog-template-message" -> CATALOG;
      case "send-flow-template-message" -> FLOW;
      default -> def(m.name(), m.languageCode(), ParameterFormat.POSITIONAL, body(ORDER_BODY));
    };

    assertThat(TemplateFixtures.registry(List.of(d)).check(m)).isEmpty();
  }

  @Test
  void check_peerTemplateFilledRight_hasNoProblem() {
    TemplateMessage m = TemplateMessage.of("schedule_confirmation5", "pt_BR",
        TemplateComponent.body(text("Maria"), text("04/11/2022"), text("13:30")),
        TemplateComponent.button(TemplateComponent.QUICK_REPLY, 0, TemplateParameter.payload("yes-4711")));

    assertThat(registry.check(m)).isEmpty();
    registry.validate(m);
  }

  @Test
  void check_wrongLanguage_isNotFoundAndNamesTheHeldLanguages() {
    TemplateMessage m = TemplateMessage.of("schedule_confirmation5", "pt",
        TemplateComponent.body(text("Maria"), text("04/11/2022"), text("13:30")));

    assertThatThrownBy(() -> registry.validate(m))
        .isInstanceOf(TemplateValidationException.class)
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("132001")
        .hasMessageContaining("no 'pt' translation (held: pt_BR)")
        .satisfies(e -> {
          TemplateValidationException t = (TemplateValidationException) e;
          assertThat(t.code()).isEqualTo(132001);
          assertThat(t.httpStatus()).isZero();
          assertThat(t.category()).isEqualTo(ErrorCategory.TEMPLATE);
          assertThat(t.templateName()).isEqualTo("schedule_confirmation5");
          assertThat(t.language()).isEqualTo("pt");
          assertThat(kinds(t.problems())).containsExactly(NOT_FOUND);
        });
  }

  @Test
  void check_unknownName_isNotFound() {
    assertThat(registry.check(TemplateMessage.of("nope", "en_US")))
        .singleElement().satisfies(p -> {
          assertThat(p.kind()).isEqualTo(NOT_FOUND);
          assertThat(p.message()).contains("no template named 'nope'");
        });
  }

  @Test
  void check_rejectedTemplate_reportsStatusAndParameterProblemsTogether() {
    // welcome_template3 (en_US) is REJECTED in the peer fixture and takes two body parameters.
    List<TemplateProblem> p = registry.check(TemplateMessage.of("welcome_template3", "en_US",
        TemplateComponent.body(text("José"))));

    assertThat(kinds(p)).containsExactly(NOT_APPROVED, PARAMETER_COUNT);
    assertThat(p.get(0).code()).isEqualTo(132001);
    assertThat(p.get(0).message()).contains("is REJECTED").contains("only APPROVED");
    assertThat(p.get(1).code()).isEqualTo(132000);
    assertThat(p.get(1).message()).contains("2 variables but 1 parameter was given");
  }

  @Test
  void check_pausedDisabledPending_blockedWithTheirReason() {
    TemplateMessage m = TemplateMessage.of("welcome_template2", "en_US",
        TemplateComponent.body(text("Ana"), text("first")));
    assertThat(registry.check(m)).isEmpty();

    registry.applyStatusUpdate(null, "welcome_template2", "en_US", TemplateStatus.PAUSED, "LOW_QUALITY");
    assertThat(registry.check(m)).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(PAUSED);
      assertThat(p.code()).isEqualTo(132015);
      assertThat(p.message()).contains("PAUSED").contains("LOW_QUALITY");
    });

    registry.applyStatusUpdate(null, "welcome_template2", "en_US", TemplateStatus.DISABLED, "LOW_QUALITY");
    assertThat(registry.check(m)).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(DISABLED);
      assertThat(p.code()).isEqualTo(132016);
    });

    registry.applyStatusUpdate(null, "welcome_template2", "en_US", TemplateStatus.PENDING, null);
    assertThat(registry.check(m)).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(NOT_APPROVED);
      assertThat(p.message()).contains("still in review");
    });

    registry.applyStatusUpdate(null, "welcome_template2", "en_US", TemplateStatus.APPROVED, "NONE");
    assertThat(registry.check(m)).isEmpty();
  }

  @Test
  void check_positional_countsAndRejectsParameterNames() {
    assertThat(registry.check(TemplateMessage.of("schedule_confirmation5", "pt_BR",
        TemplateComponent.body(text("Maria"), text("04/11/2022")))))
        .singleElement().satisfies(p -> {
          assertThat(p.kind()).isEqualTo(PARAMETER_COUNT);
          assertThat(p.path()).isEqualTo("body");
        });
    assertThat(kinds(registry.check(TemplateMessage.of("schedule_confirmation5", "pt_BR",
        TemplateComponent.body(text("Maria"), text("04/11/2022"), text("13:30"), text("extra"))))))
        .containsExactly(PARAMETER_COUNT);
    assertThat(registry.check(TemplateMessage.of("schedule_confirmation5", "pt_BR",
        TemplateComponent.body(text("Maria").named("name"), text("04/11/2022"), text("13:30")))))
        .singleElement().satisfies(p -> {
          assertThat(p.kind()).isEqualTo(PARAMETER_FORMAT);
          assertThat(p.code()).isEqualTo(132012);
          assertThat(p.path()).isEqualTo("body.parameters[0]");
          assertThat(p.message()).contains("positional").contains("'name'");
        });
    assertThat(kinds(registry.check(TemplateMessage.of("schedule_confirmation5", "pt_BR"))))
        .containsExactly(PARAMETER_COUNT);
  }

  @Test
  void check_named_needsEveryNameOnceAndNoOther() {
    assertThat(registry.check(named("Ana", "A-1042"))).isEmpty();
    // order is free for named parameters
    assertThat(registry.check(TemplateMessage.of("order_update", "en",
        TemplateComponent.header(text("A-1").named("order_id")),
        TemplateComponent.body(text("A-1").named("order_id"), text("Ana").named("first_name")),
        TemplateComponent.button(TemplateComponent.URL, 0, text("A-1"))))).isEmpty();

    List<TemplateProblem> p = registry.check(TemplateMessage.of("order_update", "en",
        TemplateComponent.header(text("A-1").named("order_id")),
        TemplateComponent.body(text("Ana"), text("A-1").named("order_no"), text("Bo").named("first_name"),
            text("Cy").named("first_name")),
        TemplateComponent.button(TemplateComponent.URL, 0, text("A-1"))));

    assertThat(p).extracting(TemplateProblem::kind, TemplateProblem::path).containsExactly(
        org.assertj.core.groups.Tuple.tuple(PARAMETER_FORMAT, "body.parameters[0]"),
        org.assertj.core.groups.Tuple.tuple(PARAMETER_FORMAT, "body.parameters[1]"),
        org.assertj.core.groups.Tuple.tuple(PARAMETER_FORMAT, "body.parameters[3]"),
        org.assertj.core.groups.Tuple.tuple(PARAMETER_COUNT, "body"));
    assertThat(p.get(1).message()).contains("no variable {{order_no}}");
    assertThat(p.get(2).message()).contains("given twice");
    assertThat(p.get(3).message()).contains("needs parameter 'order_id'");
  }

  @Test
  void validate_manyMistakes_reportsEveryProblemInOneException() {
    TemplateMessage m = TemplateMessage.of("order_update", "en",
        TemplateComponent.body(text("Ana\nSmith").named("first_name")),
        TemplateComponent.button(TemplateComponent.QUICK_REPLY, 0, text("A-1")),
        TemplateComponent.button(TemplateComponent.QUICK_REPLY, 1, TemplateParameter.payload("x")),
        TemplateComponent.button(TemplateComponent.QUICK_REPLY, 7, TemplateParameter.payload("x")));

    assertThatThrownBy(() -> registry.validate(m))
        .isInstanceOfSatisfying(TemplateValidationException.class, e -> {
          assertThat(kinds(e.problems())).containsExactly(
              PARAMETER_COUNT, // header needs order_id
              TEXT_CHARACTERS, // the new line in first_name
              PARAMETER_COUNT, // body needs order_id
              BUTTON,          // no button 7
              BUTTON,          // button 0 is a URL button, not quick_reply
              BUTTON);         // button 1 is a call button: no parameters
          assertThat(e.code()).isEqualTo(132000);
          assertThat(e.has(PARAMETER_COUNT)).isTrue();
          assertThat(e.getMessage()).contains("6 problems").contains("button[7]").contains("button[1]")
              .contains("sub_type must be url");
        });
  }

  @Test
  void check_mediaHeader_typeMustMatchAndHasNoCaption() {
    TemplateComponent body = TemplateComponent.body(text("A1"), text("$5"), text("Monday"));
    TemplateMessage none = TemplateMessage.of("template-name", "language-and-locale-code", body);
    TemplateMessage video = TemplateMessage.of("template-name", "language-and-locale-code",
        TemplateComponent.header(TemplateParameter.video(Media.video("vid-1"))), body);
    TemplateMessage captioned = TemplateMessage.of("template-name", "language-and-locale-code",
        new TemplateComponent("header", null, null, List.of(new TemplateParameter("image", null,
            Media.image("img-1").withCaption("look")))), body);
    TemplateMessage two = TemplateMessage.of("template-name", "language-and-locale-code",
        TemplateComponent.header(TemplateParameter.image(Media.image("a")), TemplateParameter.image(Media.image("b"))),
        body);
    TemplateMessage textParam = TemplateMessage.of("template-name", "language-and-locale-code",
        TemplateComponent.header(text("hello")), body);

    assertThat(registry.check(none)).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(HEADER_MEDIA);
      assertThat(p.message()).contains("an IMAGE header");
    });
    assertThat(registry.check(video)).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(HEADER_MEDIA);
      assertThat(p.code()).isEqualTo(132012);
      assertThat(p.message()).contains("the parameter is a video");
    });
    assertThat(kinds(registry.check(captioned))).containsExactly(HEADER_MEDIA);
    assertThat(kinds(registry.check(two))).containsExactly(PARAMETER_COUNT);
    assertThat(kinds(registry.check(textParam))).containsExactly(HEADER_MEDIA);
  }

  @Test
  void check_textHeader_variablesAndStaticHeaders() {
    // schedule_confirmation5 has a static text header: no header parameters allowed.
    assertThat(registry.check(TemplateMessage.of("schedule_confirmation5", "pt_BR",
        TemplateComponent.header(text("x")),
        TemplateComponent.body(text("Maria"), text("04/11/2022"), text("13:30")))))
        .singleElement().satisfies(p -> {
          assertThat(p.kind()).isEqualTo(PARAMETER_COUNT);
          assertThat(p.path()).isEqualTo("header");
        });
    // intro_catalog_offer has no header at all.
    assertThat(kinds(registry.check(TemplateMessage.of("intro_catalog_offer", "en_US",
        TemplateComponent.header(text("x")), TemplateComponent.body(text("1"), text("2"), text("3"))))))
        .containsExactly(UNEXPECTED_COMPONENT);
    assertThat(kinds(registry.check(TemplateMessage.of("intro_catalog_offer", "en_US",
        TemplateComponent.body(text("1"), text("2"), text("3")), TemplateComponent.body(text("1"), text("2"), text("3"))))))
        .containsExactly(UNEXPECTED_COMPONENT);
  }

  @Test
  void check_buttons_byIndexAndSubType() {
    MessageTemplate t = def("buttons", "en", ParameterFormat.POSITIONAL, body("Hi"),
        Component.buttons(Button.url("Static", "https://x.example/help"), Button.url("Track", "https://x.example/t/{{1}}"),
            new Button(ButtonType.COPY_CODE, "Copy", null, null, List.of("SAVE10"), Map.of()),
            Button.quickReply("Ok"), new Button(ButtonType.FLOW, "Open", null, null, List.of(), Map.of())));
    TemplateRegistry r = TemplateFixtures.registry(List.of(t));
    TemplateComponent track = TemplateComponent.button("url", 1, text("A-1"));
    TemplateComponent coupon = TemplateComponent.button("copy_code", 2, new TemplateParameter("coupon_code", null, "SAVE10"));

    assertThat(r.check(TemplateMessage.of("buttons", "en", track, coupon))).isEmpty();
    assertThat(r.check(TemplateMessage.of("buttons", "en", track, coupon,
        TemplateComponent.button("QUICK_REPLY", 3, TemplateParameter.payload("p")),
        TemplateComponent.button("flow", 4, TemplateParameter.action(Map.of("flow_token", "t")))))).isEmpty();

    assertThat(r.check(TemplateMessage.of("buttons", "en", coupon))).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(PARAMETER_COUNT);
      assertThat(p.path()).isEqualTo("button[1]");
      assertThat(p.message()).contains("url button 'Track' at index 1");
    });
    assertThat(r.check(TemplateMessage.of("buttons", "en", track, coupon,
        TemplateComponent.button("url", 0, text("suffix"))))).singleElement().satisfies(p -> {
          assertThat(p.kind()).isEqualTo(PARAMETER_COUNT);
          assertThat(p.path()).isEqualTo("button[0]");
        });
    assertThat(r.check(TemplateMessage.of("buttons", "en", TemplateComponent.button("quick_reply", 1, text("A-1")),
        coupon))).singleElement().satisfies(p -> {
          assertThat(p.kind()).isEqualTo(BUTTON);
          assertThat(p.message()).contains("sub_type must be url, was quick_reply");
        });
    assertThat(r.check(TemplateMessage.of("buttons", "en", track,
        TemplateComponent.button("copy_code", 2, new TemplateParameter("coupon_code", null, "WAY-TOO-LONG-CODE")))))
        .singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(TEXT_LENGTH));
    assertThat(kinds(r.check(TemplateMessage.of("buttons", "en", track,
        TemplateComponent.button("copy_code", 2, text("SAVE10")))))).containsExactly(PARAMETER_FORMAT);
    assertThat(kinds(r.check(TemplateMessage.of("buttons", "en", track, coupon,
        TemplateComponent.button("quick_reply", 3, TemplateParameter.payload("a"), TemplateParameter.payload("b"))))))
        .containsExactly(PARAMETER_COUNT);
    assertThat(kinds(r.check(TemplateMessage.of("buttons", "en", track, coupon, track)))).containsExactly(BUTTON);
    assertThat(kinds(r.check(TemplateMessage.of("buttons", "en", TemplateComponent.button("url", 1, text("a b\tc")),
        coupon)))).containsExactly(TEXT_CHARACTERS);
  }

  @Test
  void check_authenticationTemplate_otpButtonNeedsTheCode() {
    MessageTemplate otp = def("login_code", "en_US", ParameterFormat.POSITIONAL,
        body("{{1}} is your verification code."),
        Component.buttons(new Button(ButtonType.OTP, "Copy code", null, null, List.of(), Map.of("otp_type", "COPY_CODE"))));
    TemplateRegistry r = TemplateFixtures.registry(List.of(otp));

    assertThat(r.check(TemplateMessage.of("login_code", "en_US", TemplateComponent.body(text("482913")),
        TemplateComponent.button("url", 0, text("482913"))))).isEmpty();
    assertThat(kinds(r.check(TemplateMessage.of("login_code", "en_US", TemplateComponent.body(text("482913"))))))
        .containsExactly(PARAMETER_COUNT);
  }

  private TemplateMessage withBodyParam(TemplateParameter p) {
    return TemplateMessage.of("template-name", "language-and-locale-code",
        TemplateComponent.header(TemplateParameter.image(Media.byLink(io.github.whatsapphelpdesk.client.MediaKind.IMAGE,
            "https://x.example/a.png"))),
        TemplateComponent.body(text("A1"), p, TemplateParameter.dateTime("Monday")));
  }

  @Test
  void check_currency_shape() {
    assertThat(registry.check(withBodyParam(TemplateParameter.currency("$100.99", "USD", 100990)))).isEmpty();
    assertThat(registry.check(withBodyParam(new TemplateParameter("currency", null,
        Map.of("fallback_value", "$1", "code", "usd", "amount_1000", 1.5)))))
        .extracting(TemplateProblem::kind, TemplateProblem::path).containsExactly(
            org.assertj.core.groups.Tuple.tuple(CURRENCY, "body.parameters[1].code"),
            org.assertj.core.groups.Tuple.tuple(CURRENCY, "body.parameters[1].amount_1000"));
    assertThat(registry.check(withBodyParam(new TemplateParameter("currency", null,
        Map.of("code", "EUR", "amount_1000", 5000, "amount", 5)))))
        .extracting(TemplateProblem::path)
        .containsExactlyInAnyOrder("body.parameters[1].fallback_value", "body.parameters[1].amount");
    assertThat(registry.check(withBodyParam(new TemplateParameter("currency", null, "$5"))))
        .singleElement().satisfies(p -> {
          assertThat(p.kind()).isEqualTo(CURRENCY);
          assertThat(p.code()).isEqualTo(131009);
        });
  }

  @Test
  void check_dateTime_shape() {
    assertThat(registry.check(withBodyParam(
        TemplateParameter.dateTime("February 25, 1977", 1977, 2, 25, 5, 15, 33, "GREGORIAN")))).isEmpty();
    assertThat(registry.check(withBodyParam(
        TemplateParameter.dateTime("Feb 30", 2026, 2, 30, 1, 10, 0, "GREGORIAN"))))
        .singleElement().satisfies(p -> {
          assertThat(p.kind()).isEqualTo(DATE_TIME);
          assertThat(p.message()).contains("do not form a date");
        });
    assertThat(registry.check(withBodyParam(
        TemplateParameter.dateTime("x", 2026, 13, 1, 8, 24, 60, "JULIAN"))))
        .extracting(TemplateProblem::path).containsExactly("body.parameters[1].month",
            "body.parameters[1].day_of_week", "body.parameters[1].hour", "body.parameters[1].minute",
            "body.parameters[1].calendar");
    assertThat(registry.check(withBodyParam(new TemplateParameter("date_time", null, Map.of("year", 2026)))))
        .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("body.parameters[1].fallback_value"));
  }

  @Test
  void check_textParameters_metaCharacterRules() {
    assertThat(registry.check(withBodyParam(text("four    spaces are fine")))).isEmpty();
    assertThat(registry.check(withBodyParam(text("five     spaces are not"))))
        .singleElement().satisfies(p -> {
          assertThat(p.kind()).isEqualTo(TEXT_CHARACTERS);
          assertThat(p.code()).isEqualTo(100);
          assertThat(p.message()).contains("more than 4 consecutive spaces");
        });
    assertThat(kinds(registry.check(withBodyParam(text("line\nbreak"))))).containsExactly(TEXT_CHARACTERS);
    assertThat(kinds(registry.check(withBodyParam(text("tab\there"))))).containsExactly(TEXT_CHARACTERS);
    assertThat(kinds(registry.check(withBodyParam(text("  "))))).containsExactly(TEXT_CHARACTERS);
    assertThat(kinds(registry.check(withBodyParam(TemplateParameter.image(Media.image("i"))))))
        .containsExactly(PARAMETER_FORMAT);
  }

  @Test
  void check_lengths_hydratedBodyHeaderAndParameter() {
    String fixed = ORDER_BODY.replaceAll("\\{\\{\\d}}", "");
    String fits = "x".repeat(TemplateLimits.BODY_MAX - fixed.length() - "$5".length() - "Monday".length());
    assertThat(registry.check(TemplateMessage.of("template-name", "language-and-locale-code",
        TemplateComponent.header(TemplateParameter.image(Media.image("i"))),
        TemplateComponent.body(text(fits), text("$5"), text("Monday"))))).isEmpty();
    assertThat(registry.check(TemplateMessage.of("template-name", "language-and-locale-code",
        TemplateComponent.header(TemplateParameter.image(Media.image("i"))),
        TemplateComponent.body(text(fits + "y"), text("$5"), text("Monday")))))
        .singleElement().satisfies(p -> {
          assertThat(p.kind()).isEqualTo(TEXT_LENGTH);
          assertThat(p.code()).isEqualTo(132005);
          assertThat(p.message()).contains("1025 characters").contains("at most 1024");
        });
    String order = "A".repeat(TemplateLimits.HEADER_TEXT_MAX);
    assertThat(registry.check(named("Ana", order))).extracting(TemplateProblem::path).containsExactly("header");
    assertThat(registry.check(withBodyParam(text("z".repeat(TemplateLimits.PARAMETER_TEXT_MAX + 1)))))
        .extracting(TemplateProblem::kind, TemplateProblem::code).contains(
            org.assertj.core.groups.Tuple.tuple(TEXT_LENGTH, 100));
  }
}
