package io.github.whatsapphelpdesk.bridge.internal;

import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * Times every {@link HelpdeskAdapter} call and reports it to {@link SdkListener#helpdeskCall} with a bounded
 * outcome ({@code ok}, {@code rate_limited}, {@code retryable}, {@code failed}). The elapsed time is taken
 * from {@link System#nanoTime()}: it measures, it decides nothing.
 */
final class InstrumentedAdapter {
  private InstrumentedAdapter() {}

  static HelpdeskAdapter wrap(HelpdeskAdapter target, SdkListener listener) {
    if (listener == SdkListener.NONE) {
      return target;
    }
    String id = target.id();
    return (HelpdeskAdapter) Proxy.newProxyInstance(HelpdeskAdapter.class.getClassLoader(),
        new Class<?>[] {HelpdeskAdapter.class}, (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
          }
          long start = System.nanoTime();
          String outcome = "ok";
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            outcome = cause instanceof HelpdeskRateLimitedException ? "rate_limited"
                : cause instanceof HelpdeskException he && he.retryable() ? "retryable" : "failed";
            throw cause;
          } finally {
            if (!method.getName().equals("id") && !method.getName().equals("maxAttachmentBytes")) {
              listener.helpdeskCall(id, method.getName(), outcome, Duration.ofNanos(System.nanoTime() - start));
            }
          }
        });
  }
}
