package io.github.whatsapphelpdesk.testkit.sandbox;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the sandbox standalone for manual use with curl or Postman, on the system clock, delivering
 * due webhooks every 250 ms. Arguments: {@code --port N} (default 8089), {@code --webhook URL},
 * {@code --token T}, {@code --app-secret S}, {@code --host H}. Prints the connection facts, then runs
 * until killed.
 */
public final class SandboxMain {
  private SandboxMain() {}

  /** Entry point. */
  public static void main(String[] args) throws InterruptedException {
    CloudApiSandboxBuilder builder = CloudApiSandbox.builder().port(8089).clock(Clock.systemUTC());
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--port" -> builder.port(Integer.parseInt(value));
        case "--webhook" -> builder.webhookUrl(value);
        case "--token" -> builder.accessToken(value);
        case "--app-secret" -> builder.appSecret(value);
        case "--host" -> builder.host(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    CloudApiSandbox sandbox = builder.start();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleWithFixedDelay(sandbox::deliverPending, 250, 250, TimeUnit.MILLISECONDS);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ticker.shutdownNow();
      sandbox.close();
      stop.countDown();
    }));
    describe(sandbox, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    stop.await();
  }

  static void describe(CloudApiSandbox sandbox, PrintStream out) {
    out.println("WhatsApp Cloud API sandbox listening on " + sandbox.baseUrl());
    out.println("  graph url       : " + sandbox.graphUrl());
    out.println("  access token    : " + sandbox.accessToken());
    out.println("  app secret      : " + sandbox.appSecret());
    out.println("  phone number id : " + sandbox.phoneNumberId() + " (+" + sandbox.displayPhoneNumber() + ")");
    out.println("  WABA id         : " + sandbox.wabaId());
    out.println("  templates       :");
    for (SandboxTemplate t : sandbox.templates()) {
      out.println("    " + t.name() + " [" + t.language() + "] " + t.status() + " " + t.parameterFormat());
    }
    out.println("Try: curl -H 'Authorization: Bearer " + sandbox.accessToken() + "' '" + sandbox.graphUrl()
        + "/" + sandbox.phoneNumberId() + "?fields=status,quality_rating'");
  }
}
