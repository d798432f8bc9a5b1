package io.github.whatsapphelpdesk.client;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Opens {@link ClientTestSupport} to tests in other packages (templates, bridge). */
public final class ClientTestAccess {
  private ClientTestAccess() {}

  /** A started MockWebServer whose sockets set TCP_NODELAY. */
  public static MockWebServer server() {
    return ClientTestSupport.server();
  }

  /** A client against {@code server} with a fake clock, no sleeping and jitter-free retries. */
  public static WhatsAppClient client(MockWebServer server) {
    return ClientTestSupport.builder(server, new ClientTestSupport.RecordingSleeper()).build();
  }

  /** A JSON answer. */
  public static MockResponse json(int code, String body) {
    return ClientTestSupport.json(code, body);
  }

  /** A Cloud API error body with this code. */
  public static String error(int code, String message) {
    return ClientTestSupport.error(code, message);
  }

  /** A send answer. */
  public static String sendOk(String input, String waId) {
    return ClientTestSupport.sendOk(input, waId);
  }

  /** A fixture under {@code src/test/resources/fixtures/}. */
  public static String fixture(String path) {
    return ClientTestSupport.fixture(path);
  }
}
