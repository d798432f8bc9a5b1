package io.github.whatsapphelpdesk.bridge;

import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.client.Interactive;
import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.Text;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.ApiConnectionException;
import io.github.whatsapphelpdesk.error.ApiError;
import io.github.whatsapphelpdesk.error.OutcomeUnknownException;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Cloud API stand-in for core tests (sdk-testkit's sandbox depends on core, so core cannot use it):
 * it keeps its own record of customer messages and rejects free-form sends outside the 24-hour window
 * with 131047, as Meta does, and fails a seeded share of sends with the retryable 131000. Messages are
 * addressed by phone number ({@code to}) or, for customers without one, by BSUID ({@code recipient}).
 *
 * <p>Lost answers behave as on the wire: with {@link #loseAnswers} set, Meta accepts the message (it is in
 * {@link #accepted}, it will be delivered) and the client then fails the way a read timeout
 * ({@link ApiConnectionException}, request possibly sent) or a proxy's 504 ({@link OutcomeUnknownException})
 * fails. {@link #duringSend} runs while the request is at Meta, before the answer: a status webhook Meta
 * sends at once can arrive there.
 */
final class FakeCloudApi implements CloudApiGateway {
  /** One accepted send. */
  record Sent(String phoneNumberId, Message message, Priority priority, String wamid) {
    /** The Cloud API type: text, image, template, interactive, … */
    String kind() {
      return message.content().type();
    }

    boolean isTemplate() {
      return message.content() instanceof TemplateMessage;
    }

    /** The text body, caption or interactive body; null for others. */
    String text() {
      if (message.content() instanceof Text t) {
        return t.body();
      }
      if (message.content() instanceof Interactive i) {
        return i.body();
      }
      if (message.content() instanceof Media m) {
        return m.caption();
      }
      return null;
    }

    /** The outbox entry id the bridge sent as biz_opaque_callback_data. */
    String callbackData() {
      return message.bizOpaqueCallbackData();
    }

    /** The customer address: the canonical phone number, else the BSUID. */
    String address() {
      return FakeCloudApi.address(message);
    }
  }

  final List<Sent> accepted = new CopyOnWriteArrayList<>();
  final List<String> markedRead = new CopyOnWriteArrayList<>();
  final List<Integer> rejections = new CopyOnWriteArrayList<>();
  final Map<String, byte[]> media = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastInbound = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Random random;
  private final double failureRate;
  private final AtomicInteger ids = new AtomicInteger();
  volatile Integer failAllWith;
  /** How the next accepted sends' answers are lost: "timeout" or "gateway"; null for none. */
  volatile String loseAnswers;
  /** How many more answers to lose. */
  final AtomicInteger answersToLose = new AtomicInteger();
  /** Runs after Meta accepted a send, before its answer reaches the client. */
  volatile java.util.function.Consumer<Sent> duringSend;

  FakeCloudApi(Clock clock, long seed, double failureRate) {
    this.clock = clock;
    this.random = new Random(seed);
    this.failureRate = failureRate;
  }

  static String address(Message m) {
    return m.to() != null ? CustomerId.ofPhone(m.to()).value() : m.recipient();
  }

  /** The customer (phone number or BSUID) wrote at {@code at}: their window is open for 24 hours. */
  void customerWrote(String pn, String phoneOrBsuid, Instant at) {
    lastInbound.merge(pn + ":" + CustomerId.parse(phoneOrBsuid).value(), at, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public synchronized String send(String phoneNumberId, Message m, Priority priority) {
    if (failAllWith != null) {
      rejections.add(failAllWith);
      throw WhatsAppApiException.from(ApiError.of(failAllWith, "injected", "injected"), null);
    }
    if (random.nextDouble() < failureRate) {
      throw WhatsAppApiException.from(ApiError.of(131000, "Something went wrong", "injected"), null);
    }
    boolean freeForm = !(m.content() instanceof TemplateMessage);
    Instant last = lastInbound.get(phoneNumberId + ":" + address(m));
    if (freeForm && (last == null || !clock.instant().isBefore(last.plus(Duration.ofHours(24))))) {
      rejections.add(131047);
      throw WhatsAppApiException.from(ApiError.of(131047, "Re-engagement message", "window closed"), null);
    }
    String wamid = "wamid.OUT" + ids.incrementAndGet();
    Sent sent = new Sent(phoneNumberId, m, priority, wamid);
    accepted.add(sent);
    if (duringSend != null) {
      duringSend.accept(sent);
    }
    if (loseAnswers != null && answersToLose.getAndDecrement() > 0) {
      if (loseAnswers.equals("gateway")) {
        throw new OutcomeUnknownException(new ApiError(504, 2, null, null, "HTTP 504 without a Graph API error body",
            null, null));
      }
      throw new ApiConnectionException("POST /messages failed: SocketTimeoutException (timeout); the request may"
          + " have reached Meta", true, new java.net.SocketTimeoutException("timeout"));
    }
    return wamid;
  }

  @Override
  public void markRead(String phoneNumberId, String wamid) {
    markedRead.add(wamid);
  }

  @Override
  public byte[] downloadMedia(String phoneNumberId, String mediaId, long maxBytes) {
    byte[] data = media.get(mediaId);
    if (data == null) {
      throw WhatsAppApiException.from(ApiError.of(131052, "Media download error", "unknown media"), null);
    }
    return data;
  }

  /** How many next uploads fail with the retryable 131016 (service unavailable). */
  final AtomicInteger uploadsToFail = new AtomicInteger();

  @Override
  public String uploadMedia(String phoneNumberId, byte[] data, String mimeType, String filename) {
    if (uploadsToFail.getAndDecrement() > 0) {
      throw WhatsAppApiException.from(ApiError.of(131016, "Service unavailable", "injected"), null);
    }
    String id = "up-" + ids.incrementAndGet();
    media.put(id, data);
    return id;
  }
}
