/**
 * The WhatsApp Helpdesk SDK's core. Exports its public API packages only; the {@code .internal} packages
 * (OkHttp transport, JSON, Bucket4j glue, store engines) are not exported, except the HTTP helpers to the
 * SDK's own adapter and test-kit modules.
 */
module io.github.whatsapphelpdesk {
  requires okhttp3;
  requires okio;
  requires com.squareup.moshi;
  requires org.slf4j;
  requires io.github.bucket4j.core;
  requires com.nimbusds.jose.jwt;
  requires java.net.http;

  exports io.github.whatsapphelpdesk;
  exports io.github.whatsapphelpdesk.bridge;
  exports io.github.whatsapphelpdesk.client;
  exports io.github.whatsapphelpdesk.crm;
  exports io.github.whatsapphelpdesk.customer;
  exports io.github.whatsapphelpdesk.error;
  exports io.github.whatsapphelpdesk.http;
  exports io.github.whatsapphelpdesk.observe;
  exports io.github.whatsapphelpdesk.ratelimit;
  exports io.github.whatsapphelpdesk.session;
  exports io.github.whatsapphelpdesk.spi;
  exports io.github.whatsapphelpdesk.store;
  exports io.github.whatsapphelpdesk.template;
  exports io.github.whatsapphelpdesk.webhook;

  // Not API: shared with the SDK's own adapter and test-kit modules only (automatic modules named by their
  // Automatic-Module-Name), so they keep working on the module path.
  exports io.github.whatsapphelpdesk.http.internal to
      io.github.whatsapphelpdesk.testkit, io.github.whatsapphelpdesk.zendesk, io.github.whatsapphelpdesk.freshdesk;

  uses io.github.whatsapphelpdesk.spi.HelpdeskAdapterProvider;
}
