package io.github.whatsapphelpdesk.zendesk.internal;

import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.error.SerializationException;
import io.github.whatsapphelpdesk.http.RetryAfter;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.http.internal.RetryLoop.Step;
import io.github.whatsapphelpdesk.http.internal.RetryLoop;
import io.github.whatsapphelpdesk.zendesk.AttachmentTooLargeException;
import io.github.whatsapphelpdesk.zendesk.ZendeskConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes Zendesk calls through the shared {@link RetryLoop}: local rate limits (Bucket4j), the auth
 * header, one retry after a 401 with a fresh OAuth token, bounded waits on 429 {@code Retry-After} (the
 * shared {@link RetryAfter} parser), and error mapping. Thread-safe.
 */
public final class ZendeskHttp {
  private static final Logger LOG = LoggerFactory.getLogger(ZendeskHttp.class);
  /** JSON media type. */
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** A Zendesk answer: status, the headers the adapter reads, and the parsed body. */
  public record Answer(int status, Map<String, Object> body, String idempotencyLookup, String location) {}

  private final ZendeskConfig config;
  private final OkHttpClient http;
  private final TokenManager tokens;
  private final RateLimits limits;

  public ZendeskHttp(ZendeskConfig config, OkHttpClient http, TokenManager tokens, RateLimits limits) {
    this.config = config;
    this.http = http;
    this.tokens = tokens;
    this.limits = limits;
  }

  /** The rate limits in use. */
  public RateLimits limits() {
    return limits;
  }

  /** A JSON body. */
  public static RequestBody json(Object value) {
    return RequestBody.create(Json.writeWithNulls(value), JSON);
  }

  /** A request builder for a path under the base URL. */
  public Request.Builder request(String pathAndQuery) {
    return new Request.Builder().url(config.baseUrl() + pathAndQuery);
  }

  /**
   * Sends the request; returns 2xx answers and answers whose status is in {@code passThrough}; throws
   * the mapped exception otherwise.
   *
   * @param updateOfTicket the ticket id when this call updates a ticket (per-ticket limits), else null
   */
  public Answer send(String what, Request request, String updateOfTicket, int... passThrough) {
    RetryLoop loop = new RetryLoop(config.sleeper(), config.limits().maxRateLimitRetries() + 1,
        config.limits().maxRetryWait());
    boolean[] authRetried = {false};
    return loop.run(attempt -> {
      Duration wait = limits.tryAcquire(updateOfTicket);
      if (!wait.isZero()) {
        return Step.retry(wait, new HelpdeskRateLimitedException(ZendeskErrors.ID, 0,
            what + " held by the local rate limit", wait));
      }
      String auth = tokens.authorization();
      Request signed = request.newBuilder().header("Authorization", auth).build();
      try (Response response = http.newCall(signed).execute()) {
        int status = response.code();
        observeBudget(response);
        String text = response.body().string();
        if (status == 401 && !authRetried[0] && tokens.invalidate(auth)) {
          authRetried[0] = true;
          LOG.debug("Zendesk {} got 401; retrying once with a fresh token", what);
          return Step.again();
        }
        boolean ok = response.isSuccessful() || contains(passThrough, status);
        Map<String, Object> body = ok ? parse(text) : Json.readObjectLenient(text);
        if (status == 429) {
          // A 429 carries Retry-After in seconds
          // (https://developer.zendesk.com/api-reference/introduction/rate-limits/); without one, wait a
          // minute, the length of Zendesk's rate-limit window.
          Duration retryAfter = retryAfter(response).orElse(Duration.ofSeconds(60));
          return Step.retry(retryAfter, new HelpdeskRateLimitedException(ZendeskErrors.ID, 429,
              what + " rate limited by Zendesk", retryAfter));
        }
        if (ok) {
          return Step.done(new Answer(status, body, response.header("x-idempotency-lookup"),
              response.header("Location")));
        }
        throw ZendeskErrors.map(what, status, body, null);
      } catch (IOException e) {
        throw new HelpdeskUnavailableException(ZendeskErrors.ID, 0, what + " failed: " + e.getClass().getSimpleName(), e);
      }
    });
  }

