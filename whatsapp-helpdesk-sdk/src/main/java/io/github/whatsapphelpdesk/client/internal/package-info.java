/**
 * Implementation of the client (OkHttp transport, Moshi JSON, validation). Not API: may change in any
 * release. {@link io.github.whatsapphelpdesk.client.internal.OkHttpTransports} is the one class meant
 * for applications, to share an {@code OkHttpClient}.
 */
package io.github.whatsapphelpdesk.client.internal;
