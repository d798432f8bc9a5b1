package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.http.Sleeper;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.ratelimit.Acquisition;
import io.github.whatsapphelpdesk.ratelimit.OutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ServerSocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Shared test helpers: a fast MockWebServer, a recording sleeper and limiter, fixtures. */
final class ClientTestSupport {
  static final String TOKEN = "test-token-123";
  static final String PHONE_ID = "1234567890";
  static final String WABA_ID = "9876543210";

  private ClientTestSupport() {}

  /** A MockWebServer whose sockets set TCP_NODELAY (otherwise each round trip takes ~44 ms). */
  static MockWebServer server() {
    MockWebServer s = new MockWebServer();
    s.setServerSocketFactory(new NoDelayServerSocketFactory());
    try {
      s.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }

  static WhatsAppClient.Builder builder(MockWebServer server, RecordingSleeper sleeper) {
    return WhatsAppClient.builder()
        .accessToken(() -> TOKEN)
        .phoneNumberId(PHONE_ID)
        .wabaId(WABA_ID)
        .baseUrl(server.url("/").toString())
        .clock(MutableClock.create())
        .sleeper(sleeper)
        .retryPolicy(RetryPolicy.builder().jitter(0).build())
        .readTimeout(Duration.ofSeconds(5));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse ok(String body) {
    return json(200, body);
  }

  static String sendOk(String input, String waId) {
    return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + input + "\",\"wa_id\":\"" + waId
        + "\"}],\"messages\":[{\"id\":\"wamid.OK1\"}]}";
  }

  static String error(int code, String message) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
        + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"d-" + code
        + "\"},\"fbtrace_id\":\"TRACE" + code + "\"}}";
  }

  static String fixture(String path) {
    try (InputStream in = ClientTestSupport.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> body(RecordedRequest r) {
    return Json.readObject(r.getBody().utf8());
  }

  /** Records every wait instead of sleeping. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
      sleeps.add(duration);
    }
  }

  /** Records every limiter call. */
  static class RecordingLimiter implements OutboundLimiter {
    final List<OutboundRequest> acquired = new CopyOnWriteArrayList<>();
    final List<OutboundRequest> succeeded = new CopyOnWriteArrayList<>();
    final List<String> rateLimited = new CopyOnWriteArrayList<>();
    /** The wire guard's calls in order: {@code dispatch:<waId>:<granted|refused>} and {@code written:<waId>}. */
    final List<String> wire = new CopyOnWriteArrayList<>();
    /** The instances passed to tryDispatch and onWritten, in order. */
    final List<OutboundRequest> wireRequests = new CopyOnWriteArrayList<>();
    /** How many of the next tryDispatch calls to refuse, each with a 7 ms wait. */
    final java.util.concurrent.atomic.AtomicInteger refuseDispatches = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void acquire(OutboundRequest request, Duration timeout) {
      acquired.add(request);
    }

    @Override
    public Duration tryDispatch(OutboundRequest request) {
      wireRequests.add(request);
      if (refuseDispatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        wire.add("dispatch:" + request.recipientKey() + ":refused");
        return Duration.ofMillis(7);
      }
      wire.add("dispatch:" + request.recipientKey() + ":granted");
      return Duration.ZERO;
    }

    @Override
    public void onWritten(OutboundRequest request) {
      wireRequests.add(request);
      wire.add("written:" + request.recipientKey());
    }

    @Override
    public Acquisition tryAcquire(OutboundRequest request) {
      acquired.add(request);
      return Acquisition.ACQUIRED;
    }

    @Override
    public CompletableFuture<Void> acquireAsync(OutboundRequest request, Duration timeout) {
      acquired.add(request);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onRateLimited(OutboundRequest request, int errorCode, Duration retryAfter) {
      rateLimited.add(request.recipientKey() + ":" + errorCode + ":" + retryAfter);
    }

    @Override
    public void onSuccess(OutboundRequest request) {
      succeeded.add(request);
    }
  }

  /** Server sockets whose accepted sockets set TCP_NODELAY. */
  static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      ServerSocket s = new NoDelayServerSocket();
      s.bind(new java.net.InetSocketAddress(port));
      return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      ServerSocket s = new NoDelayServerSocket();
      s.bind(new java.net.InetSocketAddress(port), backlog);
      return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress addr) throws IOException {
      ServerSocket s = new NoDelayServerSocket();
      s.bind(new java.net.InetSocketAddress(addr, port), backlog);
      return s;
    }
  }

  static final class NoDelayServerSocket extends ServerSocket {
    NoDelayServerSocket() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      Socket s = super.accept();
      s.setTcpNoDelay(true);
      return s;
    }
  }
}
