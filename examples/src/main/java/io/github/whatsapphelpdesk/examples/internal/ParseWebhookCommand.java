package io.github.whatsapphelpdesk.examples.internal;

import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.ParseProblem;
import io.github.whatsapphelpdesk.webhook.ParsedWebhook;
import io.github.whatsapphelpdesk.webhook.StatusUpdate;
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

        Prints one JSON line per event: {"type": ..., key fields}. Problems with single items go to
        stderr; a body that is not a WhatsApp webhook at all gives a typed error and exit code 1.
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
    if (e instanceof InboundMessage im) {
      m.put("content", im.content().type());
      m.put("wamid", im.wamid());
      m.put("from", im.from());
      m.put("timestamp", im.timestamp() == null ? null : im.timestamp().toString());
      m.put("phone_number_id", im.metadata().phoneNumberId());
    } else if (e instanceof StatusUpdate s) {
      m.put("status", s.status().name());
      m.put("wamid", s.wamid());
      m.put("recipient", s.recipientId());
      m.put("errors", s.errors().stream().map(x -> x.code()).toList());
    } else {
      m.put("key", e.idempotencyKey());
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
    if (v instanceof Number) {
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
