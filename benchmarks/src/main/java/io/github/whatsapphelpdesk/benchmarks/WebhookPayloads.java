package io.github.whatsapphelpdesk.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Realistic webhook bodies, compact as Meta sends them: one click-to-WhatsApp text message (about 1.5
 * KB) and a batch of 10 messages from 10 customers. Each variant gets distinct wamids so deduplication
 * sees new items.
 */
final class WebhookPayloads {
  private WebhookPayloads() {}

  /** A single inbound text message with contacts, reply context and a click-to-WhatsApp referral. */
  static byte[] single(int variant) {
    String json = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
        + "\"phone_number_id\":\"106540352242922\"},\"contacts\":[{\"profile\":{\"name\":\"Sheena Nelson\"},"
        + "\"wa_id\":\"16505551234\"}],\"messages\":[" + message(variant, 0, "16505551234", true) + "]},"
        + "\"field\":\"messages\"}]}]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Ten inbound messages from ten customers in one change. */
  static byte[] batch(int variant) {
    StringBuilder contacts = new StringBuilder();
    StringBuilder messages = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      String waId = "165055512" + (10 + i);
      if (i > 0) {
        contacts.append(',');
        messages.append(',');
      }
      contacts.append("{\"profile\":{\"name\":\"Customer ").append(i).append("\"},\"wa_id\":\"").append(waId)
          .append("\"}");
      messages.append(message(variant, i, waId, false));
    }
    String json = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
        + "\"phone_number_id\":\"106540352242922\"},\"contacts\":[" + contacts + "],\"messages\":[" + messages
        + "]},\"field\":\"messages\"}]}]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String message(int variant, int index, String from, boolean referral) {
    String wamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUQ0N0VFMDA2MTQ0RkJFNkNDNAA" + variant + "x" + index;
    String ref = !referral ? "" : "\"referral\":{\"source_url\":\"https://fb.me/3cr4Wqqkv\",\"source_id\":"
        + "\"120226305854810726\",\"source_type\":\"ad\",\"body\":\"Summer Succulents are here!\",\"headline\":"
        + "\"Chat with us\",\"media_type\":\"image\",\"image_url\":\"https://scontent.xx.fbcdn.net/v/t45.1600-4/"
        + "12345678_n.png\",\"ctwa_clid\":\"Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4_0NiNhEgpGo0AHemvuSoif"
        + "XaytfTzcchptiErTKCqTrJ5nW1h7IHYeYymGb5K5J5iTROpBhWAGaIAeUzHL50\",\"welcome_message\":{\"text\":"
        + "\"Hi there! Let us know how we can help!\"}},";
    String extra = !referral ? "" : " The tracking link in your e-mail says the parcel left the warehouse on "
        + "Monday, but nothing has moved since. I will be away from Friday, so please let me know soon.";
    return "{" + ref + "\"context\":{\"from\":\"15550783881\",\"id\":"
        + "\"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJFNjk2OTMwNEZCQjhGMzUyQUYA\"},\"from\":\"" + from + "\",\"id\":\""
        + wamid + "\",\"timestamp\":\"1750275992\",\"text\":{\"body\":\"Hello! Can I get more info on this? "
        + "I ordered the large succulent set last week (order 4711) and the delivery still shows as pending. "
        + "Could you check the status and tell me when it will arrive?" + extra + " Thanks \\u00e0 bient\\u00f4t\"},"
        + "\"type\":\"text\"}";
  }
}
