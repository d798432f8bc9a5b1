package io.github.whatsapphelpdesk.client.internal;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.client.RetryPolicy;
import io.github.whatsapphelpdesk.error.ApiConnectionException;
import io.github.whatsapphelpdesk.error.ApiError;
import io.github.whatsapphelpdesk.error.ErrorClassification;
import io.github.whatsapphelpdesk.error.OutcomeUnknownException;
import io.github.whatsapphelpdesk.error.RateLimitException;
import io.github.whatsapphelpdesk.error.SerializationException;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.error.WhatsAppClientException;
import io.github.whatsapphelpdesk.http.RetryAfter;
import io.github.whatsapphelpdesk.http.Sleeper;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.http.internal.RetryLoop.Step;
import io.github.whatsapphelpdesk.http.internal.RetryLoop;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.ratelimit.OutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Graph API calls: builds the request with the bearer token, asks the limiter, retries what may be
 * retried (through the shared {@link RetryLoop}), maps error bodies to the exception hierarchy, reports
 * every HTTP exchange to {@link SdkListener#apiCall} and logs at DEBUG without tokens, bodies or full
 * phone numbers. Thread-safe.
 */
public final class ApiExecutor {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.whatsapphelpdesk.client");

  private final OkHttpClient http;
  private final HttpUrl base;
  private final Supplier<String> token;
  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final OutboundLimiter limiter;
  private final SdkListener listener;
  private final DoubleSupplier random;

  /**
   * An executor.
   *
   * @param listener told of every HTTP exchange (wrapped with {@link SdkListener#safe})
   * @param random the jitter source of retry delays, values in [0, 1)
   */
  public ApiExecutor(OkHttpClient transportClient, HttpUrl base, Supplier<String> token, RetryPolicy retryPolicy,
      Clock clock, Sleeper sleeper, OutboundLimiter limiter, Duration connect, Duration read, Duration call,
      SdkListener listener, DoubleSupplier random) {
    this.http = transportClient.newBuilder()
        .connectTimeout(connect).readTimeout(read).writeTimeout(read).callTimeout(call)
        .addNetworkInterceptor(chain -> {
          Request request = chain.request();
          OutboundRequest permit = request.tag(OutboundRequest.class);
          if (permit != null) {
            awaitDispatch(permit);
            if (request.body() != null) {
              request = request.newBuilder()
                  .method(request.method(), new WrittenSignalBody(request.body(), () -> reportWritten(permit)))
                  .build();
            }
          }
          SendTracker t = request.tag(SendTracker.class);
          if (t != null) {
            t.connected = true;
          }
          return chain.proceed(request);
        })
        .build();
    this.base = base;
    this.token = token;
    this.retryPolicy = retryPolicy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.limiter = limiter;
    this.listener = SdkListener.safe(listener);
    this.random = random;
  }


  /**
   * The wire guard ({@link OutboundLimiter#tryDispatch}), run in the network interceptor: the connection
   * is ready and nothing of the request is written yet, so the limiter sees when requests actually leave
   * rather than when their permits were granted. Waits on the {@link Sleeper} while the number's recent
   * dispatches are at its rate; an interrupt ends the call as a not-sent connection failure.
   */
  private void awaitDispatch(OutboundRequest permit) throws InterruptedIOException {
    while (true) {
      Duration wait = limiter.tryDispatch(permit);
      if (wait.isZero() || wait.isNegative()) {
        return;
      }
      sleeper.sleep(wait);
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted while waiting for the outbound limiter's dispatch guard");
      }
    }
  }

  /**
   * Tells the limiter the request has been written. The request is on the wire by now, so a limiter that
   * throws here must not fail it: the error is logged (its type only) and the exchange goes on.
   */
  private void reportWritten(OutboundRequest permit) {
    try {
      limiter.onWritten(permit);
    } catch (RuntimeException e) {
      LOG.warn("outbound limiter onWritten failed ({}); the request was sent", e.getClass().getName());
    }
  }

  /** The URL of a path below the version, for example {@code 123/messages}. */
  public HttpUrl url(String path, Map<String, String> query) {
    HttpUrl.Builder b = base.newBuilder();
    for (String seg : path.split("/")) {
      if (!seg.isEmpty()) {
        b.addPathSegment(seg);
      }
    }
    query.forEach(b::addQueryParameter);
    return b.build();
  }

  /** Runs a call and returns the parsed JSON object of the answer. */
  public Map<String, Object> execute(ApiCall call) {
    Run run = new Run(call);
    return run.loop.run(attempt -> {
      run.attempt = attempt;
      if (call.limiterRequest() != null) {
        limiter.acquire(call.limiterRequest(), call.limiterTimeout());
      }
      return attempt(run);
    });
  }

  /**
   * Runs a call asynchronously: each attempt waits for its limiter permit with {@link
   * OutboundLimiter#acquireAsync(OutboundRequest, Duration, Executor)}, so no thread is held while the
   * limiter makes the call wait; the HTTP exchange (and a retry's back-off, through the {@link Sleeper})
   * then runs on {@code executor}. The future fails with the exception {@link #execute} would throw.
   */
  public CompletableFuture<Map<String, Object>> executeAsync(ApiCall call, Executor executor) {
    CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
    nextAttemptAsync(new Run(call), executor, result);
    return result;
  }

  private void nextAttemptAsync(Run run, Executor executor, CompletableFuture<Map<String, Object>> result) {
    run.attempt++;
    ApiCall call = run.call;
    CompletableFuture<Void> permit;
    try {
      permit = call.limiterRequest() == null ? CompletableFuture.completedFuture(null)
          // completed on the drain thread: the only work done there is the hand-off below
          : limiter.acquireAsync(call.limiterRequest(), call.limiterTimeout(), Runnable::run);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    permit.whenComplete((ignored, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure);
        return;
      }
      try {
        executor.execute(() -> {
          try {
            Step<Map<String, Object>> step = attempt(run);
            if (step instanceof Step.Done<Map<String, Object>> done) {
              result.complete(done.value());
            } else {
              run.loop.pause(run.attempt, (Step.Retry<?>) step);
              nextAttemptAsync(run, executor, result);
            }
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(new WhatsAppClientException("the async executor rejected the call", e));
      }
    });
  }

  /** The state of one call across its attempts. */
  private final class Run {
    final ApiCall call;
    final RetryPolicy policy;
    final HttpUrl url;
    final RetryLoop loop;
    final Map<Integer, Integer> retriesPerCode = new HashMap<>();
    int attempt;

    Run(ApiCall call) {
      this.call = call;
      this.policy = call.retryPolicy() != null ? call.retryPolicy() : retryPolicy;
      this.url = url(call.path(), call.query());
      // Waits are bounded by the policy's back-off cap and the server's hint, not by the loop.
      this.loop = new RetryLoop(sleeper, policy.maxAttempts(), ChronoUnit.FOREVER.getDuration());
    }
  }

  /**
   * One attempt after its permit: the parsed answer, or a retry step with the policy's delay when the
   * failure may be retried; throws when the call fails for good. Reports the exchange to the listener.
   */
  private Step<Map<String, Object>> attempt(Run run) {
    ApiCall call = run.call;
    RetryPolicy policy = run.policy;
    HttpUrl url = run.url;
    int attempt = run.attempt;
    SendTracker tracker = new SendTracker();
    Request.Builder rb = new Request.Builder().url(url).tag(SendTracker.class, tracker)
        .tag(OutboundRequest.class, call.limiterRequest())
        .header("Authorization", "Bearer " + currentToken())
        .header("Accept", "application/json");
    rb.method(call.method(), call.body() == null ? null : new TrackingBody(call.body(), tracker));
    long started = clock.millis();
    WhatsAppApiException apiError;
    int status = 0;
    try (Response response = http.newCall(rb.build()).execute()) {
      status = response.code();
      String body = response.isSuccessful() ? readBody(response) : readErrorBody(response);
      String trace = response.header("x-fb-trace-id");
      if (response.isSuccessful()) {
        Map<String, Object> parsed = Json.readObject(body.isEmpty() ? "{}" : body);
        LOG.debug("{} {} -> {} in {} ms (attempt {}, to={}, fbtrace_id={})", call.method(), url.encodedPath(),
            response.code(), clock.millis() - started, attempt, PhoneNumbers.mask(call.logRecipient()), trace);
        if (call.limiterRequest() != null) {
          limiter.onSuccess(call.limiterRequest());
        }
        return Step.done(parsed);
      }
      apiError = toException(response.code(), body, RetryAfter.parse(response.header("Retry-After"), clock).orElse(null));
      if (status >= 500 && !hasGraphErrorCode(body) && call.body() != null && tracker.bodyWritten
          && !call.idempotent() && !policy.retryOnPossiblySentRequests()) {
        // A proxy or load balancer answered a written POST: Meta may have processed it (issue 17 item 4).
        // Without an idempotency key a resend may message the customer twice, so the outcome is reported
        // as unknown and never retried; the caller reconciles from the status webhooks.
        OutcomeUnknownException unknown = new OutcomeUnknownException(new ApiError(status, 2, null, null,
            "HTTP " + status + " without a Graph API error body after the request was written; outcome unknown",
            null, trace));
        LOG.debug("{} {} -> http {} without a Graph API error body on attempt {}: outcome unknown, not retried"
            + " (to={}, fbtrace_id={})", call.method(), url.encodedPath(), status, attempt,
            PhoneNumbers.mask(call.logRecipient()), trace);
        throw unknown;
      }
    } catch (IOException e) {
      boolean maySent = call.body() == null ? tracker.connected : tracker.bodyWritten;
      ApiConnectionException ex = new ApiConnectionException(
          call.method() + " " + url.encodedPath() + " failed: " + e.getClass().getSimpleName()
              + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "")
              + (maySent ? "; the request may have reached Meta" : "; the request was not sent"),
          maySent, e);
      // Never resend a POST whose body may have reached Meta (no idempotency key), unless allowed.
      boolean allowed = !maySent || call.idempotent() || policy.retryOnPossiblySentRequests();
      LOG.debug("{} {} connection failure on attempt {} (maySent={}, retry={}, to={}): {}", call.method(),
          url.encodedPath(), attempt, maySent, allowed && attempt < policy.maxAttempts(),
          PhoneNumbers.mask(call.logRecipient()), e.toString());
      if (!allowed) {
        throw ex;
      }
      return Step.retry(policy.delay(attempt, null, random.getAsDouble()), ex);
    } finally {
      listener.apiCall(call.operation(), status, Duration.ofMillis(Math.max(0, clock.millis() - started)));
    }
    ErrorClassification c = apiError.classification();
    Duration retryAfter = apiError instanceof RateLimitException rl ? rl.retryAfter().orElse(null) : null;
    if (apiError instanceof RateLimitException && call.limiterRequest() != null) {
      limiter.onRateLimited(call.limiterRequest(), apiError.code(), retryAfter);
    }
    int used = run.retriesPerCode.merge(apiError.code(), 1, Integer::sum);
    boolean retryable = apiError.retryable() && !c.perRecipient() && used <= c.maxRetries();
    boolean retry = retryable && attempt < policy.maxAttempts() && !Thread.currentThread().isInterrupted();
    LOG.debug("{} {} -> http {} code {} ({}) on attempt {} (retry={}, to={}, fbtrace_id={})", call.method(),
        url.encodedPath(), apiError.httpStatus(), apiError.code(), c.category(), attempt, retry,
        PhoneNumbers.mask(call.logRecipient()), apiError.fbtraceId().orElse(null));
    if (!retryable) {
      throw apiError;
    }
    return Step.retry(policy.delay(attempt, retryAfter, random.getAsDouble()), apiError);
  }

  /** Runs a GET to an absolute URL with the bearer token and returns the open response (caller closes). */
  public Response openDownload(HttpUrl url) {
    Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + currentToken()).get().build();
    long started = clock.millis();
    int status = 0;
    try {
      Response response = http.newCall(request).execute();
      status = response.code();
      return response;
    } catch (IOException e) {
      throw new ApiConnectionException("media download failed: " + e, true, e);
    } finally {
      listener.apiCall("media.download", status, Duration.ofMillis(Math.max(0, clock.millis() - started)));
    }
  }

  /** Maps an error answer to the exception hierarchy. */
  public WhatsAppApiException toException(int status, String body, Duration retryAfter) {
    Map<String, Object> err;
    try {
      err = Json.obj(Json.readObject(body), "error");
    } catch (SerializationException e) {
      if (status >= 500) {
        // A proxy or load balancer answered: treat it as a transient outage (code 2), retryable.
        return WhatsAppApiException.from(new ApiError(status, 2, null, null,
            "HTTP " + status + " without a Graph API error body", null, null), retryAfter);
      }
      throw new SerializationException("HTTP " + status + " with an unreadable error body", e);
    }
    if (err.isEmpty() || Json.lng(err, "code") == null) {
      if (status >= 500) {
        return WhatsAppApiException.from(new ApiError(status, 2, null, null,
            "HTTP " + status + " without a Graph API error code", null, null), retryAfter);
      }
      throw new SerializationException("HTTP " + status + " without a Graph API error object");
    }
    Long sub = Json.lng(err, "error_subcode");
    String details = Json.str(Json.obj(err, "error_data"), "details");
    ApiError e = new ApiError(status, Json.lng(err, "code").intValue(), sub == null ? null : sub.intValue(),
        Json.str(err, "type"), Json.str(err, "message"), details, Json.str(err, "fbtrace_id"));
    return WhatsAppApiException.from(e, retryAfter);
  }

  /** Whether an error body is a Graph API error with a numeric code (Meta's own answer, not a proxy's page). */
  private static boolean hasGraphErrorCode(String body) {
    try {
      return Json.lng(Json.obj(Json.readObject(body), "error"), "code") != null;
    } catch (SerializationException e) {
      return false;
    }
  }

  private String currentToken() {
    String t = token.get();
    if (t == null || t.isBlank()) {
      throw new WhatsAppClientException("the access token supplier returned no token");
    }
    return t.strip();
  }

  private static String readBody(Response response) throws IOException {
    ResponseBody b = response.body();
    return b == null ? "" : b.string();
  }

  /** Most bytes read from an error answer: a Graph error body is well under 1 KB; a proxy's page is not. */
  public static final int ERROR_BODY_MAX_BYTES = 64 * 1024;

  /**
   * Reads at most {@link #ERROR_BODY_MAX_BYTES} of an error answer, so a misbehaving server or proxy cannot
   * make the client buffer an unbounded body. A longer body is cut (and then classified as unreadable unless
   * its JSON ends within the limit).
   */
  static String readErrorBody(Response response) throws IOException {
    ResponseBody b = response.body();
    if (b == null) {
      return "";
    }
    okio.BufferedSource source = b.source();
    source.request(ERROR_BODY_MAX_BYTES + 1L);
    okio.Buffer buffer = source.getBuffer();
    long n = Math.min(buffer.size(), ERROR_BODY_MAX_BYTES);
    return buffer.readUtf8(n);
  }


  /** Whether a call reached the network and whether its body was fully written. */
  static final class SendTracker {
    volatile boolean connected;
    volatile boolean bodyWritten;
  }

  /** Marks the body written once OkHttp has written it; one-shot so OkHttp never silently resends it. */
  static final class TrackingBody extends okhttp3.RequestBody {
    private final okhttp3.RequestBody delegate;
    private final SendTracker tracker;

    TrackingBody(okhttp3.RequestBody delegate, SendTracker tracker) {
      this.delegate = delegate;
      this.tracker = tracker;
    }

    @Override
    public okhttp3.MediaType contentType() {
      return delegate.contentType();
    }

    @Override
    public long contentLength() throws IOException {
      return delegate.contentLength();
    }

    @Override
    public boolean isOneShot() {
      return true;
    }

    @Override
    public void writeTo(okio.BufferedSink sink) throws IOException {
      tracker.connected = true;
      delegate.writeTo(sink);
      tracker.bodyWritten = true;
    }
  }
}
