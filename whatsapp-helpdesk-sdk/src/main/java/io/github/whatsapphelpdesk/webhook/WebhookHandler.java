package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.observe.SdkListener.WebhookRejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework-neutral webhook endpoint: give it the method, query parameters, headers and raw body of
 * a request, get back the status code and body to answer. Mount it in any HTTP server (see {@code
 * docs/webhook.md} for the JDK {@code HttpServer} and a Servlet).
 *
 * <p>What it answers:
 *
 * <table>
 *   <caption>Responses</caption>
 *   <tr><th>Request</th><th>Status</th><th>Why</th></tr>
 *   <tr><td>GET, {@code hub.mode=subscribe}, right {@code hub.verify_token}, valid {@code
 *       hub.challenge}</td><td>200, the bare challenge</td><td>Meta's subscription handshake (exempt from
 *       the signature check)</td></tr>
 *   <tr><td>any other GET</td><td>403</td><td>wrong or missing token, mode or challenge</td></tr>
 *   <tr><td>POST without a valid {@code X-Hub-Signature-256}</td><td>401</td><td>not from Meta, or a
 *       secret mismatch. Meta retries non-200 answers for up to 7 days, so a misconfigured or rotated
 *       secret loses nothing once it is fixed</td></tr>
 *   <tr><td>signed POST that cannot be parsed as a whole</td><td>200 (configurable: {@link
 *       Builder#unparseableStatus})</td><td>a poison payload: retrying it for 7 days cannot help and
 *       would hide real deliveries behind it; the raw body goes to {@link WebhookListener#onUnparseable}
 *       so it is not lost</td></tr>
 *   <tr><td>signed, parseable POST</td><td>200</td><td>events claimed and queued for the listeners;
 *       per-item problems go to {@link WebhookListener#onProblem}</td></tr>
 *   <tr><td>POST when the idempotency store fails or the executor rejects the task</td><td>503</td>
 *       <td>nothing was handed over; claims are released so Meta's retry is processed</td></tr>
 *   <tr><td>POST when the {@link Inbox} cannot record the events (or an unparseable body)</td><td>500</td>
 *       <td>nothing was stored; Meta redelivers</td></tr>
 *   <tr><td>other methods</td><td>405</td><td></td></tr>
 * </table>
 *
 * <p>The HTTP answer never waits for a listener: events are claimed in the {@link IdempotencyStore}
 * (duplicates are dropped), then handed to the listeners in one task per delivery on the {@link
 * Executor} given to the builder. Statuses are ordered by the {@link StatusTracker} inside that task:
 * forward ones go to {@link WebhookListener#onEvent}, stale ones to {@link
 * WebhookListener#onStaleStatus}.
 *
 * <p><b>With an {@link Inbox}</b> ({@link Builder#inbox}), the handler records every delivery in it before
 * answering 200: {@link Inbox#record} replaces the idempotency store's claim (the inbox is then the
 * dedupe), and a signed body that cannot be parsed is kept with {@link Inbox#recordUnparseable}. The
 * answer is 200 only once the inbox returned; when it throws, the answer is 500 and Meta redelivers. The
 * inbox's consumer (the bridge) works from the inbox; the listeners still get the new events as above.
 *
 * <p>Intake is reported to the {@link SdkListener} ({@link Builder#listener(SdkListener)}): accepted and
 * rejected deliveries, parsed events, per-item problems and skipped duplicates.
 *
 * <p>Immutable and thread-safe. Logs (SLF4J) never contain secrets, tokens or bodies; phone numbers are
 * masked.
 */
public final class WebhookHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
  private static final int MAX_CHALLENGE_LENGTH = 256;

  private final WebhookSignatureVerifier verifier;
  private final byte[] verifyTokenHash;
  private final WebhookParser parser;
  private final IdempotencyStore store;
  private final Inbox inbox;
  private final SdkListener sdk;
  private final StatusTracker tracker;
  private final List<WebhookListener> listeners;
  private final Executor executor;
  private final Duration dedupeTtl;
  private final Duration errorDedupeTtl;
  private final int unparseableStatus;

  private WebhookHandler(Builder b) {
    this.verifier = WebhookSignatureVerifier.of(b.appSecrets);
    this.verifyTokenHash = b.verifyToken == null ? null : sha256(b.verifyToken);
    this.parser = b.parser;
    this.store = b.store != null ? b.store : InMemoryIdempotencyStore.builder().clock(b.clock).build();
    this.inbox = b.inbox != null ? b.inbox : consumersInbox(b.listeners);
    this.sdk = SdkListener.safe(SdkListener.composite(b.sdkListeners));
    this.tracker = b.tracker != null ? b.tracker : StatusTracker.builder().clock(b.clock).build();
    this.listeners = List.copyOf(b.listeners);
    this.executor = b.executor;
    this.dedupeTtl = b.dedupeTtl;
    this.errorDedupeTtl = b.errorDedupeTtl;
    this.unparseableStatus = b.unparseableStatus;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Handles a request captured as a {@link WebhookRequest}. */
  public WebhookResponse handle(WebhookRequest request) {
    return handle(request.method(), request.query(), request.headers(), request.body());
  }

  /**
   * Handles one request.
   *
   * @param method the HTTP method (any case)
   * @param query the decoded query parameters
   * @param headers the request headers; names are matched case-insensitively
   * @param body the raw body bytes exactly as received (empty for GET)
   */
  public WebhookResponse handle(
      String method, Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body) {
    String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
    switch (m) {
      case "GET":
        return handshake(query == null ? Map.of() : query);
      case "POST":
        return delivery(headers == null ? Map.of() : headers, body == null ? new byte[0] : body);
      default:
        return WebhookResponse.text(405, "method not allowed");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private WebhookResponse handshake(Map<String, List<String>> query) {
    String mode = first(query, "hub.mode");
    String token = first(query, "hub.verify_token");
    String challenge = first(query, "hub.challenge");
    if (verifyTokenHash == null) {
      LOG.warn("Webhook subscription handshake refused: no verify token configured");
      return WebhookResponse.text(403, "forbidden");
    }
    // Always compare the token (constant time over fixed-length hashes), whatever else is wrong.
    boolean tokenOk = token != null && MessageDigest.isEqual(verifyTokenHash, sha256(token));
    if (!"subscribe".equals(mode) || !tokenOk || !validChallenge(challenge)) {
      LOG.warn("Webhook subscription handshake refused (mode {}, token {}, challenge {})",
          "subscribe".equals(mode) ? "ok" : "wrong", tokenOk ? "ok" : "wrong",
          validChallenge(challenge) ? "ok" : "missing or invalid");
      return WebhookResponse.text(403, "forbidden");
    }
    LOG.info("Webhook subscription handshake accepted");
    return WebhookResponse.text(200, challenge);
  }

  private static boolean validChallenge(String c) {
    if (c == null || c.isEmpty() || c.length() > MAX_CHALLENGE_LENGTH) {
      return false;
    }
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      boolean ok = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
          || ch == '-' || ch == '_' || ch == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private WebhookResponse delivery(Map<String, List<String>> headers, byte[] body) {
    SignatureCheck check = verifier.check(body, header(headers, WebhookSignatureVerifier.HEADER));
    if (!check.valid()) {
      LOG.warn("Webhook delivery rejected with 401: {} ({} body bytes)", check.detail(), body.length);
      sdk.webhookRejected(WebhookRejection.BAD_SIGNATURE);
      return WebhookResponse.text(401, "invalid signature");
    }
    ParsedWebhook parsed;
    try {
      parsed = parser.parse(body);
    } catch (WebhookParseException e) {
      return unparseable(e, body);
    }
    List<WebhookEvent> events = parsed.events();
    if (sdk != SdkListener.NONE) { // nothing to compute per event when nobody listens (the intake's hot path)
      for (int i = 0, n = events.size(); i < n; i++) {
        sdk.eventParsed(events.get(i).getClass().getSimpleName());
      }
    }
    for (int i = 0, n = parsed.problems().size(); i < n; i++) {
      sdk.parseProblem();
    }
    if (inbox != null) {
      return deliverViaInbox(events, parsed.problems());
    }
    List<WebhookEvent> fresh = new ArrayList<>(events.size());
    List<WebhookEvent> duplicates = new ArrayList<>(0);
    // One claimAll per TTL (errors are kept for a shorter time), then the events in payload order.
    boolean[] won = new boolean[events.size()];
    try {
      claimGroup(events, false, won);
      claimGroup(events, true, won);
    } catch (RuntimeException ex) {
      // Give back what the other group claimed, so Meta's redelivery is processed.
      for (int i = 0; i < won.length; i++) {
        if (won[i]) {
          fresh.add(events.get(i));
        }
      }
      release(fresh);
      LOG.error("Idempotency store failed; answering 503 so Meta redelivers", ex);
      sdk.webhookRejected(WebhookRejection.STORE_UNAVAILABLE);
      return WebhookResponse.text(503, "temporarily unavailable");
    }
    for (int i = 0; i < won.length; i++) {
      (won[i] ? fresh : duplicates).add(events.get(i));
    }
    List<ParseProblem> problems = parsed.problems();
    reportDuplicates(duplicates);
    if (!problems.isEmpty()) {
      for (ParseProblem p : problems) {
        LOG.warn("Webhook item skipped: {}", p);
      }
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("Webhook delivery: {} new, {} duplicate, {} problem(s)", fresh.size(), duplicates.size(),
          problems.size());
    }
    if (fresh.isEmpty() && duplicates.isEmpty() && problems.isEmpty()) {
      sdk.webhookAccepted(0);
      return WebhookResponse.text(200, "OK");
    }
    try {
      executor.execute(() -> dispatch(fresh, duplicates, problems));
    } catch (RejectedExecutionException ex) {
      release(fresh);
      LOG.error("Webhook executor rejected the delivery ({} events); answering 503 so Meta redelivers", fresh.size());
      sdk.webhookRejected(WebhookRejection.STORE_UNAVAILABLE);
      return WebhookResponse.text(503, "temporarily unavailable");
    }
    sdk.webhookAccepted(fresh.size());
    return WebhookResponse.text(200, "OK");
  }

  /** True for an {@link InboxConsumer} of the inbox this handler records in. */
  private boolean worksFromInbox(WebhookListener l) {
    return inbox != null && l instanceof InboxConsumer c && c.inbox() == inbox;
  }

  /** The inbox of the {@link InboxConsumer} among the listeners, if any; two different ones are a wiring error. */
  private static Inbox consumersInbox(List<WebhookListener> listeners) {
    Inbox found = null;
    for (WebhookListener l : listeners) {
      if (l instanceof InboxConsumer c) {
        if (found != null && found != c.inbox()) {
          throw new IllegalStateException("two listeners work from different inboxes: choose one with inbox(...)");
        }
        found = c.inbox();
      }
    }
    return found;
  }

  /** A signed body the parser refused: reported, kept in the inbox when there is one, handed to the listeners. */
  private WebhookResponse unparseable(WebhookParseException e, byte[] body) {
    if (inbox != null) {
      try {
        inbox.recordUnparseable(body, e.reason().name());
      } catch (RuntimeException ex) {
        // The exception's type only: its message might quote the store's input.
        LOG.error("Inbox could not keep an unparseable body ({}); answering 500 so Meta redelivers",
            ex.getClass().getName());
        sdk.webhookRejected(WebhookRejection.STORE_UNAVAILABLE);
        return WebhookResponse.text(500, "temporarily unavailable");
      }
    }
    LOG.warn("Signed webhook delivery could not be parsed ({}): {}; answering {}{}", e.reason(), e.getMessage(),
        unparseableStatus, inbox != null ? " (kept in the inbox)" : "");
    sdk.webhookRejected(e.reason() == WebhookParseException.Reason.TOO_LARGE ? WebhookRejection.TOO_LARGE
        : WebhookRejection.UNPARSEABLE);
    dispatchUnparseable(e, body);
    return WebhookResponse.text(unparseableStatus, unparseableStatus == 200 ? "OK" : "unparseable body");
  }

  /**
   * Records the events in the inbox (claim and record in one step) and answers 200 only once that returned;
   * 500 when it throws. The new events then go to the listeners as without an inbox.
   */
  private WebhookResponse deliverViaInbox(List<WebhookEvent> events, List<ParseProblem> problems) {
    List<InboxEntry> recorded;
    try {
      recorded = events.isEmpty() ? List.of() : inbox.record(events);
    } catch (RuntimeException ex) {
      // The exception's type only: its message might quote the store's input.
      LOG.error("Inbox could not record a delivery of {} events ({}); answering 500 so Meta redelivers",
          events.size(), ex.getClass().getName());
      sdk.webhookRejected(WebhookRejection.STORE_UNAVAILABLE);
      return WebhookResponse.text(500, "temporarily unavailable");
    }
    // The inbox returns the new entries in payload order; a key repeated in the delivery is new once.
    Map<String, Integer> newKeys = new HashMap<>();
    for (InboxEntry entry : recorded) {
      newKeys.merge(entry.idempotencyKey(), 1, Integer::sum);
    }
    List<WebhookEvent> fresh = new ArrayList<>(recorded.size());
    List<WebhookEvent> duplicates = new ArrayList<>(0);
    for (WebhookEvent e : events) {
      Integer left = newKeys.get(e.idempotencyKey());
      if (left != null && left > 0) {
        newKeys.put(e.idempotencyKey(), left - 1);
        fresh.add(e);
      } else {
        duplicates.add(e);
      }
    }
    for (ParseProblem p : problems) {
      LOG.warn("Webhook item skipped: {}", p);
    }
    reportDuplicates(duplicates);
    if (LOG.isDebugEnabled()) {
      LOG.debug("Webhook delivery: {} new (recorded in the inbox), {} duplicate, {} problem(s)", fresh.size(),
          duplicates.size(), problems.size());
    }
    if (!fresh.isEmpty() || !duplicates.isEmpty() || !problems.isEmpty()) {
      try {
        executor.execute(() -> dispatch(fresh, duplicates, problems));
      } catch (RejectedExecutionException ex) {
        // Nothing is lost: the events are in the inbox, whose consumer processes them.
        LOG.error("Webhook executor rejected the delivery ({} events); they are in the inbox, but the webhook "
            + "listeners miss them", fresh.size());
      }
    }
    sdk.webhookAccepted(fresh.size());
    return WebhookResponse.text(200, "OK");
  }

  private void reportDuplicates(List<WebhookEvent> duplicates) {
    if (sdk == SdkListener.NONE) {
      return;
    }
    for (int i = 0, n = duplicates.size(); i < n; i++) {
      sdk.duplicateSkipped(duplicates.get(i).getClass().getSimpleName());
    }
  }

  /** Claims the keys of the error events ({@code errors}) or of all others, filling their slots of {@code won}. */
  private void claimGroup(List<WebhookEvent> events, boolean errors, boolean[] won) {
    List<String> keys = new ArrayList<>(events.size());
    for (WebhookEvent e : events) {
      if ((e instanceof ErrorEvent) == errors) {
        keys.add(e.idempotencyKey());
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    // On failure claimAll holds none of this group's claims, and their slots of won are still false.
    boolean[] got = store.claimAll(keys, errors ? errorDedupeTtl : dedupeTtl);
    if (got.length != keys.size()) {
      throw new IllegalStateException("IdempotencyStore.claimAll returned " + got.length + " results for "
          + keys.size() + " keys");
    }
    for (int i = 0, k = 0; i < won.length; i++) {
      if ((events.get(i) instanceof ErrorEvent) == errors) {
        won[i] = got[k++];
      }
    }
  }

  private void release(List<WebhookEvent> claimed) {
    for (WebhookEvent e : claimed) {
      try {
        store.release(e.idempotencyKey());
      } catch (RuntimeException ex) {
        LOG.warn("Could not release idempotency claim for a {}", e.getClass().getSimpleName(), ex);
      }
    }
  }

  private void dispatch(List<WebhookEvent> fresh, List<WebhookEvent> duplicates, List<ParseProblem> problems) {
    for (int i = 0, n = fresh.size(); i < n; i++) {
      WebhookEvent e = fresh.get(i);
      StatusTransition stale = null;
      if (e instanceof StatusUpdate s) {
        StatusTransition t = tracker.observe(s.wamid(), s.status());
        if (t.stale()) {
          stale = t;
          if (LOG.isDebugEnabled()) {
            LOG.debug("Stale status {} for a message already {} (recipient {})", s.status(), t.current(),
                PhoneNumbers.mask(s.recipientId()));
          }
        }
      }
      for (int l = 0, m = listeners.size(); l < m; l++) {
        WebhookListener listener = listeners.get(l);
        if (worksFromInbox(listener)) {
          continue; // told once below: its work is in the inbox already
        }
        try {
          if (stale != null) {
            listener.onStaleStatus((StatusUpdate) e, stale.current());
          } else {
            listener.onEvent(e);
          }
        } catch (RuntimeException ex) {
          listenerFailed(e, ex);
        }
      }
    }
    if (!fresh.isEmpty()) {
      for (WebhookListener l : listeners) {
        if (worksFromInbox(l)) {
          try {
            ((InboxConsumer) l).onRecorded();
          } catch (RuntimeException ex) {
            listenerFailed(null, ex);
          }
        }
      }
    }
    for (WebhookEvent e : duplicates) {
      for (WebhookListener l : listeners) {
        try {
          l.onDuplicate(e);
        } catch (RuntimeException ex) {
          listenerFailed(e, ex);
        }
      }
    }
    for (ParseProblem p : problems) {
      for (WebhookListener l : listeners) {
        try {
          l.onProblem(p);
        } catch (RuntimeException ex) {
          listenerFailed(null, ex);
        }
      }
    }
  }

  private void dispatchUnparseable(WebhookParseException error, byte[] body) {
    if (listeners.isEmpty()) {
      return;
    }
    byte[] copy = body.clone();
    try {
      executor.execute(() -> {
        for (WebhookListener l : listeners) {
          try {
            l.onUnparseable(error, copy);
          } catch (RuntimeException ex) {
            listenerFailed(null, ex);
          }
        }
      });
    } catch (RejectedExecutionException ex) {
      LOG.error("Webhook executor rejected an unparseable body; it is only in this log's reason above");
    }
  }

  private static void listenerFailed(WebhookEvent e, RuntimeException ex) {
    // The event type and key only: never the content.
    LOG.error("Webhook listener failed on {} {}", e == null ? "a report" : e.getClass().getSimpleName(),
        e == null ? "" : e.idempotencyKey(), ex);
  }

  private static String first(Map<String, List<String>> map, String name) {
    List<String> v = map.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String header(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    if (v == null) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          v = e.getValue();
          break;
        }
      }
    }
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookHandler[" + verifier + ", " + listeners.size() + " listener(s)]";
  }

  /** Builds a {@link WebhookHandler}. Not thread-safe. */
  public static final class Builder {
    private final List<String> appSecrets = new ArrayList<>(2);
    private String verifyToken;
    private WebhookParser parser = WebhookParser.create();
    private IdempotencyStore store;
    private Inbox inbox;
    private final List<SdkListener> sdkListeners = new ArrayList<>(1);
    private StatusTracker tracker;
    private final List<WebhookListener> listeners = new ArrayList<>(1);
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private Duration dedupeTtl = Duration.ofDays(8);
    private Duration errorDedupeTtl = Duration.ofHours(1);
    private int unparseableStatus = 200;

    private Builder() {}

    /** Adds an app secret the signature may be made with (repeat for rotation; at least one). */
    public Builder appSecret(String appSecret) {
      this.appSecrets.add(Objects.requireNonNull(appSecret, "appSecret"));
      return this;
    }

    /** Adds several app secrets (rotation). */
    public Builder appSecrets(Collection<String> secrets) {
      secrets.forEach(this::appSecret);
      return this;
    }

    /** The verify token of the subscription handshake; without one every GET gets 403. */
    public Builder verifyToken(String verifyToken) {
      this.verifyToken = Objects.requireNonNull(verifyToken, "verifyToken");
      return this;
    }

    /** The parser (default {@link WebhookParser#create()}: 3 MB limit). */
    public Builder parser(WebhookParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    /** The idempotency store (default an {@link InMemoryIdempotencyStore} on {@link #clock}). */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The durable inbox (default: the inbox of an {@link InboxConsumer} listener such as the bridge, else
     * none). When set, every delivery is recorded in it before the 200 is
     * answered, and it replaces the {@linkplain #idempotencyStore idempotency store} as the dedupe (its own
     * retention applies, not {@link #dedupeTtl}); a failure to record answers 500 so Meta redelivers.
     */
    public Builder inbox(Inbox inbox) {
      this.inbox = Objects.requireNonNull(inbox, "inbox");
      return this;
    }

    /**
     * Adds an observer of the intake (accepted and rejected deliveries, parsed events, problems, duplicates);
     * several are called in the order added, each through {@link SdkListener#safe}.
     */
    public Builder listener(SdkListener listener) {
      this.sdkListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** The status tracker (default a {@link StatusTracker} on {@link #clock}). */
    public Builder statusTracker(StatusTracker tracker) {
      this.tracker = Objects.requireNonNull(tracker, "tracker");
      return this;
    }

    /** Adds a listener; several are called in the order added. */
    public Builder listener(WebhookListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The executor listeners run on (required). Use a bounded pool: when it rejects a task the handler
     * answers 503 and Meta redelivers. A single-threaded executor keeps deliveries in order.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The clock of the default store and tracker (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long a processed item is remembered (default 8 days, past Meta's 7-day retries). */
    public Builder dedupeTtl(Duration ttl) {
      this.dedupeTtl = positive(ttl);
      return this;
    }

    /**
     * How long a value-level error ({@link ErrorEvent}) is remembered (default 1 hour). Such errors carry
     * no timestamp or id, so the same error recurring later (130429 again tomorrow) has the same content
     * hash; a short window drops redeliveries without hiding real recurrences.
     */
    public Builder errorDedupeTtl(Duration ttl) {
      this.errorDedupeTtl = positive(ttl);
      return this;
    }

    /**
     * The status answered for a correctly signed body that cannot be parsed (default 200: Meta would
     * otherwise retry the poison payload for 7 days). Use 400 to make Meta retry (and show the failures
     * in its dashboard).
     */
    public Builder unparseableStatus(int status) {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("not an HTTP status: " + status);
      }
      this.unparseableStatus = status;
      return this;
    }

    private static Duration positive(Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("duration must be positive");
      }
      return d;
    }

    /**
     * Builds the handler.
     *
     * @throws IllegalStateException without an app secret or an executor
     */
    public WebhookHandler build() {
      if (appSecrets.isEmpty()) {
        throw new IllegalStateException("at least one appSecret is required");
      }
      if (executor == null) {
        throw new IllegalStateException("an executor is required (listeners never run on the HTTP thread)");
      }
      return new WebhookHandler(this);
    }
  }
}
