package io.github.whatsapphelpdesk.client;

/**
 * An app subscribed to the WABA's webhooks, one entry of {@code GET /{waba-id}/subscribed_apps}
 * ({@code whatsapp_business_api_data}). Without at least one subscribed app, Meta sends no webhooks
 * for the WABA even when the callback URL is verified.
 *
 * @param id the app id
 * @param name the app's name, or null when the answer leaves it out
 * @param link the app's link, or null when the answer leaves it out
 */
public record SubscribedApp(String id, String name, String link) {}
