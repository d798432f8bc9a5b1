package io.github.whatsapphelpdesk.template.internal;

/** Makes text safe for a template parameter and cuts it to a length. */
public final class ParamText {
  /** Appended to text that was cut. */
  public static final String ELLIPSIS = "…";

  private ParamText() {}

  /**
   * Replaces new lines, tabs, other control characters and runs of white space with one space, and
   * trims (Meta rejects parameters with new lines, tabs or more than 4 consecutive spaces).
   */
  public static String sanitize(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u00A0' || c == '\u2028' || c == '\u2029') {
        space = sb.length() > 0;
        continue;
      }
      if (space) {
        sb.append(' ');
        space = false;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * {@code s} when it has at most {@code max} characters; otherwise cut at a word boundary when one is
   * close, never inside a surrogate pair, and ended with {@link #ELLIPSIS}, {@code max} characters in all.
   */
  public static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    if (max <= ELLIPSIS.length()) {
      return ELLIPSIS.substring(0, Math.max(0, max));
    }
    int end = max - ELLIPSIS.length();
    if (Character.isLowSurrogate(s.charAt(end)) && end > 0) {
      end--;
    }
    int space = s.lastIndexOf(' ', end);
    if (space > 0 && space >= end - Math.max(10, end / 5)) {
      end = space;
    }
    String head = s.substring(0, end).stripTrailing();
    return head + ELLIPSIS;
  }
}
