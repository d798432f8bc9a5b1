package io.github.whatsapphelpdesk.webhook;

import java.time.Instant;

/**
 * A status's {@code conversation} object. Present before Graph v24; from v24 on Meta omits it except
 * inside free-entry-point windows.
 *
 * @param id the conversation id, or null
 * @param expiration {@code expiration_timestamp}, or null
 * @param originType {@code origin.type} ({@code marketing}, {@code service}, {@code business_initiated}
 *     ...), or null
 */
public record Conversation(String id, Instant expiration, String originType) {}
