package io.github.whatsapphelpdesk.webhook.internal;

import static io.github.whatsapphelpdesk.webhook.internal.JsonScalars.string;

import io.github.whatsapphelpdesk.customer.Identifiers;
import io.github.whatsapphelpdesk.webhook.ContactProfile;
import io.github.whatsapphelpdesk.webhook.ErrorEvent;
import io.github.whatsapphelpdesk.webhook.EventMetadata;
import io.github.whatsapphelpdesk.webhook.InboundContent;
import io.github.whatsapphelpdesk.webhook.InboundMessage;
import io.github.whatsapphelpdesk.webhook.MessageEcho;
import io.github.whatsapphelpdesk.webhook.ReplyContext;
import io.github.whatsapphelpdesk.webhook.Referral;
import io.github.whatsapphelpdesk.webhook.SharedContact;
import io.github.whatsapphelpdesk.webhook.StatusUpdate;
import io.github.whatsapphelpdesk.webhook.DeliveryStatus;
import io.github.whatsapphelpdesk.webhook.Conversation;
import io.github.whatsapphelpdesk.webhook.Pricing;
import io.github.whatsapphelpdesk.webhook.UserIdUpdate;
import io.github.whatsapphelpdesk.webhook.UserPreferenceUpdate;
import io.github.whatsapphelpdesk.webhook.WebhookIdentities;
import io.github.whatsapphelpdesk.webhook.WebhookError;
import io.github.whatsapphelpdesk.webhook.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Items of {@code messages}-like values: messages, statuses, errors, echoes and user preferences. */
final class MessageParser {
  static final int MESSAGES = 2;
  static final int STATUSES = 3;
  static final int ERRORS = 4;
  static final int ECHOES = 5;
  static final int PREFERENCES = 6;
  static final int USER_ID_UPDATES = 7;

  private static final ByteJsonReader.Options MESSAGE = ByteJsonReader.Options.of(
      "from", "id", "timestamp", "type", "context", "referral", "errors", "to",
      "text", "image", "audio", "video", "document", "sticker", "from_user_id", "to_user_id",
      "from_parent_user_id");
  private static final InboundContent.MediaType[] MEDIA_BY_KEY = {
    InboundContent.MediaType.IMAGE, InboundContent.MediaType.AUDIO, InboundContent.MediaType.VIDEO,
    InboundContent.MediaType.DOCUMENT, InboundContent.MediaType.STICKER};
  private static final ByteJsonReader.Options BODY = ByteJsonReader.Options.of("body");
  private static final ByteJsonReader.Options MEDIA = ByteJsonReader.Options.of(
      "id", "mime_type", "sha256", "caption", "filename", "voice", "animated", "url");
  private static final ByteJsonReader.Options CONTEXT = ByteJsonReader.Options.of(
      "from", "id", "forwarded", "frequently_forwarded", "referred_product");
  private static final ByteJsonReader.Options REFERRAL = ByteJsonReader.Options.of(
      "source_url", "source_id", "source_type", "headline", "body", "media_type", "image_url", "video_url",
      "thumbnail_url", "ctwa_clid", "welcome_message");
  private static final ByteJsonReader.Options TEXT = ByteJsonReader.Options.of("text");
  private static final ByteJsonReader.Options STATUS = ByteJsonReader.Options.of(
      "id", "status", "timestamp", "recipient_id", "errors", "conversation", "pricing", "biz_opaque_callback_data",
      "recipient_user_id", "recipient_parent_user_id");

  private final EnvelopeParser env;

  MessageParser(EnvelopeParser env) {
    this.env = env;
  }

  /** One parsed item, turned into an event once the entry's metadata is known. */
  interface Item {
    WebhookEvent build(EventMetadata md, Contacts contacts, String entryTimeRaw);
  }

