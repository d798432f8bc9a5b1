package io.github.whatsapphelpdesk.zendesk.fake;

import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.Comment;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.Idem;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.Ticket;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.Upload;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendeskState.User;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A stateful fake of the Zendesk Support API for MockWebServer3, reusable by unit, contract and
 * end-to-end tests: OAuth token endpoint, users (create_or_update by external id, me), tickets (create
 * with Idempotency-Key hit/miss/IdempotentRequestError, show, list by external_id, update with comments,
 * 422 on closed tickets and at the comment cap, follow-ups), comments (cursor pagination, sideloaded
 * users), uploads and attachment downloads, and injected 429s. Agents' replies and signed trigger
 * webhooks are created with {@link #agentReply} and {@link FakeZendeskWebhooks}. Thread-safe.
 */
public final class FakeZendesk extends Dispatcher {
  /** OAuth client id the fake accepts. */
  public static final String CLIENT_ID = "wa_bridge";
  /** OAuth client secret the fake accepts. */
  public static final String CLIENT_SECRET = "s3cret";
  /** Refresh token the fake accepts initially (it rotates on every use). */
  public static final String REFRESH_TOKEN = "refresh-0";
  /** Agent e-mail and API token the fake accepts as basic auth. */
  public static final String EMAIL = "bridge@example.com";
  public static final String API_TOKEN = "apitoken123";

  private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/(\\d+)");
  private static final Pattern USER = Pattern.compile("/api/v2/users/(\\d+)");
  private static final Pattern COMMENTS = Pattern.compile("/api/v2/tickets/(\\d+)/comments");

  final FakeZendeskState s = new FakeZendeskState();
  private final Clock clock;
  private final Deque<MockResponse> injected = new ArrayDeque<>();
  private final long integrationUserId;
  private String baseUrl = "https://example.zendesk.com";
  private String refreshToken = REFRESH_TOKEN;
  private int commentCap = 5000;
  private long tokenLifetimeSeconds = 3600;
  private int tokenRequests;
  private int invalidGrants;
  private int accountBudget = 700;
  private int budgetUsed;
  private int budget429s;
  private java.time.Instant budgetWindowStart;
  private String refreshedAccess;
  private final Map<String, List<String>> tokenScopes = new java.util.HashMap<>();
  private boolean ignoreSortOrder;
  private int commentCalls;
  private long defaultAgentId;

  public FakeZendesk(Clock clock) {
    this.clock = clock;
    this.integrationUserId = addUser("Bridge integration", "admin");
  }

  // ---- test controls -------------------------------------------------------------------------

  /** The base URL used in content URLs (set it to the server's URL). */
  public synchronized FakeZendesk baseUrl(String url) {
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return this;
  }

  /** The comment cap (default 5,000). */
  public synchronized FakeZendesk commentCap(int cap) {
    this.commentCap = cap;
    return this;
  }

  /** Makes the comments list ignore every sort parameter (always oldest first), as some endpoints do with cursors. */
  public synchronized FakeZendesk ignoreSortOrder(boolean ignore) {
    this.ignoreSortOrder = ignore;
    return this;
  }

  /** Lifetime of issued OAuth access tokens (default 3,600 s). */
  public synchronized FakeZendesk tokenLifetimeSeconds(long seconds) {
    this.tokenLifetimeSeconds = seconds;
    return this;
  }

  /** The account's requests per minute (default 700, Enterprise), shared with every app on the account. */
  public synchronized FakeZendesk accountBudget(int perMinute) {
    this.accountBudget = perMinute;
    return this;
  }

  /** How many calls the account budget answered with 429. */
  public synchronized int budget429s() {
    return budget429s;
  }

  /** Other apps on the account spend {@code n} requests of the current minute's budget. */
  public synchronized FakeZendesk otherAppsUse(int n) {
    rollBudgetWindow();
    budgetUsed += n;
    return this;
  }

  /** Answers the next {@code count} API calls (not the token endpoint) with 429 and Retry-After. */
  public synchronized FakeZendesk rateLimitNext(int count, long retryAfterSeconds) {
    for (int i = 0; i < count; i++) {
      injected.add(new MockResponse.Builder().code(429).setHeader("Retry-After", retryAfterSeconds)
          .setHeader("Content-Type", "application/json").body("{\"error\":\"APIRateLimitExceeded\"}").build());
    }
    return this;
  }

  /** Answers the next API call with {@code response}. */
  public synchronized FakeZendesk failNext(MockResponse response) {
    injected.add(response);
    return this;
  }

  /** Revokes every issued access token (the next call gets 401). */
  public synchronized void revokeAccessTokens() {
    s.accessTokens.clear();
  }

  /** How often the token endpoint answered {@code invalid_grant} to a refresh. */
  public synchronized int invalidGrants() {
    return invalidGrants;
  }

  /** The refresh token the fake accepts now (it rotates on every refresh). */
  public synchronized String currentRefreshToken() {
    return refreshToken;
  }

  /** How often the token endpoint issued a token. */
  public synchronized int tokenRequests() {
    return tokenRequests;
  }

  /** The integration (API) user's id. */
  public long integrationUserId() {
    return integrationUserId;
  }

  /** Adds a user with a role ({@code end-user}, {@code agent}, {@code admin}); returns its id. */
  public synchronized long addUser(String name, String role) {
    User u = new User();
    u.id = ++s.nextId;
    u.name = name;
    u.role = role;
    s.users.put(u.id, u);
    return u.id;
  }

  /** Sets a ticket's status ({@code solved}, {@code closed}, ...). */
  public synchronized void setStatus(long ticketId, String status) {
    s.tickets.get(ticketId).status = status;
  }

  /** Adds a comment as an agent (or any user); returns the comment id. */
  public synchronized long agentReply(long ticketId, long authorId, String body, boolean isPublic, String... fileNames) {
    Comment c = comment(authorId, body, isPublic);
    for (String f : fileNames) {
      Upload u = upload(f, "image/png", ("png:" + f).getBytes(StandardCharsets.UTF_8));
      c.attachments.add(u);
    }
    s.tickets.get(ticketId).comments.add(c);
    return c.id;
  }

  /** Adds a public comment by {@code authorId} with one file of the given content; returns the comment id. */
  public synchronized long agentReplyWithFile(long ticketId, long authorId, String body, String fileName,
      String contentType, byte[] content) {
    Comment c = comment(authorId, body, true);
    c.attachments.add(upload(fileName, contentType, content.clone()));
    s.tickets.get(ticketId).comments.add(c);
    return c.id;
  }

  /**
   * An agent (created on first use) posts a public reply; returns the signed trigger webhook Zendesk would
   * send for it (with {@code comment_id}), signed with {@code secret} at the clock's current time.
   */
  public synchronized io.github.whatsapphelpdesk.http.WebhookRequest agentReplyWebhook(long ticketId, String text,
      String secret) {
    if (defaultAgentId == 0) {
      defaultAgentId = addUser("Agent", "agent");
    }
    long comment = agentReply(ticketId, defaultAgentId, text, true);
    return announce(ticketId, comment, secret);
  }

  /**
   * The signed trigger webhook announcing an existing comment, with {@code comment_id}: the ticket's real
   * {@code external_id} and, as {@code current_user_role}, the role of the comment's author.
   */
  public synchronized io.github.whatsapphelpdesk.http.WebhookRequest announce(long ticketId, long commentId,
      String secret) {
    return webhook(ticketId, commentId, secret);
  }

  /**
   * The signed trigger webhook with the body template documented in docs/zendesk.md (no
   * {@code comment_id}): the adapter must find the announced comment itself. {@code current_user_role}
   * is the role of the author of the ticket's latest comment.
   */
  public synchronized io.github.whatsapphelpdesk.http.WebhookRequest announceLatest(long ticketId, String secret) {
    return webhook(ticketId, null, secret);
  }

  private io.github.whatsapphelpdesk.http.WebhookRequest webhook(long ticketId, Long commentId, String secret) {
    Ticket t = s.tickets.get(ticketId);
    String externalId = t == null ? null : t.externalId;
    Comment c = t == null ? null : t.comments.stream()
        .filter(x -> commentId == null || x.id == commentId).reduce((a, b) -> b).orElse(null);
    User author = c == null ? null : s.users.get(c.authorId);
    return FakeZendeskWebhooks.signed(secret, clock.instant(),
        FakeZendeskWebhooks.body(ticketId, commentId, externalId, author == null ? null : author.role));
  }

  /** A ticket's comments, oldest first, as the API shows them (empty for an unknown ticket). */
  public synchronized List<Map<String, Object>> comments(long ticketId) {
    Ticket t = s.tickets.get(ticketId);
    return t == null ? List.of() : t.comments.stream().map(c -> FakeZendeskJson.comment(c, baseUrl)).toList();
  }

  /** A snapshot of a ticket as the API shows it (plus {@code comments}). */
  public synchronized Map<String, Object> ticket(long id) {
    Ticket t = s.tickets.get(id);
    if (t == null) {
      return null;
    }
    Map<String, Object> m = FakeZendeskJson.ticket(t, baseUrl);
    m.put("comments", t.comments.stream().map(c -> FakeZendeskJson.comment(c, baseUrl)).toList());
    return m;
  }

  /** The user with this external id, as the API shows it, or null. */
  public synchronized Map<String, Object> userByExternalId(String externalId) {
    return s.users.values().stream().filter(u -> externalId.equalsIgnoreCase(u.externalId)).findFirst()
        .map(FakeZendeskJson::user).orElse(null);
  }

  /** Every end user, as the API shows them, oldest first. */
  public synchronized List<Map<String, Object>> endUsers() {
    return s.users.values().stream().filter(u -> "end-user".equals(u.role)).map(FakeZendeskJson::user).toList();
  }

  /** Seeds an end user with an external id and phone (a contact an earlier integration created); returns its id. */
  public synchronized long addEndUser(String name, String externalId, String phone) {
    long id = addUser(name, "end-user");
    s.users.get(id).externalId = externalId;
    s.users.get(id).phone = phone;
    return id;
  }

  /** An agent edits a user's notes. */
  public synchronized void setUserNotes(long userId, String notes) {
    s.users.get(userId).notes = notes;
  }

  /** All ticket ids, oldest first. */
  public synchronized List<Long> ticketIds() {
    return List.copyOf(s.tickets.keySet());
  }

  // ---- dispatch ------------------------------------------------------------------------------

  @Override
  public synchronized MockResponse dispatch(RecordedRequest r) {
    String path = r.getUrl().encodedPath();
    String method = r.getMethod();
    if (path.equals("/oauth/tokens") && method.equals("POST")) {
      return token(Json.readObject(r.getBody() == null ? "" : r.getBody().utf8()));
    }
    if (!injected.isEmpty()) {
      return injected.poll();
    }
    // The account's per-minute budget, shared with the other apps on the account. Every response carries
    // X-Rate-Limit and X-Rate-Limit-Remaining; list endpoints add ratelimit-limit, ratelimit-remaining and
    // ratelimit-reset (seconds)
    // (https://developer.zendesk.com/documentation/api-basics/best-practices/best-practices-for-avoiding-rate-limiting).
    rollBudgetWindow();
    long reset = Math.max(1, Duration.between(clock.instant(), budgetWindowStart.plusSeconds(60)).toSeconds());
    boolean list = method.equals("GET") && (path.equals("/api/v2/tickets") || COMMENTS.matcher(path).matches());
    if (budgetUsed >= accountBudget) {
      budget429s++;
      return withBudget(new MockResponse.Builder().code(429).setHeader("Retry-After", reset)
          .setHeader("Content-Type", "application/json").body("{\"error\":\"APIRateLimitExceeded\"}").build(),
          list, reset);
    }
    budgetUsed++;
    return withBudget(route(r, path, method), list, reset);
  }

  private void rollBudgetWindow() {
    if (budgetWindowStart == null || !clock.instant().isBefore(budgetWindowStart.plusSeconds(60))) {
      budgetWindowStart = clock.instant();
      budgetUsed = 0;
    }
  }

  private MockResponse withBudget(MockResponse response, boolean list, long reset) {
    long remaining = Math.max(0, accountBudget - budgetUsed);
    MockResponse.Builder b = response.newBuilder().setHeader("X-Rate-Limit", accountBudget)
        .setHeader("X-Rate-Limit-Remaining", remaining);
    if (list) {
      b.setHeader("ratelimit-limit", accountBudget).setHeader("ratelimit-remaining", remaining)
          .setHeader("ratelimit-reset", reset);
    }
    return b.build();
  }

  private MockResponse route(RecordedRequest r, String path, String method) {
    if (!authorized(r.getHeaders().get("Authorization"))) {
      return json(401, Map.of("error", "invalid_token", "error_description", "The access token provided is invalid."));
    }
    if (!scopeAllows(r.getHeaders().get("Authorization"), method, path)) {
      return json(403, Map.of("error", "Forbidden", "description", "You do not have access to this page."));
    }
    String body = r.getBody() == null ? "" : r.getBody().utf8();
    Matcher m;
    if (path.startsWith("/attachments/token/") && method.equals("GET")) {
      Upload u = s.uploads.get(path.split("/")[3]);
      return u == null ? json(404, Map.of("error", "RecordNotFound"))
          : new MockResponse.Builder().code(200).setHeader("Content-Type", u.contentType)
              .body(new Buffer().write(u.content)).build();
    }
    if (path.equals("/api/v2/users/me") && method.equals("GET")) {
      return json(200, Map.of("user", FakeZendeskJson.user(s.users.get(integrationUserId))));
    }
    if (path.equals("/api/v2/users/show_many") && method.equals("GET")) {
      String ext = r.getUrl().queryParameter("external_ids");
      List<String> wanted = ext == null ? List.of() : List.of(ext.split(","));
      List<Object> users = new ArrayList<>();
      s.users.values().stream().filter(u -> u.externalId != null && wanted.stream().anyMatch(u.externalId::equalsIgnoreCase))
          .forEach(u -> users.add(FakeZendeskJson.user(u)));
      return json(200, Map.of("users", users));
    }
    if (path.equals("/api/v2/users/create_or_update") && method.equals("POST")) {
      return FakeZendeskHandlers.upsertUser(this, Json.readObject(body));
    }
    if ((m = USER.matcher(path)).matches() && method.equals("PUT")) {
      User u = s.users.get(Long.parseLong(m.group(1)));
      return u == null ? json(404, Map.of("error", "RecordNotFound", "description", "Not found"))
          : FakeZendeskHandlers.updateUser(this, u, Json.readObject(body));
    }
    if (path.equals("/api/v2/uploads") && method.equals("POST")) {
      String name = r.getUrl().queryParameter("filename");
      String type = r.getHeaders().get("Content-Type");
      Upload u = upload(name, type == null ? "application/binary" : type.split(";")[0], r.getBody().toByteArray());
      Map<String, Object> up = new LinkedHashMap<>();
      up.put("token", u.token);
      up.put("attachment", FakeZendeskJson.attachment(u, baseUrl));
      up.put("attachments", List.of(FakeZendeskJson.attachment(u, baseUrl)));
      return json(201, Map.of("upload", up));
    }
    if (path.equals("/api/v2/tickets") && method.equals("POST")) {
      return createWithIdempotency(r.getHeaders().get("Idempotency-Key"), body);
    }
    if (path.equals("/api/v2/tickets") && method.equals("GET")) {
      String ext = r.getUrl().queryParameter("external_id");
      List<Object> list = new ArrayList<>();
      s.tickets.values().stream().filter(t -> ext != null && ext.equals(t.externalId))
          .forEach(t -> list.add(FakeZendeskJson.ticket(t, baseUrl)));
      return json(200, Map.of("tickets", list, "count", list.size()));
    }
    if ((m = COMMENTS.matcher(path)).matches() && method.equals("GET")) {
      return FakeZendeskHandlers.listComments(this, s.tickets.get(Long.parseLong(m.group(1))), r.getUrl());
    }
    if ((m = TICKET.matcher(path)).matches()) {
      Ticket t = s.tickets.get(Long.parseLong(m.group(1)));
      if (t == null) {
        return json(404, Map.of("error", "RecordNotFound", "description", "Not found"));
      }
      if (method.equals("GET")) {
        return json(200, Map.of("ticket", FakeZendeskJson.ticket(t, baseUrl)));
      }
      if (method.equals("PUT")) {
        return FakeZendeskHandlers.update(this, t, Json.readObject(body));
      }
    }
    return json(404, Map.of("error", "InvalidEndpoint", "description", method + " " + path));
  }

  private MockResponse createWithIdempotency(String key, String body) {
    if (key == null) {
      FakeZendeskHandlers.Created c = FakeZendeskHandlers.create(this, Json.readObject(body));
      return new MockResponse.Builder().code(c.code()).setHeader("Content-Type", "application/json").body(c.json()).build();
    }
    Idem prior = s.idempotency.get(key);
    if (prior != null && prior.expiresAt().isAfter(clock.instant())) {
      if (!prior.bodyFingerprint().equals(body)) {
        return json(400, Map.of("error", "IdempotentRequestError",
            "description", "Request parameters do not match the original request for this Idempotency-Key"));
      }
      return new MockResponse.Builder().code(prior.status()).setHeader("Content-Type", "application/json")
          .setHeader("x-idempotency-lookup", "hit").body(prior.json()).build();
    }
    FakeZendeskHandlers.Created c = FakeZendeskHandlers.create(this, Json.readObject(body));
    MockResponse.Builder out = new MockResponse.Builder().code(c.code()).setHeader("Content-Type", "application/json")
        .body(c.json());
    if (c.code() == 201) {
      s.idempotency.put(key, new Idem(body, 201, c.json(), clock.instant().plus(Duration.ofHours(2))));
      out.setHeader("x-idempotency-lookup", "miss");
    }
    return out.build();
  }

  private MockResponse token(Map<String, Object> req) {
    if (!CLIENT_ID.equals(Json.str(req, "client_id")) || !CLIENT_SECRET.equals(Json.str(req, "client_secret"))) {
      return json(401, Map.of("error", "invalid_client"));
    }
    String grant = Json.str(req, "grant_type");
    if ("refresh_token".equals(grant)) {
      // A refresh "returns a new access token and refresh token while invalidating the previous access and
      // refresh tokens" (https://developer.zendesk.com/api-reference/ticketing/oauth/grant_type_tokens/).
      if (!refreshToken.equals(Json.str(req, "refresh_token"))) {
        invalidGrants++;
        return json(400, Map.of("error", "invalid_grant",
            "error_description", "The provided authorization grant is invalid, expired, or revoked."));
      }
      refreshToken = "refresh-" + (tokenRequests + 1);
      if (refreshedAccess != null) {
        s.accessTokens.remove(refreshedAccess);
      }
    } else if (!"client_credentials".equals(grant)) {
      return json(400, Map.of("error", "unsupported_grant_type"));
    }
    String requested = Json.str(req, "scope");
    String granted = requested == null ? "read write" : requested;
    for (String sc : granted.split(" ")) {
      if (!sc.matches("read|write|impersonate|[a-z][a-z_]*(:read|:write)?")) {
        return json(400, Map.of("error", "invalid_scope", "error_description", "The requested scope is invalid."));
      }
    }
    tokenRequests++;
    String access = "access-" + tokenRequests;
    s.accessTokens.put(access, clock.instant().plusSeconds(tokenLifetimeSeconds));
    tokenScopes.put(access, List.of(granted.split(" ")));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("access_token", access);
    out.put("token_type", "bearer");
    out.put("expires_in", tokenLifetimeSeconds);
    out.put("scope", granted);
    if ("refresh_token".equals(grant)) {
      out.put("refresh_token", refreshToken);
      refreshedAccess = access;
    }
    return json(200, out);
  }

  /**
   * Zendesk scopes: read (GET), write (POST, PUT, DELETE), or per resource ({@code tickets},
   * {@code tickets:read}, {@code users:write}); a resource without an access level allows both
   * (https://developer.zendesk.com/api-reference/ticketing/oauth/oauth_tokens/#scopes).
   */
  private boolean scopeAllows(String header, String method, String path) {
    if (header == null || !header.startsWith("Bearer ")) {
      return true; // API token: the agent's permissions
    }
    List<String> scopes = tokenScopes.getOrDefault(header.substring(7), List.of("read", "write"));
    String level = method.equals("GET") ? "read" : "write";
    String[] parts = path.split("/");
    String resource = parts.length > 3 ? parts[3] : "";
    return scopes.contains(level) || scopes.contains(resource) || scopes.contains(resource + ":" + level);
  }

  /** The scopes granted with an access token, or null for an unknown token. */
  public synchronized List<String> scopesOf(String accessToken) {
    return tokenScopes.get(accessToken);
  }

  private boolean authorized(String header) {
    if (header == null) {
      return false;
    }
    if (header.startsWith("Bearer ")) {
      java.time.Instant exp = s.accessTokens.get(header.substring(7));
      return exp != null && exp.isAfter(clock.instant());
    }
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        (EMAIL + "/token:" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
    return basic.equals(header);
  }

  // ---- shared helpers ------------------------------------------------------------------------

  Comment comment(long authorId, String body, boolean isPublic) {
    Comment c = new Comment();
    c.id = ++s.nextComment;
    c.authorId = authorId;
    c.body = body;
    c.isPublic = isPublic;
    c.createdAt = clock.instant();
    return c;
  }

  Upload upload(String name, String type, byte[] content) {
    Upload u = new Upload();
    u.id = ++s.nextId;
    u.token = "tok" + u.id;
    u.fileName = name;
    u.contentType = type;
    u.content = content;
    s.uploads.put(u.token, u);
    return u;
  }

  void countCommentCall() {
    commentCalls++;
  }

  /** How many comment-list requests were answered. */
  public synchronized int commentCalls() {
    return commentCalls;
  }

  boolean ignoresSortOrder() {
    return ignoreSortOrder;
  }

  int commentCap() {
    return commentCap;
  }

  String base() {
    return baseUrl;
  }

  long nextAudit() {
    return ++s.nextAudit;
  }

  static MockResponse json(int code, Object body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8")
        .body(Json.write(body)).build();
  }
}
