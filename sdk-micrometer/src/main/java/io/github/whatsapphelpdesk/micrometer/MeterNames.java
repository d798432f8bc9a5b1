package io.github.whatsapphelpdesk.micrometer;

import java.util.List;

/**
 * The names of every meter {@link MicrometerSdkListener} registers (Micrometer's dot-separated lowercase
 * convention; a Prometheus registry renders {@code whatsapp.helpdesk.tickets.created} as
 * {@code whatsapp_helpdesk_tickets_created_total}). {@code docs/metrics.md} documents each one.
 */
public final class MeterNames {
  /** The common prefix. */
  public static final String PREFIX = "whatsapp.helpdesk.";

  /** Counter: signed webhook deliveries accepted. */
  public static final String WEBHOOKS_ACCEPTED = PREFIX + "webhooks.accepted";
  /** Counter: webhook requests refused, tag {@code reason}. */
  public static final String WEBHOOKS_REJECTED = PREFIX + "webhooks.rejected";
  /** Counter: events parsed from deliveries, tag {@code type}. */
  public static final String EVENTS = PREFIX + "events";
  /** Counter: delivery items that could not be parsed. */
  public static final String PARSE_PROBLEMS = PREFIX + "events.parse.problems";
  /** Counter: repeated events skipped, tag {@code type}. */
  public static final String DUPLICATES = PREFIX + "events.duplicates";
  /** Counter: tickets created, tag {@code adapter}. */
  public static final String TICKETS_CREATED = PREFIX + "tickets.created";
  /** Counter: customer messages appended to tickets, tag {@code adapter}. */
  public static final String MESSAGES_APPENDED = PREFIX + "messages.appended";
  /** Counter: internal notes written, tag {@code adapter}. */
  public static final String NOTES_WRITTEN = PREFIX + "notes.written";
  /** Counter: inbound messages the helpdesk rejected permanently, tags {@code adapter}, {@code status}. */
  public static final String INBOUND_REJECTED = PREFIX + "inbound.rejected";
  /** Counter: helpdesk calls failed retryably (work retried later), tag {@code adapter}. */
  public static final String HELPDESK_RETRIES = PREFIX + "helpdesk.retries";
  /** Counter: inbound events ignored outside the rollout percentage. */
  public static final String OUTSIDE_ROLLOUT = PREFIX + "inbound.outside.rollout";
  /** Counter: customers added to the suppression list, tag {@code reason}. */
  public static final String OPT_OUTS = PREFIX + "opt.outs";
  /** Counter: agent replies routed, tag {@code outcome}. */
  public static final String REPLIES = PREFIX + "replies";
  /** Counter: messages the Cloud API accepted, tag {@code kind}. */
  public static final String MESSAGES_SENT = PREFIX + "messages.sent";
  /** Counter: failed sends, tags {@code code}, {@code category}, {@code retry}. */
  public static final String MESSAGES_FAILED = PREFIX + "messages.failed";
  /** Counter: messages recorded by shadow mode instead of sent. */
  public static final String SHADOW_RECORDED = PREFIX + "messages.shadow.recorded";
  /** Counter: outbox messages given up on, tags {@code code}, {@code category}. */
  public static final String DEAD_LETTERS = PREFIX + "outbox.dead.letters";
  /** Gauge: outbox entries not yet final (last reported value). */
  public static final String OUTBOX_DEPTH = PREFIX + "outbox.depth";
  /** Time gauge (seconds): age of the oldest outbox entry not yet final (last reported value). */
  public static final String OUTBOX_OLDEST_AGE = PREFIX + "outbox.oldest.age";
  /** Timer: sends the outbound limiter made wait, tag {@code layer}. */
  public static final String LIMITER_WAITS = PREFIX + "limiter.waits";
  /** Counter: sends the outbound limiter refused, tag {@code layer}. */
  public static final String LIMITER_REFUSALS = PREFIX + "limiter.refusals";
  /** Counter: window warnings written to tickets, tag {@code stage}. */
  public static final String WINDOW_WARNINGS = PREFIX + "window.warnings";
  /** Timer: Cloud API HTTP exchanges, tags {@code operation}, {@code status}. */
  public static final String CLOUD_API_CALLS = PREFIX + "cloud.api.calls";
  /** Timer: helpdesk adapter calls, tags {@code adapter}, {@code operation}, {@code outcome}. */
  public static final String HELPDESK_CALLS = PREFIX + "helpdesk.calls";

  /** Every meter name above, in declaration order. */
  public static final List<String> ALL = List.of(WEBHOOKS_ACCEPTED, WEBHOOKS_REJECTED, EVENTS, PARSE_PROBLEMS,
      DUPLICATES, TICKETS_CREATED, MESSAGES_APPENDED, NOTES_WRITTEN, INBOUND_REJECTED, HELPDESK_RETRIES,
      OUTSIDE_ROLLOUT, OPT_OUTS, REPLIES, MESSAGES_SENT, MESSAGES_FAILED, SHADOW_RECORDED, DEAD_LETTERS,
      OUTBOX_DEPTH, OUTBOX_OLDEST_AGE, LIMITER_WAITS, LIMITER_REFUSALS, WINDOW_WARNINGS, CLOUD_API_CALLS,
      HELPDESK_CALLS);

  private MeterNames() {}
}
