package io.github.whatsapphelpdesk.client;

/**
 * An opaque handle to the HTTP machinery (connection pool, dispatcher) that several
 * {@link WhatsAppClient}s may share, for example one client per business phone number.
 *
 * <p>Create one with {@code io.github.whatsapphelpdesk.client.internal.OkHttpTransports}: {@code
 * create()} for a pool owned by the handle, or {@code shared(okHttpClient)} to reuse an application's
 * own {@code OkHttpClient} (which the SDK then never shuts down). A client built with a transport never
 * closes it; {@link #close()} releases what the transport itself created. Thread-safe.
 */
public interface HttpTransport extends AutoCloseable {

  /** Releases the resources this transport created (never those of a shared, caller-owned client). */
  @Override
  void close();
}
