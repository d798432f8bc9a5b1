package io.github.whatsapphelpdesk.client.internal;

import io.github.whatsapphelpdesk.client.HttpTransport;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * Creates {@link HttpTransport} handles backed by OkHttp. This is the one place where an application
 * hands the SDK its own {@code OkHttpClient}; everything else in the public API stays free of OkHttp
 * types. Not part of the stable API.
 */
public final class OkHttpTransports {
  private OkHttpTransports() {}

  /**
   * Wraps an application-owned client: its connection pool and dispatcher are shared (the SDK derives
   * per-client settings with {@code newBuilder()}); closing the transport never shuts it down.
   */
  public static HttpTransport shared(OkHttpClient client) {
    return new OkHttpTransport(client, false);
  }

  /** A transport with its own pool and dispatcher, shut down by {@link HttpTransport#close()}. */
  public static HttpTransport create() {
    return new OkHttpTransport(new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .build(), true);
  }

  /** The OkHttp client behind a transport made here. */
  public static OkHttpClient okHttpClient(HttpTransport transport) {
    if (transport instanceof OkHttpTransport t) {
      return t.client();
    }
    throw new IllegalArgumentException("unsupported HttpTransport " + transport.getClass().getName()
        + "; create one with OkHttpTransports");
  }

  static final class OkHttpTransport implements HttpTransport {
    private final OkHttpClient client;
    private final boolean owned;

    OkHttpTransport(OkHttpClient client, boolean owned) {
      this.client = java.util.Objects.requireNonNull(client, "client");
      this.owned = owned;
    }

    OkHttpClient client() {
      return client;
    }

    @Override
    public void close() {
      if (owned) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    }

    @Override
    public String toString() {
      return "OkHttpTransport[owned=" + owned + "]";
    }
  }
}
