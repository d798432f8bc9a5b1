package io.github.whatsapphelpdesk.observe;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls several listeners in order; an exception from one is logged by type and does not stop the rest. */
final class CompositeListener implements SdkListener {
  private static final Logger LOG = LoggerFactory.getLogger(CompositeListener.class);
  private final List<SdkListener> listeners;

  CompositeListener(List<SdkListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(Consumer<SdkListener> call) {
    for (SdkListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("SDK listener {} failed: {}", l.getClass().getName(), e.getClass().getName());
      }
    }
  }

  @Override
  public void webhookAccepted(int newEvents) {
    each(l -> l.webhookAccepted(newEvents));
  }

  @Override
  public void webhookRejected(WebhookRejection reason) {
    each(l -> l.webhookRejected(reason));
  }

  @Override
  public void eventParsed(String type) {
    each(l -> l.eventParsed(type));
  }

  @Override
  public void parseProblem() {
    each(l -> l.parseProblem());
  }

  @Override
  public void duplicateSkipped(String type) {
    each(l -> l.duplicateSkipped(type));
  }

  @Override
  public void ticketCreated(String adapterId) {
    each(l -> l.ticketCreated(adapterId));
  }

  @Override
  public void messagesAppended(String adapterId, int count) {
    each(l -> l.messagesAppended(adapterId, count));
  }

  @Override
  public void noteWritten(String adapterId) {
    each(l -> l.noteWritten(adapterId));
  }

  @Override
  public void inboundRejected(String adapterId, int httpStatus) {
    each(l -> l.inboundRejected(adapterId, httpStatus));
  }

  @Override
  public void helpdeskRetry(String adapterId) {
    each(l -> l.helpdeskRetry(adapterId));
  }

  @Override
  public void outsideRollout() {
    each(l -> l.outsideRollout());
  }

  @Override
  public void optOut(String reason) {
    each(l -> l.optOut(reason));
  }

  @Override
  public void replyRouted(ReplyOutcome outcome) {
    each(l -> l.replyRouted(outcome));
  }

  @Override
  public void messageSent(String kind) {
    each(l -> l.messageSent(kind));
  }

  @Override
  public void sendFailed(int code, boolean willRetry) {
    each(l -> l.sendFailed(code, willRetry));
  }

  @Override
  public void shadowRecorded() {
    each(l -> l.shadowRecorded());
  }

  @Override
  public void deadLettered(int code) {
    each(l -> l.deadLettered(code));
  }

  @Override
  public void outboxDepth(long depth, Duration oldestAge) {
    each(l -> l.outboxDepth(depth, oldestAge));
  }

  @Override
  public void limiterWaited(String layer, Duration waited) {
    each(l -> l.limiterWaited(layer, waited));
  }

  @Override
  public void limiterRefused(String layer) {
    each(l -> l.limiterRefused(layer));
  }

  @Override
  public void windowWarning(boolean closed) {
    each(l -> l.windowWarning(closed));
  }

  @Override
  public void apiCall(String operation, int httpStatus, Duration elapsed) {
    each(l -> l.apiCall(operation, httpStatus, elapsed));
  }

  @Override
  public void helpdeskCall(String adapterId, String operation, String outcome, Duration elapsed) {
    each(l -> l.helpdeskCall(adapterId, operation, outcome, elapsed));
  }
}
