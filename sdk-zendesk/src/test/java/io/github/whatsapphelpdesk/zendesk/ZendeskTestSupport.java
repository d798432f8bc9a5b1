package io.github.whatsapphelpdesk.zendesk;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import io.github.whatsapphelpdesk.zendesk.fake.FakeZendesk;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer (TCP_NODELAY) backed by a {@link FakeZendesk}, a fake clock and a recording sleeper. */
final class ZendeskTestSupport implements AutoCloseable {
  static final String SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

  final MutableClock clock = MutableClock.create();
  final FakeZendesk fake = new FakeZendesk(clock);
  final MockWebServer server = new MockWebServer();
  final List<Duration> sleeps = new ArrayList<>();

  ZendeskTestSupport() {
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(fake);
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    fake.baseUrl(server.url("/").toString());
  }

  /** A config against the fake: client-credentials OAuth, the test secret, a sleeper that advances the clock. */
  ZendeskConfig.Builder config() {
    return ZendeskConfig.builder().baseUrl(server.url("/").toString())
        .auth(ZendeskAuth.clientCredentials(FakeZendesk.CLIENT_ID, FakeZendesk.CLIENT_SECRET, "read write"))
        .addWebhookSecret(SECRET)
        .clock(clock)
        .sleeper(d -> {
          sleeps.add(d);
          clock.advance(d);
        });
  }

  /** Every request recorded so far, in order. */
  List<RecordedRequest> drain() {
    List<RecordedRequest> out = new ArrayList<>();
    try {
      RecordedRequest r;
      while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
        out.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /** Recorded requests with this method and path (no query). */
  List<RecordedRequest> drain(String method, String path) {
    return drain().stream().filter(r -> r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path))
        .toList();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Sets TCP_NODELAY on accepted sockets (MockWebServer is slow without it). */
  static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket s = super.accept();
          s.setTcpNoDelay(true);
          return s;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      return createServerSocket(port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      return createServerSocket(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
      ServerSocket s = createServerSocket();
      s.bind(new java.net.InetSocketAddress(ifAddress, port), backlog);
      return s;
    }
  }
}
