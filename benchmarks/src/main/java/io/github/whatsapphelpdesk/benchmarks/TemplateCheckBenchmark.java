package io.github.whatsapphelpdesk.benchmarks;

import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.TemplateParameter;
import io.github.whatsapphelpdesk.client.internal.MessageJson;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.template.Button;
import io.github.whatsapphelpdesk.template.Component;
import io.github.whatsapphelpdesk.template.MessageTemplate;
import io.github.whatsapphelpdesk.template.ParameterFormat;
import io.github.whatsapphelpdesk.template.QualityScore;
import io.github.whatsapphelpdesk.template.RenderedTemplate;
import io.github.whatsapphelpdesk.template.TemplateCategory;
import io.github.whatsapphelpdesk.template.TemplateRegistry;
import io.github.whatsapphelpdesk.template.TemplateStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the registry's local check and rendering of a typical template message (text header, body with
 * three parameters, footer, two quick replies) in a registry of 6,000 translations (the verified-portfolio
 * cap), against writing the same message's request body to JSON, which every send pays anyway, measured in
 * the same run.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TemplateCheckBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TemplateCheckBenchmark {
  private TemplateRegistry registry;
  private TemplateMessage message;
  private Message envelope;

  @Setup
  public void setup() {
    List<MessageTemplate> all = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      all.add(new MessageTemplate("id" + i, "template_" + i, i % 2 == 0 ? "en_US" : "pt_BR", TemplateStatus.APPROVED,
          TemplateCategory.UTILITY, null, null, ParameterFormat.POSITIONAL, List.of(
              Component.textHeader("Confirmação de Atendimento"),
              Component.body("Olá *{{1}}*, passando aqui para confirmar seu horário no dia *{{2}}* as *{{3}}h*.\n"
                  + "Você confirma que comparecerá?", Map.of()),
              Component.footer("Utilize um dos botões abaixo para a confirmação"),
              Component.buttons(Button.quickReply("SIM"), Button.quickReply("NÃO"))),
          QualityScore.GREEN, null, null));
    }
    registry = TemplateRegistry.builder().source(() -> all).build();
    registry.sync();
    message = TemplateMessage.of("template_4242", "en_US",
        TemplateComponent.body(TemplateParameter.text("Maria"), TemplateParameter.text("04/11/2022"),
            TemplateParameter.text("13:30")),
        TemplateComponent.button(TemplateComponent.QUICK_REPLY, 0, TemplateParameter.payload("yes-4711")));
    envelope = Message.of("+4915123456789", message);
    if (!registry.check(message).isEmpty()) {
      throw new IllegalStateException("the benchmark message must pass the check");
    }
  }

  /** Baseline: the request body every send builds and writes. */
  @Benchmark
  public String baselineWriteRequestJson() {
    return Json.write(MessageJson.toTree(envelope, "+4915123456789"));
  }

  /** The lookup alone. */
  @Benchmark
  public Object find() {
    return registry.find("template_4242", "en_US");
  }

  /** The full local check (lookup, status, every parameter rule). */
  @Benchmark
  public Object check() {
    return registry.check(message);
  }

  /** Check plus rendering the customer's text. */
  @Benchmark
  public RenderedTemplate render() {
    return registry.render(message);
  }
}
