package io.github.whatsapphelpdesk.examples.internal;

import io.github.whatsapphelpdesk.client.PhoneNumberInfo;
import io.github.whatsapphelpdesk.client.SubscribedApp;
import io.github.whatsapphelpdesk.client.TokenInfo;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.error.WhatsAppException;
import io.github.whatsapphelpdesk.examples.ConfigException;
import io.github.whatsapphelpdesk.template.MessageTemplate;
import io.github.whatsapphelpdesk.template.TemplateStatus;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code preflight}: checks a real Cloud API set-up (or the sandbox) and prints a PASS, WARN or FAIL line
 * per check, each with its fix.
 */
public final class PreflightCommand implements Command {
  private static final String SUBSCRIBE_FIX = "POST /{waba-id}/subscribed_apps with the system-user token, and "
      + "subscribe the 'messages' field in the App Dashboard > WhatsApp > Configuration";

  /** One check's outcome. */
  public enum Level { PASS, WARN, FAIL }

  /** One printed line. */
  public record Result(Level level, String check, String detail, String fix) {}

  @Override
  public String name() {
    return "preflight";
  }

  @Override
  public String summary() {
    return "check token, phone number, limits, templates and the webhook subscription against the Graph API before going live";
  }

  @Override
  public String usage() {
    return """
        usage: preflight [--base-url URL] [--phone-number-id ID] [--waba-id ID]

        Reads WA_ACCESS_TOKEN (never a flag, so it stays out of the shell history), and WA_PHONE_NUMBER_ID /
        WA_WABA_ID unless given as flags. --base-url defaults to https://graph.facebook.com.
        Exit code 0 when nothing FAILed.
        """;
  }

