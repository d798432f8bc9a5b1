package io.github.whatsapphelpdesk.webhook.internal;

import static io.github.whatsapphelpdesk.webhook.internal.JsonScalars.string;

import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.error.WebhookParseException.Reason;
import io.github.whatsapphelpdesk.template.QualityScore;
import io.github.whatsapphelpdesk.template.TemplateCategory;
import io.github.whatsapphelpdesk.webhook.AccountAlert;
import io.github.whatsapphelpdesk.webhook.AccountUpdate;
import io.github.whatsapphelpdesk.webhook.BusinessCapabilityUpdate;
import io.github.whatsapphelpdesk.webhook.CallEvent;
import io.github.whatsapphelpdesk.webhook.ContactProfile;
import io.github.whatsapphelpdesk.webhook.Conversation;
import io.github.whatsapphelpdesk.webhook.EventMetadata;
import io.github.whatsapphelpdesk.webhook.ParseProblem;
import io.github.whatsapphelpdesk.webhook.ParsedWebhook;
import io.github.whatsapphelpdesk.webhook.PhoneNumberQualityUpdate;
import io.github.whatsapphelpdesk.webhook.Pricing;
import io.github.whatsapphelpdesk.webhook.TemplateCategoryUpdate;
import io.github.whatsapphelpdesk.webhook.TemplateQualityUpdate;
import io.github.whatsapphelpdesk.webhook.TemplateStatusEvent;
import io.github.whatsapphelpdesk.webhook.TemplateStatusUpdate;
import io.github.whatsapphelpdesk.webhook.UnknownEvent;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Streaming parser of the webhook envelope: a {@link ByteJsonReader} over the body with {@link
 * ByteJsonReader.Options} name tables, no reflection, one pass for {@code messages} changes. Not thread-safe: one instance per
 * parse (cheap); {@link #parse} is the entry point.
 */
public final class EnvelopeParser {
  static final String WABA = "whatsapp_business_account";
  /** The nesting limit (Moshi's, kept); deeper input is rejected without recursion. */
  public static final int MAX_DEPTH = ByteJsonReader.MAX_DEPTH;

  private static final ByteJsonReader.Options TOP = ByteJsonReader.Options.of("object", "entry");
  private static final ByteJsonReader.Options ENTRY = ByteJsonReader.Options.of("id", "time", "changes");
  private static final ByteJsonReader.Options CHANGE = ByteJsonReader.Options.of("field", "value");
  private static final ByteJsonReader.Options VALUE = ByteJsonReader.Options.of(
      "metadata", "contacts", "messages", "statuses", "errors", "message_echoes", "user_preferences",
      "user_id_update");
  private static final ByteJsonReader.Options METADATA = ByteJsonReader.Options.of("phone_number_id", "display_phone_number");
  private static final ByteJsonReader.Options CONTACT = ByteJsonReader.Options.of("wa_id", "profile", "user_id", "parent_user_id");
  private static final ByteJsonReader.Options PROFILE = ByteJsonReader.Options.of("name", "username");

  private final byte[] doc;
  private final List<WebhookEvent> events = new ArrayList<>();
  private final List<ParseProblem> problems = new ArrayList<>();
  /** Where item problems go: {@link #problems}, or a speculative change's own list. */
  private List<ParseProblem> problemSink = problems;
  private final MessageParser messages;

  private EnvelopeParser(byte[] doc) {
    this.doc = doc;
    this.messages = new MessageParser(this);
  }

  /**
   * Parses a whole body.
   *
   * @throws WebhookParseException when the body as a whole is unreadable
   */
  public static ParsedWebhook parse(byte[] body, int maxBytes) {
    if (body == null || body.length == 0) {
      throw new WebhookParseException(Reason.EMPTY_BODY, "webhook body is empty");
    }
    if (body.length > maxBytes) {
      throw new WebhookParseException(Reason.TOO_LARGE,
          "webhook body has " + body.length + " bytes, more than the limit of " + maxBytes);
    }
    EnvelopeParser p = new EnvelopeParser(body);
    try {
      // The reader validates UTF-8 as it goes (every string, and only ASCII syntax outside strings), so
      // a body read to its end is valid UTF-8 and the happy path needs no separate pass.
      p.document(ByteJsonReader.of(body));
    } catch (WebhookParseException e) {
      throw utf8First(body, e);
    } catch (RuntimeException e) {
      // Defensive: the reader reports every problem as a WebhookParseException.
      throw utf8First(body, new WebhookParseException(Reason.MALFORMED_JSON,
          "webhook body could not be read: " + e.getClass().getSimpleName(), e));
    }
    return new ParsedWebhook(p.events, p.problems);
  }

  /**
   * Invalid UTF-8 anywhere in the body is reported as such, whatever else is wrong earlier in it (as
   * when the whole body was checked before parsing): the body is checked on this error path only.
   */
  private static WebhookParseException utf8First(byte[] body, WebhookParseException e) {
    if (e.reason() != Reason.INVALID_UTF8) {
      try {
        Prescan.checkUtf8(body, 0, body.length);
      } catch (WebhookParseException utf8) {
        return utf8;
      }
    }
    return e;
  }

  private void document(ByteJsonReader r) {
    if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
      throw new WebhookParseException(Reason.UNEXPECTED_STRUCTURE,
          "webhook body is not a JSON object (starts with " + r.peek() + ")");
    }
    String object = null;
    boolean sawEntry = false;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(TOP)) {
        case 0:
          object = string(r);
          break;
        case 1:
          if (r.peek() != ByteJsonReader.Token.BEGIN_ARRAY) {
            throw new WebhookParseException(Reason.UNEXPECTED_STRUCTURE, "webhook 'entry' is not an array");
          }
          sawEntry = true;
          entries(r);
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    if (!r.atEnd()) {
      throw new WebhookParseException(Reason.MALFORMED_JSON, "webhook body has data after the JSON object");
    }
    if (!WABA.equals(object)) {
      events.clear();
      problems.clear();
      throw new WebhookParseException(Reason.WRONG_OBJECT, object == null
          ? "webhook body has no 'object' (expected \"" + WABA + "\")"
          : "webhook 'object' is \"" + truncate(object) + "\", expected \"" + WABA + "\"");
    }
    if (!sawEntry) {
      throw new WebhookParseException(Reason.UNEXPECTED_STRUCTURE, "webhook body has no 'entry' array");
    }
  }

  private static String truncate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private void entries(ByteJsonReader r) {
    r.beginArray();
    int i = 0;
    while (r.hasNext()) {
      if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
        problem(new Object[] {"entry", i}, "entry is not a JSON object");
        r.skipValue();
      } else {
        entry(r, i);
      }
      i++;
    }
    r.endArray();
  }

  /** A change parsed before its entry's id and time are known. */
  interface Draft {
    void emit(String wabaId, Instant entryTime, String entryTimeRaw, List<WebhookEvent> out);
  }

  private void entry(ByteJsonReader r, int entryIndex) {
    String id = null;
    String timeRaw = null;
    List<Draft> drafts = new ArrayList<>(2);
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(ENTRY)) {
        case 0:
          id = string(r);
          break;
        case 1:
          timeRaw = string(r);
          break;
        case 2:
          if (r.peek() != ByteJsonReader.Token.BEGIN_ARRAY) {
            problem(new Object[] {"entry", entryIndex, "changes"}, "'changes' is not an array");
            r.skipValue();
            break;
          }
          r.beginArray();
          int j = 0;
          while (r.hasNext()) {
            Object[] path = {"entry", entryIndex, "changes", j};
            if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
              problem(path, "change is not a JSON object");
              r.skipValue();
            } else {
              change(r, path, drafts);
            }
            j++;
          }
          r.endArray();
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    String wabaId = id == null ? "" : id;
    Instant time = JsonScalars.toInstant(JsonScalars.parseLong(timeRaw));
    for (Draft d : drafts) {
      d.emit(wabaId, time, timeRaw, events);
    }
  }

  private void change(ByteJsonReader r, Object[] path, List<Draft> drafts) {
    r.beginObject();
    String field = null;
    boolean fieldSeen = false;
    boolean sawValue = false;
    MessagesValue speculative = null;
    Object[] vpath = append(path, "value");
    while (r.hasNext()) {
      switch (r.selectName(CHANGE)) {
        case 0:
          field = string(r);
          fieldSeen = true;
          break;
        case 1:
          sawValue = true;
          if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
            problem(vpath, "change 'value' is not a JSON object");
            r.skipValue();
          } else if (fieldSeen) {
            if (field == null) {
              problem(path, "change has no 'field'");
              r.skipValue();
            } else {
              value(r, field, vpath, drafts);
            }
          } else {
            // Meta usually sends "value" before "field". Parse it as the common case (a messages value) in
            // one pass; if the field turns out to be another one, re-read its raw bytes (rare, slow path).
            List<ParseProblem> outer = problemSink;
            problemSink = new ArrayList<>(0);
            try {
              speculative = messagesValue(r, vpath);
              speculative.problems = problemSink;
            } finally {
              problemSink = outer;
            }
          }
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    if (!sawValue) {
      problem(path, "change has no 'value'");
    }
    if (speculative != null) {
      if (field == null) {
        problem(path, "change has no 'field'");
      } else if (isMessagesFamily(field)) {
        problemSink.addAll(speculative.problems);
        drafts.add(speculative.draft(field));
      } else {
        drafts.add(otherField(field, RawJson.extractBytes(doc, vpath), vpath));
      }
    }
  }

  private static boolean isMessagesFamily(String field) {
    return "messages".equals(field) || "smb_message_echoes".equals(field) || "user_preferences".equals(field)
        || "user_id_update".equals(field);
  }

  private void value(ByteJsonReader r, String field, Object[] vpath, List<Draft> drafts) {
    if (isMessagesFamily(field)) {
      drafts.add(messagesValue(r, vpath).draft(field));
    } else {
      byte[] raw = r.nextValueBytes();
      drafts.add(otherField(field, raw, vpath));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // messages, smb_message_echoes, user_preferences

  /** A parsed messages-like value, waiting for its entry's id and time. */
  private static final class MessagesValue {
    final String[] meta = new String[2];
    final List<ContactProfile> contacts = new ArrayList<>(1);
    final List<MessageParser.Item> items = new ArrayList<>(2);
    List<ParseProblem> problems;

    Draft draft(String field) {
      return (wabaId, time, timeRaw, out) -> {
        MessageParser.Contacts byWaId = new MessageParser.Contacts(contacts);
        EventMetadata md = new EventMetadata(wabaId, meta[0], meta[1], field, time, null);
        for (MessageParser.Item item : items) {
          WebhookEvent e = item.build(md, byWaId, timeRaw);
          if (e != null) {
            out.add(e);
          }
        }
      };
    }
  }

  private MessagesValue messagesValue(ByteJsonReader r, Object[] vpath) {
    MessagesValue mv = new MessagesValue();
    String[] meta = mv.meta;
    List<ContactProfile> contacts = mv.contacts;
    List<MessageParser.Item> items = mv.items;
    r.beginObject();
    while (r.hasNext()) {
      int k = r.selectName(VALUE);
      switch (k) {
        case 0:
          metadata(r, meta);
          break;
        case 1:
          contacts(r, contacts);
          break;
        case 2:
        case 3:
        case 4:
        case 5:
        case 6:
        case 7:
          String array = VALUE.get(k);
          if (r.peek() != ByteJsonReader.Token.BEGIN_ARRAY) {
            problem(append(vpath, array), "'" + array + "' is not an array");
            r.skipValue();
            break;
          }
          r.beginArray();
          int i = 0;
          while (r.hasNext()) {
            Object[] ipath = append(vpath, array, i);
            if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
              problem(ipath, "item is not a JSON object");
              r.skipValue();
            } else {
              MessageParser.Item item = messages.item(r, k, ipath);
              if (item != null) {
                items.add(item);
              }
            }
            i++;
          }
          r.endArray();
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    return mv;
  }

  private static void metadata(ByteJsonReader r, String[] meta) {
    if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
      r.skipValue();
      return;
    }
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(METADATA)) {
        case 0:
          meta[0] = string(r);
          break;
        case 1:
          meta[1] = string(r);
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
  }

  private static void contacts(ByteJsonReader r, List<ContactProfile> out) {
    if (r.peek() != ByteJsonReader.Token.BEGIN_ARRAY) {
      r.skipValue();
      return;
    }
    r.beginArray();
    while (r.hasNext()) {
      if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
        r.skipValue();
        continue;
      }
      String waId = null;
      String[] profile = null;
      String userId = null;
      String parentUserId = null;
      r.beginObject();
      while (r.hasNext()) {
        switch (r.selectName(CONTACT)) {
          case 0:
            waId = string(r);
            break;
          case 1:
            profile = profile(r);
            break;
          case 2:
            userId = string(r);
            break;
          case 3:
            parentUserId = string(r);
            break;
          default:
            r.skipName();
            r.skipValue();
        }
      }
      r.endObject();
      // Since 2026-03-31 a contact may have a BSUID and no wa_id (a customer with a username).
      if (waId != null || userId != null) {
        out.add(new ContactProfile(waId, profile == null ? null : profile[0], userId, parentUserId,
            profile == null ? null : profile[1]));
      }
    }
    r.endArray();
  }

  /** {@code profile{name,username}} as {@code [name, username]}, or null when it is not an object. */
  private static String[] profile(ByteJsonReader r) {
    if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
      r.skipValue();
      return null;
    }
    String[] out = new String[2];
    r.beginObject();
    while (r.hasNext()) {
      int k = r.selectName(PROFILE);
      if (k >= 0) {
        out[k] = string(r);
      } else {
        r.skipName();
        r.skipValue();
      }
    }
    r.endObject();
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Other fields: parsed from a copy of the value's raw bytes (needed for the content hash anyway).

  private Draft otherField(String field, byte[] raw, Object[] vpath) {
    Obj v = Obj.read(ByteJsonReader.of(raw));
    if ("calls".equals(field)) {
      return calls(v, raw, vpath);
    }
    return (wabaId, time, timeRaw, out) -> {
      String hash = hash(wabaId, timeRaw, field, raw, 0, raw.length);
      String display = v.str("display_phone_number");
      EventMetadata md = new EventMetadata(wabaId, null, display, field, time, hash);
      out.add(otherEvent(field, md, v, raw));
    };
  }

  private static WebhookEvent otherEvent(String field, EventMetadata md, Obj v, byte[] raw) {
    switch (field) {
      case "message_template_status_update":
        Obj rejection = v.obj("rejection_info");
        Obj disable = v.obj("disable_info");
        Obj other = v.obj("other_info");
        String category = v.str("message_template_category");
        return new TemplateStatusUpdate(md, v.str("message_template_id"), v.str("message_template_name"),
            v.str("message_template_language"), TemplateStatusEvent.parse(v.str("event")), v.str("event"),
            v.str("reason"), category == null ? null : TemplateCategory.parse(category),
            rejection.str("reason"), rejection.str("recommendation"), disable.str("disable_date"),
            other.str("title"), other.str("description"));
      case "message_template_quality_update":
        return new TemplateQualityUpdate(md, v.str("message_template_id"), v.str("message_template_name"),
            v.str("message_template_language"), QualityScore.parse(v.str("previous_quality_score")),
            QualityScore.parse(v.str("new_quality_score")));
      case "template_category_update":
        String correct = v.str("correct_category");
        return new TemplateCategoryUpdate(md, v.str("message_template_id"), v.str("message_template_name"),
            v.str("message_template_language"), TemplateCategory.parse(v.str("previous_category")),
            TemplateCategory.parse(v.str("new_category")), correct == null ? null : TemplateCategory.parse(correct));
      case "phone_number_quality_update":
        return new PhoneNumberQualityUpdate(md, v.str("display_phone_number"),
            PhoneNumberQualityUpdate.Event.parse(v.str("event")), v.str("event"),
            v.str("max_daily_conversations_per_business"), v.str("current_limit"), v.str("old_limit"));
      case "account_update":
        List<AccountUpdate.Restriction> restrictions = new ArrayList<>();
        for (Obj o : v.objs("restriction_info")) {
          restrictions.add(new AccountUpdate.Restriction(o.str("restriction_type"), o.str("expiration")));
        }
        Obj ban = v.obj("ban_info");
        return new AccountUpdate(md, AccountUpdate.Event.parse(v.str("event")), v.str("event"),
            v.str("phone_number"), restrictions, ban.str("waba_ban_state"), ban.str("waba_ban_date"),
            v.obj("violation_info").str("violation_type"));
      case "account_alerts":
        Obj info = v.obj("alert_info");
        return new AccountAlert(md, v.str("entity_type"), v.str("entity_id"),
            AccountAlert.Severity.parse(info.str("alert_severity")), info.str("alert_type"),
            info.str("alert_description"), info.str("alert_status"));
      case "business_capability_update":
        // All integers (Meta, business_capability_update webhook reference, updated 2026-05-21).
        return new BusinessCapabilityUpdate(md, JsonScalars.parseLong(v.str("max_daily_conversation_per_phone")),
            JsonScalars.parseLong(v.str("max_phone_numbers_per_business")),
            JsonScalars.parseLong(v.str("max_daily_conversations_per_business")),
            JsonScalars.parseLong(v.str("max_phone_numbers_per_waba")));
      default:
        return new UnknownEvent(md, field, new String(raw, StandardCharsets.UTF_8));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // calls (Calling API): value{metadata, contacts[], calls[] (connect / terminate), statuses[] (type "call")}
  // Meta, "User-initiated calls" / "Business-initiated calls"
  // (developers.facebook.com/documentation/business-messaging/whatsapp/calling/).

  /** Placeholder metadata of a call event until its entry's id and time are known. */
  private static final EventMetadata PENDING_CALL = new EventMetadata("", null, null, "calls", null, null);

  private Draft calls(Obj v, byte[] raw, Object[] vpath) {
    Obj meta = v.obj("metadata");
    List<ContactProfile> contacts = new ArrayList<>();
    for (Obj c : v.objs("contacts")) {
      Obj profile = c.obj("profile");
      if (c.str("wa_id") != null || c.str("user_id") != null) {
        contacts.add(new ContactProfile(c.str("wa_id"), profile.str("name"), c.str("user_id"),
            c.str("parent_user_id"), profile.str("username")));
      }
    }
    MessageParser.Contacts byId = new MessageParser.Contacts(contacts);
    List<CallEvent> pending = new ArrayList<>();
    List<Obj> calls = v.objs("calls");
    for (int i = 0; i < calls.size(); i++) {
      Obj c = calls.get(i);
      String id = c.str("id");
      if (id == null) {
        problem(append(vpath, "calls", i), "call has no 'id'");
        continue;
      }
      CallEvent.Direction dir = CallEvent.Direction.parse(c.str("direction"));
      String from = c.str("from");
      String to = c.str("to");
      String fromUserId = c.str("from_user_id");
      String toUserId = c.str("to_user_id");
      ContactProfile contact = dir == CallEvent.Direction.USER_INITIATED ? byId.find(from, fromUserId)
          : dir == CallEvent.Direction.BUSINESS_INITIATED ? byId.find(to, toUserId) : null;
      String status = c.str("status");
      pending.add(new CallEvent(PENDING_CALL, id, CallEvent.Kind.parse(c.str("event")),
          c.str("event"), dir, from, to, fromUserId, toUserId,
          status == null ? null : status.toUpperCase(java.util.Locale.ROOT), seconds(c.str("timestamp")),
          seconds(c.str("start_time")), seconds(c.str("end_time")), JsonScalars.parseLong(c.str("duration")),
          c.str("biz_opaque_callback_data"), contact, MessageParser.errors(c.objs("errors"))));
    }
    List<Obj> statuses = v.objs("statuses");
    for (int i = 0; i < statuses.size(); i++) {
      Obj s = statuses.get(i);
      String id = s.str("id");
      String status = s.str("status");
      if (id == null || status == null) {
        problem(append(vpath, "statuses", i), "call status has no " + (id == null ? "'id'" : "'status'"));
        continue;
      }
      String to = s.str("recipient_id");
      String toUserId = s.str("recipient_user_id");
      pending.add(new CallEvent(PENDING_CALL, id, CallEvent.Kind.STATUS, "status",
          CallEvent.Direction.BUSINESS_INITIATED, null, to, null, toUserId, status.toUpperCase(java.util.Locale.ROOT),
          seconds(s.str("timestamp")), null, null, null, s.str("biz_opaque_callback_data"), byId.find(to, toUserId),
          MessageParser.errors(s.objs("errors"))));
    }
    return (wabaId, time, timeRaw, out) -> {
      String hash = hash(wabaId, timeRaw, "calls", raw, 0, raw.length);
      EventMetadata md = new EventMetadata(wabaId, meta.str("phone_number_id"), meta.str("display_phone_number"),
          "calls", time, hash);
      for (CallEvent e : pending) {
        out.add(new CallEvent(md, e.callId(), e.kind(), e.rawEvent(), e.direction(), e.from(), e.to(),
            e.fromUserId(), e.toUserId(), e.status(), e.timestamp(), e.startTime(), e.endTime(),
            e.durationSeconds(), e.bizOpaqueCallbackData(), e.contact(), e.errors()));
      }
    };
  }

  private static Instant seconds(String s) {
    return JsonScalars.toInstant(JsonScalars.parseLong(s));
  }

  // ---------------------------------------------------------------------------------------------
  // Shared helpers

  void problem(Object[] path, String message) {
    problemSink.add(new ParseProblem(location(path), message, RawJson.extract(doc, path)));
  }

  /** The raw JSON at {@code path} of the document. */
  String raw(Object[] path) {
    return RawJson.extract(doc, path);
  }

  static String location(Object[] path) {
    StringBuilder sb = new StringBuilder("$");
    for (Object o : path) {
      if (o instanceof Integer) {
        sb.append('[').append(o).append(']');
      } else {
        sb.append('.').append(o);
      }
    }
    return sb.toString();
  }

  static Object[] append(Object[] path, Object... more) {
    Object[] p = new Object[path.length + more.length];
    System.arraycopy(path, 0, p, 0, path.length);
    System.arraycopy(more, 0, p, path.length, more.length);
    return p;
  }

  /** Hex SHA-256 over the entry identity, the field and the raw item bytes. */
  static String hash(String wabaId, String timeRaw, String field, byte[] raw, int off, int len) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    md.update(wabaId.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    if (timeRaw != null) {
      md.update(timeRaw.getBytes(StandardCharsets.UTF_8));
    }
    md.update((byte) 0);
    md.update(field.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(raw, off, len);
    return HexFormat.of().formatHex(md.digest());
  }

  static Conversation conversation(Obj o) {
    return new Conversation(o.str("id"), JsonScalars.toInstant(JsonScalars.parseLong(o.str("expiration_timestamp"))),
        o.obj("origin").str("type"));
  }

  static Pricing pricing(Obj o) {
    String b = o.str("billable");
    return new Pricing(b == null ? null : Boolean.valueOf(b), o.str("pricing_model"), o.str("type"), o.str("category"));
  }
}
