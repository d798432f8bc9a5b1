package io.github.whatsapphelpdesk.template;

import static io.github.whatsapphelpdesk.client.TemplateParameter.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.MediaKind;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.error.TemplateValidationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateRenderTest {
  private final List<MessageTemplate> all = new ArrayList<>(TemplateFixtures.peer());

  {
    all.addAll(List.of(TemplateCheckTest.INTERACTIVE, TemplateCheckTest.NAMED));
  }

  private final TemplateRegistry registry = TemplateFixtures.registry(all);

  @Test
  void render_peerTemplate_substitutesBodyKeepsFormattingAndLists() {
    RenderedTemplate r = registry.render(TemplateMessage.of("schedule_confirmation5", "pt_BR",
        TemplateComponent.body(text("Maria"), text("04/11/2022"), text("13:30")),
        TemplateComponent.button(TemplateComponent.QUICK_REPLY, 1, TemplateParameter.payload("no-4711"))));

    assertThat(r.headerText()).isEqualTo("Confirmação de Atendimento");
    assertThat(r.body()).isEqualTo("Olá *Maria*, passando aqui para confirmar seu horário no dia *04/11/2022* as"
        + " *13:30h*.\nVocê confirma que comparecerá?");
    assertThat(r.footer()).isEqualTo("Utilize um dos botões abaixo para a confirmação");
    assertThat(r.category()).isEqualTo(TemplateCategory.UTILITY);
    assertThat(r.buttons()).extracting(RenderedButton::text, RenderedButton::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SIM", null),
            org.assertj.core.groups.Tuple.tuple("NÃO", "no-4711"));
    assertThat(r.asText()).isEqualTo("Confirmação de Atendimento\n\n"
        + "Olá *Maria*, passando aqui para confirmar seu horário no dia *04/11/2022* as *13:30h*.\n"
        + "Você confirma que comparecerá?\n\n"
        + "Utilize um dos botões abaixo para a confirmação\n\n"
        + "[ SIM ]\n[ NÃO ]");
  }

  @Test
  void render_named_headerBodyAndUrlButton() {
    RenderedTemplate r = registry.render(TemplateMessage.of("order_update", "en",
        TemplateComponent.body(text("A-1042").named("order_id"), text("Ana").named("first_name")),
        TemplateComponent.header(text("A-1042").named("order_id")),
        TemplateComponent.button(TemplateComponent.URL, 0, text("A-1042"))));

    assertThat(r.headerText()).isEqualTo("Order A-1042");
    assertThat(r.body()).isEqualTo("Hi Ana, your order A-1042 is on its way.");
    assertThat(r.buttons().get(0).url()).isEqualTo("https://shop.example/track/A-1042");
    assertThat(r.buttons().get(1).phoneNumber()).isEqualTo("+15550001111");
    assertThat(r.asText()).endsWith("[ Track ] https://shop.example/track/A-1042\n[ Call us ] +15550001111\n[ Thanks ]");
  }

  @Test
  void render_metaExample_currencyAndDateTimeShowTheirFallback() {
    RenderedTemplate r = registry.render(TemplateFixtures.sendExample("send-message-template-interactive"));

    assertThat(r.headerMedia()).isEqualTo(new RenderedTemplate.HeaderMedia(HeaderFormat.IMAGE, null,
        "http(s)://the-image-url", null));
    assertThat(r.body()).isEqualTo("Your order text-string of $100.99 ships on February 25, 1977.");
    assertThat(r.buttons()).extracting(RenderedButton::value).containsExactly("aGlzIHRoaXMgaXMgY29v", "9rwnB8RbYmPF5t2Mn09x4h");
    assertThat(r.asText()).startsWith("[IMAGE: http(s)://the-image-url]\n\nYour order");
  }

  @Test
  void render_documentHeader_showsTheFileName() {
    MessageTemplate invoice = TemplateFixtures.def("invoice", "en", ParameterFormat.POSITIONAL,
        Component.mediaHeader(HeaderFormat.DOCUMENT, java.util.Map.of()), TemplateFixtures.body("Your invoice {{1}}."));
    RenderedTemplate r = TemplateFixtures.registry(List.of(invoice)).render(TemplateMessage.of("invoice", "en",
        TemplateComponent.header(TemplateParameter.document(
            Media.byLink(MediaKind.DOCUMENT, "https://x.example/i.pdf").withFilename("INV-7.pdf"))),
        TemplateComponent.body(text("INV-7"))));

    assertThat(r.asText()).isEqualTo("[DOCUMENT: INV-7.pdf]\n\nYour invoice INV-7.");
  }

  @Test
  void render_invalidMessage_throwsWithEveryProblem() {
    assertThatThrownBy(() -> registry.render(TemplateMessage.of("schedule_confirmation5", "pt_BR",
        TemplateComponent.body(text("Maria")))))
        .isInstanceOf(TemplateValidationException.class)
        .hasMessageContaining("3 variables but 1 parameter was given");
  }
}
