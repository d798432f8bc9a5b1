package io.github.whatsapphelpdesk.freshdesk.fake;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okhttp3.HttpUrl;

/**
 * A stateful in-memory Freshdesk API v2 for MockWebServer3, reusable by unit, contract and
 * end-to-end tests. It models what the adapter relies on, from developers.freshdesk.com/api:
 * contacts with a unique {@code unique_external_id} (409 {@code duplicate_value}), exact database
 * filters, tickets with numeric status codes, notes and replies with {@code incoming/private/user_id},
 * conversation sources (0 reply, 2 note), {@code attachments[]} multipart within a per-ticket total,
 * {@code link}-header pagination, {@code X-RateLimit-*} headers with a per-minute budget, and
 * scripted 429s with {@code Retry-After}. Agents act through {@link #agentReply} and
 * {@link #setStatus}; {@link #beforeNext} times an agent's action just before a given request, and
 * {@link #failAfterProcessingNext(int, Predicate)} stores a given write but answers 502.
 *
 * <p>Modelling choices where Freshdesk's docs are silent (flagged so tests do not over-trust them):
 * {@link #supportExternalIdFilter} switches the undocumented contact filter; {@link #rejectNotesOnClosed}
 * makes notes on closed tickets fail with a 400 (real Freshdesk accepts them, as far as we know).
 * Thread-safe.
 */
