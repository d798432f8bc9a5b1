package io.github.whatsapphelpdesk.template;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one {@link TemplateRegistry#sync()}.
 *
 * @param startedAt when the fetch began (registry clock)
 * @param completedAt when the new snapshot was installed
 * @param templates how many translations the registry now holds
 * @param added translations that were not held before
 * @param removed translations that are gone from the WABA
 * @param changed translations whose definition, status, quality or category changed
 * @param webhookUpdatesReplayed status, quality and category updates that arrived while the fetch was
 *     running and were applied again on top of the fetched snapshot (which may predate them)
 */
public record SyncReport(
    Instant startedAt, Instant completedAt, int templates, int added, int removed, int changed,
    int webhookUpdatesReplayed) {

  public SyncReport {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(completedAt, "completedAt");
  }

  /** How long the sync took. */
  public Duration duration() {
    return Duration.between(startedAt, completedAt);
  }
}
