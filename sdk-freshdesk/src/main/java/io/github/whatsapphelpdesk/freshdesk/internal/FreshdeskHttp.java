package io.github.whatsapphelpdesk.freshdesk.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.freshdesk.FreshdeskConfig;
import io.github.whatsapphelpdesk.http.RetryAfter;
import io.github.whatsapphelpdesk.http.internal.RetryLoop.Step;
import io.github.whatsapphelpdesk.http.internal.RetryLoop;
import io.github.whatsapphelpdesk.spi.Attachment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Freshdesk API v2 transport: basic auth ({@code apikey:X}), client-side pacing (Bucket4j), bounded
 * 429 retries through the shared {@link RetryLoop} honouring {@code Retry-After} (the shared {@link
 * RetryAfter} parser), error mapping and {@code link}-header pagination. Thread-safe.
 */
public final class FreshdeskHttp {
  private static final Logger LOG = LoggerFactory.getLogger(FreshdeskHttp.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  private static final int MAX_PAGES = 50;

  private final String adapterId;
  private final FreshdeskConfig config;
  private final OkHttpClient client;
  private final HttpUrl base;
  private final String authorization;
  private final Moshi moshi;
  private final JsonAdapter<Object> anyJson;
  private final ErrorMapper errors;
  private final RatePacer pacer;

  public FreshdeskHttp(String adapterId, FreshdeskConfig config, Moshi moshi) {
    this.adapterId = adapterId;
    this.config = config;
    this.moshi = moshi;
    this.anyJson = moshi.adapter(Object.class);
    this.base = HttpUrl.get(config.baseUrl());
    this.authorization = Credentials.basic(config.apiKey(), "X");
    this.client = new OkHttpClient.Builder()
        .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .followRedirects(false)
        .build();
    this.errors = new ErrorMapper(adapterId, moshi);
    this.pacer = new RatePacer(adapterId, config.rateLimits(), config.clock(), config.sleeper(),
        config.maxRateLimitWait());
  }

  /** The pacer (for tests and metrics). */
  public RatePacer pacer() {
    return pacer;
  }

  /** An absolute URL for an API path with query parameters (values are encoded). */
  public HttpUrl url(String path, Map<String, String> query) {
    HttpUrl.Builder b = base.newBuilder().encodedPath(path);
    query.forEach(b::addQueryParameter);
    return b.build();
  }

  /** Sends a JSON request and decodes the answer as {@code type}; {@code body} may be null. */
  public <T> T json(String method, HttpUrl url, Object body, EndpointClass cls, Type type, String what) {
    RequestBody rb = body == null ? null : RequestBody.create(anyJson.toJson(body), JSON);
    return decode(execute(method, url, () -> rb, cls, what).body, type, what);
  }

  /** Sends a multipart request: text fields (repeated names allowed) and {@code attachments[]}. */
  public <T> T multipart(String method, HttpUrl url, List<Map.Entry<String, String>> fields,
      List<Attachment> files, EndpointClass cls, Type type, String what) {
    return decode(execute(method, url, () -> {
      MultipartBody.Builder mb = new MultipartBody.Builder().setType(MultipartBody.FORM);
      for (Map.Entry<String, String> f : fields) {
        mb.addFormDataPart(f.getKey(), f.getValue());
      }
      for (Attachment a : files) {
        mb.addFormDataPart("attachments[]", a.filename(), new StreamBody(a));
      }
      return mb.build();
    }, cls, what).body, type, what);
  }

  /** GETs every page of a list, following the {@code link: <...>; rel="next"} header. */
  public <T> List<T> allPages(HttpUrl first, EndpointClass cls, Class<T> itemType, String what) {
    Type listType = Types.newParameterizedType(List.class, itemType);
    List<T> all = new ArrayList<>();
    HttpUrl next = first;
    for (int page = 0; next != null && page < MAX_PAGES; page++) {
      Answer a = execute("GET", next, () -> null, cls, what);
      List<T> items = decode(a.body, listType, what);
      if (items != null) {
        all.addAll(items);
      }
      next = nextLink(a.link);
    }
    return all;
  }

  private HttpUrl nextLink(String link) {
    if (link == null) {
      return null;
    }
    Matcher m = NEXT_LINK.matcher(link);
    if (!m.find()) {
      return null;
    }
    HttpUrl u = base.resolve(m.group(1));
    // Never send the API key to another host, whatever a link header says.
    return u != null && u.host().equals(base.host()) && u.port() == base.port() ? u : null;
  }

  /** Streams a file into {@code out}; the API key is sent only to the Freshdesk host itself. */
  public void download(String url, OutputStream out, String what) {
    HttpUrl u = HttpUrl.parse(url);
    if (u == null) {
      throw new HelpdeskException(adapterId, 0, what + ": not an http(s) URL");
    }
    Request.Builder rb = new Request.Builder().url(u).get();
    if (u.host().equals(base.host()) && u.port() == base.port()) {
      rb.header("Authorization", authorization);
    }
    pacer.acquire(EndpointClass.OTHER);
    try (Response r = client.newCall(rb.build()).execute()) {
      if (!r.isSuccessful()) {
        throw errors.map(r.code(), r.body().string(), retryAfter(r), what);
      }
      try (InputStream in = r.body().byteStream()) {
        in.transferTo(out);
      }
    } catch (IOException e) {
      throw new HelpdeskUnavailableException(adapterId, 0, what + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private <T> T decode(String body, Type type, String what) {
    if (type == Void.class || body == null || body.isEmpty()) {
      return null;
    }
    try {
      JsonAdapter<T> adapter = moshi.adapter(type);
      return adapter.fromJson(body);
    } catch (IOException | RuntimeException e) {
      throw new HelpdeskException(adapterId, 0, what + ": unreadable answer (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private record Answer(String body, String link) {}

  /** Creates a request body; called again for every attempt so streams are reopened. */
  private interface BodyFactory {
    RequestBody create();
  }

  private Answer execute(String method, HttpUrl url, BodyFactory bodies, EndpointClass cls, String what) {
    RetryLoop loop = new RetryLoop(config.sleeper(), config.maxRateLimitRetries() + 1, config.maxRateLimitWait());
    return loop.run(attempt -> {
      pacer.acquire(cls);
      Request request = new Request.Builder().url(url).header("Authorization", authorization)
          .method(method, bodies.create()).build();
      try (Response r = client.newCall(request).execute()) {
        pacer.observe(intHeader(r, "X-RateLimit-Total"), intHeader(r, "X-RateLimit-Remaining"));
        ResponseBody rb = r.body();
        String text = rb.string();
        if (r.isSuccessful()) {
          return Step.done(new Answer(text, r.header("link", r.header("Link"))));
        }
        Duration retryAfter = retryAfter(r);
        if (r.code() == 429) {
          // A 429 carries Retry-After in seconds (https://developers.freshdesk.com/api/#ratelimit);
          // without one, wait a minute, the length of Freshdesk's rate-limit window.
          Duration wait = retryAfter == null ? Duration.ofSeconds(60) : retryAfter;
          pacer.onRateLimited(wait);
          LOG.debug("Freshdesk {} rate limited; retry after {} ms when the budget allows", what, wait.toMillis());
          return Step.retry(wait,
              new HelpdeskRateLimitedException(adapterId, 429, what + ": rate limited by Freshdesk", wait));
        }
        throw errors.map(r.code(), text, retryAfter, what);
      } catch (IOException e) {
        throw new HelpdeskUnavailableException(adapterId, 0, what + ": " + e.getClass().getSimpleName(), e);
      }
    });
  }

  private static int intHeader(Response r, String name) {
    String v = r.header(name);
    if (v == null) {
      return -1;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Duration retryAfter(Response r) {
    return RetryAfter.parse(r.header("Retry-After"), config.clock()).orElse(null);
  }

  /** Closes the client's pool and dispatcher. */
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** A request body streaming an attachment; reopened on every write. */
  private static final class StreamBody extends RequestBody {
    private final Attachment attachment;

    StreamBody(Attachment attachment) {
      this.attachment = attachment;
    }

    @Override
    public MediaType contentType() {
      return MediaType.parse(attachment.mimeType());
    }

    @Override
    public long contentLength() {
      return attachment.sizeBytes();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try (InputStream in = attachment.data().open(); Source s = Okio.source(in)) {
        sink.writeAll(s);
      }
    }
  }
}
