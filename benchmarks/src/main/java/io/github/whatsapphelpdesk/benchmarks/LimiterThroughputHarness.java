package io.github.whatsapphelpdesk.benchmarks;

import io.github.whatsapphelpdesk.ratelimit.Acquisition;
import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.LimiterConfig;
import io.github.whatsapphelpdesk.ratelimit.OutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Timed harness: senders limited at {@code mps} (default 1,000) POST Cloud-API-shaped sends to a
 * {@link MiniHttpServer} on loopback for {@code seconds} (default 10) after a 2 s warm-up, with more
 * callers than needed so the limiter, not the senders, sets the pace. Reports the achieved rate as a
 * ratio of the configured one and the busiest sliding 1-second window, both at the limiter's grant and
 * at the server's arrival. The {@link Sender} is pluggable; by default it is a raw OkHttp POST.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.whatsapphelpdesk.benchmarks.LimiterThroughputHarness [mps] [seconds] [callers] [noop|try|noop-try]}
 */
public final class LimiterThroughputHarness {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String PHONE_NUMBER_ID = "106540352242922";

  private LimiterThroughputHarness() {}

  public static void main(String[] args) throws Exception {
    int mps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int callers = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    String mode = args.length > 3 ? args[3] : "";
    boolean noop = mode.contains("noop");
    boolean useTry = mode.contains("try");
    try (MiniHttpServer server = new MiniHttpServer();
        DefaultOutboundLimiter limiter = DefaultOutboundLimiter.builder()
            .config(LimiterConfig.builder().throughputMps(mps).build()).build()) {
      OkHttpClient http = okHttp(callers);
      String url = "http://127.0.0.1:" + server.port() + "/v24.0/" + PHONE_NUMBER_ID + "/messages";
      Sender sender = request -> {
        String body = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\""
            + request.recipientWaId() + "\",\"type\":\"text\",\"text\":{\"body\":\"load test\"}}";
        Request r = new Request.Builder().url(url).header("Authorization", "Bearer test-token")
            .post(RequestBody.create(body, JSON)).build();
        try (Response resp = http.newCall(r).execute()) {
          if (resp.code() != 200) {
            throw new IllegalStateException("HTTP " + resp.code());
          }
          resp.body().bytes();
        }
      };
      Result res = run(limiter, noop ? request -> { } : sender, server, mps, seconds, callers, useTry);
      System.out.println("sender: " + (noop ? "no-op (limiter alone)" : "OkHttp POST") + ", acquire mode: "
          + (useTry ? "tryAcquire + parkNanos(wait)" : "blocking acquire"));
      res.print(mps, seconds, callers, server.connections.get());
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  static OkHttpClient okHttp(int callers) {
    Dispatcher d = new Dispatcher();
    d.setMaxRequests(callers * 2);
    d.setMaxRequestsPerHost(callers * 2);
    return new OkHttpClient.Builder().dispatcher(d)
        .connectionPool(new ConnectionPool(callers * 2, 5, TimeUnit.MINUTES)).build();
  }

  /** Grant and arrival timestamps of one run. */
  record Result(List<Long> grants, Collection<Long> arrivals, long errors) {
    void print(int mps, int seconds, int callers, long connections) {
      double rate = grants.size() / (double) seconds;
      System.out.printf("configured=%d mps, measured %d s, callers=%d, connections=%d, errors=%d%n", mps, seconds,
          callers, connections, errors);
      System.out.printf("grants=%d (%.1f/s, ratio %.4f of configured); server arrivals=%d (ratio %.4f)%n",
          grants.size(), rate, rate / mps, arrivals.size(), arrivals.size() / (double) seconds / mps);
      System.out.printf("busiest sliding 1 s window: grants=%d (ratio %.4f), arrivals=%d (ratio %.4f)%n",
          maxSliding(grants), maxSliding(grants) / (double) mps, maxSliding(arrivals),
          maxSliding(arrivals) / (double) mps);
    }
  }

  static Result run(OutboundLimiter limiter, Sender sender, MiniHttpServer server, int mps, int seconds,
      int callers, boolean useTry) throws InterruptedException {
    ConcurrentLinkedQueue<Long> grants = new ConcurrentLinkedQueue<>();
    AtomicLong errors = new AtomicLong();
    AtomicInteger seq = new AtomicInteger();
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(2);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      Thread t = new Thread(() -> {
        while (true) {
          // distinct recipients: only the number's throughput limits
          int k = seq.getAndIncrement();
          OutboundRequest req = new OutboundRequest(PHONE_NUMBER_ID, "49" + (1_500_000_000L + k), Priority.BULK, false);
          try {
            if (useTry) {
              Acquisition a;
              while (!(a = limiter.tryAcquire(req)).acquired()) {
                LockSupport.parkNanos(a.waitTime().toNanos());
              }
            } else {
              limiter.acquire(req, Duration.ofSeconds(5));
            }
          } catch (RuntimeException e) {
            errors.incrementAndGet();
            continue;
          }
          long now = System.nanoTime();
          if (now >= end) {
            return;
          }
          if (now >= measureFrom) {
            grants.add(now);
          }
          try {
            sender.send(req);
            limiter.onSuccess(req);
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        }
      }, "sender-" + c);
      threads.add(t);
    }
    for (Thread t : threads) {
      t.start();
    }
    while (System.nanoTime() < measureFrom) {
      Thread.sleep(10);
    }
    server.recording(true);
    for (Thread t : threads) {
      t.join();
    }
    server.recording(false);
    List<Long> g = new ArrayList<>(grants);
    g.sort(null);
    List<Long> a = new ArrayList<>(server.arrivals);
    a.removeIf(x -> x >= end);
    a.sort(null);
    return new Result(g, a, errors.get());
  }

  static int maxSliding(Collection<Long> sortedNanos) {
    List<Long> t = new ArrayList<>(sortedNanos);
    int max = 0;
    int lo = 0;
    for (int hi = 0; hi < t.size(); hi++) {
      while (t.get(hi) - t.get(lo) >= 1_000_000_000L) {
        lo++;
      }
      max = Math.max(max, hi - lo + 1);
    }
    return max;
  }
}
