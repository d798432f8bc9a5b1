package io.github.whatsapphelpdesk.examples.internal;

import io.github.whatsapphelpdesk.testkit.sandbox.CloudApiSandbox;
import io.github.whatsapphelpdesk.testkit.sandbox.CloudApiSandboxBuilder;
import io.github.whatsapphelpdesk.testkit.sandbox.SandboxTemplate;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@code sandbox}: the Cloud API sandbox on a port, on the system clock, until Ctrl+C. */
public final class SandboxCommand implements Command {
  @Override
  public String name() {
    return "sandbox";
  }

  @Override
  public String summary() {
    return "run the WhatsApp Cloud API sandbox on a port (for curl, Postman or `serve`)";
  }

  @Override
  public String usage() {
    return """
        usage: sandbox [--port 8089] [--host 127.0.0.1] [--webhook URL] [--token T] [--app-secret S]
                       [--seed 42] [--mps 80] [--duplicates 0.0]

        Runs an in-process imitation of the WhatsApp Cloud API (Graph API) on the system clock and
        delivers due webhooks every 250 ms to --webhook (signed with the app secret). Prints the
        connection facts (base URL, token, app secret, phone number id, WABA id, templates); these are
        sandbox values, not secrets. Stops on Ctrl+C.

          --port N         TCP port (0 picks a free one), default 8089
          --host H         address to bind, default 127.0.0.1
          --webhook URL    where webhooks go, e.g. http://127.0.0.1:8080/webhooks/whatsapp
          --token T        the accepted access token, default sandbox-access-token
          --app-secret S   the webhook signing secret, default sandbox-app-secret
          --seed N         seed for ids and injected duplicates, default 42
          --mps N          throughput per business number before 130429, default 80
          --duplicates P   probability (0..1) that a webhook is delivered twice, default 0
        """;
  }

  @Override
  public int run(List<String> argList, Console console) throws InterruptedException {
    Args args = Args.parse(argList,
        Set.of("port", "host", "webhook", "token", "app-secret", "seed", "mps", "duplicates"), Set.of());
    CloudApiSandboxBuilder builder = CloudApiSandbox.builder()
        .clock(Clock.systemUTC())
        .port(args.intOption("port", 8089, 0, 65535))
        .host(args.option("host", "127.0.0.1"))
        .seed(args.intOption("seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE))
        .throughputMps(args.intOption("mps", 80, 1, 1000));
    args.option("webhook").ifPresent(builder::webhookUrl);
    args.option("token").ifPresent(builder::accessToken);
    args.option("app-secret").ifPresent(builder::appSecret);
    args.option("duplicates").ifPresent(p -> builder.duplicateProbability(parseProbability(p)));
    CloudApiSandbox sandbox = builder.start();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sandbox-webhook-ticker");
      t.setDaemon(true);
      return t;
    });
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(stopped::countDown, "sandbox-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ticker.scheduleWithFixedDelay(() -> {
        try {
          sandbox.deliverPending();
        } catch (RuntimeException e) {
          console.err().println("webhook delivery failed: " + e.getMessage());
        }
      }, 250, 250, TimeUnit.MILLISECONDS);
      describe(sandbox, args.option("webhook").orElse(null), console.out());
      stopped.await();
      return 0;
    } finally {
      ticker.shutdownNow();
      sandbox.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting
      }
    }
  }

  private static double parseProbability(String p) {
    try {
      double d = Double.parseDouble(p);
      if (d < 0 || d > 1) {
        throw new Args.UsageException("--duplicates must be between 0 and 1");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new Args.UsageException("--duplicates must be a number between 0 and 1");
    }
  }

  static void describe(CloudApiSandbox sandbox, String webhook, PrintStream out) {
    out.println("WhatsApp Cloud API sandbox listening on " + sandbox.baseUrl());
    out.println("  graph url        : " + sandbox.graphUrl());
    out.println("  access token     : " + sandbox.accessToken() + "   (sandbox value)");
    out.println("  app secret       : " + sandbox.appSecret() + "   (sandbox value)");
    out.println("  phone number id  : " + sandbox.phoneNumberId() + " (+" + sandbox.displayPhoneNumber() + ")");
    out.println("  WABA id          : " + sandbox.wabaId());
    out.println("  webhooks go to   : " + (webhook == null ? "(none: --webhook URL to deliver them)" : webhook));
    out.println("  templates        :");
    for (SandboxTemplate t : sandbox.templates()) {
      out.println("    " + t.name() + " [" + t.language() + "] " + t.status());
    }
    out.println("Try: java -jar whatsapp-helpdesk-cli.jar preflight --base-url " + sandbox.baseUrl()
        + " --phone-number-id " + sandbox.phoneNumberId() + " --waba-id " + sandbox.wabaId()
        + "   (with WA_ACCESS_TOKEN=" + sandbox.accessToken() + ")");
    out.println("Ctrl+C stops it.");
    out.flush();
  }
}