  /**
   * The contacts of one value, looked up by BSUID ({@code user_id}) first, then by wa_id (the first match
   * wins, as in a linear scan); the only contact when there is one and nothing matches.
   */
  static final class Contacts {
    private final List<ContactProfile> list;
    /** Built on the first lookup in a large batch: one map per key kind, so a lookup allocates nothing. */
    private Map<String, ContactProfile> byUserId;
    private Map<String, ContactProfile> byWaId;

    Contacts(List<ContactProfile> list) {
      this.list = list;
    }

    /** The contact with {@code userId} or {@code waId}; the only contact when there is one; otherwise null. */
    ContactProfile find(String waId, String userId) {
      int n = list.size();
      if (n == 0) {
        return null;
      }
      if (n <= 4) {
        if (userId != null) {
          for (int i = 0; i < n; i++) {
            if (userId.equals(list.get(i).userId())) {
              return list.get(i);
            }
          }
        }
        if (waId != null) {
          for (int i = 0; i < n; i++) {
            if (waId.equals(list.get(i).waId())) {
              return list.get(i);
            }
          }
        }
        return n == 1 ? list.get(0) : null;
      }
      if (byWaId == null) {
        byUserId = new HashMap<>(n * 2);
        byWaId = new HashMap<>(n * 2);
        for (ContactProfile c : list) {
          if (c.userId() != null) {
            byUserId.putIfAbsent(c.userId(), c);
          }
          if (c.waId() != null) {
            byWaId.putIfAbsent(c.waId(), c);
          }
        }
      }
      ContactProfile c = userId == null ? null : byUserId.get(userId);
      if (c == null && waId != null) {
        c = byWaId.get(waId);
      }
      return c;
    }
  }

  Item item(ByteJsonReader r, int kind, Object[] path) {
    switch (kind) {
      case MESSAGES:
      case ECHOES:
        return message(r, kind == ECHOES, path);
      case STATUSES:
        return status(r, path);
      case ERRORS:
        return valueError(r);
      case PREFERENCES:
        return preference(r, path);
      case USER_ID_UPDATES:
        return userIdUpdate(r, path);
      default:
        r.skipValue();
        return null;
    }
  }

  // ---------------------------------------------------------------------------------------------

