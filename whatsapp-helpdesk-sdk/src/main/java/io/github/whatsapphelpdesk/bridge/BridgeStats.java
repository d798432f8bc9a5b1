package io.github.whatsapphelpdesk.bridge;

/**
 * Counters of what the bridge did since it was built: a snapshot, for metrics and health checks.
 *
 * @param inboundMessages inbound messages handled (each wamid once)
 * @param duplicatesSkipped inbound messages or replies seen again and skipped
 * @param ticketsCreated tickets (and follow-ups) the bridge created
 * @param messagesAppended customer messages written to tickets
 * @param notesWritten internal notes written for agents
 * @param repliesQueued agent replies queued for WhatsApp
 * @param repliesHeld agent replies held (window closed, no usable template) with a note
 * @param messagesSent outbox messages the Cloud API accepted
 * @param templatesSent of which templates
 * @param shadowRecorded outbox messages recorded instead of sent (shadow mode)
 * @param sendRetries sends that failed and were scheduled again
 * @param deadLettered outbox messages given up on (with a note for the agent)
 * @param optOuts customers added to the suppression list
 * @param outsideRollout inbound events ignored because the customer is outside the rollout
 * @param helpdeskRetries helpdesk calls that failed retryably and were retried
 * @param inboundRejected inbound messages the helpdesk rejected permanently (kept for
 *     {@code HelpdeskBridge.replayRejected()})
 */
public record BridgeStats(
    long inboundMessages, long duplicatesSkipped, long ticketsCreated, long messagesAppended,
    long notesWritten, long repliesQueued, long repliesHeld, long messagesSent, long templatesSent,
    long shadowRecorded, long sendRetries, long deadLettered, long optOuts, long outsideRollout,
    long helpdeskRetries, long inboundRejected) {}