  @Override
  public int run(List<String> argList, Console console) {
    Args args = Args.parse(argList, Set.of("base-url", "phone-number-id", "waba-id"), Set.of());
    Map<String, String> env = console.env();
    List<String> problems = new ArrayList<>();
    String token = env.get("WA_ACCESS_TOKEN");
    String pn = args.option("phone-number-id").orElse(env.get("WA_PHONE_NUMBER_ID"));
    String waba = args.option("waba-id").orElse(env.get("WA_WABA_ID"));
    if (token == null || token.isBlank()) {
      problems.add("WA_ACCESS_TOKEN is not set");
    }
    if (pn == null || pn.isBlank()) {
      problems.add("WA_PHONE_NUMBER_ID (or --phone-number-id) is not set");
    }
    if (waba == null || waba.isBlank()) {
      problems.add("WA_WABA_ID (or --waba-id) is not set");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    WhatsAppClient.Builder b = WhatsAppClient.builder().accessToken(token).phoneNumberId(pn).wabaId(waba);
    args.option("base-url").ifPresent(b::baseUrl);
    try (WhatsAppClient client = b.build()) {
      List<Result> results = check(client, token, console.err());
      for (Result r : results) {
        console.out().printf("%-4s %-22s %s%s%n", r.level(), r.check(), r.detail(),
            r.fix() == null ? "" : "\n       fix: " + r.fix());
      }
      return results.stream().anyMatch(r -> r.level() == Level.FAIL) ? 1 : 0;
    }
  }

  /** Runs every check; progress goes to {@code progress}. */
  public static List<Result> check(WhatsAppClient client, String token, PrintStream progress) {
    List<Result> out = new ArrayList<>();
    progress.println("[1/4] checking the access token ...");
    try {
      TokenInfo t = client.account().debugToken(token);
      if (!t.valid()) {
        out.add(new Result(Level.FAIL, "token", "the token is not valid", "create a System User token in Business Settings"));
      } else {
        out.add(new Result(Level.PASS, "token", "valid" + (t.expiresAt() == null ? ", never expires" : ", expires " + t.expiresAt()), null));
        for (String scope : List.of("whatsapp_business_messaging", "whatsapp_business_management")) {
          out.add(t.scopes().contains(scope)
              ? new Result(Level.PASS, "scope " + scope, "granted", null)
              : new Result(Level.FAIL, "scope " + scope, "missing", "grant " + scope + " to the System User's token"));
        }
        if (t.expiresAt() != null) {
          out.add(new Result(Level.WARN, "token expiry", "the token expires at " + t.expiresAt(),
              "use a never-expiring System User token for production"));
        }
      }
    } catch (WhatsAppException e) {
      out.add(new Result(Level.FAIL, "token", e.getMessage(), "check WA_ACCESS_TOKEN; 190 means invalid or expired"));
      return out;
    }
    progress.println("[2/4] checking the phone number ...");
    try {
      PhoneNumberInfo p = client.account().phoneNumber();
      out.add(p.status() == PhoneNumberInfo.Status.CONNECTED
          ? new Result(Level.PASS, "number status", "CONNECTED (" + p.displayPhoneNumber() + ")", null)
          : new Result(Level.FAIL, "number status", String.valueOf(p.status()), "register the number (POST /{phone-number-id}/register)"));
      out.add(switch (p.qualityRating()) {
        case GREEN -> new Result(Level.PASS, "quality", "GREEN", null);
        case YELLOW -> new Result(Level.WARN, "quality", "YELLOW", "review recent template feedback; pause marketing sends");
        case RED -> new Result(Level.FAIL, "quality", "RED", "stop marketing sends; the messaging limit may drop");
        default -> new Result(Level.WARN, "quality", String.valueOf(p.qualityRating()), "not rated yet: send carefully");
      });
      out.add("APPROVED".equalsIgnoreCase(p.nameStatus()) || "AVAILABLE_WITHOUT_REVIEW".equalsIgnoreCase(p.nameStatus())
          ? new Result(Level.PASS, "display name", String.valueOf(p.nameStatus()), null)
          : new Result(Level.WARN, "display name", String.valueOf(p.nameStatus()), "get the display name approved in WhatsApp Manager"));
      out.add(new Result(p.throughputLevel() == null ? Level.WARN : Level.PASS, "throughput",
          p.throughputLevel() == null ? "unknown" : p.throughputLevel(), p.throughputLevel() == null ? "read throughput.level" : null));
      out.add(new Result(p.messagingLimit() == null ? Level.WARN : Level.PASS, "messaging limit",
          p.messagingLimit() == null ? "unknown" : p.messagingLimit(),
          p.messagingLimit() == null ? "read whatsapp_business_manager_messaging_limit (v24+)" : null));
    } catch (WhatsAppException e) {
      out.add(new Result(Level.FAIL, "phone number", e.getMessage(), "check WA_PHONE_NUMBER_ID and the token's asset grant"));
    }
    progress.println("[3/4] reading the templates (every page) ...");
    try {
      List<MessageTemplate> ts = client.templates().list();
      Map<TemplateStatus, List<String>> by = ts.stream().collect(Collectors.groupingBy(MessageTemplate::status,
          Collectors.mapping(t -> t.name() + "[" + t.language() + "]", Collectors.toList())));
      out.add(new Result(by.containsKey(TemplateStatus.APPROVED) ? Level.PASS : Level.FAIL, "approved templates",
          String.valueOf(by.getOrDefault(TemplateStatus.APPROVED, List.of())),
          by.containsKey(TemplateStatus.APPROVED) ? null : "create and get approved a utility template for replies outside the window"));
      for (TemplateStatus s : List.of(TemplateStatus.PAUSED, TemplateStatus.DISABLED, TemplateStatus.REJECTED)) {
        if (by.containsKey(s)) {
          out.add(new Result(Level.WARN, s.name().toLowerCase() + " templates", String.valueOf(by.get(s)),
              "edit and resubmit, or stop referencing them in the template policy"));
        }
      }
    } catch (WhatsAppException e) {
      out.add(new Result(Level.FAIL, "templates", e.getMessage(), "check WA_WABA_ID and whatsapp_business_management"));
    }
    progress.println("[4/4] checking the webhook subscription ...");
    out.add(subscription(client));
    return out;
  }

  /** The webhook subscription check: PASS naming the subscribed apps, FAIL with the fix otherwise. */
  static Result subscription(WhatsAppClient client) {
    try {
      List<SubscribedApp> apps = client.account().subscribedApps();
      if (apps.isEmpty()) {
        return new Result(Level.FAIL, "webhook subscription", "no app is subscribed to the WABA: no webhooks will arrive",
            SUBSCRIBE_FIX);
      }
      return new Result(Level.PASS, "webhook subscription", apps.stream()
          .map(a -> (a.name() == null ? "app" : a.name()) + " (" + a.id() + ")").collect(Collectors.joining(", ")), null);
    } catch (WhatsAppException e) {
      return new Result(Level.FAIL, "webhook subscription", e.getMessage(),
          "check WA_WABA_ID and whatsapp_business_management; then " + SUBSCRIBE_FIX);
    }
  }
}
