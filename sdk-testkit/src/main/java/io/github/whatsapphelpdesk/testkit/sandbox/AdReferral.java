package io.github.whatsapphelpdesk.testkit.sandbox;

/**
 * The {@code referral} of an inbound message from a Click-to-WhatsApp ad or Page CTA.
 *
 * @param sourceUrl ad or post URL
 * @param sourceId ad id
 * @param sourceType {@code ad} or {@code post}
 * @param headline ad headline
 * @param body ad body
 * @param mediaType {@code image} or {@code video}
 * @param ctwaClid click id
 */
public record AdReferral(String sourceUrl, String sourceId, String sourceType, String headline,
    String body, String mediaType, String ctwaClid) {

  /** A typical image ad referral with the given ad id and click id. */
  public static AdReferral ad(String sourceId, String ctwaClid) {
    return new AdReferral("https://fb.me/sandbox" + sourceId, sourceId, "ad", "Chat with us",
        "Sandbox ad", "image", ctwaClid);
  }
}
