package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import io.github.whatsapphelpdesk.testkit.sandbox.WebhookDelivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues webhook items (one {@code changes[].value} each) with a due time on the sandbox clock and
 * POSTs them, signed, when {@link #deliverPending()} runs: batching, injected duplicates and
 * out-of-order delivery, and Meta's retry on non-200 along a configurable schedule. Thread-safe.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final MediaType JSON = MediaType.get("application/json");
  /** Default bound of queued webhook items. */
  public static final int DEFAULT_QUEUE_CAPACITY = 100_000;

  private record Item(Instant dueAt, long seq, String field, Map<String, Object> value) {}

  private record Post(String body, String signature, int attempt, Instant nextAt, boolean duplicate) {}

  private final Clock clock;
  private final Ids ids;
  private final String wabaId;
  private final byte[] appSecret;
  private final OkHttpClient http;
  private final Object lock = new Object();
  private final Object deliveryLock = new Object();
  private final PriorityQueue<Item> items = new PriorityQueue<>(
      Comparator.comparing(Item::dueAt).thenComparingLong(Item::seq));
  private final List<Post> retries = new ArrayList<>();
  private final Deque<WebhookDelivery> recorded = new ArrayDeque<>();
  private final int recordLimit;
  private long seq;
  private volatile String targetUrl;
  private volatile List<Duration> retrySchedule;
  private volatile int batchSize = 1;
  private volatile double duplicateProbability;
  private volatile boolean outOfOrder;
  private volatile int queueCapacity = DEFAULT_QUEUE_CAPACITY;
  private final java.util.concurrent.atomic.AtomicLong overflowDrops = new java.util.concurrent.atomic.AtomicLong();

  public WebhookDispatcher(Clock clock, Ids ids, String wabaId, String appSecret, String targetUrl,
      List<Duration> retrySchedule, int recordLimit) {
    this.clock = clock;
    this.ids = ids;
    this.wabaId = wabaId;
    this.appSecret = appSecret.getBytes(StandardCharsets.UTF_8);
    this.targetUrl = targetUrl;
    this.retrySchedule = List.copyOf(retrySchedule);
    this.recordLimit = recordLimit;
    this.http = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS)
        .readTimeout(10, TimeUnit.SECONDS).retryOnConnectionFailure(false).build();
  }

  public void setTargetUrl(String url) {
    this.targetUrl = url;
  }

  public void setRetrySchedule(List<Duration> schedule) {
    this.retrySchedule = List.copyOf(schedule);
  }

  public void setBatchSize(int size) {
    if (size < 1 || size > 1000) {
      throw new IllegalArgumentException("batch size must be 1..1000");
    }
    this.batchSize = size;
  }

  public void setDuplicateProbability(double p) {
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("probability must be within [0,1]");
    }
    this.duplicateProbability = p;
  }

  public void setOutOfOrder(boolean outOfOrder) {
    this.outOfOrder = outOfOrder;
  }

  /** Queues one {@code messages} {@code changes[].value} to be delivered at {@code dueAt}. */
  public void enqueue(Instant dueAt, Map<String, Object> value) {
    enqueue(dueAt, "messages", value);
  }

  /** Queues one {@code changes[].value} of webhook field {@code field} to be delivered at {@code dueAt}. */
  public void enqueue(Instant dueAt, String field, Map<String, Object> value) {
    synchronized (lock) {
      if (items.size() >= queueCapacity) {
        items.poll();
        long n = overflowDrops.incrementAndGet();
        // Never silent: every drop is counted; the warning repeats at powers of two to bound log volume.
        if (Long.bitCount(n) == 1) {
          LOG.warn("Webhook queue full ({} items); dropped the oldest item ({} dropped so far)", queueCapacity, n);
        }
      }
      items.add(new Item(dueAt, seq++, field, value));
    }
  }

  /** Bounds the queue of undelivered items; beyond it the oldest item is dropped and counted. */
  public void setQueueCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
    }
    this.queueCapacity = capacity;
  }

  /** Items dropped because the queue was full (never reset by {@link #clearRecorded()}). */
  public long droppedForOverflow() {
    return overflowDrops.get();
  }

  /** Items and retries not yet delivered. */
  public int pendingCount() {
    synchronized (lock) {
      return items.size() + retries.size();
    }
  }

  /** The next instant something becomes due, or null. */
  public Instant nextDue() {
    synchronized (lock) {
      Instant next = items.isEmpty() ? null : items.peek().dueAt();
      for (Post p : retries) {
        if (next == null || p.nextAt().isBefore(next)) {
          next = p.nextAt();
        }
      }
      return next;
    }
  }

  /** POSTs everything due now (each at most once per call); returns the number of POSTs attempted. */
  public int deliverPending() {
    synchronized (deliveryLock) {
      List<Post> posts = new ArrayList<>();
      Instant now = clock.instant();
      synchronized (lock) {
        List<Post> dueRetries = retries.stream().filter(p -> !p.nextAt().isAfter(now))
            .sorted(Comparator.comparing(Post::nextAt)).toList();
        retries.removeAll(dueRetries);
        posts.addAll(dueRetries);
        List<Item> due = new ArrayList<>();
        while (!items.isEmpty() && !items.peek().dueAt().isAfter(now)) {
          due.add(items.poll());
        }
        if (outOfOrder) {
          Collections.reverse(due);
        }
        for (int i = 0; i < due.size(); i += batchSize) {
          List<Item> batch = due.subList(i, Math.min(due.size(), i + batchSize));
          String body = Json.writeAsciiEscaped(envelope(batch));
          Post post = new Post(body, sign(body), 1, now, false);
          posts.add(post);
          if (duplicateProbability > 0 && ids.nextDouble() < duplicateProbability) {
            posts.add(new Post(body, post.signature(), 1, now, true));
          }
        }
      }
      for (Post p : posts) {
        attempt(p, now);
      }
      return posts.size();
    }
  }

  private void attempt(Post p, Instant now) {
    String url = targetUrl;
    int status = url == null ? 0 : post(url, p);
    List<Duration> schedule = retrySchedule;
    boolean failed = status != 200 && url != null;
    boolean dropped = failed && p.attempt() > schedule.size();
    synchronized (lock) {
      if (failed && !dropped) {
        Instant next = now.plus(schedule.get(p.attempt() - 1));
        retries.add(new Post(p.body(), p.signature(), p.attempt() + 1, next, p.duplicate()));
      }
      record(new WebhookDelivery(now, p.attempt(), p.duplicate(), p.body(), p.signature(), status, dropped));
    }
    if (dropped) {
      LOG.warn("Webhook dropped after {} attempts (last status {})", p.attempt(), status);
    }
  }

  private int post(String url, Post p) {
    Request request = new Request.Builder().url(url)
        .header("X-Hub-Signature-256", p.signature())
        .header("User-Agent", "facebookexternalua")
        .post(RequestBody.create(p.body().getBytes(StandardCharsets.US_ASCII), JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      return response.code();
    } catch (IOException | IllegalArgumentException e) {
      LOG.debug("Webhook POST failed: {}", e.toString());
      return -1;
    }
  }

  private Map<String, Object> envelope(List<Item> batch) {
    List<Object> changes = new ArrayList<>();
    for (Item item : batch) {
      changes.add(Json.obj("value", item.value(), "field", item.field()));
    }
    return Json.obj("object", "whatsapp_business_account",
        "entry", List.of(Json.obj("id", wabaId, "changes", changes)));
  }

  /** {@code sha256=<hex HMAC-SHA256(app secret, body bytes)>}. */
  public String sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret, "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private void record(WebhookDelivery d) {
    if (recorded.size() >= recordLimit) {
      recorded.pollFirst();
    }
    recorded.addLast(d);
  }

  /** A snapshot of the recorded POST attempts, oldest first. */
  public List<WebhookDelivery> recorded() {
    synchronized (lock) {
      return List.copyOf(recorded);
    }
  }

  /** Forgets the recorded attempts. */
  public void clearRecorded() {
    synchronized (lock) {
      recorded.clear();
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
