package io.github.whatsapphelpdesk.template.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code {{1}}} / {@code {{name}}} variables of template text. */
final class Placeholders {
  private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

  private Placeholders() {}

  /** The distinct variable names of a text, in order of first appearance (empty for null text). */
  static List<String> variables(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    Matcher m = VAR.matcher(text);
    while (m.find()) {
      if (!out.contains(m.group(1))) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /**
   * The number of positional parameters a text expects: the highest {@code {{n}}} (Meta numbers them
   * from 1 without gaps), or 0.
   */
  static int positionalCount(List<String> vars) {
    int max = 0;
    for (String v : vars) {
      if (isNumber(v)) {
        max = Math.max(max, Integer.parseInt(v));
      }
    }
    return max;
  }

  static boolean isNumber(String v) {
    if (v.isEmpty() || v.length() > 4) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      if (!Character.isDigit(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The text with each variable replaced by its value; unknown variables stay as written. */
  static String substitute(String text, Map<String, String> values) {
    if (text == null) {
      return null;
    }
    Matcher m = VAR.matcher(text);
    StringBuilder sb = new StringBuilder(text.length() + 32);
    while (m.find()) {
      String v = values.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v != null ? v : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The text's length once every variable is removed (the fixed part). */
  static int fixedLength(String text) {
    return text == null ? 0 : VAR.matcher(text).replaceAll("").length();
  }
}
