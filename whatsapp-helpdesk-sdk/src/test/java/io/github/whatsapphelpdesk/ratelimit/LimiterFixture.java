package io.github.whatsapphelpdesk.ratelimit;

import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.ratelimit.internal.InMemoryProxyManager;
import io.github.whatsapphelpdesk.ratelimit.internal.ProxyManagerBackend;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.util.function.BiPredicate;

/** A limiter on a fake clock and a manual scheduler, with its in-memory store exposed. */
final class LimiterFixture {
  final MutableClock clock = MutableClock.create();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  InMemoryProxyManager store;
  final DefaultOutboundLimiter limiter;

  LimiterFixture(LimiterConfig config) {
    this(config, (p, w) -> false);
  }

  LimiterFixture(LimiterConfig config, BiPredicate<String, String> windowOpen) {
    this(config, windowOpen, SdkListener.NONE);
  }

  LimiterFixture(LimiterConfig config, SdkListener listener) {
    this(config, (p, w) -> false, listener);
  }

  LimiterFixture(LimiterConfig config, BiPredicate<String, String> windowOpen, SdkListener listener) {
    limiter = DefaultOutboundLimiter.builder()
        .listener(listener)
        .config(config)
        .clock(clock)
        .taskScheduler(scheduler)
        .callbackExecutor(Runnable::run)
        .serviceWindow(windowOpen)
        .backend(ProxyManagerBackend.of("test", (time, expiration) -> store = new InMemoryProxyManager(time, expiration)))
        .build();
  }

  static OutboundRequest req(String waId, Priority p) {
    return new OutboundRequest("1000001", waId, p, false);
  }

  static OutboundRequest template(String waId) {
    return new OutboundRequest("1000001", waId, Priority.BULK, true);
  }
}
