package io.github.whatsapphelpdesk.webhook;

/**
 * A click-to-WhatsApp {@code referral}: the ad or post that opened the chat. Every component may be
 * null.
 *
 * @param sourceUrl {@code source_url}
 * @param sourceId {@code source_id} (the ad or post id)
 * @param sourceType {@code source_type} ({@code ad} or {@code post})
 * @param headline {@code headline}
 * @param body {@code body}
 * @param mediaType {@code media_type} ({@code image} or {@code video})
 * @param imageUrl {@code image_url}
 * @param videoUrl {@code video_url}
 * @param thumbnailUrl {@code thumbnail_url}
 * @param ctwaClid {@code ctwa_clid}, the click id for conversion reporting
 * @param welcomeMessageText {@code welcome_message.text}
 */
public record Referral(
    String sourceUrl,
    String sourceId,
    String sourceType,
    String headline,
    String body,
    String mediaType,
    String imageUrl,
    String videoUrl,
    String thumbnailUrl,
    String ctwaClid,
    String welcomeMessageText) {}
