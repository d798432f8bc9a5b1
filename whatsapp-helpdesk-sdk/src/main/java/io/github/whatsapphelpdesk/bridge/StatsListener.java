package io.github.whatsapphelpdesk.bridge;

import io.github.whatsapphelpdesk.observe.SdkListener;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what the bridge reports through the {@link SdkListener} seam; {@link #snapshot()} is {@link BridgeStats}. */
final class StatsListener implements SdkListener {
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong ticketsCreated = new AtomicLong();
  private final AtomicLong notes = new AtomicLong();
  private final AtomicLong repliesQueued = new AtomicLong();
  private final AtomicLong repliesHeld = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong templatesSent = new AtomicLong();
  private final AtomicLong shadowed = new AtomicLong();
  private final AtomicLong sendRetries = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong optOuts = new AtomicLong();
  private final AtomicLong outsideRollout = new AtomicLong();
  private final AtomicLong helpdeskRetries = new AtomicLong();
  private final AtomicLong inboundRejected = new AtomicLong();

  @Override
  public void duplicateSkipped(String type) {
    duplicates.incrementAndGet();
  }

  @Override
  public void ticketCreated(String adapterId) {
    ticketsCreated.incrementAndGet();
  }

  @Override
  public void messagesAppended(String adapterId, int count) {
    appended.addAndGet(count);
  }

  @Override
  public void noteWritten(String adapterId) {
    notes.incrementAndGet();
  }

  @Override
  public void inboundRejected(String adapterId, int httpStatus) {
    inboundRejected.incrementAndGet();
  }

  @Override
  public void helpdeskRetry(String adapterId) {
    helpdeskRetries.incrementAndGet();
  }

  @Override
  public void outsideRollout() {
    outsideRollout.incrementAndGet();
  }

  @Override
  public void optOut(String reason) {
    optOuts.incrementAndGet();
  }

  @Override
  public void replyRouted(ReplyOutcome outcome) {
    switch (outcome) {
      case QUEUED_FREE_FORM, QUEUED_TEMPLATE -> repliesQueued.incrementAndGet();
      case HELD -> repliesHeld.incrementAndGet();
      case DUPLICATE -> duplicates.incrementAndGet();
    }
  }

  @Override
  public void messageSent(String kind) {
    sent.incrementAndGet();
    if ("template".equals(kind)) {
      templatesSent.incrementAndGet();
    }
  }

  @Override
  public void sendFailed(int code, boolean willRetry) {
    if (willRetry) {
      sendRetries.incrementAndGet();
    }
  }

  @Override
  public void shadowRecorded() {
    shadowed.incrementAndGet();
  }

  @Override
  public void deadLettered(int code) {
    deadLettered.incrementAndGet();
  }

  BridgeStats snapshot() {
    long a = appended.get();
    return new BridgeStats(a, duplicates.get(), ticketsCreated.get(), a, notes.get(), repliesQueued.get(),
        repliesHeld.get(), sent.get(), templatesSent.get(), shadowed.get(), sendRetries.get(), deadLettered.get(),
        optOuts.get(), outsideRollout.get(), helpdeskRetries.get(), inboundRejected.get());
  }
}
