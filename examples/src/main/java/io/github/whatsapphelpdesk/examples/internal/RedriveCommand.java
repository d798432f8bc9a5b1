package io.github.whatsapphelpdesk.examples.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code redrive}: lists a running {@code serve}'s dead letters and unconfirmed sends, and re-drives them
 * (after an outage, or an unconfirmed send whose settle timeout passed) through its admin endpoints. The
 * admin token comes from {@code BRIDGE_ADMIN_TOKEN} and is never printed.
 */
public final class RedriveCommand implements Command {
  @Override
  public String name() {
    return "redrive";
  }

  @Override
  public String summary() {
    return "list and re-drive a running bridge's dead letters and unconfirmed sends";
  }

  @Override
  public String usage() {
    return """
        usage: redrive --url URL [--list] [--id ID ...] [--all-dead]

          --url URL     the serve endpoint, for example http://127.0.0.1:8080
          --list        print the dead letters and unconfirmed sends (the default without --id or --all-dead)
          --id ID       re-drive one outbox entry (repeatable: --id ob-3,ob-7)
          --all-dead    re-drive every dead letter that was not re-routed or suppressed
        The admin token is read from BRIDGE_ADMIN_TOKEN (serve must run with the same value).

        An unconfirmed send may already have reached the customer: it can be re-driven only after the
        bridge's settle timeout, and the customer may then get it twice (see docs/bridge.md).
        Exit codes: 0 done, 1 an entry was not found or not re-drivable, or the request failed; 2 usage.
        """;
  }

  @Override
  public int run(List<String> argList, Console console) throws Exception {
    Args args = Args.parse(argList, Set.of("url", "id"), Set.of("list", "all-dead"));
    String url = args.option("url").orElseThrow(() -> new Args.UsageException("--url is required"));
    String token = console.env().get("BRIDGE_ADMIN_TOKEN");
    if (token == null || token.isBlank()) {
      throw new Args.UsageException("BRIDGE_ADMIN_TOKEN is not set");
    }
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    int code = 0;
    boolean acted = false;
    if (args.option("id").isPresent()) {
      acted = true;
      for (String id : args.option("id").get().split(",")) {
        if (id.isBlank()) {
          continue;
        }
        HttpResponse<String> r = call(http, base + "/admin/outbox/redrive?id="
            + URLEncoder.encode(id.strip(), StandardCharsets.UTF_8), token, true);
        console.out().print(r.body());
        if (r.statusCode() != 200) {
          code = 1;
        }
      }
    }
    if (args.flag("all-dead")) {
      acted = true;
      HttpResponse<String> r = call(http, base + "/admin/outbox/redrive?all=dead", token, true);
      console.out().print(r.body());
      if (r.statusCode() != 200) {
        code = 1;
      }
    }
    if (!acted || args.flag("list")) {
      HttpResponse<String> r = call(http, base + "/admin/outbox", token, false);
      if (r.statusCode() != 200) {
        console.err().println("redrive: " + r.statusCode() + " " + r.body().strip());
        return 1;
      }
      console.out().print(r.body().isEmpty() ? "no dead letters or unconfirmed sends\n" : r.body());
    }
    return code;
  }

  private static HttpResponse<String> call(HttpClient http, String url, String token, boolean post) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token.strip());
    b = post ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() == 401) {
      throw new IllegalStateException("the bridge refused the admin token (HTTP 401)");
    }
    return r;
  }
}
