package io.github.whatsapphelpdesk.testkit;

import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.error.WhatsAppApiException;
import io.github.whatsapphelpdesk.ratelimit.Acquisition;
import io.github.whatsapphelpdesk.ratelimit.OutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CloudApiGateway} for demos and tests on a {@link MutableClock}: every send first takes a permit
 * from the limiter, and where the limiter says "wait", the clock is moved forward instead of sleeping, so
 * a burst that the limiter paces over seconds runs in milliseconds. Counts the 130429 answers it sees.
 * Thread-safe only as far as the clock and limiter are.
 */
public final class CompressedTimeGateway implements CloudApiGateway {
  private final CloudApiGateway delegate;
  private final OutboundLimiter limiter;
  private final MutableClock clock;
  private final AtomicInteger throttled = new AtomicInteger();

  public CompressedTimeGateway(CloudApiGateway delegate, OutboundLimiter limiter, MutableClock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String send(String phoneNumberId, Message m, Priority priority) {
    String recipient = m.to() != null ? CustomerId.ofPhone(m.to()).value() : m.recipient();
    OutboundRequest req = new OutboundRequest(phoneNumberId, recipient, priority,
        m.content() instanceof TemplateMessage);
    for (Acquisition a = limiter.tryAcquire(req); !a.acquired(); a = limiter.tryAcquire(req)) {
      clock.advance(a.waitTime());
    }
    try {
      String wamid = delegate.send(phoneNumberId, m, priority);
      limiter.onSuccess(req);
      return wamid;
    } catch (WhatsAppApiException e) {
      if (e.code() == 130429) {
        throttled.incrementAndGet();
      }
      throw e;
    }
  }

  @Override
  public void markRead(String phoneNumberId, String wamid) {
    delegate.markRead(phoneNumberId, wamid);
  }

  @Override
  public byte[] downloadMedia(String phoneNumberId, String mediaId, long maxBytes) {
    return delegate.downloadMedia(phoneNumberId, mediaId, maxBytes);
  }

  @Override
  public String uploadMedia(String phoneNumberId, byte[] data, String mimeType, String filename) {
    return delegate.uploadMedia(phoneNumberId, data, mimeType, filename);
  }

  /** How many sends Meta (or the sandbox) answered with 130429. */
  public int throttledAnswers() {
    return throttled.get();
  }
}
