package io.github.whatsapphelpdesk.template;

import static io.github.whatsapphelpdesk.template.TemplateFixtures.body;
import static io.github.whatsapphelpdesk.template.TemplateFixtures.def;

import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.MediaKind;
import java.util.List;
import java.util.Map;

/** The policy of {@code fixtures/policy/helpdesk-policy.json}, declared in code, and its templates. */
final class PolicyFixtures {
  private PolicyFixtures() {}

  static final String REOPEN_BODY = "Hello {{1}}, we answered your request: {{2}} Reply to continue the conversation.";

  static TemplatePolicy policy() {
    return TemplatePolicy.builder()
        .rule(PolicyRule.builder("csat").onTicketSolved().unlessTags("no_csat")
            .template("csat_survey", "en_US").alsoIn("de", "pt_BR")
            .body(PolicyParam.customerName().orElse("there"), PolicyParam.ticketId())
            .button(0, "url", PolicyParam.ticketId())
            .build())
        .rule(PolicyRule.builder("reopen").onReplyWindowClosed()
            .template("reopen_conversation", "en_US")
            .body(PolicyParam.customerName().orElse("there"), PolicyParam.agentText().maxLength(600))
            .build())
        .rule(PolicyRule.builder("reopen_plain").onReplyWindowClosed()
            .template("reopen_plain", "en_US")
            .body(PolicyParam.customerName().orElse("there"))
            .build())
        .rule(PolicyRule.builder("waiting").onTicketStatus("pending")
            .template("waiting_on_you", "en_US")
            .header(PolicyParam.ticketId())
            .body(PolicyParam.agentName().orElse("our team"), PolicyParam.literal("48 hours"))
            .build())
        .rule(PolicyRule.builder("vip").onTicketTag("vip")
            .template("vip_welcome", "en_US")
            .headerMedia(Media.byLink(MediaKind.IMAGE, "https://cdn.example.com/vip.png"))
            .body(PolicyParam.attribute("account_manager").orElse("your account manager"))
            .build())
        .build();
  }

  static List<MessageTemplate> templates() {
    return List.of(
        def("csat_survey", "en_US", ParameterFormat.POSITIONAL,
            body("Hi {{1}}, how did we do on ticket #{{2}}? Tap below to rate us."),
            Component.buttons(Button.url("Rate us", "https://help.example.com/csat/{{1}}", "4711"))),
        def("csat_survey", "de", ParameterFormat.POSITIONAL,
            body("Hallo {{1}}, wie zufrieden waren Sie mit Ticket #{{2}}?"),
            Component.buttons(Button.url("Bewerten", "https://help.example.com/csat/{{1}}", "4711"))),
        def("reopen_conversation", "en_US", ParameterFormat.POSITIONAL, body(REOPEN_BODY)),
        def("reopen_plain", "en_US", ParameterFormat.POSITIONAL,
            body("Hello {{1}}, we have news about your request. Reply to see it.")),
        def("reopen_named", "en_US", ParameterFormat.NAMED,
            body("Hello {{customer}}, we answered: {{message}} Reply to continue.")),
        def("waiting_on_you", "en_US", ParameterFormat.POSITIONAL, Component.textHeader("Ticket {{1}}"),
            body("{{1}} is waiting for your answer. We will close the ticket in {{2}}.")),
        def("vip_welcome", "en_US", ParameterFormat.POSITIONAL, Component.mediaHeader(HeaderFormat.IMAGE, Map.of()),
            body("Welcome to VIP support! {{1}} will look after you.")));
  }
}
