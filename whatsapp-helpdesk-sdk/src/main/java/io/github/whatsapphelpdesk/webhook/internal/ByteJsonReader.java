package io.github.whatsapphelpdesk.webhook.internal;

import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.error.WebhookParseException.Reason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict (RFC 8259) pull reader over a UTF-8 byte array: the subset of a streaming JSON reader the
 * webhook parser needs, without copying the input. It replaces Moshi's {@code JsonReader} on the webhook
 * path; its API mirrors Moshi's so the parser reads the same.
 *
 * <ul>
 *   <li><b>Strict</b>: one top-level value, no trailing data; numbers per the RFC grammar (no leading
 *       zeros, no {@code NaN}, no bare {@code .5} or {@code 1.}); only the RFC's escapes; no unescaped
 *       control characters (below U+0020) in strings; no trailing commas; literals spelt exactly.
 *   <li><b>UTF-8</b>: every byte of every string (names included, skipped ones too) is validated: no
 *       overlong forms, no encoded surrogates, nothing above U+10FFFF, no truncated sequence. Outside
 *       strings only ASCII JSON syntax is accepted, so a document read to its end is valid UTF-8.
 *       {@code \\uXXXX} escapes are taken as UTF-16 code units, as Moshi does: a lone surrogate escape
 *       is kept as that {@code char}.
 *   <li><b>Bounded</b>: at most {@link #MAX_DEPTH} nested containers (deeper input fails with
 *       {@link Reason#TOO_DEEP}); every method is iterative, so no input can drive the stack deep;
 *       memory is the caller's array plus, for escaped strings only, a scratch buffer no longer than the
 *       string.
 *   <li><b>Cheap on the common path</b>: names are matched against precomputed byte tables ({@link
 *       Options}) without building a String; a string without escapes or non-ASCII bytes (Meta escapes
 *       non-ASCII text) becomes a String straight from the bytes; integral values are read without a
 *       String ({@link #nextLongFast}).
 * </ul>
 *
 * <p>Errors are {@link WebhookParseException}s ({@link Reason#MALFORMED_JSON}, {@link Reason#TOO_DEEP},
 * {@link Reason#INVALID_UTF8}); their messages name the byte offset, never content. Not thread-safe.
 */
final class ByteJsonReader {
  /** The most containers open at once (Moshi's fixed limit, kept). */
  static final int MAX_DEPTH = 255;
  /** {@link #nextLongFast}'s answer when the value is not a plain integer (nothing consumed). */
  static final long NOT_FAST = Long.MIN_VALUE;

  /** The kind of the next token. */
  enum Token {
    BEGIN_ARRAY, END_ARRAY, BEGIN_OBJECT, END_OBJECT, NAME, STRING, NUMBER, BOOLEAN, NULL, END_DOCUMENT
  }

  // Scopes on the stack.
  private static final byte EMPTY_DOCUMENT = 0;
  private static final byte NONEMPTY_DOCUMENT = 1;
  private static final byte EMPTY_ARRAY = 2;
  private static final byte NONEMPTY_ARRAY = 3;
  private static final byte EMPTY_OBJECT = 4;
  private static final byte DANGLING_NAME = 5;
  private static final byte NONEMPTY_OBJECT = 6;

  // What peek found (the token's bytes are consumed at peek, except a string's body and a name's).
  private static final int NONE = 0;
  private static final int P_BEGIN_OBJECT = 1;
  private static final int P_END_OBJECT = 2;
  private static final int P_BEGIN_ARRAY = 3;
  private static final int P_END_ARRAY = 4;
  private static final int P_NAME = 5; // pos is after the opening quote
  private static final int P_BUFFERED_NAME = 6; // name consumed by a failed selectName
  private static final int P_STRING = 7; // pos is after the opening quote
  private static final int P_NUMBER = 8; // consumed: [tokenStart, pos)
  private static final int P_TRUE = 9;
  private static final int P_FALSE = 10;
  private static final int P_NULL = 11;
  private static final int P_EOF = 12;

  private static final Token[] TOKENS = {
    null, Token.BEGIN_OBJECT, Token.END_OBJECT, Token.BEGIN_ARRAY, Token.END_ARRAY, Token.NAME, Token.NAME,
    Token.STRING, Token.NUMBER, Token.BOOLEAN, Token.BOOLEAN, Token.NULL, Token.END_DOCUMENT};

  /** Byte classes inside strings: 0 = plain ASCII, else the reason the fast scan stops. */
  private static final byte[] STRING_CLASS = new byte[256];
  private static final byte C_CONTROL = 1;
  private static final byte C_QUOTE = 2;
  private static final byte C_BACKSLASH = 3;
  private static final byte C_NON_ASCII = 4;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    for (int c = 0; c < 0x20; c++) {
      STRING_CLASS[c] = C_CONTROL;
    }
    STRING_CLASS['"'] = C_QUOTE;
    STRING_CLASS['\\'] = C_BACKSLASH;
    for (int c = 0x80; c < 0x100; c++) {
      STRING_CLASS[c] = C_NON_ASCII;
    }
  }

  private final byte[] b;
  private final int end;
  private int pos;
  private byte[] stack = new byte[16];
  private int top; // index of the current scope; = the number of open containers
  private int peeked = NONE;
  private int tokenStart; // where the peeked value token starts
  private int bufferedStart; // P_BUFFERED_NAME: a plain name's bytes [bufferedStart, bufferedEnd)
  private int bufferedEnd;
  private String bufferedName; // P_BUFFERED_NAME: a decoded (escaped / non-ASCII) name, else null

  private ByteJsonReader(byte[] b, int from, int to) {
    this.b = b;
    this.pos = from;
    this.end = to;
  }

  /** A reader over all of {@code b} (not copied: do not change it while reading). */
  static ByteJsonReader of(byte[] b) {
    return new ByteJsonReader(b, 0, b.length);
  }

  /** A reader over {@code b[from, to)}. */
  static ByteJsonReader of(byte[] b, int from, int to) {
    if (from < 0 || to > b.length || from > to) {
      throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + b.length);
    }
    return new ByteJsonReader(b, from, to);
  }

  /** The offset of the next unread byte. */
  int position() {
    return pos;
  }

  // ---------------------------------------------------------------------------------------------
  // Structure

  /** The kind of the next token, without consuming it. */
  Token peek() {
    int p = peeked;
    if (p == NONE) {
      p = doPeek();
    }
    return TOKENS[p];
  }

  void beginObject() {
    expect(P_BEGIN_OBJECT, "'{'");
    push(EMPTY_OBJECT);
    peeked = NONE;
  }

  void endObject() {
    expect(P_END_OBJECT, "'}'");
    top--;
    peeked = NONE;
  }

  void beginArray() {
    expect(P_BEGIN_ARRAY, "'['");
    push(EMPTY_ARRAY);
    peeked = NONE;
  }

  void endArray() {
    expect(P_END_ARRAY, "']'");
    top--;
    peeked = NONE;
  }

  /** True while the current object or array has another member. */
  boolean hasNext() {
    int p = peeked;
    if (p == NONE) {
      p = doPeek();
    }
    return p != P_END_OBJECT && p != P_END_ARRAY && p != P_EOF;
  }

  /** True when only whitespace is left after the top-level value. */
  boolean atEnd() {
    if (peeked == P_EOF) {
      return true;
    }
    if (peeked != NONE || top != 0 || stack[0] != NONEMPTY_DOCUMENT) {
      return false;
    }
    return nextNonWhitespace() < 0;
  }

  private void expect(int want, String what) {
    int p = peeked;
    if (p == NONE) {
      p = doPeek();
    }
    if (p != want) {
      throw unexpected(what, p);
    }
  }

  private void push(byte scope) {
    if (top >= MAX_DEPTH) {
      throw new WebhookParseException(Reason.TOO_DEEP,
          "webhook body nests deeper than " + MAX_DEPTH + " levels (at byte " + tokenStart + ")");
    }
    if (top + 1 == stack.length) {
      stack = Arrays.copyOf(stack, Math.min(stack.length * 2, MAX_DEPTH + 1));
    }
    stack[++top] = scope;
  }

  /** Skips whitespace; the next byte (0-255) with {@link #pos} on it, or -1 at the end. */
  private int nextNonWhitespace() {
    byte[] buf = b;
    int p = pos;
    int e = end;
    while (p < e) {
      int c = buf[p];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        p++;
        continue;
      }
      pos = p;
      return c & 0xff;
    }
    pos = p;
    return -1;
  }

  private int doPeek() {
    int scope = stack[top];
    int c;
    if (scope == NONEMPTY_OBJECT || scope == EMPTY_OBJECT) {
      c = nextNonWhitespace();
      if (scope == NONEMPTY_OBJECT) {
        if (c == '}') {
          pos++;
          return peeked = P_END_OBJECT;
        }
        if (c != ',') {
          throw syntax(c < 0 ? "unterminated object" : "expected ',' or '}'");
        }
        pos++;
        c = nextNonWhitespace();
      } else if (c == '}') {
        pos++;
        return peeked = P_END_OBJECT;
      }
      stack[top] = DANGLING_NAME;
      if (c != '"') {
        throw syntax(c < 0 ? "unterminated object" : "expected a name in double quotes");
      }
      pos++;
      tokenStart = pos - 1;
      return peeked = P_NAME;
    }
    if (scope == DANGLING_NAME) {
      stack[top] = NONEMPTY_OBJECT;
      if (nextNonWhitespace() != ':') {
        throw syntax("expected ':'");
      }
      pos++;
    } else if (scope == NONEMPTY_ARRAY) {
      c = nextNonWhitespace();
      if (c == ']') {
        pos++;
        return peeked = P_END_ARRAY;
      }
      if (c != ',') {
        throw syntax(c < 0 ? "unterminated array" : "expected ',' or ']'");
      }
      pos++;
    } else if (scope == EMPTY_ARRAY) {
      stack[top] = NONEMPTY_ARRAY;
      c = nextNonWhitespace();
      if (c == ']') {
        pos++;
        return peeked = P_END_ARRAY;
      }
    } else if (scope == EMPTY_DOCUMENT) {
      stack[top] = NONEMPTY_DOCUMENT;
    } else { // NONEMPTY_DOCUMENT
      if (nextNonWhitespace() < 0) {
        return peeked = P_EOF;
      }
      throw syntax("data after the top-level value");
    }
    c = nextNonWhitespace();
    tokenStart = pos;
    switch (c) {
      case '"':
        pos++;
        return peeked = P_STRING;
      case '{':
        pos++;
        return peeked = P_BEGIN_OBJECT;
      case '[':
        pos++;
        return peeked = P_BEGIN_ARRAY;
      case 't':
        literal("true");
        return peeked = P_TRUE;
      case 'f':
        literal("false");
        return peeked = P_FALSE;
      case 'n':
        literal("null");
        return peeked = P_NULL;
      case -1:
        throw syntax("end of input where a value was expected");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
          return peeked = P_NUMBER;
        }
        throw syntax("unexpected character where a value was expected");
    }
  }

  private void literal(String word) {
    int n = word.length();
    if (end - pos < n) {
      throw syntax("truncated literal");
    }
    for (int k = 0; k < n; k++) {
      if (b[pos + k] != word.charAt(k)) {
        throw syntax("unexpected character where a value was expected");
      }
    }
    pos += n;
  }

  /** Consumes a number per RFC 8259: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
  private void number() {
    byte[] buf = b;
    int i = pos;
    int e = end;
    if (buf[i] == '-') {
      i++;
    }
    if (i < e && buf[i] == '0') {
      i++;
      if (i < e && isDigit(buf[i])) {
        pos = i;
        throw syntax("number with a leading zero");
      }
    } else if (i < e && isDigit(buf[i])) {
      while (i < e && isDigit(buf[i])) {
        i++;
      }
    } else {
      pos = i;
      throw syntax("malformed number");
    }
    if (i < e && buf[i] == '.') {
      i++;
      int d = i;
      while (i < e && isDigit(buf[i])) {
        i++;
      }
      if (i == d) {
        pos = i;
        throw syntax("malformed number: no digit after '.'");
      }
    }
    if (i < e && (buf[i] == 'e' || buf[i] == 'E')) {
      i++;
      if (i < e && (buf[i] == '+' || buf[i] == '-')) {
        i++;
      }
      int d = i;
      while (i < e && isDigit(buf[i])) {
        i++;
      }
      if (i == d) {
        pos = i;
        throw syntax("malformed number: no digit in the exponent");
      }
    }
    pos = i;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  // ---------------------------------------------------------------------------------------------
  // Names

  /**
   * Names the next member: its index in {@code options}, or -1 when it is none of them (the name is then
   * consumed but still available to {@link #nextName} or {@link #skipName}).
   */
  int selectName(Options options) {
    int p = peeked;
    if (p == NONE) {
      p = doPeek();
    }
    if (p != P_NAME) {
      if (p == P_BUFFERED_NAME) {
        return bufferedName != null ? options.indexOf(bufferedName) : options.indexOf(b, bufferedStart, bufferedEnd);
      }
      throw unexpected("a name", p);
    }
    int start = pos;
    int i = plainEnd(start);
    if (i < end && b[i] == '"') {
      int k = options.indexOf(b, start, i);
      pos = i + 1;
      if (k >= 0) {
        peeked = NONE;
        return k;
      }
      bufferedStart = start;
      bufferedEnd = i;
      bufferedName = null;
      peeked = P_BUFFERED_NAME;
      return -1;
    }
    String name = readStringSlow(start, i);
    int k = options.indexOf(name);
    if (k >= 0) {
      peeked = NONE;
      return k;
    }
    bufferedName = name;
    peeked = P_BUFFERED_NAME;
    return -1;
  }

  /** The next member's name. */
  String nextName() {
    int p = peeked;
    if (p == NONE) {
      p = doPeek();
    }
    peeked = NONE;
    if (p == P_NAME) {
      return readString();
    }
    if (p == P_BUFFERED_NAME) {
      return bufferedName != null ? bufferedName : latin1(bufferedStart, bufferedEnd);
    }
    peeked = p;
    throw unexpected("a name", p);
  }

  /** Skips the next member's name (its value is still to be read or skipped). */
  void skipName() {
    int p = peeked;
    if (p == NONE) {
      p = doPeek();
    }
    if (p == P_NAME) {
      skipString();
    } else if (p != P_BUFFERED_NAME) {
      throw unexpected("a name", p);
    }
    peeked = NONE;
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  /** A string value, or a number's text exactly as written. */
  String nextString() {
    int p = peeked;
    if (p == NONE) {
      p = doPeek();
    }
    if (p == P_STRING) {
      peeked = NONE;
      return readString();
    }
    if (p == P_NUMBER) {
      peeked = NONE;
      return latin1(tokenStart, pos);
    }
    throw unexpected("a string", p);
  }

  boolean nextBoolean() {
    int p = peeked;
    if (p == NONE) {
      p = doPeek();
    }
    if (p == P_TRUE || p == P_FALSE) {
      peeked = NONE;
      return p == P_TRUE;
    }
    throw unexpected("a boolean", p);
  }

  /** Consumes a null; returns null (typed for convenience). */
  <T> T nextNull() {
    expect(P_NULL, "null");
    peeked = NONE;
    return null;
  }

  /** A number as a double; non-finite results fail (JSON has no NaN or infinities). */
  double nextDouble() {
    int p = peeked;
    if (p == NONE) {
      p = doPeek();
    }
    if (p != P_NUMBER) {
      throw unexpected("a number", p);
    }
    double d = Double.parseDouble(latin1(tokenStart, pos));
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw syntax("number out of the range of a double");
    }
    peeked = NONE;
    return d;
  }

  /**
   * The next value when it is a plain integer of at most 18 digits (a number, or a string of one, as
   * webhook timestamps are): {@code -?[0-9]{1,18}}. Otherwise {@link #NOT_FAST}, and nothing is consumed
   * (read the value another way). No allocation.
   */
  long nextLongFast() {
    int p = peeked;
    if (p == NONE) {
      p = doPeek();
    }
    int i;
    int stop;
    if (p == P_STRING) {
      i = pos;
      stop = -1;
    } else if (p == P_NUMBER) {
      i = tokenStart;
      stop = pos;
    } else {
      return NOT_FAST;
    }
    byte[] buf = b;
    int e = stop < 0 ? end : stop;
    boolean negative = i < e && buf[i] == '-';
    if (negative) {
      i++;
    }
    int first = i;
    long v = 0;
    while (i < e && i - first < 19) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      v = v * 10 + d;
      i++;
    }
    int digits = i - first;
    if (digits == 0 || digits > 18) {
      return NOT_FAST;
    }
    if (stop < 0) {
      if (i >= e || buf[i] != '"') {
        return NOT_FAST;
      }
      pos = i + 1;
    } else if (i != stop) {
      return NOT_FAST;
    }
    peeked = NONE;
    return negative ? -v : v;
  }

  /** Skips the next value, however deeply nested (iteratively; the depth limit still applies). */
  void skipValue() {
    int depth = 0;
    do {
      int p = peeked;
      if (p == NONE) {
        p = doPeek();
      }
      switch (p) {
        case P_BEGIN_OBJECT:
          push(EMPTY_OBJECT);
          depth++;
          break;
        case P_BEGIN_ARRAY:
          push(EMPTY_ARRAY);
          depth++;
          break;
        case P_END_OBJECT:
        case P_END_ARRAY:
          if (depth == 0) {
            throw unexpected("a value", p);
          }
          top--;
          depth--;
          break;
        case P_NAME:
        case P_STRING:
          skipString();
          break;
        case P_EOF:
          throw unexpected("a value", p);
        default: // numbers, literals and buffered names are consumed already
          break;
      }
      peeked = NONE;
    } while (depth > 0);
  }

  /** Consumes the next value and returns its exact JSON text (a copy of the bytes). */
  byte[] nextValueBytes() {
    int p = peeked;
    if (p == NONE) {
      p = doPeek();
    }
    if (p == P_NAME || p == P_BUFFERED_NAME) {
      throw unexpected("a value", p);
    }
    int start = tokenStart;
    skipValue();
    return Arrays.copyOfRange(b, start, pos);
  }

  /**
   * Reads the next value as a tree: objects as insertion-ordered maps (a repeated name fails), arrays as
   * lists, numbers as {@link Double}, strings, booleans and nulls. Iterative.
   */
  Object readJsonValue() {
    List<Object> containers = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Object result = null;
    while (true) {
      Object value;
      boolean opened = false;
      switch (peek()) {
        case BEGIN_OBJECT:
          beginObject();
          value = new LinkedHashMap<String, Object>();
          opened = true;
          break;
        case BEGIN_ARRAY:
          beginArray();
          value = new ArrayList<>();
          opened = true;
          break;
        case STRING:
          value = nextString();
          break;
        case NUMBER:
          value = nextDouble();
          break;
        case BOOLEAN:
          value = nextBoolean();
          break;
        case NULL:
          value = nextNull();
          break;
        default:
          throw unexpected("a value", peeked);
      }
      if (containers.isEmpty()) {
        result = value;
      } else {
        add(containers.get(containers.size() - 1), keys, value);
      }
      if (opened) {
        containers.add(value);
        keys.add(null);
      }
      // Close finished containers, then position on the next value (reading its name).
      while (!containers.isEmpty()) {
        Object c = containers.get(containers.size() - 1);
        if (!hasNext()) {
          if (c instanceof Map) {
            endObject();
          } else {
            endArray();
          }
          containers.remove(containers.size() - 1);
          keys.remove(keys.size() - 1);
          continue;
        }
        if (c instanceof Map) {
          keys.set(keys.size() - 1, nextName());
        }
        break;
      }
      if (containers.isEmpty()) {
        return result;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void add(Object container, List<String> keys, Object value) {
    if (container instanceof Map) {
      String key = keys.get(keys.size() - 1);
      Map<String, Object> m = (Map<String, Object>) container;
      if (m.containsKey(key)) {
        throw syntax("repeated name in an object");
      }
      m.put(key, value);
    } else {
      ((List<Object>) container).add(value);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Strings

  /**
   * The end of the plain run (ASCII, no quote, backslash or control character) starting at {@code i}:
   * eight bytes at a time while they are all plain, then byte by byte.
   */
  private int plainEnd(int i) {
    byte[] buf = b;
    int e = end;
    while (i + 8 <= e) {
      long x = (long) LONGS.get(buf, i);
      long quote = x ^ 0x2222222222222222L;
      long slash = x ^ 0x5c5c5c5c5c5c5c5cL;
      // Flags bytes with the high bit set (x), below 0x20 (x - 0x20 wraps), or equal to '"' or '\\'
      // (x ^ c - 1 wraps). For a byte below 0x80 a subtraction sets its high bit only when it wraps, and
      // a wrap borrows only from the bytes above it: the lowest flag is exact, higher ones may be false.
      long special = (x | (x - 0x2020202020202020L) | (quote - 0x0101010101010101L)
          | (slash - 0x0101010101010101L)) & 0x8080808080808080L;
      if (special != 0) {
        return i + (Long.numberOfTrailingZeros(special) >>> 3);
      }
      i += 8;
    }
    byte[] cls = STRING_CLASS;
    while (i < e && cls[buf[i] & 0xff] == 0) {
      i++;
    }
    return i;
  }

  /** Reads a string body (pos after the opening quote) up to and including the closing quote. */
  private String readString() {
    int start = pos;
    int i = plainEnd(start);
    if (i < end && b[i] == '"') {
      pos = i + 1;
      return latin1(start, i);
    }
    return readStringSlow(start, i);
  }

  private String latin1(int from, int to) {
    // Only ever called on ASCII ranges, where ISO-8859-1 decoding is a plain copy.
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** Skips a string body (pos after the opening quote), validating it like {@link #readString}. */
  private void skipString() {
    int i = plainEnd(pos);
    if (i < end && b[i] == '"') {
      pos = i + 1;
      return;
    }
    scanSlow(pos, i, false);
  }

  /** The string whose body starts at {@code start}; {@code [start, i)} is plain. */
  private String readStringSlow(int start, int i) {
    scanSlow(start, i, true);
    return wide ? new String(chars, 0, outLength) : new String(latin, 0, outLength, StandardCharsets.ISO_8859_1);
  }

  // The decoded text of a slow-path string: Latin-1 bytes while every char fits (the usual case: Meta
  // escapes accented text as \\u00XX), widened to chars at the first one that does not.
  private byte[] latin;
  private char[] chars;
  private boolean wide;
  private int outLength;

  /**
   * Scans a string body from {@code start} (its first plain run ends at {@code i}) to its closing quote,
   * validating escapes and UTF-8, and when {@code decode} decoding it into the scratch buffers. Sets
   * {@link #pos} after the closing quote.
   */
  private void scanSlow(int start, int i, boolean decode) {
    byte[] buf = b;
    int e = end;
    if (decode) {
      wide = false;
      outLength = 0;
      ensureLatin(Math.max(64, (i - start) + 32));
      appendPlain(start, i);
    }
    while (true) {
      if (i >= e) {
        pos = i;
        throw syntax("unterminated string");
      }
      int c = buf[i] & 0xff;
      switch (STRING_CLASS[c]) {
        case C_QUOTE:
          pos = i + 1;
          return;
        case C_CONTROL:
          pos = i;
          throw syntax("unescaped control character in a string");
        case C_BACKSLASH: {
          if (i + 1 >= e) {
            pos = i;
            throw syntax("unterminated escape sequence");
          }
          char ch;
          switch (buf[i + 1]) {
            case '"': ch = '"'; break;
            case '\\': ch = '\\'; break;
            case '/': ch = '/'; break;
            case 'b': ch = '\b'; break;
            case 'f': ch = '\f'; break;
            case 'n': ch = '\n'; break;
            case 'r': ch = '\r'; break;
            case 't': ch = '\t'; break;
            case 'u': {
              if (i + 6 > e) {
                pos = i;
                throw syntax("unterminated \\u escape");
              }
              int v = 0;
              for (int k = 2; k < 6; k++) {
                int h = hex(buf[i + k]);
                if (h < 0) {
                  pos = i;
                  throw syntax("malformed \\u escape");
                }
                v = (v << 4) | h;
              }
              ch = (char) v;
              i += 4;
              break;
            }
            default:
              pos = i;
              throw syntax("invalid escape sequence");
          }
          if (decode) {
            emit(ch);
          }
          i += 2;
          break;
        }
        case C_NON_ASCII: { // one UTF-8 sequence, validated
          int cp = Prescan.codePoint(buf, i, e);
          int need = cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
          if (decode) {
            if (cp >= 0x10000) {
              emit(Character.highSurrogate(cp));
              emit(Character.lowSurrogate(cp));
            } else {
              emit((char) cp);
            }
          }
          i += need + 1;
          break;
        }
        default: { // a plain run
          int j = plainEnd(i);
          if (decode) {
            appendPlain(i, j);
          }
          i = j;
        }
      }
    }
  }

  private void appendPlain(int from, int to) {
    int len = to - from;
    if (len == 0) {
      return;
    }
    int n = outLength;
    if (!wide) {
      ensureLatin(n + len);
      System.arraycopy(b, from, latin, n, len);
    } else {
      ensureChars(n + len);
      char[] out = chars;
      for (int k = 0; k < len; k++) {
        out[n + k] = (char) b[from + k];
      }
    }
    outLength = n + len;
  }

  private void emit(char ch) {
    int n = outLength;
    if (!wide) {
      if (ch <= 0xff) {
        ensureLatin(n + 1);
        latin[n] = (byte) ch;
        outLength = n + 1;
        return;
      }
      ensureChars(Math.max(n + 1, latin.length));
      for (int k = 0; k < n; k++) {
        chars[k] = (char) (latin[k] & 0xff);
      }
      wide = true;
    }
    ensureChars(n + 1);
    chars[n] = ch;
    outLength = n + 1;
  }

  private void ensureLatin(int size) {
    if (latin == null || latin.length < size) {
      latin = latin == null ? new byte[size] : Arrays.copyOf(latin, Math.max(size, latin.length * 2));
    }
  }

  private void ensureChars(int size) {
    if (chars == null || chars.length < size) {
      chars = chars == null ? new char[size] : Arrays.copyOf(chars, Math.max(size, chars.length * 2));
    }
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Errors

  private WebhookParseException syntax(String what) {
    return new WebhookParseException(Reason.MALFORMED_JSON,
        "webhook body is not well-formed JSON: " + what + " (at byte " + pos + ")");
  }

  private WebhookParseException unexpected(String expected, int p) {
    String found = p == P_EOF ? "the end of the document" : "a " + TOKENS[p].name().toLowerCase(java.util.Locale.ROOT);
    return new WebhookParseException(Reason.MALFORMED_JSON,
        "webhook body could not be read: expected " + expected + " but found " + found + " (at byte " + pos + ")");
  }

  // ---------------------------------------------------------------------------------------------

  /** A fixed set of member names, matched by {@link #selectName} against the raw bytes. */
  static final class Options {
    private static final int[] NO_CANDIDATES = new int[0];

    private final String[] strings;
    private final byte[][] bytes;
    /** Each name as little-endian 8-byte words, the last one zero-padded. */
    private final long[][] words;
    /** The indexes of the names of each length (names longer than the table never match). */
    private final int[][] byLength;

    private Options(String[] strings) {
      this.strings = strings;
      this.bytes = new byte[strings.length][];
      int longest = 0;
      for (int i = 0; i < strings.length; i++) {
        for (int k = 0; k < strings[i].length(); k++) {
          char c = strings[i].charAt(k);
          if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
            throw new IllegalArgumentException("option names must be plain ASCII: " + strings[i]);
          }
        }
        bytes[i] = strings[i].getBytes(StandardCharsets.US_ASCII);
        longest = Math.max(longest, bytes[i].length);
      }
      words = new long[strings.length][];
      for (int i = 0; i < strings.length; i++) {
        byte[] padded = Arrays.copyOf(bytes[i], (bytes[i].length + 7) / 8 * 8);
        words[i] = new long[padded.length / 8];
        for (int w = 0; w < words[i].length; w++) {
          words[i][w] = (long) LONGS.get(padded, w * 8);
        }
      }
      byLength = new int[longest + 1][];
      Arrays.fill(byLength, NO_CANDIDATES);
      for (int i = 0; i < strings.length; i++) {
        int[] c = byLength[bytes[i].length];
        c = Arrays.copyOf(c, c.length + 1);
        c[c.length - 1] = i;
        byLength[bytes[i].length] = c;
      }
    }

    static Options of(String... names) {
      return new Options(names.clone());
    }

    /** The name at {@code index}. */
    String get(int index) {
      return strings[index];
    }

    int indexOf(String name) {
      for (int i = 0; i < strings.length; i++) {
        if (strings[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    int indexOf(byte[] src, int from, int to) {
      int len = to - from;
      if (len >= byLength.length) {
        return -1;
      }
      int[] candidates = byLength[len];
      int wordCount = (len + 7) >>> 3;
      if (from + (wordCount << 3) <= src.length && len > 0) {
        // Eight bytes at a time; the last word is masked to the name's length.
        long lastMask = -1L >>> ((wordCount << 3) - len << 3);
        outer:
        for (int i : candidates) {
          long[] w = words[i];
          int last = wordCount - 1;
          for (int k = 0; k < last; k++) {
            if ((long) LONGS.get(src, from + (k << 3)) != w[k]) {
              continue outer;
            }
          }
          if ((((long) LONGS.get(src, from + (last << 3))) & lastMask) == w[last]) {
            return i;
          }
        }
        return -1;
      }
      outer:
      for (int i : candidates) {
        byte[] n = bytes[i];
        for (int k = 0; k < len; k++) {
          if (n[k] != src[from + k]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
