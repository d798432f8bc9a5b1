package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.bridge.internal.InboundPipeline.Outcome;
import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.InboxEntry;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the inbox: leases the head run of each conversation's lane (so one conversation is handled by
 * one worker at a time, in order, on any instance), hands customer messages to the {@link InboundPipeline}
 * and everything else to {@link ChannelEvents}, then completes, retries or rejects each entry. Lanes run
 * in parallel on the bridge's executor.
 */
public final class InboxWorker {
  private static final Logger LOG = LoggerFactory.getLogger(InboxWorker.class);
  /** The most messages merged into one comment (bounds the media held in memory at once). */
  public static final int MAX_BURST = 10;
  /** The most inbox workers at once per bridge (each works one conversation at a time). */
  public static final int MAX_WORKERS = 16;
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final BridgeContext ctx;
  private final InboundPipeline pipeline;
  private final ChannelEvents channel;
  /** Workers started and not yet finished. */
  private final AtomicInteger workers = new AtomicInteger();

  public InboxWorker(BridgeContext ctx, InboundPipeline pipeline, ChannelEvents channel) {
    this.ctx = ctx;
    this.pipeline = pipeline;
    this.channel = channel;
  }

  /**
   * Starts a worker on the executor unless {@value #MAX_WORKERS} are running already; returns how many it
   * started (0 or 1). A worker leases one conversation's ready run at a time (its head and up to
   * {@value #MAX_BURST} entries waiting behind it, so a burst that piled up while the worker was queued is
   * merged), handles it, and goes on until nothing is ready. Lanes are leased, so several workers, on this
   * instance or others, never work one conversation at once.
   */
  public int drain() {
    while (true) {
      int n = workers.get();
      if (n >= MAX_WORKERS) {
        return 0;
      }
      if (workers.compareAndSet(n, n + 1)) {
        break;
      }
    }
    try {
      ctx.settings.executor.execute(this::work);
      return 1;
    } catch (RejectedExecutionException e) {
      workers.decrementAndGet();
      LOG.warn("Bridge executor refused an inbox worker; the inbox is worked on the next tick");
      return 0;
    }
  }

  private void work() {
    try {
      while (true) {
        List<InboxEntry> lane = ctx.inbox.lease(ctx.settings.workerId, 1, MAX_BURST, LEASE);
        if (lane.isEmpty()) {
          break;
        }
        try {
          run(lane);
        } catch (RuntimeException e) {
          // The entries stay leased and are taken up again when the lease expires.
          LOG.warn("Inbox lane failed: {}", e.getClass().getName());
        }
      }
    } finally {
      workers.decrementAndGet();
    }
    // An entry recorded while this worker was finding the inbox empty, with every worker slot taken.
    if (ctx.inbox.nextReadyAt().filter(at -> !at.isAfter(ctx.clock.instant())).isPresent()) {
      drain();
    }
  }

  /** One lane's run, in order; stops at the first entry that must wait for a retry. */
  private void run(List<InboxEntry> lane) {
    int i = 0;
    while (i < lane.size()) {
      InboxEntry e = lane.get(i);
      WebhookEvent event = e.event();
      if (event instanceof InboundMessage m && !inRollout(m)) {
        ctx.listener.outsideRollout();
        ctx.inbox.complete(e.id(), e.leaseToken());
        i++;
        continue;
      }
      if (event instanceof InboundMessage) {
        int end = i;
        List<InboundMessage> run = new ArrayList<>();
        while (end < lane.size() && lane.get(end).event() instanceof InboundMessage next && inRollout(next)) {
          run.add(next);
          end++;
        }
        List<Outcome> outcomes = pipeline.handle(run);
        for (int k = 0; k < outcomes.size(); k++) {
          if (!settle(lane.get(i + k), outcomes.get(k))) {
            return;
          }
        }
        i += outcomes.size();
        continue;
      }
      Outcome o;
      try {
        channel.handle(event);
        o = Outcome.DONE;
      } catch (HelpdeskException ex) {
        if (ex.retryable()) {
          ctx.listener.helpdeskRetry(ctx.adapter.id());
          o = Outcome.RETRY;
        } else {
          LOG.warn("Helpdesk {} refused a {} permanently: {}", ctx.adapter.id(), event.getClass().getSimpleName(),
              ex.getClass().getSimpleName());
          o = Outcome.DONE;
        }
      }
      if (!settle(e, o)) {
        return;
      }
      i++;
    }
  }

  /** Completes, retries or rejects one entry; returns false when the lane must stop here. */
  private boolean settle(InboxEntry e, Outcome o) {
    switch (o) {
      case DONE -> ctx.inbox.complete(e.id(), e.leaseToken());
      case REJECTED -> ctx.inbox.reject(e.id(), e.leaseToken(), "helpdesk rejected it permanently");
      case RETRY -> {
        // The delay doubles with each failed attempt of the same entry, up to the cap: an outage is not hammered.
        ctx.inbox.retry(e.id(), e.leaseToken(), ctx.backoff(e.attempts()), "helpdesk unavailable");
        return false;
      }
    }
    return true;
  }

  private boolean inRollout(InboundMessage m) {
    int percent = ctx.settings.rolloutPercent;
    return percent >= 100 || percent > 0 && inRollout(ctx.knownId(m.customer()), percent);
  }

  /** Whether the customer is inside the rollout: a stable SHA-256 of their stable id, below the percentage. */
  public static boolean inRollout(CustomerId id, int percent) {
    if (percent >= 100) {
      return true;
    }
    if (percent <= 0) {
      return false;
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(id.value().getBytes(StandardCharsets.US_ASCII));
      long v = ((h[0] & 0xFFL) << 24) | ((h[1] & 0xFFL) << 16) | ((h[2] & 0xFFL) << 8) | (h[3] & 0xFFL);
      return v % 100 < percent;
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
