package io.github.whatsapphelpdesk.testkit.sandbox;

import java.time.Instant;

/**
 * An outbound message the sandbox accepted (HTTP 200 with a wamid).
 *
 * @param wamid the message id returned
 * @param phoneNumberId the sending business number id
 * @param to the {@code to} value as sent, or the {@code recipient} (BSUID) when the send had no {@code to}
 * @param waId the recipient's wa_id, or null for a username-only recipient addressed by BSUID
 * @param type the message type ({@code text}, {@code template}, ...)
 * @param bodyJson the request body as received
 * @param at sandbox-clock time of acceptance
 * @param failureCode the error code of an injected or asynchronous failure, or 0
 */
public record SentMessage(String wamid, String phoneNumberId, String to, String waId, String type,
    String bodyJson, Instant at, int failureCode) {}
