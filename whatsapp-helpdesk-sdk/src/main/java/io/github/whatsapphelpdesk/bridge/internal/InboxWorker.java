package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.bridge.internal.InboundPipeline.Outcome;
import io.github.whatsapphelpdesk.customer.Customer;
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
  private static final int MAX_LANES = 64;
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final BridgeContext ctx;
  private final InboundPipeline pipeline;
  private final ChannelEvents channel;
  /** Set while this thread runs {@link #drain()}, so a synchronous executor does not recurse. */
  private final ThreadLocal<Boolean> draining = ThreadLocal.withInitial(() -> false);

  public InboxWorker(BridgeContext ctx, InboundPipeline pipeline, ChannelEvents channel) {
    this.ctx = ctx;
    this.pipeline = pipeline;
    this.channel = channel;
  }

  /**
   * Leases everything in the inbox that is ready now and runs each conversation's run on the executor;
   * returns how many entries were leased. Does not wait for work handed to an asynchronous executor: each
   * lane drains again when its run is done, so later entries of the lane follow. A call made while this
   * thread is already draining (a synchronous executor) only asks the running loop for one more round.
   */
  public int drain() {
    if (draining.get()) {
      return 0;
    }
    draining.set(true);
    int total = 0;
    try {
      while (true) {
        List<InboxEntry> leased = ctx.inbox.lease(ctx.settings.workerId, MAX_LANES, MAX_BURST, LEASE);
        if (leased.isEmpty()) {
          return total;
        }
        total += leased.size();
        for (List<InboxEntry> lane : byLane(leased)) {
          Runnable work = () -> {
            try {
              run(lane);
            } catch (RuntimeException e) {
              // The entries stay leased and are taken up again when the lease expires.
              LOG.warn("Inbox lane failed: {}", e.getClass().getName());
            }
            drain();
          };
          try {
            ctx.settings.executor.execute(work);
          } catch (RejectedExecutionException e) {
            LOG.warn("Bridge executor refused a lane; its entries are retried when their lease expires");
          }
        }
      }
    } finally {
      draining.set(false);
    }
  }

  private static List<List<InboxEntry>> byLane(List<InboxEntry> leased) {
    List<List<InboxEntry>> lanes = new ArrayList<>();
    List<InboxEntry> current = null;
    for (InboxEntry e : leased) {
      if (current == null || !current.get(0).laneKey().equals(e.laneKey())) {
        current = new ArrayList<>();
        lanes.add(current);
      }
      current.add(e);
    }
    return lanes;
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
    return inRollout(ctx.customers.resolve(m.customer()), ctx.settings.rolloutPercent);
  }

  /** Whether the customer is inside the rollout: a stable SHA-256 of their stable id, below the percentage. */
  public static boolean inRollout(Customer c, int percent) {
    if (percent >= 100) {
      return true;
    }
    if (percent <= 0) {
      return false;
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(c.id().value().getBytes(StandardCharsets.US_ASCII));
      long v = ((h[0] & 0xFFL) << 24) | ((h[1] & 0xFFL) << 16) | ((h[2] & 0xFFL) << 8) | (h[3] & 0xFFL);
      return v % 100 < percent;
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
