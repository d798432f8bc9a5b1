package io.github.whatsapphelpdesk.benchmarks;

import java.io.IOException;
import java.util.Map;

/**
 * The local HTTP server of {@link LimiterThroughputHarness}: it answers Cloud API sends and records when
 * each request arrived ({@code System.nanoTime}, which on Linux is {@code CLOCK_MONOTONIC} and so comparable
 * across processes on one host).
 */
interface ArrivalServer extends AutoCloseable {
  int port();

  /** Starts or stops recording arrivals. */
  void recording(boolean on) throws IOException;

  /** The recorded arrival of each recipient (the body's {@code to}); read after {@code recording(false)}. */
  Map<String, Long> arrivalByRecipient() throws IOException;

  long connections() throws IOException;

  @Override
  void close() throws IOException;
}
