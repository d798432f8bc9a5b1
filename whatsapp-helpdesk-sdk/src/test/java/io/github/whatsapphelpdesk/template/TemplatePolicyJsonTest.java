package io.github.whatsapphelpdesk.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.ClientTestAccess;
import io.github.whatsapphelpdesk.error.TemplatePolicyException;
import io.github.whatsapphelpdesk.error.TemplatePolicyException.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatePolicyJsonTest {
  private static final String GOOD = ClientTestAccess.fixture("policy/helpdesk-policy.json");

  private static List<String> problems(String json) {
    try {
      TemplatePolicy.fromJson(json, "test.json");
    } catch (TemplatePolicyException e) {
      assertThat(e.source()).isEqualTo("test.json");
      return e.problems().stream().map(Problem::toString).toList();
    }
    throw new AssertionError("expected a TemplatePolicyException");
  }

  @Test
  void fromJson_theDocumentedFile_equalsTheSamePolicyDeclaredInCode() {
    TemplatePolicy loaded = TemplatePolicy.fromJson(GOOD, "helpdesk-policy.json");

    assertThat(loaded.rules()).isEqualTo(PolicyFixtures.policy().rules());
  }

  @Test
  void load_readsAFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("policy.json");
    Files.writeString(f, GOOD, StandardCharsets.UTF_8);

    assertThat(TemplatePolicy.load(f).rules()).extracting(PolicyRule::id)
        .containsExactly("csat", "reopen", "reopen_plain", "waiting", "vip");
  }

  @Test
  void load_missingOrOversizedFile_isATypedError(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> TemplatePolicy.load(dir.resolve("nope.json")))
        .isInstanceOfSatisfying(TemplatePolicyException.class, e -> {
          assertThat(e.source()).isEqualTo("nope.json");
          assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("cannot read"));
        });
    Path big = dir.resolve("big.json");
    Files.write(big, new byte[(int) TemplatePolicy.MAX_FILE_BYTES + 1]);
    assertThatThrownBy(() -> TemplatePolicy.load(big)).isInstanceOf(TemplatePolicyException.class)
        .hasMessageContaining("at most 1000000");
  }

  @Test
  void fromJson_badFile_namesEveryProblemWithItsPath() {
    List<String> p = problems(ClientTestAccess.fixture("policy/bad-policy.json"));

    assertThat(p).containsExactly(
        "rules[0].on: unknown event 'TICKET_CLOSED'; expected TICKET_SOLVED, REPLY_WINDOW_CLOSED, TICKET_STATUS or"
            + " TICKET_TAG",
        "rules[0].template.name: a template name is 1 to 512 lower-case letters, digits or underscores, was"
            + " 'CSAT Survey'",
        "rules[0].template.language: a language code looks like en or en_US, was 'english'",
        "rules[0].body[1].source: unknown source 'mood'; expected one of literal, ticket_id, ticket_status, tag,"
            + " customer_name, wa_id, agent_text, agent_name, attribute",
        "rules[1].id: duplicate rule id 'csat'",
        "rules[1].status: a TICKET_STATUS rule needs the status to match",
        "rules[1].body[0].source: agent_text is only set on REPLY_WINDOW_CLOSED events; give a fallback",
        "rules[2].template.colour: unknown key; expected one of [also_in, language, name]",
        "rules[2].body[0].value: a literal needs a value",
        "rules[2].body[1].key: an attribute needs a key",
        "rules[2].body[2].max_length: must be a whole number from 1 to 1024",
        "rules[3]: a rule must be an object",
        "rules[4].body: either every parameter has a name (named templates) or none has");
    assertThat(p).hasSize(13);
  }

  @Test
  void fromJson_buttonsAndMedia_checked() {
    String doc = "{\"rules\":[{\"id\":\"b\",\"on\":\"ticket_solved\",\"template\":{\"name\":\"t\",\"language\":\"en\"},"
        + "\"header_media\":{\"type\":\"sticker\",\"id\":\"1\",\"link\":\"https://x\"},"
        + "\"buttons\":[{\"index\":12,\"sub_type\":\"phone_number\",\"parameters\":[]},{\"index\":\"0\"}]}]}";

    assertThat(problems(doc)).containsExactly(
        "rules[0].header_media.type: must be image, video or document, was 'sticker'",
        "rules[0].header_media: needs exactly one of id and link",
        "rules[0].buttons[1].index: must be a whole number",
        "rules[0].buttons[1].sub_type: missing");
    String buttons = doc.replace("\"header_media\":{\"type\":\"sticker\",\"id\":\"1\",\"link\":\"https://x\"},", "")
        .replace(",{\"index\":\"0\"}", "");
    assertThat(problems(buttons)).containsExactly(
        "rules[0].buttons[0].index: a button index is 0 to 9, was 12",
        "rules[0].buttons[0].sub_type: a rule can fill url, quick_reply or copy_code buttons, not 'phone_number'",
        "rules[0].buttons[0].parameters: a button takes exactly 1 parameter; 0 were given");
  }

  @Test
  void fromJson_notAPolicy_isATypedError() {
    assertThat(problems("{\"rules\": [")).singleElement().asString().startsWith("$: not valid JSON");
    assertThat(problems("[]")).containsExactly("$: the document must be a JSON object with \"rules\"");
    assertThat(problems("{}")).containsExactly("$.rules: missing: a list of rules");
    assertThat(problems("{\"rules\":{},\"version\":2,\"extra\":1}")).containsExactly(
        "$.extra: unknown key; expected one of [rules, version]", "$.version: only version 1 is supported",
        "$.rules: must be a list of rules");
    assertThat(problems("")).singleElement().asString().startsWith("$: not valid JSON");
    assertThat(problems("{\"rules\":[]} trailing")).singleElement().asString().startsWith("$: not valid JSON");
    assertThat(TemplatePolicy.fromJson("{\"rules\":[]}", "empty.json").rules()).isEmpty();
  }

  @Test
  void fromJson_deeplyNested_isATypedError() {
    String deep = "{\"rules\":[" + "[".repeat(5000) + "]".repeat(5000) + "]}";
    assertThatThrownBy(() -> TemplatePolicy.fromJson(deep, "deep.json")).isInstanceOf(TemplatePolicyException.class);
  }

  @Test
  void fromJson_fuzzedDocuments_onlyEverFailWithTheTypedError() {
    Random random = new Random(20261203L);
    String alphabet = "{}[]\",:0123456789.-eE truefalsnl\\u\n\t\u00e9\ud83d\ude00";
    int accepted = 0;
    for (int i = 0; i < 3000; i++) {
      StringBuilder sb = new StringBuilder(GOOD);
      int edits = 1 + random.nextInt(4);
      for (int k = 0; k < edits && sb.length() > 0; k++) {
        int at = random.nextInt(sb.length());
        switch (random.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      try {
        TemplatePolicy p = TemplatePolicy.fromJson(sb.toString(), "fuzz.json");
        p.decide(PolicyEvent.ticketSolved("1", "4915123456789"));
        accepted++;
      } catch (TemplatePolicyException expected) {
        assertThat(expected.problems()).isNotEmpty();
      }
    }
    // Many single edits land in whitespace or string contents and still parse; most break something.
    assertThat(accepted).isBetween(1, 2999);
  }
}
