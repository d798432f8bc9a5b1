package io.github.whatsapphelpdesk.examples.internal;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.webhook.BusinessCapabilityUpdate;
import io.github.whatsapphelpdesk.webhook.CallEvent;
import io.github.whatsapphelpdesk.webhook.InboundContent;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.MessageEcho;
import io.github.whatsapphelpdesk.webhook.ParseProblem;
import io.github.whatsapphelpdesk.webhook.ParsedWebhook;
import io.github.whatsapphelpdesk.webhook.StatusUpdate;
import io.github.whatsapphelpdesk.webhook.UserIdUpdate;
import io.github.whatsapphelpdesk.webhook.UserPreferenceUpdate;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import io.github.whatsapphelpdesk.webhook.WebhookParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code parse-webhook}: a body file in, one JSON line per typed event out. */
public final class ParseWebhookCommand implements Command {
  @Override
  public String name() {
    return "parse-webhook";
  }

  @Override
  public String summary() {
    return "parse a captured webhook body into one JSON line per typed event";
  }

  @Override
  public String usage() {
    return """
        usage: parse-webhook FILE

        Prints one JSON line per event: its type, its ids (wamid, phone_number_id, idempotency key) and
        the customer it concerns: "bsuid" (business-scoped user id), "phone" (wa_id; null when Meta
        withholds it), "parent_bsuid" and "username". A user_id_update (a customer changed number and got
        a new BSUID) shows "previous_bsuid" and "bsuid" (the new one); a system message (number change)
        shows "new_bsuid", "previous_bsuid" and "new_phone".

        This is an operator's tool for your own captured bodies: it prints customer identifiers unmasked
        (BSUIDs, phone numbers, usernames) so you can find the customer. It never prints message bodies.
        Do not paste its output into tickets or logs that others can read.

        Problems with single items go to stderr; a body that is not a WhatsApp webhook at all gives a
        typed error and exit code 1.
        """;
  }

  @Override
  public int run(List<String> argList, Console console) throws Exception {
    Args args = Args.parse(argList, Set.of(), Set.of());
    if (args.positional().size() != 1) {
      throw new Args.UsageException("give exactly one body file");
    }
    byte[] body = Files.readAllBytes(Path.of(args.positional().get(0)));
    ParsedWebhook parsed;
    try {
      parsed = WebhookParser.create().parse(body);
    } catch (WebhookParseException e) {
      console.err().println("parse error: " + e.getMessage());
      return 1;
    }
    for (WebhookEvent e : parsed.events()) {
      console.out().println(json(line(e)));
    }
    for (ParseProblem p : parsed.problems()) {
      console.err().println("problem: " + p);
    }
    return 0;
  }

  static Map<String, Object> line(WebhookEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", e.getClass().getSimpleName());
    m.put("field", e.metadata().field());
    m.put("phone_number_id", e.metadata().phoneNumberId());
    if (e instanceof InboundMessage im) {
      m.put("content", im.content().type());
      m.put("wamid", im.wamid());
      m.put("from", im.from());
      m.put("from_user_id", im.fromUserId());
      m.put("timestamp", im.timestamp() == null ? null : im.timestamp().toString());
      if (im.content() instanceof InboundContent.SystemChange sc) {
        m.put("system_type", sc.systemType());
        m.put("new_phone", sc.newWaId());
        m.put("new_bsuid", sc.userId());
        m.put("previous_bsuid", sc.previousUserId());
      }
    } else if (e instanceof StatusUpdate s) {
      m.put("status", s.status().name());
      m.put("wamid", s.wamid());
      m.put("recipient", s.recipientId());
      m.put("recipient_user_id", s.recipientUserId());
      m.put("errors", s.errors().stream().map(x -> x.code()).toList());
    } else if (e instanceof MessageEcho echo) {
      m.put("wamid", echo.wamid());
      m.put("content", echo.content().type());
    } else if (e instanceof UserIdUpdate u) {
      m.put("change", "BSUID " + u.previousUserId() + " -> " + u.currentUserId());
      m.put("previous_bsuid", u.previousUserId());
      m.put("previous_parent_bsuid", u.previousParentUserId());
    } else if (e instanceof UserPreferenceUpdate p) {
      m.put("preference", p.category() + "=" + p.value());
    } else if (e instanceof CallEvent call) {
      m.put("call", call.kind() + " " + call.direction() + (call.status() == null ? "" : " " + call.status()));
      m.put("call_id", call.callId());
      m.put("opens_window", call.opensServiceWindow());
    } else if (e instanceof BusinessCapabilityUpdate b) {
      // the portfolio's new messaging limit, shared by all its numbers
      m.put("messaging_limit", b.messagingLimit()
          .map(l -> l.unlimited() ? "unlimited" : String.valueOf(l.maxRecipients())).orElse(null));
      m.put("max_phone_numbers_per_business", b.maxPhoneNumbersPerBusiness());
    }
    m.put("key", e.idempotencyKey());
    Customer c = e.customer();
    if (c != null) {
      m.put("customer_id", c.id().value());
      m.put("bsuid", c.bsuid());
      m.put("phone", c.phone());
      m.put("parent_bsuid", c.parentBsuid());
      m.put("username", c.username());
    }
    return m;
  }

  static String json(Map<String, Object> m) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append('"').append(e.getKey()).append("\":").append(value(e.getValue()));
    }
    return b.append('}').toString();
  }

  private static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      for (Object o : l) {
        if (b.length() > 1) {
          b.append(',');
        }
        b.append(value(o));
      }
      return b.append(']').toString();
    }
    String s = v.toString();
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return b.append('"').toString();
  }
}