public final class FakeFreshdesk extends Dispatcher {
  /** The API key the fake accepts. */
  public static final String API_KEY = "fake-freshdesk-api-key";
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);
  private static final Pattern ID_PATH = Pattern.compile("/api/v2/(contacts|tickets)/(\\d+)(/(notes|reply|conversations))?");
  private static final Pattern DOWNLOAD = Pattern.compile("/attachments/(\\d+)");

  private final Clock clock;
  private final FakeStore store = new FakeStore();
  private final Deque<Long> scripted429 = new ArrayDeque<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private volatile boolean supportExternalIdFilter = true;
  private volatile boolean rejectNotesOnClosed;
  private volatile long attachmentLimitBytes = 20L * 1024 * 1024;
  private int failAfterProcessing;
  private Predicate<String> failAfterProcessingOf = line -> true;
  private final List<Hook> hooks = new CopyOnWriteArrayList<>();

  private record Hook(Predicate<String> which, Runnable action) {}
  private int rateTotal = 200;
  private int rateRemaining = 200;
  private Instant rateWindowStart;

  /** A fake whose timestamps come from {@code clock}. */
  public FakeFreshdesk(Clock clock) {
    this.clock = clock;
    this.rateWindowStart = clock.instant();
  }

  /** The store, to inspect and seed records. */
  public FakeStore store() {
    return store;
  }

  /** Every request as {@code "METHOD /path?query"}, in order. */
  public List<String> requests() {
    return List.copyOf(log);
  }

  /** Requests matching a filter. */
  public long count(Predicate<String> filter) {
    return log.stream().filter(filter).count();
  }

  /** Whether {@code GET /contacts?unique_external_id=} works (400 invalid_field otherwise). */
  public void supportExternalIdFilter(boolean on) {
    supportExternalIdFilter = on;
  }

  /** Whether notes on closed tickets are rejected with a 400. */
  public void rejectNotesOnClosed(boolean on) {
    rejectNotesOnClosed = on;
  }

  /** The per-ticket attachment total (20 MB by default; tests lower it). */
  public void attachmentLimitBytes(long bytes) {
    attachmentLimitBytes = bytes;
  }

  /** The next requests answer 429 with these {@code Retry-After} seconds, one each. */
  public synchronized void rateLimitNext(long... retryAfterSeconds) {
    for (long s : retryAfterSeconds) {
      scripted429.add(s);
    }
  }

  /**
   * The next {@code n} requests are processed (records are stored) but answered 502, as when a
   * gateway fails after Freshdesk wrote: tests retries of writes whose outcome the client cannot know.
   */
  public synchronized void failAfterProcessingNext(int n) {
    failAfterProcessingNext(n, line -> true);
  }

  /**
   * Like {@link #failAfterProcessingNext(int)}, for the next {@code n} requests whose line
   * ({@code "METHOD /path?query"}, as in {@link #requests()}) matches {@code which}; other requests are
   * answered normally. Replaces any earlier filter.
   */
  public synchronized void failAfterProcessingNext(int n, Predicate<String> which) {
    failAfterProcessing += n;
    failAfterProcessingOf = which;
  }

  /**
   * Runs {@code action} (an agent's change, for example {@link #setStatus}) just before the next request
   * whose line ({@code "METHOD /path?query"}) matches {@code which} is processed, once: races between
   * the adapter's calls and agents' actions.
   */
  public void beforeNext(Predicate<String> which, Runnable action) {
    hooks.add(new Hook(which, action));
  }

  /**
   * Sets {@code X-RateLimit-Total} and the remaining budget the next answers report. Like Freshdesk's
   * per-minute limit, the budget is refilled to the total once a minute of the fake clock has passed
   * since the window started (here, or at construction), so long-running tests are not starved.
   */
  public synchronized void rateLimit(int total, int remaining) {
    rateTotal = total;
    rateRemaining = remaining;
    rateWindowStart = clock.instant();
  }

  /** An agent's public reply (source 0, incoming false, private false); returns its conversation id. */
  public long agentReply(long ticketId, long agentId, String html, FakeStore.Attachment... files) {
    return store.addConversation(ticketId, html, false, false, 0, agentId, List.of(files), clock.instant()).id;
  }

  /** An agent's private note (never an agent reply to send). */
  public long agentPrivateNote(long ticketId, long agentId, String html) {
    return store.addConversation(ticketId, html, false, true, 2, agentId, List.of(), clock.instant()).id;
  }

  /** An agent (or automation) changes a ticket's status. */
  public void setStatus(long ticketId, int status) {
    store.ticket(ticketId).status = status;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String method = request.getMethod();
    store.baseUrl = url.newBuilder().encodedPath("/").query(null).build().toString();
    String line = method + " " + url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
    log.add(line);
    for (Hook h : hooks) {
      if (h.which().test(line) && hooks.remove(h)) {
        h.action().run();
      }
    }
    Long retryAfter;
    int remaining;
    int total;
    synchronized (this) {
      retryAfter = scripted429.poll();
      Instant now = clock.instant();
      if (!now.isBefore(rateWindowStart.plusSeconds(60))) {
        rateWindowStart = now;
        rateRemaining = rateTotal;
      }
      rateRemaining = Math.max(0, rateRemaining - 1);
      remaining = rateRemaining;
      total = rateTotal;
    }
    if (retryAfter != null) {
      return new MockResponse.Builder().code(429).setHeader("Retry-After", retryAfter)
          .setHeader("X-RateLimit-Total", total).setHeader("X-RateLimit-Remaining", 0)
          .body("{\"message\":\"You have exceeded the limit of requests per minute\"}").build();
    }
    if (!Credentials.basic(API_KEY, "X").equals(request.getHeaders().get("Authorization"))) {
      return json(401, Map.of("code", "invalid_credentials",
          "message", "You have to be logged in to perform this action."), total, remaining);
    }
    try {
      Answer a = route(method, url, request);
      synchronized (this) {
        if (failAfterProcessing > 0 && failAfterProcessingOf.test(line)) {
          failAfterProcessing--;
          return json(502, Map.of("message", "Bad gateway"), total, remaining);
        }
      }
      MockResponse.Builder b = new MockResponse.Builder().code(a.status)
          .setHeader("X-RateLimit-Total", total).setHeader("X-RateLimit-Remaining", remaining)
          .setHeader("X-RateLimit-Used-CurrentRequest", 1);
      if (a.link != null) {
        b.setHeader("link", a.link);
      }
      if (a.raw != null) {
        return b.setHeader("Content-Type", "application/octet-stream").body(new okio.Buffer().write(a.raw)).build();
      }
      return b.setHeader("Content-Type", "application/json").body(JSON.toJson(a.body)).build();
    } catch (FakeStore.NotFound e) {
      return json(404, Map.of(), total, remaining);
    } catch (Exception e) {
      return json(500, Map.of("message", e.toString()), total, remaining);
    }
  }

  private static MockResponse json(int status, Object body, int total, int remaining) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .setHeader("X-RateLimit-Total", total).setHeader("X-RateLimit-Remaining", remaining)
        .body(JSON.toJson(body)).build();
  }

  private record Answer(int status, Object body, String link, byte[] raw) {
    static Answer ok(int status, Object body) {
      return new Answer(status, body, null, null);
    }
  }

  private Answer route(String method, HttpUrl url, RecordedRequest request) throws Exception {
    String path = url.encodedPath();
    Matcher download = DOWNLOAD.matcher(path);
    if (download.matches() && method.equals("GET")) {
      return new Answer(200, null, null, store.attachment(Long.parseLong(download.group(1))).bytes);
    }
    if (path.equals("/api/v2/contacts")) {
      return method.equals("POST") ? createContact(new FakeRequest(request)) : listContacts(url);
    }
    if (path.equals("/api/v2/tickets")) {
      return method.equals("POST") ? createTicket(new FakeRequest(request)) : listTickets(url);
    }
    Matcher m = ID_PATH.matcher(path);
    if (!m.matches()) {
      return Answer.ok(404, Map.of());
    }
    long id = Long.parseLong(m.group(2));
    String sub = m.group(4);
    if (m.group(1).equals("contacts")) {
      FakeStore.Contact c = store.contact(id);
      return method.equals("PUT") ? updateContact(c, new FakeRequest(request)) : Answer.ok(200, c.json());
    }
    FakeStore.Ticket t = store.ticket(id);
    if (sub == null && method.equals("GET")) {
      return Answer.ok(200, t.json(true));
    }
    if (sub == null && method.equals("PUT")) {
      FakeRequest r = new FakeRequest(request);
      if (r.number("status") != null) {
        t.status = r.number("status").intValue();
      }
      r.map("custom_fields").forEach((k, v) -> t.customFields.put(k, v));
      t.updatedAt = clock.instant();
      return Answer.ok(200, t.json(true));
    }
    if (sub.equals("conversations")) {
      return page(url, t.conversations.stream().map(FakeStore.Conversation::json).toList());
    }
    FakeRequest r = new FakeRequest(request);
    String body = r.string("body");
    Object structured = r.map("structured_body").get("body_contents");
    if (sub.equals("reply") && structured instanceof List<?> contents) {
      // structured_body: {"body_contents":[{"type":"text","data":{"content":"..."}}]} (Reply to a ticket,
      // https://developers.freshdesk.com/api/#reply_ticket). Documented for replies only, not for notes.
      StringBuilder sb = new StringBuilder();
      for (Object part : contents) {
        if (part instanceof Map<?, ?> p && "text".equals(p.get("type")) && p.get("data") instanceof Map<?, ?> d) {
          sb.append(d.get("content"));
        }
      }
      body = sb.toString();
    } else if (sub.equals("reply") && t.source == 7) {
      // The reference documents structured_body as mandatory for replies to webchat and SDK tickets; the
      // fake takes the strict reading and refuses a plain body on source 7 (Chat) tickets.
      return invalid("structured_body", "missing_field", "Mandatory for replies to chat tickets");
    }
    if (body == null || body.isEmpty()) {
      return invalid("body", "missing_field", "It should be a/an String");
    }
    if (sub.equals("notes") && rejectNotesOnClosed && t.status == 5) {
      return invalid("status", "invalid_value", "Notes cannot be added to a closed ticket");
    }
    Answer over = checkAttachments(t, r);
    if (over != null) {
      return over;
    }
    boolean note = sub.equals("notes");
    Long user = r.number("user_id");
    boolean priv = note && (r.bool("private") == null || r.bool("private"));
    boolean incoming = note && Boolean.TRUE.equals(r.bool("incoming"));
    FakeStore.Conversation c = store.addConversation(id, body, incoming, priv, note ? 2 : 0,
        user == null ? FakeStore.API_AGENT_ID : user, store.uploads(r.uploads), clock.instant());
    return Answer.ok(201, c.json());
  }

  private Answer checkAttachments(FakeStore.Ticket t, FakeRequest r) {
    long size = r.uploads.stream().mapToLong(u -> u.bytes().length).sum();
    if (t.attachmentBytes() + size > attachmentLimitBytes) {
      return invalid("attachments", "invalid_value", "The cumulative size of all attachments exceeds the limit");
    }
    return null;
  }

  private static Answer invalid(String field, String code, String message) {
    return Answer.ok(400, Map.of("description", "Validation failed",
        "errors", List.of(Map.of("field", field, "message", message, "code", code))));
  }

  /**
   * {@code POST /contacts}: a name and at least one of email, phone, mobile, twitter_id, unique_external_id
   * (400 missing_field otherwise, like Freshdesk); unique_external_id (and email) unique: 409 duplicate_value.
   */
  private Answer createContact(FakeRequest r) {
    String external = r.string("unique_external_id");
    if (r.string("name") == null || r.string("name").isBlank()) {
      return invalid("name", "missing_field", "It should be a/an String");
    }
    if (blank(r.string("email")) && blank(r.string("phone")) && blank(r.string("mobile"))
        && blank(r.string("twitter_id")) && blank(external)) {
      return invalid("email", "missing_field",
          "Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields");
    }
    if (external != null && store.contactByExternalId(external) != null) {
      return duplicateExternalId();
    }
    FakeStore.Contact c = store.addContact(r.string("name"), r.string("mobile"), external);
    c.phone = r.string("phone");
    c.email = r.string("email");
    c.twitterId = r.string("twitter_id");
    c.description = r.string("description");
    return Answer.ok(201, c.json());
  }

  /**
   * {@code PUT /contacts/{id}}: changes the fields given; a unique_external_id another contact holds is a
   * 409 duplicate_value; removing the last identifying field is a 400, like a create without one.
   */
  private Answer updateContact(FakeStore.Contact c, FakeRequest r) {
    String external = r.fields.containsKey("unique_external_id") ? r.string("unique_external_id") : c.uniqueExternalId;
    String mobile = r.fields.containsKey("mobile") ? r.string("mobile") : c.mobile;
    String phone = r.fields.containsKey("phone") ? r.string("phone") : c.phone;
    if (r.fields.containsKey("name") && blank(r.string("name"))) {
      return invalid("name", "missing_field", "It should be a/an String");
    }
    if (blank(c.email) && blank(c.twitterId) && blank(external) && blank(mobile) && blank(phone)) {
      return invalid("email", "missing_field",
          "Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields");
    }
    if (external != null && !external.equals(c.uniqueExternalId)) {
      FakeStore.Contact holder = store.contactByExternalId(external);
      if (holder != null && holder != c) {
        return duplicateExternalId();
      }
    }
    c.uniqueExternalId = external;
    c.mobile = mobile;
    c.phone = phone;
    if (r.string("name") != null) {
      c.name = r.string("name");
    }
    if (r.fields.containsKey("description")) {
      c.description = r.string("description");
    }
    return Answer.ok(200, c.json());
  }

  private static Answer duplicateExternalId() {
    return Answer.ok(409, Map.of("description", "Validation failed", "errors", List.of(Map.of(
        "field", "unique_external_id", "message", "It should be a unique value", "code", "duplicate_value"))));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private Answer listContacts(HttpUrl url) {
    String external = url.queryParameter("unique_external_id");
    String mobile = url.queryParameter("mobile");
    if (external != null && !supportExternalIdFilter) {
      return invalid("unique_external_id", "invalid_field", "Unexpected/invalid field in request");
    }
    List<Object> out = new ArrayList<>();
    for (FakeStore.Contact c : store.contacts()) {
      if ((external == null || external.equals(c.uniqueExternalId)) && (mobile == null || mobile.equals(c.mobile))) {
        out.add(c.json());
      }
    }
    return page(url, out);
  }

  private Answer createTicket(FakeRequest r) {
    Long requester = r.number("requester_id");
    if (requester == null) {
      return invalid("requester_id", "missing_field", "Please fill at least 1 of requester_id, email, phone fields");
    }
    store.contact(requester);
    long size = r.uploads.stream().mapToLong(u -> u.bytes().length).sum();
    if (size > attachmentLimitBytes) {
      return invalid("attachments", "invalid_value", "The cumulative size of all attachments exceeds the limit");
    }
    Map<String, Object> custom = new LinkedHashMap<>(r.map("custom_fields"));
    FakeStore.Ticket t = store.addTicket(requester, r.string("subject"), r.string("description"),
        intOr(r.number("status"), 2), intOr(r.number("priority"), 1), intOr(r.number("source"), 2),
        r.list("tags"), custom, store.uploads(r.uploads), clock.instant());
    return Answer.ok(201, t.json(true));
  }

  private static int intOr(Long v, int fallback) {
    return v == null ? fallback : v.intValue();
  }

  private Answer listTickets(HttpUrl url) {
    String requester = url.queryParameter("requester_id");
    String since = url.queryParameter("updated_since");
    Instant floor = since == null ? clock.instant().minusSeconds(30L * 86400) : Instant.parse(since);
    List<FakeStore.Ticket> all = new ArrayList<>(store.tickets());
    all.removeIf(t -> requester != null && t.requesterId != Long.parseLong(requester));
    all.removeIf(t -> since == null ? t.createdAt.isBefore(floor) : t.updatedAt.isBefore(floor));
    all.sort((a, b) -> Long.compare(b.id, a.id));
    return page(url, all.stream().map(t -> t.json(false)).toList());
  }

  private Answer page(HttpUrl url, List<?> items) {
    int perPage = Math.min(100, url.queryParameter("per_page") == null ? 30 : Integer.parseInt(url.queryParameter("per_page")));
    int page = url.queryParameter("page") == null ? 1 : Integer.parseInt(url.queryParameter("page"));
    int from = Math.min(items.size(), (page - 1) * perPage);
    int to = Math.min(items.size(), from + perPage);
    String link = null;
    if (to < items.size()) {
      link = "<" + url.newBuilder().setQueryParameter("page", String.valueOf(page + 1)).build() + ">; rel=\"next\"";
    }
    return new Answer(200, new ArrayList<>(items.subList(from, to)), link, null);
  }
}
