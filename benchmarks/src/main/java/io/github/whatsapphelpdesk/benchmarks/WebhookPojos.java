package io.github.whatsapphelpdesk.benchmarks;

import java.util.List;

/**
 * Plain POJOs equivalent to the SDK's event model, as the Java peer SDK binds webhooks: one class per
 * JSON object, public snake_case fields, bound by reflection (Jackson databind and reflective Moshi).
 * Only the baselines use them.
 */
@SuppressWarnings("checkstyle:MemberName")
final class WebhookPojos {
  private WebhookPojos() {}

  public static final class Envelope {
    public String object;
    public List<Entry> entry;
  }

  public static final class Entry {
    public String id;
    public Long time;
    public List<Change> changes;
  }

  public static final class Change {
    public String field;
    public Value value;
  }

  public static final class Value {
    public String messaging_product;
    public Metadata metadata;
    public List<Contact> contacts;
    public List<Message> messages;
    public List<Status> statuses;
    public List<Error> errors;
  }

  public static final class Metadata {
    public String display_phone_number;
    public String phone_number_id;
  }

  public static final class Contact {
    public Profile profile;
    public String wa_id;
  }

  public static final class Profile {
    public String name;
  }

  public static final class Message {
    public String from;
    public String id;
    public String timestamp;
    public String type;
    public Context context;
    public Referral referral;
    public Text text;
    public Media image;
    public Media audio;
    public Media video;
    public Media document;
    public Media sticker;
    public Location location;
    public Interactive interactive;
    public Button button;
    public Reaction reaction;
    public List<Error> errors;
  }

  public static final class Context {
    public String from;
    public String id;
    public Boolean forwarded;
    public Boolean frequently_forwarded;
  }

  public static final class Referral {
    public String source_url;
    public String source_id;
    public String source_type;
    public String body;
    public String headline;
    public String media_type;
    public String image_url;
    public String video_url;
    public String thumbnail_url;
    public String ctwa_clid;
    public WelcomeMessage welcome_message;
  }

  public static final class WelcomeMessage {
    public String text;
  }

  public static final class Text {
    public String body;
  }

  public static final class Media {
    public String id;
    public String mime_type;
    public String sha256;
    public String caption;
    public String filename;
    public Boolean voice;
    public Boolean animated;
  }

  public static final class Location {
    public Double latitude;
    public Double longitude;
    public String name;
    public String address;
    public String url;
  }

  public static final class Interactive {
    public String type;
    public Reply button_reply;
    public Reply list_reply;
  }

  public static final class Reply {
    public String id;
    public String title;
    public String description;
  }

  public static final class Button {
    public String payload;
    public String text;
  }

  public static final class Reaction {
    public String message_id;
    public String emoji;
  }

  public static final class Status {
    public String id;
    public String status;
    public String timestamp;
    public String recipient_id;
    public List<Error> errors;
  }

  public static final class Error {
    public Integer code;
    public String title;
    public String message;
    public String href;
  }
}
