package io.github.whatsapphelpdesk.zendesk;

import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP timeouts of a {@link ZendeskAdapter} ({@link ZendeskConfig#timeouts()}); set them with the
 * config builder's {@code connectTimeout}, {@code readTimeout} and {@code callTimeout}. Immutable.
 *
 * @param connect TCP connect timeout (default 10 s)
 * @param read read timeout (default 30 s)
 * @param call whole-call timeout (default 60 s)
 */
public record ZendeskTimeouts(Duration connect, Duration read, Duration call) {
  /** Requires every timeout. */
  public ZendeskTimeouts {
    Objects.requireNonNull(connect, "connectTimeout");
    Objects.requireNonNull(read, "readTimeout");
    Objects.requireNonNull(call, "callTimeout");
  }

  /** 10 s to connect, 30 s to read, 60 s per call. */
  public static ZendeskTimeouts defaults() {
    return new ZendeskTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
  }
}
