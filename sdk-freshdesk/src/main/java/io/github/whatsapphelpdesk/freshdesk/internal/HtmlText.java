package io.github.whatsapphelpdesk.freshdesk.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML escaping for what the adapter writes, and HTML-to-text for agent replies it reads. */
public final class HtmlText {
  private static final Pattern QUOTE_OPEN = Pattern.compile(
      "<blockquote\\b[^>]*>|<div\\b[^>]*class=\"[^\"]*freshdesk_quote[^\"]*\"[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)\\b[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");
  private static final Pattern SCRIPT = Pattern.compile(
      "<(script|style)\\b[^>]*>.*?</\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private HtmlText() {}

  /** Escapes text for an HTML body; line breaks become {@code <br>}. */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&': sb.append("&amp;"); break;
        case '<': sb.append("&lt;"); break;
        case '>': sb.append("&gt;"); break;
        case '"': sb.append("&quot;"); break;
        case '\'': sb.append("&#39;"); break;
        case '\r': break;
        case '\n': sb.append("<br>"); break;
        default: sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Plain text of an agent's HTML reply, without quoted history ({@code <blockquote>}, Freshdesk quotes). */
  public static String toText(String html) {
    if (html == null) {
      return "";
    }
    String s = SCRIPT.matcher(html).replaceAll("");
    s = dropQuotes(s);
    Matcher m = TAG.matcher(s);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      sb.append(s, last, m.start());
      String name = m.group(2).toLowerCase(Locale.ROOT);
      boolean closing = !m.group(1).isEmpty();
      if (name.equals("br") || (closing && (name.equals("p") || name.equals("div") || name.equals("li")
          || name.matches("h[1-6]")))) {
        sb.append('\n');
      }
      last = m.end();
    }
    sb.append(s.substring(last));
    String text = decodeEntities(sb.toString().replace("\r", ""));
    text = text.replaceAll("[ \\t\\u00a0]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
    return text.strip();
  }

  /** Removes every quoted block, counting nesting of the same element. */
  private static String dropQuotes(String s) {
    StringBuilder out = new StringBuilder();
    int pos = 0;
    Matcher open = QUOTE_OPEN.matcher(s);
    while (open.find(pos)) {
      out.append(s, pos, open.start());
      String element = open.group().toLowerCase(Locale.ROOT).startsWith("<blockquote") ? "blockquote" : "div";
      Pattern p = Pattern.compile("<(/?)" + element + "\\b[^>]*>", Pattern.CASE_INSENSITIVE);
      Matcher m = p.matcher(s);
      int depth = 0;
      int end = s.length();
      m.region(open.start(), s.length());
      while (m.find()) {
        depth += m.group(1).isEmpty() ? 1 : -1;
        if (depth == 0) {
          end = m.end();
          break;
        }
      }
      pos = end;
    }
    out.append(s.substring(Math.min(pos, s.length())));
    return out.toString();
  }

  private static String decodeEntities(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r;
      if (e.startsWith("#x") || e.startsWith("#X")) {
        r = codePoint(e.substring(2), 16, m.group());
      } else if (e.startsWith("#")) {
        r = codePoint(e.substring(1), 10, m.group());
      } else {
        switch (e) {
          case "amp": r = "&"; break;
          case "lt": r = "<"; break;
          case "gt": r = ">"; break;
          case "quot": r = "\""; break;
          case "apos": r = "'"; break;
          case "nbsp": r = " "; break;
          default: r = m.group();
        }
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(r));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String codePoint(String digits, int radix, String original) {
    try {
      int cp = Integer.parseInt(digits, radix);
      return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : original;
    } catch (NumberFormatException e) {
      return original;
    }
  }
}
