package io.github.whatsapphelpdesk.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.error.TemplatePolicyException;
import io.github.whatsapphelpdesk.error.TemplateProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplatePolicyTest {
  private final TemplatePolicy policy = PolicyFixtures.policy();
  private final TemplateRegistry registry = TemplateFixtures.registry(PolicyFixtures.templates());

  private static List<String> texts(TemplateComponent c) {
    return c.parameters().stream().map(p -> String.valueOf(p.value())).toList();
  }

  private static TemplateComponent component(TemplateMessage m, String type) {
    return m.components().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void ticketSolved_csatWithCustomerNameTicketIdAndUrlButton() {
    PolicyDecision d = policy.decide(PolicyEvent.ticketSolved("4711", "4915123456789").toBuilder()
        .customerName("Ana").build()).orElseThrow();

    assertThat(d.ruleId()).isEqualTo("csat");
    assertThat(d.truncated()).isFalse();
    assertThat(d.message().name()).isEqualTo("csat_survey");
    assertThat(d.message().languageCode()).isEqualTo("en_US");
    assertThat(texts(component(d.message(), "body"))).containsExactly("Ana", "4711");
    TemplateComponent button = component(d.message(), "button");
    assertThat(button.subType()).isEqualTo("url");
    assertThat(button.index()).isZero();
    assertThat(texts(button)).containsExactly("4711");
    assertThat(registry.render(d.message()).asText())
        .isEqualTo("Hi Ana, how did we do on ticket #4711? Tap below to rate us.\n\n"
            + "[ Rate us ] https://help.example.com/csat/4711");
  }

  @Test
  void ticketSolved_fallbackLanguageAndExclusionTag() {
    PolicyEvent noName = PolicyEvent.ticketSolved("4711", "4915123456789");
    assertThat(texts(component(policy.decide(noName).orElseThrow().message(), "body")))
        .containsExactly("there", "4711");
    assertThat(policy.decide(noName.toBuilder().language("de-DE").build()).orElseThrow().message().languageCode())
        .isEqualTo("de");
    assertThat(policy.decide(noName.toBuilder().language("pt_BR").build()).orElseThrow().message().languageCode())
        .isEqualTo("pt_BR");
    assertThat(policy.decide(noName.toBuilder().language("fr").build()).orElseThrow().message().languageCode())
        .isEqualTo("en_US");
    assertThat(policy.decide(noName.toBuilder().tags(List.of("billing", "No_CSAT")).build())).isEmpty();
  }

  @Test
  void replyWindowClosed_carriesTheAgentsTextMadeSafeForAParameter() {
    PolicyEvent e = PolicyEvent.replyWindowClosed("4711", "4915123456789",
        "Hi Ana,\n\nyour refund      was\tapproved.\r\nBest, Bo  ").toBuilder().customerName("Ana").build();

    PolicyDecision d = policy.decide(e, registry).orElseThrow();

    assertThat(d.ruleId()).isEqualTo("reopen");
    assertThat(d.agentTextIncluded()).isTrue();
    assertThat(texts(component(d.message(), "body"))).containsExactly("Ana",
        "Hi Ana, your refund was approved. Best, Bo");
    assertThat(registry.check(d.message())).isEmpty();
    assertThat(registry.render(d.message()).body()).isEqualTo(
        "Hello Ana, we answered your request: Hi Ana, your refund was approved. Best, Bo Reply to continue the"
            + " conversation.");
  }

  @Test
  void replyWindowClosed_longText_cutToTheParameterLimitWithoutARegistry() {
    String words = "word ".repeat(400); // 2,000 characters
    PolicyDecision d = policy.decide(PolicyEvent.replyWindowClosed("1", "4915123456789", words)).orElseThrow();

    String agent = texts(component(d.message(), "body")).get(1);
    assertThat(d.truncated()).isTrue();
    assertThat(agent).hasSizeLessThanOrEqualTo(600).endsWith("word…");
  }

  @Test
  void replyWindowClosed_withRegistry_cutSoTheHydratedBodyFitsMetasLimit() {
    TemplatePolicy wide = TemplatePolicy.builder().rule(PolicyRule.builder("reopen").onReplyWindowClosed()
        .template("reopen_conversation", "en_US")
        .body(PolicyParam.customerName().orElse("there"), PolicyParam.agentText()).build()).build();
    String text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(40);
    PolicyEvent e = PolicyEvent.replyWindowClosed("1", "4915123456789", text).toBuilder().customerName("Ana").build();

    PolicyDecision without = wide.decide(e).orElseThrow();
    PolicyDecision with = wide.decide(e, registry).orElseThrow();

    assertThat(registry.check(without.message())).extracting(TemplateProblem::kind)
        .containsExactly(TemplateProblem.Kind.TEXT_LENGTH);
    assertThat(with.truncated()).isTrue();
    assertThat(registry.check(with.message())).isEmpty();
    String body = registry.render(with.message()).body();
    assertThat(body.length()).isBetween(TemplateLimits.BODY_MAX - 30, TemplateLimits.BODY_MAX);
    assertThat(body).endsWith("… Reply to continue the conversation.").doesNotContain(" …").contains("amet,…");
  }

  @Test
  void replyWindowClosed_templateWithoutAPlaceForTheText_sendsItWithoutAndSaysSo() {
    TemplatePolicy p = TemplatePolicy.builder().rule(PolicyRule.builder("plain").onReplyWindowClosed()
        .template("reopen_plain", "en_US")
        .body(PolicyParam.customerName().orElse("there"), PolicyParam.agentText().orElse("(see the ticket)"))
        .build()).build();
    PolicyEvent e = PolicyEvent.replyWindowClosed("1", "4915123456789", "Your refund was approved.");

    PolicyDecision d = p.decide(e, registry).orElseThrow();

    assertThat(d.agentTextIncluded()).isFalse();
    assertThat(texts(component(d.message(), "body"))).containsExactly("there");
    assertThat(registry.check(d.message())).isEmpty();
    // Without the registry the policy cannot know; the check then reports the extra parameter.
    assertThat(registry.check(p.decide(e).orElseThrow().message())).extracting(TemplateProblem::kind)
        .containsExactly(TemplateProblem.Kind.PARAMETER_COUNT);
    // An empty reply falls back, and the decision says the text is not in it.
    assertThat(policy.decide(PolicyEvent.replyWindowClosed("1", "4915123456789", "")).orElseThrow()
        .agentTextIncluded()).isFalse();
  }

  @Test
  void replyWindowClosed_noAgentText_fallsThroughToTheNextRule() {
    PolicyDecision d = policy.decide(PolicyEvent.replyWindowClosed("1", "4915123456789", " \n ")).orElseThrow();

    assertThat(d.ruleId()).isEqualTo("reopen_plain");
    assertThat(registry.check(d.message())).isEmpty();
  }

  @Test
  void decide_withRegistry_fillsNamedOrPositionalAsTheTemplateExpects() {
    TemplatePolicy p = TemplatePolicy.builder()
        .rule(PolicyRule.builder("named").onReplyWindowClosed().template("reopen_named", "en_US")
            .body(PolicyParam.customerName().orElse("there"), PolicyParam.agentText()).build())
        .build();
    PolicyEvent e = PolicyEvent.replyWindowClosed("1", "4915123456789", "Done.").toBuilder().customerName("Ana").build();

    TemplateMessage named = p.decide(e, registry).orElseThrow().message();
    assertThat(component(named, "body").parameters()).extracting(TemplateParameter::parameterName)
        .containsExactly("customer", "message");
    assertThat(registry.check(named)).isEmpty();
    assertThat(registry.check(p.decide(e).orElseThrow().message())).extracting(TemplateProblem::kind)
        .contains(TemplateProblem.Kind.PARAMETER_FORMAT);

    TemplatePolicy positional = TemplatePolicy.builder()
        .rule(PolicyRule.builder("pos").onReplyWindowClosed().template("reopen_conversation", "en_US")
            .body(PolicyParam.customerName().named("customer"), PolicyParam.agentText().named("message")).build())
        .build();
    TemplateMessage m = positional.decide(e.toBuilder().build(), registry).orElseThrow().message();
    assertThat(component(m, "body").parameters()).extracting(TemplateParameter::parameterName).containsOnlyNulls();
    assertThat(registry.check(m)).isEmpty();
  }

  @Test
  void ticketStatusAndTag_pickTheirTemplates() {
    PolicyDecision waiting = policy.decide(PolicyEvent.ticketStatus("4711", "4915123456789", "Pending")).orElseThrow();
    assertThat(waiting.ruleId()).isEqualTo("waiting");
    assertThat(registry.render(waiting.message()).asText()).isEqualTo(
        "Ticket 4711\n\nour team is waiting for your answer. We will close the ticket in 48 hours.");
    assertThat(policy.decide(PolicyEvent.ticketStatus("4711", "4915123456789", "open"))).isEmpty();

    PolicyDecision vip = policy.decide(PolicyEvent.ticketTagged("4711", "4915123456789", "VIP").toBuilder()
        .attribute("account_manager", "Carla").build()).orElseThrow();
    assertThat(vip.ruleId()).isEqualTo("vip");
    assertThat(registry.render(vip.message()).asText()).isEqualTo(
        "[IMAGE: https://cdn.example.com/vip.png]\n\nWelcome to VIP support! Carla will look after you.");
    assertThat(policy.decide(PolicyEvent.ticketTagged("4711", "4915123456789", "billing"))).isEmpty();
  }

  @Test
  void check_findsRulesThatNameMissingOrMismatchedTemplates() {
    List<MessageTemplate> held = new java.util.ArrayList<>(PolicyFixtures.templates());
    held.removeIf(t -> t.name().equals("vip_welcome"));
    held.add(TemplateFixtures.def("waiting_on_you", "en_US", ParameterFormat.POSITIONAL,
        TemplateFixtures.body("We are waiting for you.")));
    held.removeIf(t -> t.name().equals("waiting_on_you") && t.component(ComponentType.HEADER).isPresent());

    Map<String, List<TemplateProblem>> problems = policy.check(TemplateFixtures.registry(held));

    assertThat(problems).containsOnlyKeys("csat", "waiting", "vip");
    assertThat(problems.get("csat")).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(TemplateProblem.Kind.NOT_FOUND);
      assertThat(p.path()).isEqualTo("pt_BR:template");
    });
    assertThat(problems.get("waiting")).extracting(TemplateProblem::kind).containsExactly(
        TemplateProblem.Kind.UNEXPECTED_COMPONENT, TemplateProblem.Kind.PARAMETER_COUNT);
    assertThat(problems.get("vip")).extracting(TemplateProblem::kind).containsExactly(TemplateProblem.Kind.NOT_FOUND);
    assertThat(policy.check(registry)).containsOnlyKeys("csat"); // no pt_BR translation in the fixture set
  }

  @Test
  void check_attributeWithoutFallback_isSampledNotSkipped() {
    TemplatePolicy p = TemplatePolicy.builder().rule(PolicyRule.builder("vip").onTicketTag("vip")
        .template("vip_welcome", "en_US").body(PolicyParam.attribute("account_manager")).build()).build();

    assertThat(p.check(registry)).containsOnlyKeys("vip");
    assertThat(p.check(registry).get("vip")).extracting(TemplateProblem::kind)
        .containsExactly(TemplateProblem.Kind.HEADER_MEDIA);
  }

  @Test
  void ruleBuilder_namesEveryProblem() {
    assertThatThrownBy(() -> PolicyRule.builder("bad id!").template("Not Valid", "english")
        .body(PolicyParam.customerName().named("a"), PolicyParam.ticketId())
        .button(12, "call", PolicyParam.ticketId(), PolicyParam.waId()).build())
        .isInstanceOfSatisfying(TemplatePolicyException.class, e -> {
          assertThat(e.source()).isEqualTo("code");
          assertThat(e.problems()).extracting(TemplatePolicyException.Problem::path).containsExactly(
              "rule 'bad id!'.id", "rule 'bad id!'.on", "rule 'bad id!'.template.name",
              "rule 'bad id!'.template.language", "rule 'bad id!'.body", "rule 'bad id!'.buttons[0].index",
              "rule 'bad id!'.buttons[0].sub_type", "rule 'bad id!'.buttons[0].parameters");
          assertThat(e.getMessage()).contains("8 problems");
        });
    assertThatThrownBy(() -> PolicyRule.builder("s").onTicketStatus(" ").template("t", "en").build())
        .hasMessageContaining("needs the status");
    assertThatThrownBy(() -> PolicyRule.builder("s").onTicketSolved().template("t", "en")
        .body(PolicyParam.agentText()).build())
        .hasMessageContaining("agent_text is only set on REPLY_WINDOW_CLOSED");
    assertThatThrownBy(() -> PolicyParam.agentText().maxLength(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void policyBuilder_rejectsDuplicateIds() {
    PolicyRule r = PolicyRule.builder("csat").onTicketSolved().template("csat_survey", "en_US").build();
    assertThatThrownBy(() -> TemplatePolicy.builder().rule(r).rule(r).build())
        .isInstanceOf(TemplatePolicyException.class).hasMessageContaining("duplicate rule id 'csat'");
    assertThat(TemplatePolicy.empty().decide(PolicyEvent.ticketSolved("1", "2"))).isEqualTo(Optional.empty());
    assertThat(policy.toBuilder().rule(PolicyRule.builder("extra").onTicketSolved().template("x", "en").build())
        .build().rules()).hasSize(6);
  }

  @Test
  void policyEvent_toStringHidesTheTextAndMasksTheNumber() {
    PolicyEvent e = PolicyEvent.replyWindowClosed("4711", "4915123456789", "secret refund details");
    assertThat(e.toString()).doesNotContain("secret").doesNotContain("4915123456789").contains("21 chars");
    assertThatThrownBy(() -> PolicyEvent.builder(PolicyEvent.Kind.TICKET_TAG, "1", "2").build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