  /**
   * Parses a Zendesk JSON object answer; a blank body is an empty object.
   *
   * @throws HelpdeskUnavailableException when the text is not a JSON object
   */
  public static Map<String, Object> parse(String text) {
    try {
      return Json.readObjectOrEmpty(text);
    } catch (SerializationException e) {
      throw new HelpdeskUnavailableException(ZendeskErrors.ID, 0, "unparseable JSON from Zendesk", e);
    }
  }

  /**
   * Streams an absolute URL (attachment content) into {@code out} with the adapter's credentials,
   * refusing more than {@link ZendeskConfig#maxDownloadBytes()}: up front when {@code declaredSize} or the
   * answer's {@code Content-Length} says so, else as soon as the stream passes the limit.
   *
   * @param declaredSize the size the comment declared, or -1 when unknown
   * @throws AttachmentTooLargeException when the file is over the limit
   */
  public void download(String url, String filename, long declaredSize, OutputStream out) {
    long limit = config.maxDownloadBytes();
    if (declaredSize > limit) {
      throw new AttachmentTooLargeException(filename, limit, declaredSize);
    }
    okhttp3.HttpUrl parsed = okhttp3.HttpUrl.parse(url);
    if (parsed == null) {
      throw new HelpdeskException(ZendeskErrors.ID, 0, "attachment download: not an http(s) URL");
    }
    Request.Builder b = new Request.Builder().url(parsed);
    okhttp3.HttpUrl base = okhttp3.HttpUrl.get(config.baseUrl().toString());
    // Credentials only to the account's own origin (scheme, host and port): never to a CDN or elsewhere.
    if (parsed.scheme().equals(base.scheme()) && parsed.host().equalsIgnoreCase(base.host())
        && parsed.port() == base.port()) {
      b.header("Authorization", tokens.authorization());
    }
    try (Response response = http.newCall(b.build()).execute()) {
      if (!response.isSuccessful()) {
        throw ZendeskErrors.map("attachment download", response.code(), Map.of(), retryAfter(response).orElse(null));
      }
      long length = response.body().contentLength();
      if (length > limit) {
        throw new AttachmentTooLargeException(filename, limit, length);
      }
      try (InputStream in = response.body().byteStream()) {
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
          total += n;
          if (total > limit) {
            throw new AttachmentTooLargeException(filename, limit, -1);
          }
          out.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      throw new HelpdeskUnavailableException(ZendeskErrors.ID, 0, "attachment download failed", e);
    }
  }

  /**
   * Reads the account's remaining budget. Every Ticketing API response carries {@code X-Rate-Limit} and
   * {@code X-Rate-Limit-Remaining}; list endpoints add {@code ratelimit-limit}, {@code ratelimit-remaining}
   * and {@code ratelimit-reset} (seconds)
   * (https://developer.zendesk.com/documentation/api-basics/best-practices/best-practices-for-avoiding-rate-limiting).
   * Endpoint limits are not reflected in these headers, so a 429 can still come while they look healthy.
   */
  private void observeBudget(Response response) {
    long remaining = header(response, "ratelimit-remaining", "X-Rate-Limit-Remaining");
    if (remaining < 0) {
      return;
    }
    limits.observeBudget(header(response, "ratelimit-limit", "X-Rate-Limit"), remaining,
        header(response, "ratelimit-reset", null));
  }

  private static long header(Response response, String name, String fallback) {
    String v = response.header(name);
    if (v == null && fallback != null) {
      v = response.header(fallback);
    }
    if (v == null) {
      return -1;
    }
    try {
      return Math.max(0, Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Optional<Duration> retryAfter(Response response) {
    return RetryAfter.parse(response.header("Retry-After"), config.clock());
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
