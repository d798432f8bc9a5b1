package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import io.github.whatsapphelpdesk.testkit.sandbox.BusinessNumber;
import io.github.whatsapphelpdesk.testkit.sandbox.ErrorChannel;
import io.github.whatsapphelpdesk.testkit.sandbox.LastStatus;
import io.github.whatsapphelpdesk.testkit.sandbox.SandboxTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything the builder collected, validated. Tokens map to their expiry ({@link Instant#MAX} = never). */
public record Settings(int port, Map<String, Instant> tokens, String appSecret, String appId,
    String webhookUrl, String wabaId, List<BusinessNumber> numbers, List<SandboxTemplate> templates,
    int mps, Duration pairInterval, int pairBurst, Clock clock, long seed, LastStatus lastStatus,
    Duration deliveredAfter, Duration readAfter, List<Duration> retrySchedule,
    ErrorChannel windowClosedChannel, ErrorChannel unsupportedMediaChannel, boolean approveCreatedTemplates,
    int recordLimit) {

  /** Copies the collections. */
  public Settings {
    tokens = Map.copyOf(tokens);
    numbers = List.copyOf(numbers);
    templates = List.copyOf(templates);
    retrySchedule = List.copyOf(retrySchedule);
  }
}