  private Item message(ByteJsonReader r, boolean echo, Object[] path) {
    String from = null;
    String fromUserId = null;
    String fromParentUserId = null;
    String toUserId = null;
    String id = null;
    String to = null;
    Instant ts = null;
    String type = null;
    ReplyContext ctx = null;
    Referral ref = null;
    List<Obj> errors = List.of();
    InboundContent fast = null; // text or media, read by the streaming fast path
    String fastKey = null;
    Map<String, Object> content = null; // any other content object, as a tree
    r.beginObject();
    while (r.hasNext()) {
      int k = r.selectName(MESSAGE);
      switch (k) {
        case 0:
          from = string(r);
          break;
        case 1:
          id = string(r);
          break;
        case 2:
          ts = JsonScalars.epochSeconds(r);
          break;
        case 3:
          type = string(r);
          break;
        case 4:
          ctx = context(r);
          break;
        case 5:
          ref = referral(r);
          break;
        case 6:
          errors = objList(r);
          break;
        case 7:
          to = string(r);
          break;
        case 8:
          fast = text(r);
          fastKey = "text";
          break;
        case 9:
        case 10:
        case 11:
        case 12:
        case 13:
          InboundContent.MediaType mt = MEDIA_BY_KEY[k - 9];
          fast = media(r, mt);
          fastKey = mt.apiName();
          break;
        case 14:
          fromUserId = string(r);
          break;
        case 15:
          toUserId = string(r);
          break;
        case 16:
          fromParentUserId = string(r);
          break;
        default:
          // Other content objects (interactive, location...) keyed by name; the type may come after them.
          String name = r.nextName();
          Object v = Obj.readValue(r);
          if (v != null) {
            if (content == null) {
              content = new HashMap<>(4);
            }
            content.put(name, v);
          }
      }
    }
    r.endObject();
    if (id == null) {
      env.problem(path, (echo ? "echo" : "message") + " has no 'id'");
      return null;
    }
    if (!echo && !WebhookIdentities.isPhone(from) && !Identifiers.isBsuid(fromUserId)) {
      // Since 2026-03-31 a customer with a username may come with 'from_user_id' (BSUID) and no 'from'.
      env.problem(path, from == null && fromUserId == null
          ? "message has no 'from' and no 'from_user_id'"
          : "message has neither a phone number in 'from' nor a BSUID in 'from_user_id'");
      return null;
    }
    InboundContent c;
    if (fast != null && fastKey.equals(type)) {
      c = fast;
    } else {
      c = content(type, content == null ? Obj.EMPTY : Obj.of(content), path);
    }
    List<WebhookError> errs = errors(errors);
    String fFrom = from;
    String fFromUserId = fromUserId;
    String fFromParent = fromParentUserId;
    String fToUserId = toUserId;
    String fId = id;
    String fTo = to;
    Instant fTs = ts;
    ReplyContext fCtx = ctx;
    Referral fRef = ref;
    if (echo) {
      return (md, contacts, timeRaw) -> new MessageEcho(md, fId, fFrom, fTo, fToUserId, fTs, c);
    }
    return (md, contacts, timeRaw) -> {
      ContactProfile contact = contacts.find(fFrom, fFromUserId);
      if (fFromParent != null && (contact == null || contact.parentUserId() == null)) {
        // 'from_parent_user_id' on the message: keep it with the sender's contact data.
        contact = contact == null
            ? new ContactProfile(fFrom, null, fFromUserId, fFromParent, null)
            : new ContactProfile(contact.waId(), contact.profileName(), contact.userId(), fFromParent,
                contact.username());
      }
      return new InboundMessage(md, fId, fFrom, fFromUserId, contact, fTs, c, fCtx, fRef, errs);
    };
  }

