package io.github.whatsapphelpdesk.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A framework-neutral incoming HTTP request: method, path, query parameters, headers and the raw body
 * bytes, exactly as received. Webhook handlers (Meta's, and the helpdesks' agent-reply webhooks) take
 * it, so the SDK can be mounted in the JDK {@code HttpServer}, a Servlet container or any framework.
 *
 * <p>Header names are case-insensitive. Immutable; the body array is copied in and out.
 */
public final class WebhookRequest {
  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private WebhookRequest(Builder b) {
    this.method = Objects.requireNonNull(b.method, "method").toUpperCase(Locale.ROOT);
    this.path = b.path == null ? "/" : b.path;
    this.query = freeze(b.query, false);
    this.headers = freeze(b.headers, true);
    this.body = b.body == null ? new byte[0] : b.body.clone();
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> in, boolean caseInsensitive) {
    Map<String, List<String>> out = caseInsensitive
        ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new TreeMap<>();
    in.forEach((k, v) -> out.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    out.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(out);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** The request path, without the query string. */
  public String path() {
    return path;
  }

  /** Every query parameter, decoded. */
  public Map<String, List<String>> query() {
    return query;
  }

  /** The first value of a query parameter. */
  public Optional<String> queryParam(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** Every header; lookups on the returned map are case-insensitive. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, looked up case-insensitively. */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** A copy of the raw body bytes. */
  public byte[] body() {
    return body.clone();
  }

  /** The body length in bytes, without copying it. */
  public int bodyLength() {
    return body.length;
  }

  /** The body decoded as UTF-8 (for logging-free inspection; do not use it for signatures). */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    // Never print headers (they carry credentials) or the body (customer data).
    return "WebhookRequest[" + method + " " + path + ", " + body.length + " body bytes]";
  }

  /** Builds a {@link WebhookRequest}. Not thread-safe. */
  public static final class Builder {
    private String method = "POST";
    private String path = "/";
    private final Map<String, List<String>> query = new TreeMap<>();
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body;

    private Builder() {}

    /** The HTTP method (default POST). */
    public Builder method(String method) {
      this.method = method;
      return this;
    }

    /** The path without the query string. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Adds a decoded query parameter value. */
    public Builder queryParam(String name, String value) {
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Adds every query parameter of a map. */
    public Builder query(Map<String, List<String>> params) {
      params.forEach((k, v) -> query.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      return this;
    }

    /** Adds a header value. */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Adds every header of a map. */
    public Builder headers(Map<String, List<String>> values) {
      values.forEach((k, v) -> {
        if (k != null) {
          headers.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v);
        }
      });
      return this;
    }

    /** The raw body bytes, exactly as received. */
    public Builder body(byte[] body) {
      this.body = body;
      return this;
    }

    /** Builds the request. */
    public WebhookRequest build() {
      return new WebhookRequest(this);
    }
  }
}
