package io.github.whatsapphelpdesk.benchmarks;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.client.HttpTransport;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.RetryPolicy;
import io.github.whatsapphelpdesk.client.SendResult;
import io.github.whatsapphelpdesk.client.WhatsAppAsyncClient;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.client.internal.OkHttpTransports;
import io.github.whatsapphelpdesk.ratelimit.Acquisition;
import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.LimiterConfig;
import io.github.whatsapphelpdesk.ratelimit.OutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Timed harness: the real {@link WhatsAppClient} (its own {@link DefaultOutboundLimiter} set to
 * {@code mps}, default 1,000) sends Cloud API text messages to a {@link MiniHttpServer} on loopback for
 * {@code seconds} (default 10) after a 2 s warm-up. Every message goes to a distinct recipient, so only
 * the number's throughput limits. More demand than the rate is offered, so the limiter sets the pace.
 * The client's OkHttp connection pool and dispatcher are sized to the concurrency through the
 * {@link HttpTransport} seam ({@link OkHttpTransports#shared}).
 *
 * <p>Modes: {@code sync} ({@code callers} threads each calling {@code messages().send}) or {@code async}
 * ({@link WhatsAppAsyncClient#send} with a backlog of {@code 4 × callers} outstanding sends that wait for
 * the limiter without threads, HTTP on an executor of {@code callers} threads).
 *
 * <p>Reports the sustained rate at the server as a ratio of the configured one, the busiest sliding
 * 1-second window at the limiter's grants, at the client's dispatches (the wire guard, {@link
 * OutboundLimiter#tryDispatch}) and at the server's arrivals (recorded when the request line is read),
 * and the busiest aligned second at the server. It matches each request's dispatch, its write ({@link
 * OutboundLimiter#onWritten}) and its arrival by recipient and reports the delay quantiles from dispatch
 * and from write to arrival. A last {@code SUMMARY} line holds the figures in one row; {@code
 * -Dharness.debug=true} also prints every request that arrived more than 2 ms after its write.
 *
 * <p>Server modes ({@link #server}): {@code fork} (default) runs the server in a child JVM, so the
 * client's threads and GC pauses do not delay its arrival stamps (Meta's edge shares neither with the
 * sender); {@code fork-rt} also gives it real-time priority ({@code chrt}, root or CAP_SYS_NICE), which
 * takes the server's own scheduling delay out of the stamps; {@code inproc} keeps it in this JVM.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.whatsapphelpdesk.benchmarks.LimiterThroughputHarness [mps] [seconds] [callers] [sync|async] [throughputMarginMillis] [fork|fork-rt|fork-nice|inproc]}
 * (margin default {@link LimiterConfig#DEFAULT_THROUGHPUT_MARGIN}).
 */
public final class LimiterThroughputHarness {
  private static final String PHONE_NUMBER_ID = "106540352242922";

  private LimiterThroughputHarness() {}

  public static void main(String[] args) throws Exception {
    int mps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int callers = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    boolean async = args.length > 3 && args[3].equals("async");
    Duration margin = args.length > 4 ? Duration.ofNanos((long) (Double.parseDouble(args[4]) * 1_000_000))
        : LimiterConfig.DEFAULT_THROUGHPUT_MARGIN;
    String serverMode = args.length > 5 ? args[5] : "fork";
    LimiterConfig config = LimiterConfig.builder().throughputMps(mps).throughputMargin(margin).build();
    OkHttpClient http = okHttp(async ? callers * 4 : callers);
    try (ArrivalServer server = server(serverMode);
        HttpTransport transport = OkHttpTransports.shared(http);
        DefaultOutboundLimiter limiter = DefaultOutboundLimiter.builder().config(config).build()) {
      RecordingLimiter recording = new RecordingLimiter(limiter);
      WhatsAppClient client = WhatsAppClient.builder()
          .accessToken("bench-token")
          .phoneNumberId(PHONE_NUMBER_ID)
          .baseUrl("http://127.0.0.1:" + server.port() + "/")
          .transport(transport)
          .outboundLimiter(recording)
          .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
          .build();
      Result res = async ? runAsync(client, recording, server, seconds, callers)
          : runSync(client, recording, server, seconds, callers);
      System.out.printf("client: WhatsAppClient (%s), limiter %s%n",
          async ? "async, backlog " + callers * 4 + ", executor " + callers : "blocking send, " + callers + " threads",
          mps + " mps, throughputMargin " + margin.toNanos() / 1e6 + " ms");
      System.out.println("server: " + serverMode);
      res.print(mps, seconds, callers, server.connections());
      System.out.printf("SUMMARY server=%s mode=%s callers=%d margin_ms=%.1f sustained=%.4f server_sliding=%d server_fixed=%d "
          + "dispatch_sliding=%d grant_sliding=%d errors=%d delay_us_p50=%.0f p99=%.0f p999=%.0f max=%.0f write_delay_us_p99=%.0f max=%.0f%n",
          serverMode, async ? "async" : "sync", callers,
          margin.toNanos() / 1e6, res.arrivals().size() / (double) seconds / mps, maxSliding(res.arrivals()),
          maxFixed(res.arrivals(), res.from(), seconds), maxSliding(res.dispatches()), maxSliding(res.grants()),
          res.errors(), res.delayMicros(0.5), res.delayMicros(0.99), res.delayMicros(0.999), res.delayMicros(1),
          res.writeDelayMicros(0.99), res.writeDelayMicros(1));
      client.close();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /**
   * {@code inproc}: {@link MiniHttpServer} in this JVM; {@code fork}: in a child JVM ({@link
   * ForkedHttpServer}); {@code fork-nice}: the child under {@code nice -n -10}; {@code fork-rt}: under
   * {@code chrt -f 10} (real-time FIFO priority; root or CAP_SYS_NICE).
   */
  static ArrivalServer server(String mode) throws IOException {
    return switch (mode) {
      case "inproc" -> new MiniHttpServer();
      case "fork" -> new ForkedHttpServer(List.of());
      case "fork-nice" -> new ForkedHttpServer(List.of("nice", "-n", "-10"));
      case "fork-rt" -> new ForkedHttpServer(List.of("chrt", "-f", "10"));
      default -> throw new IllegalArgumentException("server mode must be inproc, fork, fork-nice or fork-rt: " + mode);
    };
  }

  /** The pool and dispatcher sized to the concurrency (OkHttp's defaults churn connections at this rate). */
  static OkHttpClient okHttp(int concurrency) {
    Dispatcher d = new Dispatcher();
    d.setMaxRequests(concurrency * 2);
    d.setMaxRequestsPerHost(concurrency * 2);
    return new OkHttpClient.Builder().dispatcher(d)
        .connectionPool(new ConnectionPool(concurrency * 2, 5, TimeUnit.MINUTES)).build();
  }

  /** Records when the limiter granted each permit and when the client dispatched it (System.nanoTime). */
  static final class RecordingLimiter implements OutboundLimiter {
    final OutboundLimiter delegate;
    final ConcurrentLinkedQueue<Long> grants = new ConcurrentLinkedQueue<>();
    final java.util.concurrent.ConcurrentHashMap<String, Long> dispatchByRecipient =
        new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.concurrent.ConcurrentHashMap<String, Long> writtenByRecipient =
        new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Duration tryDispatch(OutboundRequest request) {
      Duration wait = delegate.tryDispatch(request);
      if (wait.isZero()) {
        dispatchByRecipient.put(request.recipientKey(), System.nanoTime());
      }
      return wait;
    }

    @Override
    public void onWritten(OutboundRequest request) {
      delegate.onWritten(request);
      writtenByRecipient.put(request.recipientKey(), System.nanoTime());
    }

    RecordingLimiter(OutboundLimiter delegate) {
      this.delegate = delegate;
    }

    @Override
    public void acquire(OutboundRequest request, Duration timeout) {
      delegate.acquire(request, timeout);
      grants.add(System.nanoTime());
    }

    @Override
    public Acquisition tryAcquire(OutboundRequest request) {
      Acquisition a = delegate.tryAcquire(request);
      if (a.acquired()) {
        grants.add(System.nanoTime());
      }
      return a;
    }

    @Override
    public CompletableFuture<Void> acquireAsync(OutboundRequest request, Duration timeout) {
      return delegate.acquireAsync(request, timeout).whenComplete((v, e) -> grants.add(System.nanoTime()));
    }

    @Override
    public CompletableFuture<Void> acquireAsync(OutboundRequest request, Duration timeout,
        java.util.concurrent.Executor executor) {
      return delegate.acquireAsync(request, timeout, executor).whenComplete((v, e) -> {
        if (e == null) {
          grants.add(System.nanoTime());
        }
      });
    }

    @Override
    public void onRateLimited(OutboundRequest request, int errorCode, Duration retryAfter) {
      delegate.onRateLimited(request, errorCode, retryAfter);
    }

    @Override
    public void onSuccess(OutboundRequest request) {
      delegate.onSuccess(request);
    }
  }

  /** Grant and arrival timestamps of one run, inside the measured interval. */
  record Result(List<Long> grants, List<Long> dispatches, List<Long> arrivals, long sent, long errors, int seconds,
      long from, long[] delays, long[] writeDelays) {
    /** The q-quantile (0..1) of the dispatch-to-arrival delays, in microseconds. */
    double delayMicros(double q) {
      return quantileMicros(delays, q);
    }

    /** The q-quantile (0..1) of the write-to-arrival delays ({@code onWritten} to the server), in µs. */
    double writeDelayMicros(double q) {
      return quantileMicros(writeDelays, q);
    }

    private static double quantileMicros(long[] sorted, double q) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)));
      return sorted[i] / 1_000.0;
    }

    void print(int mps, int secs, int callers, long connections) {
      System.out.printf("configured=%d mps, measured %d s, connections=%d, sends completed=%d, errors=%d%n", mps,
          secs, connections, sent, errors);
      System.out.printf("sustained at the server: %d arrivals = %.1f/s, ratio %.4f of configured "
          + "(limiter grants %d, ratio %.4f)%n", arrivals.size(), arrivals.size() / (double) secs,
          arrivals.size() / (double) secs / mps, grants.size(), grants.size() / (double) secs / mps);
      System.out.printf("busiest sliding 1 s window: server arrivals=%d (ratio %.4f), client dispatches=%d, "
          + "limiter grants=%d (ratio %.4f)%n", maxSliding(arrivals), maxSliding(arrivals) / (double) mps,
          maxSliding(dispatches), maxSliding(grants), maxSliding(grants) / (double) mps);
      System.out.printf("busiest aligned 1 s window (from the start of measurement): server arrivals=%d%n",
          maxFixed(arrivals, from, secs));
      System.out.printf("dispatch-to-arrival delay (%d matched): min %.0f us, p50 %.0f us, p99 %.0f us, "
          + "p99.9 %.0f us, max %.0f us%n", delays.length, delayMicros(0), delayMicros(0.5), delayMicros(0.99),
          delayMicros(0.999), delayMicros(1));
      System.out.printf("write-to-arrival delay (%d matched): min %.0f us, p50 %.0f us, p99 %.0f us, "
          + "p99.9 %.0f us, max %.0f us%n", writeDelays.length, writeDelayMicros(0), writeDelayMicros(0.5),
          writeDelayMicros(0.99), writeDelayMicros(0.999), writeDelayMicros(1));
    }
  }

  static Message message(long k) {
    return Message.text("+49" + (1_500_000_000L + k), "load test");
  }

  static Result runSync(WhatsAppClient client, RecordingLimiter limiter, ArrivalServer server, int seconds,
      int callers) throws InterruptedException, IOException {
    AtomicLong seq = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(2);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      Thread t = new Thread(() -> {
        while (System.nanoTime() < end) {
          try {
            SendResult r = client.messages().send(message(seq.getAndIncrement()));
            if (r.messageId() != null) {
              sent.incrementAndGet();
            }
          } catch (RuntimeException e) {
            errors.incrementAndGet();
          }
        }
      }, "sender-" + c);
      threads.add(t);
    }
    server.recording(true);
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    server.recording(false);
    return result(limiter, server, measureFrom, end, sent.get(), errors.get(), seconds);
  }

  static Result runAsync(WhatsAppClient client, RecordingLimiter limiter, ArrivalServer server, int seconds,
      int callers) throws InterruptedException, IOException {
    ExecutorService executor = Executors.newFixedThreadPool(callers);
    WhatsAppAsyncClient async = client.async(executor);
    Semaphore backlog = new Semaphore(callers * 4);
    AtomicLong sent = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(2);
    long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    server.recording(true);
    long k = 0;
    while (System.nanoTime() < end) {
      if (!backlog.tryAcquire(10, TimeUnit.MILLISECONDS)) {
        continue;
      }
      async.send(message(k++)).whenComplete((r, e) -> {
        backlog.release();
        if (e == null) {
          sent.incrementAndGet();
        } else {
          errors.incrementAndGet();
        }
      });
    }
    backlog.acquire(callers * 4); // wait for the outstanding sends
    server.recording(false);
    executor.shutdown();
    return result(limiter, server, measureFrom, end, sent.get(), errors.get(), seconds);
  }

  private static Result result(RecordingLimiter limiter, ArrivalServer server, long from, long end, long sent,
      long errors, int seconds) throws IOException {
    List<Long> delays = new ArrayList<>();
    List<Long> writeDelays = new ArrayList<>();
    server.arrivalByRecipient().forEach((to, arrival) -> {
      Long dispatch = limiter.dispatchByRecipient.get(to);
      Long written = limiter.writtenByRecipient.get(to);
      if (dispatch != null && arrival >= from && arrival < end) {
        delays.add(arrival - dispatch);
      }
      if (written != null && arrival >= from && arrival < end) {
        writeDelays.add(arrival - written);
        if (Boolean.getBoolean("harness.debug") && arrival - written > 2_000_000) {
          System.out.printf("DEBUG late write %s: written at %.3f ms, arrived %.3f ms later (dispatch %.3f ms before write)%n",
              to, (written - from) / 1e6, (arrival - written) / 1e6,
              dispatch == null ? Double.NaN : (written - dispatch) / 1e6);
        }
      }
    });
    long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] w = writeDelays.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(inRange(limiter.grants, from, end), inRange(limiter.dispatchByRecipient.values(), from, end),
        inRange(server.arrivalByRecipient().values(), from, end), sent, errors, seconds, from, d, w);
  }

  private static List<Long> inRange(Collection<Long> times, long from, long end) {
    List<Long> t = new ArrayList<>(times);
    t.removeIf(x -> x < from || x >= end);
    t.sort(null);
    return t;
  }

  /** Most timestamps in one of the aligned seconds {@code [from + k s, from + (k + 1) s)}. */
  static int maxFixed(List<Long> sortedNanos, long from, int seconds) {
    int[] counts = new int[seconds];
    for (long t : sortedNanos) {
      int k = (int) ((t - from) / 1_000_000_000L);
      if (k >= 0 && k < seconds) {
        counts[k]++;
      }
    }
    int max = 0;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    return max;
  }

  static int maxSliding(List<Long> sortedNanos) {
    int max = 0;
    int lo = 0;
    for (int hi = 0; hi < sortedNanos.size(); hi++) {
      while (sortedNanos.get(hi) - sortedNanos.get(lo) >= 1_000_000_000L) {
        lo++;
      }
      max = Math.max(max, hi - lo + 1);
    }
    return max;
  }
}