  /** {@code text{body}}; null (content unusable) when it is not an object or has no body. */
  private static InboundContent text(ByteJsonReader r) {
    if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
      r.skipValue();
      return null;
    }
    String body = null;
    r.beginObject();
    while (r.hasNext()) {
      if (r.selectName(BODY) == 0) {
        body = string(r);
      } else {
        r.skipName();
        r.skipValue();
      }
    }
    r.endObject();
    return body == null ? null : new InboundContent.Text(body);
  }

  private static InboundContent media(ByteJsonReader r, InboundContent.MediaType t) {
    if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
      r.skipValue();
      return null;
    }
    String[] f = new String[8];
    r.beginObject();
    while (r.hasNext()) {
      int k = r.selectName(MEDIA);
      if (k >= 0) {
        f[k] = string(r);
      } else {
        r.skipName();
        r.skipValue();
      }
    }
    r.endObject();
    return new InboundContent.Media(t, f[0], f[1], f[2], f[3], f[4], "true".equals(f[5]), "true".equals(f[6]), f[7]);
  }

  private static ReplyContext context(ByteJsonReader r) {
    if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
      r.skipValue();
      return null;
    }
    String[] f = new String[4];
    Obj product = Obj.EMPTY;
    boolean any = false;
    r.beginObject();
    while (r.hasNext()) {
      int k = r.selectName(CONTEXT);
      any = true;
      if (k == 4) {
        product = Obj.read(r);
      } else if (k >= 0) {
        f[k] = string(r);
      } else {
        r.skipName();
        r.skipValue();
      }
    }
    r.endObject();
    if (!any) {
      return null;
    }
    return new ReplyContext(f[0], f[1], "true".equals(f[2]), "true".equals(f[3]), product.str("catalog_id"),
        product.str("product_retailer_id"));
  }

  private static Referral referral(ByteJsonReader r) {
    if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
      r.skipValue();
      return null;
    }
    String[] f = new String[11];
    boolean any = false;
    r.beginObject();
    while (r.hasNext()) {
      int k = r.selectName(REFERRAL);
      any = true;
      if (k == 10) {
        f[10] = welcomeText(r);
      } else if (k >= 0) {
        f[k] = string(r);
      } else {
        r.skipName();
        r.skipValue();
      }
    }
    r.endObject();
    if (!any) {
      return null;
    }
    return new Referral(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]);
  }

  private static String welcomeText(ByteJsonReader r) {
    if (r.peek() != ByteJsonReader.Token.BEGIN_OBJECT) {
      r.skipValue();
      return null;
    }
    String text = null;
    r.beginObject();
    while (r.hasNext()) {
      if (r.selectName(TEXT) == 0) {
        text = string(r);
      } else {
        r.skipName();
        r.skipValue();
      }
    }
    r.endObject();
    return text;
  }

  private InboundContent content(String type, Obj h, Object[] path) {
    InboundContent c = type == null ? null : knownContent(type, h, 0);
    return c != null ? c : new InboundContent.Unknown(type == null ? "" : type, env.raw(path));
  }

  /** The typed content, or null when the type is unknown or its object is missing or unusable. */
  private InboundContent knownContent(String type, Obj h, int nesting) {
    switch (type) {
      case "text": {
        String body = h.obj("text").str("body");
        return body == null ? null : new InboundContent.Text(body);
      }
      case "image":
        return media(InboundContent.MediaType.IMAGE, h.obj("image"));
      case "audio":
        return media(InboundContent.MediaType.AUDIO, h.obj("audio"));
      case "video":
        return media(InboundContent.MediaType.VIDEO, h.obj("video"));
      case "document":
        return media(InboundContent.MediaType.DOCUMENT, h.obj("document"));
      case "sticker":
        return media(InboundContent.MediaType.STICKER, h.obj("sticker"));
      case "location": {
        Obj l = h.obj("location");
        double lat = parseDouble(l.str("latitude"));
        double lon = parseDouble(l.str("longitude"));
        if (Double.isNaN(lat) || Double.isNaN(lon)) {
          return null;
        }
        return new InboundContent.Location(lat, lon, l.str("name"), l.str("address"), l.str("url"));
      }
      case "contacts": {
        List<Obj> cards = h.objs("contacts");
        if (cards.isEmpty()) {
          return null;
        }
        List<SharedContact> out = new ArrayList<>(cards.size());
        for (Obj c : cards) {
          out.add(sharedContact(c));
        }
        return new InboundContent.Contacts(out);
      }
      case "interactive":
        return interactive(h.obj("interactive"));
      case "button": {
        Obj b = h.obj("button");
        return b.isEmpty() ? null : new InboundContent.Button(b.str("payload"), b.str("text"));
      }
      case "reaction": {
        Obj re = h.obj("reaction");
        String mid = re.str("message_id");
        return mid == null ? null : new InboundContent.Reaction(mid, re.str("emoji"));
      }
      case "order": {
        Obj o = h.obj("order");
        if (o.isEmpty()) {
          return null;
        }
        List<InboundContent.OrderItem> items = new ArrayList<>();
        for (Obj i : o.objs("product_items")) {
          Long q = JsonScalars.parseLong(i.str("quantity"));
          items.add(new InboundContent.OrderItem(i.str("product_retailer_id"),
              q == null || q > Integer.MAX_VALUE || q < 0 ? 0 : q.intValue(), decimal(i.str("item_price")),
              i.str("currency")));
        }
        return new InboundContent.Order(o.str("catalog_id"), o.str("text"), items);
      }
      case "system": {
        Obj s = h.obj("system");
        // BSUID fields: Meta's system messages reference and changelog (2026-08-11).
        return new InboundContent.SystemChange(s.str("type"), s.str("wa_id") != null ? s.str("wa_id")
            : s.str("new_wa_id"), s.str("body"), s.str("user_id"), s.str("parent_user_id"),
            s.str("previous_user_id"), s.str("previous_parent_user_id"));
      }
      case "request_welcome":
        return new InboundContent.RequestWelcome();
      case "edit": {
        Obj e = h.obj("edit");
        String original = e.str("original_message_id");
        if (original == null) {
          return null;
        }
        Obj m = e.obj("message");
        InboundContent inner = null;
        String innerType = m.str("type");
        if (innerType != null && nesting == 0 && !"edit".equals(innerType)) {
          inner = knownContent(innerType, m, nesting + 1);
        }
        return new InboundContent.Edit(original, inner);
      }
      case "revoke": {
        String original = h.obj("revoke").str("original_message_id");
        return original == null ? null : new InboundContent.Revoke(original);
      }
      case "unsupported":
      case "unknown":
        return new InboundContent.Unsupported(type);
      default:
        return null;
    }
  }

  private static InboundContent media(InboundContent.MediaType t, Obj m) {
    if (m.isEmpty()) {
      return null;
    }
    return new InboundContent.Media(t, m.str("id"), m.str("mime_type"), m.str("sha256"), m.str("caption"),
        m.str("filename"), "true".equals(m.str("voice")), "true".equals(m.str("animated")), m.str("url"));
  }

  private InboundContent interactive(Obj i) {
    String sub = i.str("type");
    if (sub == null) {
      return null;
    }
    switch (sub) {
      case "button_reply": {
        Obj b = i.obj("button_reply");
        return b.isEmpty() ? null : new InboundContent.ButtonReply(b.str("id"), b.str("title"));
      }
      case "list_reply": {
        Obj l = i.obj("list_reply");
        return l.isEmpty() ? null : new InboundContent.ListReply(l.str("id"), l.str("title"), l.str("description"));
      }
      case "nfm_reply": {
        Obj n = i.obj("nfm_reply");
        if (n.isEmpty()) {
          return null;
        }
        String json = n.str("response_json");
        return new InboundContent.FlowReply(n.str("name"), n.str("body"), json, FlowJson.parse(json));
      }
      default:
        return null;
    }
  }

  private static SharedContact sharedContact(Obj c) {
    Obj name = c.obj("name");
    List<SharedContact.Phone> phones = new ArrayList<>();
    for (Obj p : c.objs("phones")) {
      phones.add(new SharedContact.Phone(p.str("phone"), p.str("wa_id"), p.str("type")));
    }
    List<String> emails = new ArrayList<>();
    for (Obj e : c.objs("emails")) {
      if (e.str("email") != null) {
        emails.add(e.str("email"));
      }
    }
    List<String> urls = new ArrayList<>();
    for (Obj u : c.objs("urls")) {
      if (u.str("url") != null) {
        urls.add(u.str("url"));
      }
    }
    return new SharedContact(name.str("formatted_name"), name.str("first_name"), name.str("last_name"),
        c.obj("org").str("company"), c.str("birthday"), phones, emails, urls);
  }

  // ---------------------------------------------------------------------------------------------

  private Item status(ByteJsonReader r, Object[] path) {
    String id = null;
    String status = null;
    Instant ts = null;
    String recipient = null;
    String recipientUserId = null;
    String recipientParent = null;
    List<Obj> errors = List.of();
    Obj conversation = null;
    Obj pricing = null;
    String biz = null;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.selectName(STATUS)) {
        case 0:
          id = string(r);
          break;
        case 1:
          status = string(r);
          break;
        case 2:
          ts = JsonScalars.epochSeconds(r);
          break;
        case 3:
          recipient = string(r);
          break;
        case 4:
          errors = objList(r);
          break;
        case 5:
          conversation = Obj.read(r);
          break;
        case 6:
          pricing = Obj.read(r);
          break;
        case 7:
          biz = string(r);
          break;
        case 8:
          recipientUserId = string(r);
          break;
        case 9:
          recipientParent = string(r);
          break;
        default:
          r.skipName();
          r.skipValue();
      }
    }
    r.endObject();
    if (id == null || status == null) {
      env.problem(path, "status has no " + (id == null ? "'id'" : "'status'"));
      return null;
    }
    List<WebhookError> errs = errors(errors);
    Conversation conv = conversation == null || conversation.isEmpty() ? null : EnvelopeParser.conversation(conversation);
    Pricing price = pricing == null || pricing.isEmpty() ? null : EnvelopeParser.pricing(pricing);
    String fId = id;
    String fStatus = status;
    Instant fTs = ts;
    String fRecipient = recipient;
    String fRecipientUserId = recipientUserId;
    String fRecipientParent = recipientParent;
    String fBiz = biz;
    return (md, contacts, timeRaw) -> {
      // Statuses carry 'contacts' (wa_id, user_id, username) when delivered or read; failed ones carry none.
      ContactProfile contact = fRecipient == null && fRecipientUserId == null
          ? null : contacts.find(fRecipient, fRecipientUserId);
      if (contact != null && !sameCustomer(contact, fRecipient, fRecipientUserId)) {
        contact = null;
      }
      if (fRecipientParent != null && (contact == null || contact.parentUserId() == null)) {
        contact = contact == null
            ? new ContactProfile(fRecipient, null, fRecipientUserId, fRecipientParent, null)
            : new ContactProfile(contact.waId(), contact.profileName(), contact.userId(), fRecipientParent,
                contact.username());
      }
      return new StatusUpdate(md, fId, DeliveryStatus.parse(fStatus), fStatus, fRecipient, fRecipientUserId,
          fTs, errs, conv, price, fBiz, contact);
    };
  }

  /** True when the contact names the status's recipient (same BSUID or same wa_id). */
  private static boolean sameCustomer(ContactProfile c, String waId, String userId) {
    return userId != null && userId.equals(c.userId()) || waId != null && waId.equals(c.waId());
  }

  private Item valueError(ByteJsonReader r) {
    byte[] raw = r.nextValueBytes();
    Obj o = Obj.read(ByteJsonReader.of(raw));
    WebhookError error = error(o);
    return (md, contacts, timeRaw) -> new ErrorEvent(withHash(md, timeRaw, "errors", raw), error);
  }

  private Item preference(ByteJsonReader r, Object[] path) {
    byte[] raw = r.nextValueBytes();
    Obj o = Obj.read(ByteJsonReader.of(raw));
    String waId = o.str("wa_id");
    String userId = o.str("user_id");
    if (!WebhookIdentities.isPhone(waId) && !Identifiers.isBsuid(userId)) {
      env.problem(path, waId == null && userId == null
          ? "user preference has no 'wa_id' and no 'user_id'"
          : "user preference has neither a phone number in 'wa_id' nor a BSUID in 'user_id'");
      return null;
    }
    Instant ts = JsonScalars.toInstant(JsonScalars.parseLong(o.str("timestamp")));
    return (md, contacts, timeRaw) -> new UserPreferenceUpdate(withHash(md, timeRaw, "user_preferences", raw), waId,
        userId, contacts.find(waId, userId), o.str("category"), UserPreferenceUpdate.Value.parse(o.str("value")),
        o.str("detail"), ts);
  }

  /**
   * A {@code user_id_update[]} item. Shape per Cloud API providers forwarding Meta's payload (see {@link
   * UserIdUpdate}): {@code user_id: {previous, current}}; flat {@code previous_user_id} / {@code user_id} /
   * {@code current_user_id} strings are accepted too, and so is {@code parent_user_id} in either form.
   */
  private Item userIdUpdate(ByteJsonReader r, Object[] path) {
    byte[] raw = r.nextValueBytes();
    Obj o = Obj.read(ByteJsonReader.of(raw));
    String[] ids = previousAndCurrent(o, "user_id");
    String[] parents = previousAndCurrent(o, "parent_user_id");
    if (!Identifiers.isBsuid(ids[1])) {
      env.problem(path, ids[1] == null
          ? "user id update has no current 'user_id'" : "user id update's current 'user_id' is not a BSUID");
      return null;
    }
    if (ids[0] != null && !Identifiers.isBsuid(ids[0])) {
      env.problem(path, "user id update's previous 'user_id' is not a BSUID");
      return null;
    }
    String waId = o.str("wa_id");
    String fWaId = WebhookIdentities.isPhone(waId) ? waId : null;
    String prevParent = Identifiers.isBsuid(parents[0]) ? parents[0] : null;
    String curParent = Identifiers.isBsuid(parents[1]) ? parents[1] : null;
    Instant ts = JsonScalars.toInstant(JsonScalars.parseLong(o.str("timestamp")));
    return (md, contacts, timeRaw) -> {
      ContactProfile contact = contacts.find(fWaId, ids[1]);
      if (contact != null && !(ids[1].equals(contact.userId()) || fWaId != null && fWaId.equals(contact.waId())
          || contact.userId() == null && contact.waId() == null)) {
        // The only contact of the value, but about someone else (an older BSUID): keep its names only.
        contact = new ContactProfile(fWaId, contact.profileName(), ids[1], curParent, contact.username());
      }
      return new UserIdUpdate(withHash(md, timeRaw, "user_id_update", raw), ids[0], ids[1], prevParent, curParent,
          fWaId, contact, o.str("detail"), ts);
    };
  }

  /** {@code [previous, current]} of {@code key}: an object {@code {previous, current}} or flat fields. */
  private static String[] previousAndCurrent(Obj o, String key) {
    Obj nested = o.obj(key);
    if (!nested.isEmpty()) {
      return new String[] {nested.str("previous"), nested.str("current")};
    }
    String current = o.str(key) != null ? o.str(key) : o.str("current_" + key);
    String previous = o.str("previous_" + key) != null ? o.str("previous_" + key) : o.str("old_" + key);
    return new String[] {previous, current};
  }

  private static EventMetadata withHash(EventMetadata md, String timeRaw, String array, byte[] raw) {
    String scope = md.field() + "/" + array + "/" + (md.phoneNumberId() == null ? "" : md.phoneNumberId());
    String hash = EnvelopeParser.hash(md.wabaId(), timeRaw, scope, raw, 0, raw.length);
    return new EventMetadata(md.wabaId(), md.phoneNumberId(), md.displayPhoneNumber(), md.field(), md.entryTime(), hash);
  }

  // ---------------------------------------------------------------------------------------------

  private static List<Obj> objList(ByteJsonReader r) {
    Object v = Obj.readValue(r);
    if (!(v instanceof List<?> l)) {
      return List.of();
    }
    List<Obj> out = new ArrayList<>(l.size());
    for (Object x : l) {
      if (x instanceof Obj o) {
        out.add(o);
      }
    }
    return out;
  }

  static List<WebhookError> errors(List<Obj> errors) {
    if (errors.isEmpty()) {
      return List.of();
    }
    List<WebhookError> out = new ArrayList<>(errors.size());
    for (Obj e : errors) {
      out.add(error(e));
    }
    return Collections.unmodifiableList(out);
  }

  static WebhookError error(Obj e) {
    Long code = JsonScalars.parseLong(e.str("code"));
    int c = code == null || code > Integer.MAX_VALUE || code < Integer.MIN_VALUE ? 0 : code.intValue();
    return WebhookError.of(c, e.str("title"), e.str("message"), e.obj("error_data").str("details"), e.str("href"));
  }

  private static double parseDouble(String s) {
    if (s == null || s.isEmpty() || s.length() > 64) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static java.math.BigDecimal decimal(String s) {
    if (s == null || s.isEmpty() || s.length() > 64) {
      return null;
    }
    try {
      return new java.math.BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
