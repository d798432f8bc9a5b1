package io.github.whatsapphelpdesk.benchmarks;

import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;

/** Sends one message once the limiter granted it; pluggable so the harness can drive any client. */
@FunctionalInterface
public interface Sender {
  void send(OutboundRequest request) throws Exception;
}
