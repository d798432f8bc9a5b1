package io.github.whatsapphelpdesk.webhook;

import java.util.List;

/**
 * The result of parsing one webhook body: every event, in payload order, and the items that could not
 * become events.
 *
 * @param events the events
 * @param problems the per-item problems (empty for a clean payload)
 */
public record ParsedWebhook(List<WebhookEvent> events, List<ParseProblem> problems) {
  public ParsedWebhook {
    events = List.copyOf(events);
    problems = List.copyOf(problems);
  }

  /** The events of one type, in order. */
  public <T extends WebhookEvent> List<T> eventsOf(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
