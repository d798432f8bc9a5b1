package io.github.whatsapphelpdesk.crm.internal;

import io.github.whatsapphelpdesk.crm.JwksSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** Fetches a JWK set over HTTP with the JDK client (GET only). Not API. */
public final class UrlJwksSource implements JwksSource {
  private static final int MAX_BYTES = 1 << 20;
  private final URI uri;
  private final Duration timeout;
  private final HttpClient client;

  public UrlJwksSource(URI uri, Duration timeout) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String fetch() {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
        .GET().build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException("JWKS endpoint answered HTTP " + response.statusCode());
      }
      if (response.body().length > MAX_BYTES) {
        throw new IOException("JWKS document is larger than " + MAX_BYTES + " bytes");
      }
      return new String(response.body(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not fetch the JWKS from " + uri.getHost(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while fetching the JWKS", e));
    }
  }
}
