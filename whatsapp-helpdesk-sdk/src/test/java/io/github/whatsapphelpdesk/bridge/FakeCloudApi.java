package io.github.whatsapphelpdesk.bridge;

import io.github.whatsapphelpdesk.error.ApiError;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.store.OutboundMessage;
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
 * with 131047, as Meta does, and fails a seeded share of sends with the retryable 131000.
 */
final class FakeCloudApi implements CloudApiGateway {
  final List<OutboundMessage> accepted = new CopyOnWriteArrayList<>();
  final List<Integer> rejections = new CopyOnWriteArrayList<>();
  final Map<String, byte[]> media = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastInbound = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Random random;
  private final double failureRate;
  private final AtomicInteger ids = new AtomicInteger();
  volatile Integer failAllWith;

  FakeCloudApi(Clock clock, long seed, double failureRate) {
    this.clock = clock;
    this.random = new Random(seed);
    this.failureRate = failureRate;
  }

  void customerWrote(String pn, String wa, Instant at) {
    lastInbound.merge(pn + ":" + wa, at, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public synchronized String send(OutboundMessage m) {
    if (failAllWith != null) {
      rejections.add(failAllWith);
      throw WhatsAppApiException.from(ApiError.of(failAllWith, "injected", "injected"), null);
    }
    if (random.nextDouble() < failureRate) {
      throw WhatsAppApiException.from(ApiError.of(131000, "Something went wrong", "injected"), null);
    }
    boolean freeForm = m.kind() != OutboundMessage.Kind.TEMPLATE && m.kind() != OutboundMessage.Kind.READ_RECEIPT;
    Instant last = lastInbound.get(m.phoneNumberId() + ":" + m.recipientWaId());
    if (freeForm && (last == null || !clock.instant().isBefore(last.plus(Duration.ofHours(24))))) {
      rejections.add(131047);
      throw WhatsAppApiException.from(ApiError.of(131047, "Re-engagement message", "window closed"), null);
    }
    accepted.add(m);
    return "wamid.OUT" + ids.incrementAndGet();
  }

  @Override
  public byte[] downloadMedia(String phoneNumberId, String mediaId, long maxBytes) {
    byte[] data = media.get(mediaId);
    if (data == null) {
      throw WhatsAppApiException.from(ApiError.of(131052, "Media download error", "unknown media"), null);
    }
    return data;
  }

  @Override
  public String uploadMedia(String phoneNumberId, byte[] data, String mimeType, String filename) {
    String id = "up-" + ids.incrementAndGet();
    media.put(id, data);
    return id;
  }
}
