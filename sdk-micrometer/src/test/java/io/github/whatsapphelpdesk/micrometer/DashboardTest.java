package io.github.whatsapphelpdesk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard is valid JSON, queries only meters that docs/metrics.md documents (in their
 * Prometheus rendering), and has a panel for every meter; docs/metrics.md lists every meter of
 * {@link MeterNames}.
 */
class DashboardTest {
  private static final Path DASHBOARD = Path.of("grafana/whatsapp-helpdesk.json");
  private static final Path DOCS = Path.of("../docs/metrics.md");
  private static final Pattern PROMETHEUS_NAME = Pattern.compile("whatsapp_helpdesk_[a-z_]+");
  private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(whatsapp\\.helpdesk\\.[a-z.]+)` \\|",
      Pattern.MULTILINE);

  /** The meter a Prometheus series name comes from (Micrometer's PrometheusNamingConvention, reversed). */
  static String meterOf(String series) {
    String s = series.replaceFirst("_seconds(_count|_sum|_max|_bucket)?$", "").replaceFirst("_total$", "");
    return s.replace('_', '.');
  }

  private static Set<String> documented() throws IOException {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = DOCUMENTED.matcher(Files.readString(DOCS));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void docsListEveryMeterAndNoOther() throws IOException {
    assertThat(documented()).containsExactlyInAnyOrderElementsOf(MeterNames.ALL);
  }

  @Test
  void dashboardIsValidJsonAndQueriesOnlyDocumentedMetersAndEveryMeter() throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    assertThat(root.path("title").asText()).isNotBlank();
    assertThat(root.path("panels").isArray()).isTrue();
    Set<String> queried = new LinkedHashSet<>();
    Set<Integer> ids = new LinkedHashSet<>();
    for (JsonNode panel : root.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
      assertThat(panel.path("targets").size()).as("targets of %s", panel.path("title")).isPositive();
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        assertThat(expr).as("expr of %s", panel.path("title")).isNotBlank();
        assertThat(count(expr, '(')).as("balanced parentheses in %s", expr).isEqualTo(count(expr, ')'));
        Matcher m = PROMETHEUS_NAME.matcher(expr);
        while (m.find()) {
          queried.add(meterOf(m.group()));
        }
      }
    }
    assertThat(documented()).containsAll(queried);
    assertThat(queried).containsExactlyInAnyOrderElementsOf(MeterNames.ALL);
  }

  @Test
  void seriesNamesMapBackToMeters() {
    assertThat(meterOf("whatsapp_helpdesk_tickets_created_total")).isEqualTo(MeterNames.TICKETS_CREATED);
    assertThat(meterOf("whatsapp_helpdesk_cloud_api_calls_seconds_count")).isEqualTo(MeterNames.CLOUD_API_CALLS);
    assertThat(meterOf("whatsapp_helpdesk_outbox_oldest_age_seconds")).isEqualTo(MeterNames.OUTBOX_OLDEST_AGE);
    assertThat(meterOf("whatsapp_helpdesk_outbox_depth")).isEqualTo(MeterNames.OUTBOX_DEPTH);
  }

  private static long count(String s, char c) {
    return s.chars().filter(ch -> ch == c).count();
  }
}
