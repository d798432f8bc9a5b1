package io.github.whatsapphelpdesk.observe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the SDK observes, as callbacks: webhook intake, inbound sync, agent replies, the outbox, the
 * limiter, window warnings and the timings of Cloud API and helpdesk calls. Every method has an empty
 * default, so an implementation overrides what it needs; {@code BridgeStats} and the Micrometer module are
 * built on it.
 *
 * <p>Every argument has bounded cardinality (enums, error codes, adapter ids, operation names): never a
 * phone number, a BSUID, a ticket id or a message text, so a metrics backend can use them as tags.
 *
 * <p>Callbacks run on the thread doing the work and must be fast and thread-safe. An exception thrown by a
 * callback is caught and logged by the SDK (by its type only), and never changes what the SDK does.
 */
public interface SdkListener {

  /** The listener that does nothing. */
  SdkListener NONE = new SdkListener() {};

  /** Why a webhook request was refused. */
  enum WebhookRejection {
    /** The signature was missing or did not match. */
    BAD_SIGNATURE,
    /** The body was larger than the handler accepts. */
    TOO_LARGE,
    /** The request was not a webhook POST (method, content type). */
    BAD_REQUEST,
    /** The signed body could not be parsed at all (answered 200, kept for inspection). */
    UNPARSEABLE,
    /** The idempotency store or the inbox failed: answered 5xx so Meta redelivers. */
    STORE_UNAVAILABLE
  }

  /** What became of an agent reply. */
  enum ReplyOutcome {
    /** Queued as free-form text or media inside the window. */
    QUEUED_FREE_FORM,
    /** Queued as a template (the window was closed). */
    QUEUED_TEMPLATE,
    /** Held with a note to the agent (window closed, no usable template). */
    HELD,
    /** A repeat of a reply already handled. */
    DUPLICATE
  }

  // ------------------------------------------------------------------------------------ webhook intake

  /** A signed webhook delivery was accepted (stored, then answered 200) with this many new events. */
  default void webhookAccepted(int newEvents) {}

  /** A webhook request was refused or could not be used. */
  default void webhookRejected(WebhookRejection reason) {}

  /** One event was parsed out of a delivery. {@code type} is the event's simple type name. */
  default void eventParsed(String type) {}

  /** One item of a delivery could not be parsed (the rest was delivered). */
  default void parseProblem() {}

  /** A repeated event (a redelivery, a second instance's copy) was skipped. */
  default void duplicateSkipped(String type) {}

  // --------------------------------------------------------------------------------------- inbound sync

  /** The bridge created a ticket (or a follow-up ticket) in the helpdesk. */
  default void ticketCreated(String adapterId) {}

  /** Customer messages were appended to a ticket ({@code count} > 1 for a merged burst). */
  default void messagesAppended(String adapterId, int count) {}

  /** An internal note was written for agents. */
  default void noteWritten(String adapterId) {}

  /** The helpdesk rejected an inbound message permanently; it is kept in the inbox for replay. */
  default void inboundRejected(String adapterId, int httpStatus) {}

  /** A helpdesk call failed retryably; the work is retried later. */
  default void helpdeskRetry(String adapterId) {}

  /** An inbound event was ignored because the customer is outside the rollout percentage. */
  default void outsideRollout() {}

  /** A customer was added to the suppression list ({@code reason}: keyword, user_preferences, 131050). */
  default void optOut(String reason) {}

  // -------------------------------------------------------------------------------------- agent replies

  /** An agent reply was routed. */
  default void replyRouted(ReplyOutcome outcome) {}

  /** The Cloud API accepted an outbox message ({@code kind}: text, media, template, interactive, read). */
  default void messageSent(String kind) {}

  /** A send failed; {@code code} is the Cloud API error code, 0 for a transport failure. */
  default void sendFailed(int code, boolean willRetry) {}

  /** Shadow mode recorded a message instead of sending it. */
  default void shadowRecorded() {}

  /** An outbox message was given up on ({@code code}: the last error code, 0 when none). */
  default void deadLettered(int code) {}

  /** The outbox's depth (entries not yet final) and the age of its oldest entry (zero when empty). */
  default void outboxDepth(long depth, Duration oldestAge) {}

  // ----------------------------------------------------------------------------- limiter and windows

  /** The outbound limiter made a send wait ({@code layer}: throughput, pair, messaging-limit, wire). */
  default void limiterWaited(String layer, Duration waited) {}

  /** The outbound limiter refused a send (its timeout would be exceeded, or the messaging limit is spent). */
  default void limiterRefused(String layer) {}

  /** A window warning (a lead time before the close, or the close itself) was written to a ticket. */
  default void windowWarning(boolean closed) {}

  // ---------------------------------------------------------------------------------------- timings

  /**
   * One Cloud API HTTP exchange finished.
   *
   * @param operation a bounded name ({@code messages}, {@code media.upload}, {@code templates}, …)
   * @param httpStatus the HTTP status, or 0 when no answer came
   * @param elapsed the time the exchange took
   */
  default void apiCall(String operation, int httpStatus, Duration elapsed) {}

  /**
   * One helpdesk adapter call finished.
   *
   * @param adapterId the adapter's id ({@code zendesk}, {@code freshdesk}, …)
   * @param operation the SPI method's name
   * @param outcome {@code ok}, {@code rate_limited}, {@code retryable} or {@code failed}
   * @param elapsed the time the call took
   */
  default void helpdeskCall(String adapterId, String operation, String outcome, Duration elapsed) {}

  /** Several listeners as one, called in order; one that throws does not stop the others. */
  static SdkListener composite(List<SdkListener> listeners) {
    List<SdkListener> all = List.copyOf(listeners);
    if (all.isEmpty()) {
      return NONE;
    }
    if (all.size() == 1) {
      return all.get(0);
    }
    return new CompositeListener(all);
  }

  /** Wraps a listener so its exceptions are logged and swallowed; every SDK component calls listeners through it. */
  static SdkListener safe(SdkListener listener) {
    Objects.requireNonNull(listener, "listener");
    return listener == NONE || listener instanceof CompositeListener ? listener
        : new CompositeListener(List.of(listener));
  }
}
